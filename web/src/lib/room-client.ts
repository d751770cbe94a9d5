/**
 * What every live room on the page shares, boards and campaigns alike: the provider that syncs a
 * Yjs document with its room (asking for a fresh ticket on each (re)connect, since tickets live a
 * minute), and who is in the room from Yjs awareness. How a person looks there is
 * person-avatar.ts (apart, so the shell's user menu gets initials without the Yjs provider).
 */
import YProvider from 'y-partyserver/provider';
import type * as Y from 'yjs';
import { type Body, call, client } from './api.ts';

/** How a person appears to the others in a room. */
export interface RoomUser {
  id: string;
  name: string;
  color: string;
}

type RoomKind = Body<'/api/v1/rooms/tickets', 'post'>['room'];

/** A room ticket for `id`, or '' when refused or unreachable (see `connectRoom`). */
async function fetchRoomTicket(room: RoomKind, id: string): Promise<string> {
  try {
    const { ticket } = await call(client.POST('/api/v1/rooms/tickets', { body: { room, id } }));
    return ticket;
  } catch {
    return '';
  }
}

/** Options of the provider a room may set beyond the ones every room shares. */
type ProviderExtras = Pick<
  NonNullable<ConstructorParameters<typeof YProvider>[3]>,
  'WebSocketPolyfill' | 'connect'
>;

/** The provider syncing `doc` with room `room` named `id`, on this page's host. */
export function connectRoom(room: string, id: string, doc: Y.Doc, extras: ProviderExtras = {}) {
  return new YProvider(location.host, id, doc, {
    party: room,
    protocol: location.protocol === 'https:' ? 'wss' : 'ws',
    // A refused or unreachable ticket request still yields params: the socket then fails and the
    // provider retries with backoff, asking again, instead of giving up.
    params: async () => ({ ticket: await fetchRoomTicket(room, id) }),
    ...extras,
  });
}

/** Every presence in the room that names its person (one per tab: a person may have several). */
export function presencesIn<State extends { user: RoomUser }>(
  awareness: YProvider['awareness'],
): State[] {
  const states: State[] = [];
  for (const state of awareness.getStates().values()) {
    const presence = state as Partial<State>;
    if (presence.user?.id) states.push(presence as State);
  }
  return states;
}
