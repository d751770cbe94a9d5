/**
 * Convergence: three clients edit one board through random partitions, reconnects and crashes;
 * 1,000 random edits per run. Afterwards every replica holds the same board, every card is in
 * exactly one existing stage, and nothing the server had acknowledged is lost.
 *
 * The first suite simulates the network in-process around a hub document that behaves like the
 * room (it relays updates and re-homes orphaned cards), so partitions, in-flight loss and crashes
 * can be scheduled at random; the second drives the real PipelineBoard Durable Object over
 * WebSockets, disconnecting and reconnecting clients at random.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addLead,
  addStage,
  type BoardDocError,
  deleteLead,
  moveLead,
  moveStage,
  readBoard,
  readLead,
  readStages,
  removeStage,
  repairOrphanLeads,
  stageLeads,
  updateLead,
} from '../domain/pipeline/board-doc.ts';
import { call, signUp } from '../test/helpers.ts';
import { connectBoard, eventually, type YClient } from '../test/yjs-client.ts';

/** Deterministic randomness, so a failing seed can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(items: T[]): T | undefined => items[Math.floor(next() * items.length)],
  };
}
type Random = ReturnType<typeof random>;

/** What the edits wrote that must survive, to check against the final board. */
interface Ledger {
  created: Map<string, Y.Doc>;
  deleted: Set<string>;
  /** token → lead id, for note insertions and tags. */
  noteTokens: Map<string, string>;
  tags: Map<string, string>;
  counter: number;
}

/** One random edit on `doc`, recording what must survive. Returns false if nothing applied. */
function randomEdit(doc: Y.Doc, rng: Random, ledger: Ledger): boolean {
  const stages = readStages(doc);
  const leads = readBoard(doc).leads;
  const roll = rng.next();
  const stage = rng.pick(stages);
  const lead = rng.pick(leads);
  const token = `⟨${ledger.counter++}⟩`;
  try {
    if (roll < 0.25 || !lead) {
      if (!stage) return false;
      const id = addLead(
        doc,
        { stageId: stage.id, name: `Lead ${token}` },
        { index: rng.int(stageLeads(doc, stage.id).length + 1) },
      );
      ledger.created.set(id, doc);
    } else if (roll < 0.55) {
      const target = stage ?? stages[0]!;
      const others = stageLeads(doc, target.id).filter((l) => l.id !== lead.id).length;
      moveLead(doc, lead.id, target.id, rng.int(others + 1));
    } else if (roll < 0.7) {
      // Inserted between tokens, never inside one, so each stays findable.
      const tokens = readLead(doc, lead.id)!.notes.match(/⟨\d+⟩/g) ?? [];
      tokens.splice(rng.int(tokens.length + 1), 0, token);
      updateLead(doc, lead.id, { notes: tokens.join('') });
      ledger.noteTokens.set(token, lead.id);
    } else if (roll < 0.8) {
      updateLead(doc, lead.id, { tags: [...lead.tags, token] });
      ledger.tags.set(token, lead.id);
    } else if (roll < 0.93) {
      updateLead(doc, lead.id, { value: rng.int(100_000), name: `Lead ${token}` });
    } else if (roll < 0.96) {
      deleteLead(doc, lead.id);
      ledger.deleted.add(lead.id);
    } else if (roll < 0.975) {
      addStage(doc, { name: `Stage ${token}` }, { index: rng.int(stages.length + 1) });
    } else if (roll < 0.99) {
      if (stages.length < 3 || !stage) return false;
      const target = rng.pick(stages.filter((s) => s.id !== stage.id))!;
      removeStage(doc, stage.id, target.id);
    } else {
      if (!stage) return false;
      moveStage(doc, stage.id, rng.int(stages.length));
    }
    return true;
  } catch (error) {
    // Local state is always valid for the edit chosen; anything thrown is a bug.
    throw new Error(`edit failed: ${(error as BoardDocError).message}`);
  }
}

/** Checks the final replicas against each other and against what the server acknowledged. */
function expectConverged(
  replicas: Y.Doc[],
  acknowledged: (token: string) => boolean,
  ledger: Ledger,
) {
  const [first, ...rest] = replicas;
  const board = readBoard(first!);
  for (const replica of rest) expect(readBoard(replica)).toEqual(board);
  const stageIds = new Set(board.stages.map((s) => s.id));
  const ids = board.leads.map((l) => l.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const lead of board.leads) expect(stageIds.has(lead.stageId)).toBe(true);
  const present = new Map(board.leads.map((l) => [l.id, l]));
  let checked = 0;
  for (const id of ledger.created.keys()) {
    if (ledger.deleted.has(id) || !acknowledged(`lead:${id}`)) continue;
    expect(present.has(id), `acknowledged lead ${id} is missing`).toBe(true);
    checked++;
  }
  for (const [token, leadId] of ledger.noteTokens) {
    const lead = present.get(leadId);
    if (!lead || !acknowledged(token)) continue;
    expect(lead.notes.split(token).length - 1, `note ${token}`).toBe(1);
    checked++;
  }
  for (const [token, leadId] of ledger.tags) {
    const lead = present.get(leadId);
    if (!lead || !acknowledged(token)) continue;
    expect(lead.tags, `tag ${token}`).toContain(token);
    checked++;
  }
  return checked;
}

const NET = Symbol('network');

/** An in-process network: a hub that relays like the room, and links that fail at random. */
function simulatedBoard(clientCount: number) {
  const hub = new Y.Doc();
  addStage(hub, { name: 'A' });
  addStage(hub, { name: 'B' });
  addStage(hub, { name: 'C' });
  const clients = Array.from({ length: clientCount }, () => ({
    doc: new Y.Doc(),
    online: false,
    toHub: [] as Uint8Array[],
    fromHub: [] as Uint8Array[],
  }));
  const wire = (client: (typeof clients)[number]) => {
    client.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== NET && client.online) client.toHub.push(update);
    });
  };
  clients.forEach(wire);
  hub.on('update', (update: Uint8Array, origin: unknown) => {
    for (const client of clients) {
      if (client.online && client.doc !== origin) client.fromHub.push(update);
    }
  });
  /** The room re-homes cards whose stage vanished, as PipelineBoard does after each message. */
  const hubApply = (update: Uint8Array, from: Y.Doc) => {
    Y.applyUpdate(hub, update, from);
    repairOrphanLeads(hub);
  };
  return {
    hub,
    clients,
    connect(client: (typeof clients)[number]) {
      client.online = true;
      // The sync handshake: each side sends what the other lacks.
      hubApply(Y.encodeStateAsUpdate(client.doc, Y.encodeStateVector(hub)), client.doc);
      Y.applyUpdate(client.doc, Y.encodeStateAsUpdate(hub, Y.encodeStateVector(client.doc)), NET);
    },
    disconnect(client: (typeof clients)[number]) {
      client.online = false;
      // Whatever was in flight is lost with the link.
      client.toHub.length = 0;
      client.fromHub.length = 0;
    },
    /** The client process dies: what it had not sent is gone; it restarts empty and offline. */
    crash(index: number) {
      const old = clients[index]!;
      this.disconnect(old);
      old.doc.destroy();
      const fresh = { doc: new Y.Doc(), online: false, toHub: [], fromHub: [] };
      clients[index] = fresh;
      wire(fresh);
    },
    deliver(client: (typeof clients)[number], rng: Random) {
      if (!client.online) return;
      const up = rng.int(client.toHub.length + 1);
      for (const update of client.toHub.splice(0, up)) hubApply(update, client.doc);
      const down = rng.int(client.fromHub.length + 1);
      for (const update of client.fromHub.splice(0, down)) Y.applyUpdate(client.doc, update, NET);
    },
    drain() {
      while (clients.some((c) => c.toHub.length || c.fromHub.length)) {
        for (const client of clients) {
          for (const update of client.toHub.splice(0)) hubApply(update, client.doc);
          for (const update of client.fromHub.splice(0)) Y.applyUpdate(client.doc, update, NET);
        }
      }
    },
  };
}

describe('three clients through random partitions converge, losing nothing acknowledged', () => {
  it.each([1, 42, 2026])('seed %i: 1,000 random edits', { timeout: 60_000 }, (seed) => {
    const rng = random(seed);
    const net = simulatedBoard(3);
    for (const client of net.clients) net.connect(client);
    const ledger: Ledger = {
      created: new Map(),
      deleted: new Set(),
      noteTokens: new Map(),
      tags: new Map(),
      counter: 0,
    };
    /** What the hub has seen, i.e. what was acknowledged. */
    const acked = new Set<string>();
    const recordAcks = () => {
      const board = readBoard(net.hub);
      for (const lead of board.leads) {
        acked.add(`lead:${lead.id}`);
        for (const tag of lead.tags) acked.add(tag);
        for (const token of lead.notes.match(/⟨\d+⟩/g) ?? []) acked.add(token);
      }
    };
    let edits = 0;
    let crashes = 0;
    while (edits < 1000) {
      const roll = rng.next();
      const index = rng.int(net.clients.length);
      const client = net.clients[index]!;
      if (roll < 0.6) {
        if (randomEdit(client.doc, rng, ledger)) edits++;
      } else if (roll < 0.9) {
        net.deliver(client, rng);
        recordAcks();
      } else if (roll < 0.97) {
        if (client.online) net.disconnect(client);
        else {
          net.connect(client);
          recordAcks();
        }
      } else if (!client.online && crashes < 10) {
        net.crash(index);
        crashes++;
      }
    }
    for (const client of net.clients) if (!client.online) net.connect(client);
    net.drain();
    recordAcks();
    // One more round of handshakes: every replica now has every acknowledged update.
    for (const client of net.clients) net.connect(client);
    net.drain();
    const checked = expectConverged(
      [net.hub, ...net.clients.map((c) => c.doc)],
      (token) => acked.has(token),
      ledger,
    );
    expect(checked).toBeGreaterThan(100);
    expect(Y.encodeStateVector(net.clients[0]!.doc)).toEqual(Y.encodeStateVector(net.hub));
  });
});

describe('three clients on the real room, disconnecting at random', () => {
  it('1,000 random edits converge on every client and in the stored board', {
    timeout: 120_000,
  }, async () => {
    const owner = await signUp();
    const created = await call('/api/v1/boards', { token: owner.token, body: { name: 'Caos' } });
    const boardId: string = created.json.id;
    const rng = random(7);
    const ledger: Ledger = {
      created: new Map(),
      deleted: new Set(),
      noteTokens: new Map(),
      tags: new Map(),
      counter: 0,
    };
    const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
    const sockets: (YClient | null)[] = await Promise.all(
      docs.map(async (doc) => {
        const client = await connectBoard(owner, boardId, doc);
        await client.synced;
        return client;
      }),
    );
    let edits = 0;
    while (edits < 1000) {
      const i = rng.int(3);
      const roll = rng.next();
      if (roll < 0.9) {
        if (randomEdit(docs[i]!, rng, ledger)) edits++;
      } else if (roll < 0.95 && sockets[i]) {
        sockets[i]!.close();
        sockets[i] = null;
      } else if (!sockets[i]) {
        sockets[i] = await connectBoard(owner, boardId, docs[i]);
        await sockets[i]!.synced;
      }
      // Let the sockets breathe now and then, as real clients would.
      if (edits % 50 === 0) await new Promise((ok) => setTimeout(ok, 5));
    }
    for (let i = 0; i < 3; i++) {
      if (!sockets[i]) {
        sockets[i] = await connectBoard(owner, boardId, docs[i]);
        await sockets[i]!.synced;
      }
    }
    // A newcomer loads the stored board; everyone converges on it.
    const newcomer = await connectBoard(owner, boardId);
    await newcomer.synced;
    await eventually(() => {
      const target = JSON.stringify(readBoard(newcomer.doc));
      return docs.every((doc) => JSON.stringify(readBoard(doc)) === target);
    }, 20_000);
    // Every client reconnected and synced, so everything written was acknowledged.
    const checked = expectConverged([newcomer.doc, ...docs], () => true, ledger);
    expect(checked).toBeGreaterThan(100);
    for (const socket of [...sockets, newcomer]) socket?.close();
  });
});
