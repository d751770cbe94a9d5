/** Who is signed in, and signing out. */
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { useNavigate } from '@solidjs/router';
import { t } from '../lib/i18n.ts';
import { initials } from '../lib/person-avatar.ts';
import { session, signOut } from '../lib/session.ts';
import { Icon } from './Icon.tsx';

export function Avatar(props: { name: string; class?: string }) {
  return (
    <span
      aria-hidden="true"
      class={`grid shrink-0 place-items-center rounded-full bg-brand-soft font-semibold text-brand-strong ${props.class ?? 'size-8 text-xs'}`}
    >
      {initials(props.name)}
    </span>
  );
}

export function UserMenu() {
  const navigate = useNavigate();
  const leave = async () => {
    await signOut();
    navigate('/sign-in', { replace: true });
  };
  return (
    <DropdownMenu gutter={6} placement="top-start" sameWidth>
      <DropdownMenu.Trigger class="focus-ring flex w-full items-center gap-2.5 rounded-xl px-2 py-2 text-left hover:bg-surface-muted cursor-pointer">
        {/* Named by the person it shows, then what it opens (as the org switcher). */}
        <Avatar name={session.user?.name ?? ''} />
        <span class="grid min-w-0 grow">
          <span class="truncate text-sm font-medium text-fg">{session.user?.name}</span>
          <span class="truncate text-xs text-fg-muted">{session.user?.email}</span>
        </span>
        <span class="sr-only">{t('shell.accountMenu')}</span>
        <Icon name="chevronsUpDown" class="size-4 text-fg-muted" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu-content">
          <DropdownMenu.Item class="menu-item" onSelect={leave}>
            <Icon name="logOut" />
            {t('shell.signOut')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
