/**
 * A Yjs client for workerd tests: a real WebSocket through the Worker (`SELF.fetch` upgrade, so the
 * ticket door runs) speaking the y-protocols sync and awareness messages, as the browser's
 * y-partyserver provider does.
 */
import { SELF } from 'cloudflare:test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { call, type TestUser } from './helpers.ts';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
/** Origin of updates that came from the server, so they are not sent back. */
const FROM_SERVER = Symbol('server');

export interface YClient {
  doc: Y.Doc;
  awareness: awarenessProtocol.Awareness;
  ws: WebSocket;
  /** Resolves once the server's state has arrived (sync step 2). */
  synced: Promise<void>;
  /** Resolves with the close code when the server closes the socket. */
  closed: Promise<{ code: number; reason: string }>;
  send(bytes: Uint8Array | string): void;
  close(): void;
}

/** A fresh room ticket for `person` on `boardId`. */
export async function boardTicket(person: TestUser, boardId: string): Promise<string> {
  const issued = await call('/api/v1/rooms/tickets', {
    token: person.token,
    body: { room: 'pipeline-board', id: boardId },
  });
  if (issued.status !== 200) throw new Error(`ticket refused: ${issued.status} ${issued.text}`);
  return issued.json.url;
}

/** Opens the board's room as `person` and returns the client (status ≠ 101 throws). */
export async function connectBoard(person: TestUser, boardId: string, doc = new Y.Doc()) {
  return connectUrl(await boardTicket(person, boardId), doc);
}

export async function connectUrl(url: string, doc = new Y.Doc()): Promise<YClient> {
  const res = await SELF.fetch(`http://localhost${url}`, { headers: { upgrade: 'websocket' } });
  if (res.status !== 101 || !res.webSocket) {
    throw new Error(`room refused the connection: ${res.status} ${await res.text()}`);
  }
  const ws = res.webSocket;
  // workerd delivers binary frames as Blobs unless asked otherwise.
  ws.binaryType = 'arraybuffer';
  ws.accept();
  const awareness = new awarenessProtocol.Awareness(doc);
  let markSynced: () => void = () => {};
  const synced = new Promise<void>((ok) => {
    markSynced = ok;
  });
  const closed = new Promise<{ code: number; reason: string }>((ok) =>
    ws.addEventListener('close', (e) => ok({ code: e.code, reason: e.reason })),
  );
  const send = (bytes: Uint8Array | string) => {
    try {
      ws.send(bytes);
    } catch {
      // Closed: the test reads `closed`.
    }
  };

  ws.addEventListener('message', (event) => {
    if (typeof event.data === 'string') return;
    const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_SYNC);
      const kind = syncProtocol.readSyncMessage(decoder, encoder, doc, FROM_SERVER);
      if (kind === syncProtocol.messageYjsSyncStep2) markSynced();
      if (encoding.length(encoder) > 1) send(encoding.toUint8Array(encoder));
    } else if (type === MESSAGE_AWARENESS) {
      awarenessProtocol.applyAwarenessUpdate(
        awareness,
        decoding.readVarUint8Array(decoder),
        FROM_SERVER,
      );
    }
  });

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === FROM_SERVER) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    syncProtocol.writeUpdate(encoder, update);
    send(encoding.toUint8Array(encoder));
  });
  awareness.on(
    'update',
    ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === FROM_SERVER) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        encoder,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [...added!, ...updated!, ...removed!]),
      );
      send(encoding.toUint8Array(encoder));
    },
  );

  const hello = encoding.createEncoder();
  encoding.writeVarUint(hello, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(hello, doc);
  send(encoding.toUint8Array(hello));

  return {
    doc,
    awareness,
    ws,
    synced,
    closed,
    send,
    close: () => {
      awareness.destroy();
      try {
        ws.close(1000);
      } catch {
        // Already closed.
      }
    },
  };
}

/** Polls `check` until it returns a truthy value (or throws after `timeoutMs`). */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 3000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${last}` : ''}`);
    }
    await new Promise((ok) => setTimeout(ok, 20));
  }
}
