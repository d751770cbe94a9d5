import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  addMember,
  call,
  listenToOrgHub,
  signUp,
  type TestUser,
  tableCounts,
} from '../../test/helpers.ts';
import { eventually } from '../../test/yjs-client.ts';

async function newBoard(owner: TestUser) {
  const res = await call('/api/v1/boards', { token: owner.token, body: { name: 'Vendas' } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; stages: { id: string; name: string }[] };
}

async function newLead(owner: TestUser, body: Record<string, unknown>) {
  const res = await call('/api/v1/leads', { token: owner.token, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
}

const names = (res: { json: { items: { name: string }[] } }) => res.json.items.map((l) => l.name);

describe('leads', () => {
  it('are created, read, changed and deleted', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const lead = await newLead(owner, {
      boardId: board.id,
      name: '  Ana Souza ',
      email: 'ANA@Exemplo.com.br',
      phone: '(11) 98765-4321',
      value: 250000,
      tags: ['vip'],
      custom: { cnpj: '12.345.678/0001-90', pago: false },
    });
    expect(lead).toMatchObject({
      boardId: board.id,
      stageId: board.stages[0]!.id,
      name: 'Ana Souza',
      email: 'ana@exemplo.com.br',
      value: 250000,
      currency: 'BRL',
    });
    expect((await call(`/api/v1/leads/${lead.id}`, { token: owner.token })).json).toEqual(lead);
    const patched = await call(`/api/v1/leads/${lead.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { company: 'ACME', ownerId: owner.user.id, custom: { pago: null, plano: 'ouro' } },
    });
    expect(patched.json).toMatchObject({
      company: 'ACME',
      ownerId: owner.user.id,
      custom: { cnpj: '12.345.678/0001-90', plano: 'ouro' },
    });
    expect(patched.json.custom).not.toHaveProperty('pago');
    expect(
      (await call(`/api/v1/leads/${lead.id}`, { method: 'DELETE', token: owner.token })).status,
    ).toBe(204);
    expect((await call(`/api/v1/leads/${lead.id}`, { token: owner.token })).status).toBe(404);
    const moveDeleted = await call(`/api/v1/leads/${lead.id}/move`, {
      token: owner.token,
      body: { stageId: board.stages[1]!.id, index: 0 },
    });
    expect(moveDeleted.status).toBe(404);
  });

  it('refuse bad input naming the field, writing nothing', async () => {
    const owner = await signUp();
    const outsider = await signUp();
    const board = await newBoard(owner);
    const otherBoard = await newBoard(owner);
    const before = await tableCounts();
    for (const [body, path, status] of [
      [{ boardId: board.id, name: '' }, 'name', 422],
      [{ boardId: board.id, name: 'x', email: 'not-mail' }, 'email', 422],
      [{ boardId: board.id, name: 'x', value: 1.5 }, 'value', 422],
      [{ boardId: board.id, name: 'x', score: 101 }, 'score', 422],
      [{ boardId: board.id, name: 'x', extra: 1 }, 'extra', 422],
      [{ boardId: board.id, name: 'x', stageId: otherBoard.stages[0]!.id }, 'stageId', 422],
      [{ boardId: board.id, name: 'x', index: 1 }, 'index', 422],
      [{ boardId: board.id, name: 'x', ownerId: outsider.user.id }, 'ownerId', 422],
    ] as const) {
      const res = await call('/api/v1/leads', { token: owner.token, body });
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('move to a position in a stage of their board, refusing other boards and bad indexes', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const other = await newBoard(owner);
    const [novo, qualificado] = board.stages;
    const leads = [];
    for (const name of ['a', 'b', 'c']) {
      leads.push(await newLead(owner, { boardId: board.id, stageId: qualificado!.id, name }));
    }
    const x = await newLead(owner, { boardId: board.id, stageId: novo!.id, name: 'x' });
    const move = (body: unknown) =>
      call(`/api/v1/leads/${x.id}/move`, { token: owner.token, body });
    expect((await move({ stageId: qualificado!.id, index: 1 })).status).toBe(200);
    const order = await call(`/api/v1/boards/${board.id}`, { token: owner.token });
    expect(order.status).toBe(200);
    const inStage = await call(`/api/v1/leads?board=${board.id}&stage=${qualificado!.id}`, {
      token: owner.token,
    });
    const byRank = [...inStage.json.items].sort((p: any, q: any) =>
      p.rank < q.rank ? -1 : p.rank > q.rank ? 1 : 0,
    );
    expect(byRank.map((l: { name: string }) => l.name)).toEqual(['a', 'x', 'b', 'c']);
    const otherBoard = await move({ stageId: other.stages[0]!.id, index: 0 });
    expect(otherBoard.status).toBe(422);
    expect(otherBoard.json.errors[0].path).toBe('stageId');
    const tooFar = await move({ stageId: novo!.id, index: 5 });
    expect(tooFar.status).toBe(422);
    expect(tooFar.json.errors[0].path).toBe('index');
    const negative = await move({ stageId: novo!.id, index: -1 });
    expect(negative.status).toBe(422);
    expect(negative.json.errors[0].path).toBe('index');
  });

  it('are listed from the read model with filters, search and cursor pages', async () => {
    const owner = await signUp();
    const seller = await addMember(owner, 'member');
    const board = await newBoard(owner);
    const other = await newBoard(owner);
    await newLead(owner, {
      boardId: board.id,
      name: 'Ana',
      company: 'Padaria 100% Pão',
      tags: ['vip'],
    });
    await newLead(owner, {
      boardId: board.id,
      name: 'Bruno',
      email: 'bruno@acme.com',
      ownerId: seller.user.id,
      stageId: board.stages[1]!.id,
    });
    await newLead(owner, {
      boardId: board.id,
      name: 'Carla',
      phone: '11 91234-5678',
      tags: ['vip', 'quente'],
    });
    await newLead(owner, { boardId: other.id, name: 'Diego' });
    const list = (query: string) => call(`/api/v1/leads?${query}`, { token: owner.token });
    expect(names(await list(''))).toEqual(['Diego', 'Carla', 'Bruno', 'Ana']);
    expect(names(await list(`board=${board.id}`))).toEqual(['Carla', 'Bruno', 'Ana']);
    expect(names(await list(`stage=${board.stages[1]!.id}`))).toEqual(['Bruno']);
    expect(names(await list(`owner=${seller.user.id}`))).toEqual(['Bruno']);
    expect(names(await list('tag=vip'))).toEqual(['Carla', 'Ana']);
    expect(names(await list('q=acme'))).toEqual(['Bruno']);
    expect(names(await list('q=91234'))).toEqual(['Carla']);
    expect(names(await list('q=100%25'))).toEqual(['Ana']);
    expect(names(await list('q=0%25'))).toEqual(['Ana']);
    expect(names(await list('q=_'))).toEqual([]);
    const first = await list('limit=3');
    expect(names(first)).toEqual(['Diego', 'Carla', 'Bruno']);
    const second = await list(`limit=3&cursor=${first.json.nextCursor}`);
    expect(names(second)).toEqual(['Ana']);
    expect(second.json.nextCursor).toBeNull();
    const bad = await list('limit=0&owner=nope');
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'query.limit',
      'query.owner',
    ]);
  });

  it('keep a timeline of creation, field and stage changes and notes, with their authors', async () => {
    const owner = await signUp({ name: 'Ana Gestora' });
    const board = await newBoard(owner);
    const lead = await newLead(owner, { boardId: board.id, name: 'Lead' });
    await call(`/api/v1/leads/${lead.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { value: 5000, company: 'ACME' },
    });
    await call(`/api/v1/leads/${lead.id}/move`, {
      token: owner.token,
      body: { stageId: board.stages[2]!.id, index: 0 },
    });
    const note = await call(`/api/v1/leads/${lead.id}/notes`, {
      token: owner.token,
      body: { text: 'Cliente pediu proposta até sexta.' },
    });
    expect(note.status).toBe(201);
    expect(note.json).toMatchObject({
      kind: 'note',
      author: { type: 'user', id: owner.user.id, name: 'Ana Gestora' },
      payload: { text: 'Cliente pediu proposta até sexta.' },
    });
    const tooLong = await call(`/api/v1/leads/${lead.id}/notes`, {
      token: owner.token,
      body: { text: 'x'.repeat(10_001) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.errors.map((e: { path: string }) => e.path)).toEqual(['text']);
    const key = await call('/api/v1/org/api-keys', {
      token: owner.token,
      body: { name: 'Zapier', scopes: ['leads:write', 'leads:read'] },
    });
    await call(`/api/v1/leads/${lead.id}`, {
      method: 'PATCH',
      token: key.json.key,
      // The score is derived from the board's rules (lead intake), so an API client edits a field.
      body: { source: 'zapier' },
    });
    const timeline = await call(`/api/v1/leads/${lead.id}/timeline`, { token: owner.token });
    expect(timeline.status).toBe(200);
    const events = [...timeline.json.items].reverse();
    expect(events.map((e: { kind: string }) => e.kind)).toEqual([
      'created',
      'field_change',
      'stage_change',
      'note',
      'field_change',
    ]);
    expect(events[0].author).toEqual({ type: 'user', id: owner.user.id, name: 'Ana Gestora' });
    expect(events[1].payload.fields).toEqual({
      value: { from: 0, to: 5000 },
      company: { from: '', to: 'ACME' },
    });
    expect(events[2].payload).toMatchObject({ toName: 'Proposta', fromName: 'Novo' });
    expect(events[3].payload).toEqual({ text: 'Cliente pediu proposta até sexta.' });
    expect(events[4].author).toEqual({ type: 'api_key', id: key.json.id });
  });

  it('record a note in the audit log, naming the note, its author and where it came from', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const lead = await newLead(owner, { boardId: board.id, name: 'Lead' });
    const note = await call(`/api/v1/leads/${lead.id}/notes`, {
      token: owner.token,
      body: { text: 'Retornar amanhã.' },
      ip: '203.0.113.7',
    });
    expect(note.status).toBe(201);
    const rows = await env.DB.prepare(
      "select * from audit_log where org_id = ? and action = 'lead.note_added'",
    )
      .bind(owner.org.id)
      .all<Record<string, string>>();
    expect(rows.results).toHaveLength(1);
    expect(rows.results[0]).toMatchObject({
      actor_type: 'user',
      actor_id: owner.user.id,
      target_type: 'lead',
      target_id: lead.id,
      ip: '203.0.113.7',
    });
    expect(JSON.parse(rows.results[0]!.data!)).toEqual({ noteId: note.json.id });
    // A refused note records nothing.
    const refused = await call(`/api/v1/leads/${lead.id}/notes`, {
      token: owner.token,
      body: { text: 'x'.repeat(10_001) },
    });
    expect(refused.status).toBe(422);
    const after = await env.DB.prepare(
      "select count(*) as n from audit_log where org_id = ? and action = 'lead.note_added'",
    )
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(after!.n).toBe(1);
  });

  it('tell every open tab of the org that the lead’s timeline grew, once the note can be read', async () => {
    const owner = await signUp();
    const teammate = await addMember(owner, 'member');
    const board = await newBoard(owner);
    const lead = await newLead(owner, { boardId: board.id, name: 'Lead' });
    const other = await newLead(owner, { boardId: board.id, name: 'Outro' });
    const tab = await listenToOrgHub(teammate);
    const note = await call(`/api/v1/leads/${lead.id}/notes`, {
      token: owner.token,
      body: { text: 'Fechou!' },
    });
    expect(note.status).toBe(201);
    const heard = await eventually(() =>
      tab.events.find((event) => event.type === 'lead.timeline'),
    );
    expect(heard).toMatchObject({ type: 'lead.timeline', boardId: board.id, leadIds: [lead.id] });
    // What the event announces is already readable by the teammate.
    const timeline = await call(`/api/v1/leads/${lead.id}/timeline`, { token: teammate.token });
    expect(timeline.json.items[0]).toMatchObject({ id: note.json.id, kind: 'note' });
    expect(heard.leadIds).not.toContain(other.id);
    tab.close();
  });
});
