/**
 * Who is in the campaign's room: everyone's avatar in the header, and the avatars of the people
 * editing one ad set beside it (their colours come from the room client).
 */
import { For } from 'solid-js';
import { t } from '../../../lib/i18n.ts';
import { initials } from '../../../lib/person-avatar.ts';
import type { PresenceState } from '../campaign-connection.ts';

export function Avatar(props: { user: PresenceState['user']; size?: 'sm' }) {
  return (
    <span
      class={`grid place-items-center rounded-full font-semibold text-white ring-2 ring-canvas ${props.size === 'sm' ? 'size-6 text-[10px]' : 'size-8 text-xs'}`}
      style={{ background: props.user.color }}
      title={props.user.name}
    >
      {initials(props.user.name)}
    </span>
  );
}

export function Presence(props: { people: PresenceState[]; selfId: string }) {
  return (
    <div class="flex items-center gap-2" data-testid="presence">
      <div class="flex -space-x-2" aria-hidden="true">
        <For each={props.people}>{(p) => <Avatar user={p.user} />}</For>
      </div>
      <span class="sr-only">
        {t('campaigns.peopleHere')}: {props.people.map((p) => p.user.name).join(', ')}
      </span>
    </div>
  );
}
