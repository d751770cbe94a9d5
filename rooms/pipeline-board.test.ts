/**
 * The PipelineBoard room through real WebSockets and its RPC interface, on real local storage:
 * ticket checks, viewers, bad messages, persistence across restarts, projection to D1 and its
 * catch-up after a failure, presence, and REST writes reaching live clients.
 */
import {
  abortAllDurableObjects,
  env,
  evictDurableObject,
  runDurableObjectAlarm,
  runInDurableObject,
  SELF,
} from 'cloudflare:test';
import * as encoding from 'lib0/encoding';
import { describe, expect, it, vi } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  addLead,
  moveLead,
  readBoard,
  readLead,
  stageLeads,
  updateLead,
} from '../domain/pipeline/board-doc.ts';
import { signRoomTicket } from '../platform/tokens.ts';
import { addMember, call, listenToOrgHub, signUp, type TestUser } from '../test/helpers.ts';
import { boardTicket, connectBoard, connectUrl, eventually } from '../test/yjs-client.ts';
import { MAX_MESSAGE_BYTES, type PipelineBoard } from './pipeline-board.ts';

// Real sockets, alarms and restarts on a shared two-core machine: give each test room.
vi.setConfig({ testTimeout: 20_000 });

async function newBoard(owner: TestUser, name = 'Vendas') {
  const res = await call('/api/v1/boards', { token: owner.token, body: { name } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; stages: { id: string; name: string }[] };
}

const stub = (boardId: string) => env.PIPELINE_BOARD.getByName(boardId);

const d1Lead = (id: string) =>
  env.DB.prepare('select * from leads where id = ?').bind(id).first<Record<string, any>>();

const storedUpdates = (boardId: string) =>
  runInDurableObject(
    stub(boardId),
    (_: PipelineBoard, state) =>
      state.storage.sql.exec<{ n: number }>('select count(*) as n from doc_updates').one().n,
  );

describe('connecting', () => {
  it('needs a ticket for this board of this org, unexpired', async () => {
    const owner = await signUp();
    const other = await signUp();
    const board = await newBoard(owner);
    const otherBoard = await newBoard(other);
    const path = `/parties/pipeline-board/${board.id}`;
    const open = async (url: string) =>
      (await SELF.fetch(`http://localhost${url}`, { headers: { upgrade: 'websocket' } })).status;
    expect(await open(path)).toBe(401);
    // Another org cannot even get a ticket for this board…
    const refused = await call('/api/v1/rooms/tickets', {
      token: other.token,
      body: { room: 'pipeline-board', id: board.id },
    });
    expect(refused.status).toBe(404);
    // …and its ticket for its own board does not open this one.
    const otherUrl = await boardTicket(other, otherBoard.id);
    const otherTicket = new URL(otherUrl, 'http://x').searchParams.get('ticket');
    expect(await open(`${path}?ticket=${otherTicket}`)).toBe(403);
    const { SignJWT } = await import('jose');
    const expired = await new SignJWT({
      org: owner.org.id,
      room: 'pipeline-board',
      id: board.id,
      role: 'owner',
      name: 'x',
    })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('gestorlead')
      .setAudience('room')
      .setSubject(owner.user.id)
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(new TextEncoder().encode(env.JWT_SECRET));
    expect(await open(`${path}?ticket=${expired}`)).toBe(401);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    expect(readBoard(client.doc).stages.map((s) => s.name)).toEqual(
      board.stages.map((s) => s.name),
    );
    client.close();
  });

  it('closes a connection whose ticket names another org than the board’s', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const board = await newBoard(owner);
    // A validly signed ticket for this board id but another org (as if ids were reused).
    const ticket = await signRoomTicket(env.JWT_SECRET, stranger.user.id, {
      org: stranger.org.id,
      room: 'pipeline-board',
      id: board.id,
      role: 'owner',
      name: 'x',
    });
    const client = await connectUrl(`/parties/pipeline-board/${board.id}?ticket=${ticket}`);
    expect((await client.closed).code).toBe(1008);
    expect(client.doc.getMap('stages').size).toBe(0);
  });
});

describe('live editing', () => {
  it('relays edits between clients and stores each before the room handles anything else', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    const board = await newBoard(owner);
    const a = await connectBoard(owner, board.id);
    const b = await connectBoard(member, board.id);
    await Promise.all([a.synced, b.synced]);
    const before = await storedUpdates(board.id);
    const id = addLead(a.doc, { stageId: board.stages[0]!.id, name: 'Padaria Pão Quente' });
    await eventually(() => readLead(b.doc, id));
    expect(await storedUpdates(board.id)).toBe(before + 1);
    a.close();
    b.close();
  });

  it('drops a viewer’s edits: not stored, not relayed, not projected', async () => {
    const owner = await signUp();
    const viewer = await addMember(owner, 'viewer');
    const board = await newBoard(owner);
    const watcher = await connectBoard(owner, board.id);
    const v = await connectBoard(viewer, board.id);
    await Promise.all([watcher.synced, v.synced]);
    const before = await storedUpdates(board.id);
    const sneaky = addLead(v.doc, { stageId: board.stages[0]!.id, name: 'Sneaky' });
    // A later edit by the owner proves the room processed everything sent before it.
    const honest = addLead(watcher.doc, { stageId: board.stages[0]!.id, name: 'Honest' });
    await eventually(() => readLead(v.doc, honest));
    expect(readLead(watcher.doc, sneaky)).toBeNull();
    expect(await storedUpdates(board.id)).toBe(before + 1);
    await stub(board.id).flushProjection();
    expect(await d1Lead(sneaky)).toBeNull();
    expect(await d1Lead(honest)).toMatchObject({ name: 'Honest' });
    // The viewer still sees the board and stays connected.
    expect(v.ws.readyState).toBe(WebSocket.OPEN);
    watcher.close();
    v.close();
  });

  it('closes only the connection that sends a malformed message', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const bad = await connectBoard(owner, board.id);
    const good = await connectBoard(owner, board.id);
    await Promise.all([bad.synced, good.synced]);
    // A sync "update" whose payload is not a Yjs update.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsUpdate);
    encoding.writeVarUint8Array(encoder, new Uint8Array([255, 255, 255, 255, 1, 2, 3]));
    bad.send(encoding.toUint8Array(encoder));
    expect((await bad.closed).code).toBe(1007);
    const id = addLead(good.doc, { stageId: board.stages[0]!.id, name: 'Still here' });
    await stub(board.id).flushProjection();
    expect(await d1Lead(id)).toMatchObject({ name: 'Still here' });
    expect(good.ws.readyState).toBe(WebSocket.OPEN);
    good.close();
  });

  it.each([
    ['an unknown message type', new Uint8Array([7, 0, 0])],
    ['a text frame', 'hello'],
    // Awareness: one entry (client 1, clock 1) whose state is not JSON.
    ['an awareness state that is not JSON', new Uint8Array([1, 7, 1, 1, 1, 3, 123, 120, 125])],
  ])('closes a connection that sends %s', async (_, message) => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    client.send(message);
    expect([1003, 1007]).toContain((await client.closed).code);
  });

  it('refuses an oversized update and closes that connection', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    const before = await storedUpdates(board.id);
    // Build the update offline, then send it as one message.
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(client.doc));
    addLead(offline, {
      stageId: board.stages[0]!.id,
      name: 'Huge',
      notes: 'x'.repeat(MAX_MESSAGE_BYTES + 10),
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(
      encoder,
      Y.encodeStateAsUpdate(offline, Y.encodeStateVector(client.doc)),
    );
    client.send(encoding.toUint8Array(encoder));
    expect((await client.closed).code).toBe(1009);
    expect(await storedUpdates(board.id)).toBe(before);
  });

  it('shares presence (awareness) and forgets it when a person leaves', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    const board = await newBoard(owner);
    const a = await connectBoard(owner, board.id);
    const b = await connectBoard(member, board.id);
    await Promise.all([a.synced, b.synced]);
    const isOwner = (s: { user?: { id?: string } }) => s.user?.id === owner.user.id;
    a.awareness.setLocalState({ user: { id: owner.user.id, name: 'Ana' }, leadId: 'x' });
    await eventually(() => [...b.awareness.getStates().values()].some(isOwner));
    a.close();
    await eventually(() => ![...b.awareness.getStates().values()].some(isOwner));
    b.close();
  });

  it('names each person in presence as their ticket does, whatever the client claims', async () => {
    const owner = await signUp({ name: 'Ana Owner' });
    const member = await addMember(owner, 'member');
    const board = await newBoard(owner);
    const a = await connectBoard(owner, board.id);
    const b = await connectBoard(member, board.id);
    await Promise.all([a.synced, b.synced]);
    b.awareness.setLocalState({
      user: { id: owner.user.id, name: 'Ana Owner', color: '#e11d48' },
      leadId: 'lead-1',
    });
    await eventually(() =>
      [...a.awareness.getStates().values()].some((s) => s.leadId === 'lead-1'),
    );
    const seen = [...a.awareness.getStates().values()].find((s) => s.leadId === 'lead-1');
    // The member posed as the owner: everyone else sees the member, with the colour they chose.
    expect(seen?.user).toEqual({ id: member.user.id, name: member.user.name, color: '#e11d48' });
    a.close();
    b.close();
  });
});

describe('persistence', () => {
  it('keeps every acknowledged edit across eviction and an abrupt restart', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const a = await connectBoard(owner, board.id);
    const witness = await connectBoard(owner, board.id);
    await Promise.all([a.synced, witness.synced]);
    const stageId = board.stages[0]!.id;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(addLead(a.doc, { stageId, name: `Lead ${i}` }));
    updateLead(a.doc, ids[0]!, { notes: 'Ligar amanhã' });
    moveLead(a.doc, ids[1]!, board.stages[1]!.id, 0);
    // Acknowledged: the room relayed it, and stores what it relays before its next event.
    await eventually(() => readLead(witness.doc, ids[0]!)?.notes === 'Ligar amanhã');
    const expected = readBoard(a.doc);
    a.close();
    witness.close();

    await evictDurableObject(stub(board.id), { webSockets: 'close' });
    const afterEviction = await connectBoard(owner, board.id);
    await afterEviction.synced;
    expect(readBoard(afterEviction.doc)).toEqual(expected);
    afterEviction.close();

    // Compaction folds the log into a snapshot; after an abrupt reset, loading it gives the same board.
    await stub(board.id).storageStats(true);
    await abortAllDurableObjects();
    const afterCompaction = await connectBoard(owner, board.id);
    await afterCompaction.synced;
    expect(readBoard(afterCompaction.doc)).toEqual(expected);
    afterCompaction.close();
  });
});

describe('projection to D1', () => {
  it('writes stages and leads within ~2 s of the last change, attributed on the timeline', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    const id = addLead(client.doc, {
      stageId: board.stages[0]!.id,
      name: 'Ana',
      company: 'ACME',
      value: 1500_00,
      tags: ['vip'],
    });
    moveLead(client.doc, id, board.stages[2]!.id, 0);
    const started = Date.now();
    const row = await eventually(async () => {
      const lead = await d1Lead(id);
      return lead?.stage_id === board.stages[2]!.id ? lead : null;
    }, 4000);
    expect(Date.now() - started).toBeLessThan(2500);
    expect(row).toMatchObject({
      org_id: owner.org.id,
      board_id: board.id,
      name: 'Ana',
      value: 150000,
    });
    expect(JSON.parse(row!.tags)).toEqual(['vip']);
    const events = await eventually(async () => {
      const { results } = await env.DB.prepare(
        'select kind, author_user_id, payload from lead_events where lead_id = ? order by id',
      )
        .bind(id)
        .all<{ kind: string; author_user_id: string; payload: string }>();
      return results.length >= 2 ? results : null;
    });
    if (!events) throw new Error('no timeline events');
    expect(events.map((e) => e.kind)).toEqual(['created', 'stage_change']);
    expect(events.every((e) => e.author_user_id === owner.user.id)).toBe(true);
    expect(JSON.parse(events[1]!.payload)).toMatchObject({
      from: board.stages[0]!.id,
      to: board.stages[2]!.id,
    });
    client.close();
  });

  it('catches up after D1 refused a projection, writing each row once', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const room = stub(board.id);
    const created = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, name: 'Before the outage' },
    });
    expect(created.status).toBe(201);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    // D1 goes away: the projection fails and keeps its backlog.
    await env.DB.exec('ALTER TABLE lead_events RENAME TO lead_events_away');
    try {
      updateLead(client.doc, created.json.id, { name: 'During the outage' });
      await eventually(
        async () =>
          (await runInDurableObject(
            room,
            (_: PipelineBoard, state) =>
              state.storage.sql.exec<{ n: number }>('select count(*) as n from dirty').one().n,
          )) > 0,
      );
      expect(await runDurableObjectAlarm(room)).toBe(true);
      expect(
        await runInDurableObject(
          room,
          (_: PipelineBoard, state) =>
            state.storage.sql
              .exec<{ value: string }>("select value from meta where key = 'projection_failures'")
              .one().value,
        ),
      ).toBe('1');
      expect((await d1Lead(created.json.id))?.name).toBe('Before the outage');
    } finally {
      await env.DB.exec('ALTER TABLE lead_events_away RENAME TO lead_events');
    }
    // The retry alarm (or the next one) writes the backlog; a second run changes nothing.
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect((await d1Lead(created.json.id))?.name).toBe('During the outage');
    const events = () =>
      env.DB.prepare(
        "select count(*) as n from lead_events where lead_id = ? and kind = 'field_change'",
      )
        .bind(created.json.id)
        .first<{ n: number }>();
    expect((await events())!.n).toBe(1);
    await room.flushProjection();
    expect((await events())!.n).toBe(1);
    const version = await env.DB.prepare('select projected_version from boards where id = ?')
      .bind(board.id)
      .first<{ projected_version: number }>();
    expect(version!.projected_version).toBe((await room.storageStats()).version);
    client.close();
  });

  it('writes a note and its audit entry in one D1 batch: neither while D1 refuses, both once after', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const room = stub(board.id);
    const lead = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, name: 'Anotado' },
    });
    const notes = async () =>
      (await env.DB.prepare(
        "select count(*) as n from lead_events where lead_id = ? and kind = 'note'",
      )
        .bind(lead.json.id)
        .first<{ n: number }>())!.n;
    const audits = async () =>
      (await env.DB.prepare(
        "select count(*) as n from audit_log where target_id = ? and action = 'lead.note_added'",
      )
        .bind(lead.json.id)
        .first<{ n: number }>())!.n;
    // Only the audit table goes away: the note, in the same batch, must not land without it.
    await env.DB.exec('ALTER TABLE audit_log RENAME TO audit_log_away');
    try {
      const note = await call(`/api/v1/leads/${lead.json.id}/notes`, {
        token: owner.token,
        body: { text: 'Anotado durante a falha' },
      });
      // The room holds the note; the timeline gets it when D1 takes it.
      expect(note.status).toBe(201);
      expect(await notes()).toBe(0);
    } finally {
      await env.DB.exec('ALTER TABLE audit_log_away RENAME TO audit_log');
    }
    expect(await runDurableObjectAlarm(room)).toBe(true);
    expect([await notes(), await audits()]).toEqual([1, 1]);
    await room.flushProjection();
    expect([await notes(), await audits()]).toEqual([1, 1]);
  });

  it('tells the org which leads’ timelines grew once a live edit is projected', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    const id = addLead(client.doc, { stageId: board.stages[0]!.id, name: 'Ao vivo' });
    await eventually(() => d1Lead(id), 4000);
    const tab = await listenToOrgHub(owner);
    moveLead(client.doc, id, board.stages[1]!.id, 0);
    const heard = await eventually(
      () => tab.events.find((event) => event.type === 'lead.timeline'),
      4000,
    );
    expect(heard).toMatchObject({ boardId: board.id, leadIds: [id] });
    const { results } = await env.DB.prepare(
      "select kind from lead_events where lead_id = ? and kind = 'stage_change'",
    )
      .bind(id)
      .all();
    expect(results).toHaveLength(1);
    tab.close();
    client.close();
  });

  it('marks a lead deleted in D1 when it leaves the document', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    const id = addLead(client.doc, { stageId: board.stages[0]!.id, name: 'Gone soon' });
    await stub(board.id).flushProjection();
    await eventually(() => d1Lead(id));
    client.doc.getMap('leads').delete(id);
    await eventually(async () => (await d1Lead(id))?.deleted_at !== null, 4000);
    client.close();
  });
});

describe('REST writes reach live clients', () => {
  it('a lead created and moved over REST appears on an open board in under a second', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const client = await connectBoard(owner, board.id);
    await client.synced;
    const started = Date.now();
    const created = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, stageId: board.stages[1]!.id, name: 'Via API', value: 990 },
    });
    expect(created.status).toBe(201);
    await eventually(() => readLead(client.doc, created.json.id), 1000);
    expect(Date.now() - started).toBeLessThan(1000);
    const moved = await call(`/api/v1/leads/${created.json.id}/move`, {
      token: owner.token,
      body: { stageId: board.stages[3]!.id, index: 0 },
    });
    expect(moved.status).toBe(200);
    await eventually(
      () => stageLeads(client.doc, board.stages[3]!.id)[0]?.id === created.json.id,
      1000,
    );
    client.close();
  });
});
