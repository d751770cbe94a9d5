/**
 * One board's shared document on this device: kept in IndexedDB (so the board opens and takes
 * edits with the network off) and synced with the board's room over WebSocket when it can be.
 * A board this device holds shows from its copy at once, before the sync; one it does not hold
 * waits for the room (offline, it cannot show).
 * Each (re)connect asks for a fresh room ticket, since tickets live a minute; edits made offline
 * travel on the next sync and merge with everyone else's.
 */
import { createSignal } from 'solid-js';
import { IndexeddbPersistence } from 'y-indexeddb';
import type YProvider from 'y-partyserver/provider';
import * as Y from 'yjs';
import { boardMap } from '../../../../domain/pipeline/board-doc.ts';
import { connectRoom, type RoomUser } from '../../lib/room-client.ts';
import { DroppableWebSocket } from './droppable-socket.ts';

export const BOARD_ROOM = 'pipeline-board';
const CACHE_WAIT_MS = 3000;

export type ConnectionState = 'live' | 'syncing' | 'offline';

/** What each person on the board shares through Yjs awareness. */
export interface PresenceState {
  user: RoomUser;
  /** The lead whose drawer they have open. */
  leadId: string | null;
}

export interface BoardConnection {
  doc: Y.Doc;
  provider: YProvider;
  awareness: YProvider['awareness'];
  state: () => ConnectionState;
  /**
   * True once the board's content is here, from this device's copy or from the room. An empty
   * copy (a board never opened here) does not count: the room has to bring it.
   */
  loaded: () => boolean;
  setPresence(patch: Partial<PresenceState>): void;
  close(): void;
}

export function connectBoard(
  orgId: string,
  boardId: string,
  user: PresenceState['user'],
): BoardConnection {
  const doc = new Y.Doc();
  const cache = new IndexeddbPersistence(`gl-board:${orgId}:${boardId}`, doc);
  const provider = connectRoom(BOARD_ROOM, boardId, doc, {
    WebSocketPolyfill: DroppableWebSocket as unknown as typeof WebSocket,
    // Load this device's copy first: syncing before it is in would make the room send the
    // whole board again (10,000 leads decoded twice).
    connect: false,
  });
  const [state, setState] = createSignal<ConnectionState>('syncing');
  const [loaded, setLoaded] = createSignal(false);

  // The browser knows it has no network: stop now rather than keep a half-dead socket, and come
  // back at once when it returns.
  const goOffline = () => {
    const socket = provider.ws as DroppableWebSocket | null;
    provider.disconnect();
    socket?.drop();
  };
  const goOnline = () => {
    if (!provider.shouldConnect) void provider.connect();
  };
  window.addEventListener('offline', goOffline);
  window.addEventListener('online', goOnline);

  const refresh = () => {
    if (!navigator.onLine) setState('offline');
    else if (provider.wsconnected) setState(provider.synced ? 'live' : 'syncing');
    else if (provider.wsUnsuccessfulReconnects > 0) setState('offline');
    else setState('syncing');
    if (provider.synced) setLoaded(true);
  };
  provider.on('status', refresh);
  provider.on('sync', refresh);
  let closed = false;
  const cacheLoaded = Promise.race([
    cache.whenSynced.then(() => {
      // Every board has its name and currency: an empty map means nothing was stored here.
      if (boardMap(doc).size > 0) setLoaded(true);
    }),
    // Storage refused (private mode, quota): go on without the cache.
    new Promise((resolve) => setTimeout(resolve, CACHE_WAIT_MS)),
  ]);
  void cacheLoaded.then(() => {
    if (!closed && navigator.onLine) void provider.connect();
  });
  window.addEventListener('online', refresh);
  window.addEventListener('offline', refresh);
  refresh();

  provider.awareness.setLocalState({ user, leadId: null } satisfies PresenceState);

  return {
    doc,
    provider,
    awareness: provider.awareness,
    state,
    loaded,
    setPresence(patch) {
      const current = provider.awareness.getLocalState() as PresenceState | null;
      provider.awareness.setLocalState({ user, leadId: null, ...current, ...patch });
    },
    close() {
      closed = true;
      window.removeEventListener('online', refresh);
      window.removeEventListener('offline', refresh);
      window.removeEventListener('offline', goOffline);
      window.removeEventListener('online', goOnline);
      provider.destroy();
      void cache.destroy();
      doc.destroy();
    },
  };
}
