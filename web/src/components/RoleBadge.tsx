/** A member's role as a coloured pill. */
import type { Role } from '../../../domain/permissions.ts';
import { t } from '../lib/i18n.ts';

const COLORS: Record<Role, string> = {
  owner: 'bg-accent-soft text-accent',
  admin: 'bg-brand-soft text-brand-strong',
  member: 'bg-surface-muted text-fg',
  viewer: 'bg-surface-muted text-fg-muted',
};

export const roleLabel = (role: Role) => t(`common.role_${role}`);

export function RoleBadge(props: { role: Role }) {
  return (
    <span
      class={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ${COLORS[props.role]}`}
    >
      {roleLabel(props.role)}
    </span>
  );
}
