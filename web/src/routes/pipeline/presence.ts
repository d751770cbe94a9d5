/** Who is on the board and which card each has open, from Yjs awareness, as Solid signals. */
import { createSignal, onCleanup } from 'solid-js';
import { presencesIn } from '../../lib/room-client.ts';
import type { BoardConnection, PresenceState } from './board-connection.ts';

export interface Presence {
  /** Everyone on the board (one entry per person, however many tabs), self first. */
  people: () => PresenceState['user'][];
  /** Others who have `leadId` open. */
  viewersOf: (leadId: string) => PresenceState['user'][];
}

export function trackPresence(connection: BoardConnection, selfId: string): Presence {
  const read = () => {
    const people = new Map<string, PresenceState['user']>();
    const byLead = new Map<string, PresenceState['user'][]>();
    for (const presence of presencesIn<PresenceState>(connection.awareness)) {
      people.set(presence.user.id, presence.user);
      if (presence.leadId && presence.user.id !== selfId) {
        const viewers = byLead.get(presence.leadId) ?? [];
        if (!viewers.some((v) => v.id === presence.user.id)) viewers.push(presence.user);
        byLead.set(presence.leadId, viewers);
      }
    }
    const list = [...people.values()].sort((a, b) =>
      a.id === selfId ? -1 : b.id === selfId ? 1 : a.name.localeCompare(b.name),
    );
    return { people: list, byLead };
  };
  const [state, setState] = createSignal(read());
  const onChange = () => setState(read());
  connection.awareness.on('change', onChange);
  onCleanup(() => connection.awareness.off('change', onChange));
  const none: PresenceState['user'][] = [];
  return {
    people: () => state().people,
    viewersOf: (leadId) => state().byLead.get(leadId) ?? none,
  };
}
