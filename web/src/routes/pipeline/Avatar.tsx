/** A person's initials on their steady color; a ring marks someone present on the board live. */
import { initials, personColor } from '../../lib/person-avatar.ts';

export function Avatar(props: {
  userId: string;
  name: string;
  size?: 'sm' | 'md';
  live?: boolean;
}) {
  return (
    <span
      class={`inline-grid shrink-0 place-items-center rounded-full font-semibold text-white ${
        props.size === 'sm' ? 'size-5 text-[9px]' : 'size-7 text-[11px]'
      } ${props.live ? 'ring-2 ring-surface' : ''}`}
      style={{ background: personColor(props.userId) }}
      title={props.name}
      role="img"
      aria-label={props.name}
    >
      {initials(props.name)}
    </span>
  );
}
