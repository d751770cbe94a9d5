import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  addMember,
  atStartOfRateWindow,
  call,
  nextIp,
  ORIGIN,
  signUp,
  type TestUser,
  tableCounts,
} from '../../test/helpers.ts';

async function newBoard(owner: TestUser) {
  const res = await call('/api/v1/boards', { token: owner.token, body: { name: 'Vendas' } });
  if (res.status !== 201) throw new Error(`board: ${res.status} ${res.text}`);
  return res.json as { id: string; stages: { id: string; name: string }[] };
}

const createLead = async (owner: TestUser, boardId: string, fields: Record<string, unknown>) => {
  const res = await call('/api/v1/leads', { token: owner.token, body: { boardId, ...fields } });
  if (res.status !== 201) throw new Error(`lead: ${res.status} ${res.text}`);
  return res.json;
};

const leadsOf = async (owner: TestUser, boardId: string) =>
  (await call(`/api/v1/leads?board=${boardId}&limit=200`, { token: owner.token })).json.items;

/** Posts to the capture endpoint as a browser form would. */
function capture(
  boardId: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
  ip = nextIp(),
) {
  return SELF.fetch(`${ORIGIN}/api/v1/capture/${boardId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'cf-connecting-ip': ip,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

describe('board intake settings', () => {
  it('start at the defaults, and new scoring rules rescore every lead', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const lead = await createLead(owner, board.id, { name: 'Ana', source: 'site' });
    expect(lead.score).toBe(40); // site 20 + changed today 20
    const settings = await call(`/api/v1/boards/${board.id}/settings`, { token: owner.token });
    expect(settings.json).toMatchObject({
      scoring: { sources: { site: 20 } },
      assignment: { mode: 'off', memberIds: [] },
      capture: { enabled: false },
    });

    const patched = await call(`/api/v1/boards/${board.id}/settings`, {
      method: 'PATCH',
      token: owner.token,
      body: {
        scoring: {
          sources: { Site: 50 },
          fields: {},
          recency: [],
          custom: [{ field: 'budget', op: 'gte', value: 1000, points: 30 }],
        },
      },
    });
    expect(patched.status).toBe(200);
    const rescored = await call(`/api/v1/leads/${lead.id}`, { token: owner.token });
    expect(rescored.json.score).toBe(50);
    const edited = await call(`/api/v1/leads/${lead.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { custom: { budget: 5000 } },
    });
    expect(edited.json.score).toBe(80);
    const explained = await call(`/api/v1/leads/${lead.id}/score`, { token: owner.token });
    expect(explained.json).toEqual({
      score: 80,
      reasons: [
        { code: 'source', source: 'site', points: 50 },
        { code: 'custom', field: 'budget', op: 'gte', value: 1000, points: 30 },
      ],
    });
  });

  it.each([
    [
      { scoring: { sources: {}, fields: { email: 500 }, recency: [], custom: [] } },
      'scoring.fields.email',
    ],
    [{ scoring: { sources: [], fields: {}, recency: [], custom: [] } }, 'scoring.sources'],
    [
      {
        scoring: {
          sources: {},
          fields: {},
          recency: [],
          custom: [{ field: 'x', op: 'gte', points: 1 }],
        },
      },
      'scoring.custom.0',
    ],
    [{ assignment: { mode: 'sometimes', memberIds: [] } }, 'assignment.mode'],
    [{ assignment: { mode: 'round_robin', memberIds: [] } }, 'assignment.memberIds'],
    [
      { assignment: { mode: 'round_robin', memberIds: [crypto.randomUUID()] } },
      'assignment.memberIds.0',
    ],
    [{}, ''],
  ])('refuses %j naming %s, writing nothing', async (body, path) => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const before = await tableCounts();
    const res = await call(`/api/v1/boards/${board.id}/settings`, {
      method: 'PATCH',
      token: owner.token,
      body,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors.map((e: any) => e.path)).toContain(path);
    expect(await tableCounts()).toEqual(before);
  });

  it('only admins change them', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const member = await addMember(owner, 'member');
    const res = await call(`/api/v1/boards/${board.id}/settings`, {
      method: 'PATCH',
      token: member.token,
      body: { assignment: { mode: 'off', memberIds: [] } },
    });
    expect(res.status).toBe(403);
  });
});

describe('assignment', () => {
  it('hands out concurrent new leads in turn, and least-loaded fills the emptiest first', async () => {
    const owner = await signUp();
    const carla = await addMember(owner, 'member');
    const board = await newBoard(owner);
    const memberIds = [owner.user.id, carla.user.id];
    await call(`/api/v1/boards/${board.id}/settings`, {
      method: 'PATCH',
      token: owner.token,
      body: { assignment: { mode: 'round_robin', memberIds } },
    });
    const created = await Promise.all(
      Array.from({ length: 10 }, (_, i) => createLead(owner, board.id, { name: `Lead ${i}` })),
    );
    const count = (id: string) => created.filter((l) => l.ownerId === id).length;
    expect([count(owner.user.id), count(carla.user.id)]).toEqual([5, 5]);
    // An explicit owner (or none) is kept.
    expect((await createLead(owner, board.id, { name: 'X', ownerId: null })).ownerId).toBeNull();

    await call(`/api/v1/boards/${board.id}/settings`, {
      method: 'PATCH',
      token: owner.token,
      body: { assignment: { mode: 'least_loaded', memberIds } },
    });
    for (let i = 0; i < 3; i++)
      await createLead(owner, board.id, { name: `o${i}`, ownerId: owner.user.id });
    const next = await Promise.all(
      Array.from({ length: 3 }, (_, i) => createLead(owner, board.id, { name: `n${i}` })),
    );
    expect(next.map((l) => l.ownerId)).toEqual([carla.user.id, carla.user.id, carla.user.id]);
  });
});

describe('web-form capture', () => {
  it('needs the board secret; rotating it retires the old one', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    expect((await capture(board.id, { nome: 'Ana', secret: 'cap_nope' })).status).toBe(401);
    const first = await call(`/api/v1/boards/${board.id}/capture-secret`, {
      method: 'POST',
      token: owner.token,
    });
    expect(first.status).toBe(201);
    expect(first.json.endpoint).toBe(`/api/v1/capture/${board.id}`);
    const ok = await capture(board.id, { nome: 'Ana', secret: first.json.secret });
    expect(ok.status).toBe(202);
    const second = await call(`/api/v1/boards/${board.id}/capture-secret`, {
      method: 'POST',
      token: owner.token,
    });
    expect((await capture(board.id, { nome: 'Bia', secret: first.json.secret })).status).toBe(401);
    expect(
      (await capture(board.id, { nome: 'Bia' }, { 'x-capture-secret': second.json.secret })).status,
    ).toBe(202);
    await call(`/api/v1/boards/${board.id}/capture-secret`, {
      method: 'DELETE',
      token: owner.token,
    });
    expect(
      (await capture(board.id, { nome: 'Caio' }, { 'x-capture-secret': second.json.secret }))
        .status,
    ).toBe(401);
    expect((await leadsOf(owner, board.id)).map((l: any) => l.name).sort()).toEqual(['Ana', 'Bia']);
    // A member cannot rotate it.
    const member = await addMember(owner, 'member');
    expect(
      (
        await call(`/api/v1/boards/${board.id}/capture-secret`, {
          method: 'POST',
          token: member.token,
        })
      ).status,
    ).toBe(403);
  });

  it('creates a lead from an HTML form, and merges the same phone without the 9th digit', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const { secret } = (
      await call(`/api/v1/boards/${board.id}/capture-secret`, {
        method: 'POST',
        token: owner.token,
      })
    ).json;
    const res = await capture(board.id, {
      secret,
      nome: 'Ana Souza',
      telefone: '(11) 98765-4321',
      mensagem: 'Quero um orçamento',
      utm_source: 'instagram',
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ status: 'received' });
    const [lead] = await leadsOf(owner, board.id);
    expect(lead).toMatchObject({
      name: 'Ana Souza',
      phone: '+5511987654321',
      source: 'instagram',
      notes: 'Quero um orçamento',
      stageId: board.stages[0]!.id,
    });

    const again = await SELF.fetch(`${ORIGIN}/api/v1/capture/${board.id}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-capture-secret': secret },
      body: JSON.stringify({
        name: 'Ana',
        phone: '+55 11 8765-4321',
        email: 'Ana@Clinica.com',
        empresa: 'Clínica',
      }),
    });
    expect(again.status).toBe(202);
    const leads = await leadsOf(owner, board.id);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      name: 'Ana Souza',
      email: 'ana@clinica.com',
      company: 'Clínica',
    });
    const row = await env.DB.prepare('select phone_e164, email_normalized from leads where id = ?')
      .bind(lead.id)
      .first();
    expect(row).toEqual({ phone_e164: '+5511987654321', email_normalized: 'ana@clinica.com' });
    const timeline = await call(`/api/v1/leads/${lead.id}/timeline`, { token: owner.token });
    expect(timeline.json.items.find((e: any) => e.kind === 'merged')).toMatchObject({
      payload: { via: 'capture', reason: { code: 'same_phone' }, filled: ['company', 'email'] },
    });
  });

  it('redirects a form that asks to, ignores a filled honeypot, and honours Idempotency-Key', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const { secret } = (
      await call(`/api/v1/boards/${board.id}/capture-secret`, {
        method: 'POST',
        token: owner.token,
      })
    ).json;
    const redirected = await capture(board.id, {
      secret,
      nome: 'Caio',
      _redirect: 'https://agencia.com.br/obrigado',
    });
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get('location')).toBe('https://agencia.com.br/obrigado');
    expect((await capture(board.id, { secret, nome: 'Bot', _gotcha: 'x' })).status).toBe(202);
    const key = { 'idempotency-key': crypto.randomUUID() };
    expect((await capture(board.id, { secret, nome: 'Duda' }, key)).status).toBe(202);
    expect((await capture(board.id, { secret, nome: 'Duda' }, key)).status).toBe(202);
    expect((await leadsOf(owner, board.id)).map((l: any) => l.name).sort()).toEqual([
      'Caio',
      'Duda',
    ]);
  });

  it.each([
    [{ nome: 'Ana', email: 'ana@' }, 'email'],
    [{ nome: 'Ana', telefone: '98765-4321' }, 'telefone'],
    [{ empresa: 'Só empresa' }, 'name'],
    [{ nome: 'Ana', _redirect: 'javascript:alert(1)' }, '_redirect'],
  ])('refuses %j naming %s, writing nothing', async (fields, path) => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const { secret } = (
      await call(`/api/v1/boards/${board.id}/capture-secret`, {
        method: 'POST',
        token: owner.token,
      })
    ).json;
    const before = await tableCounts();
    const res = await capture(board.id, { secret, ...fields });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as any;
    expect(body.errors.map((e: any) => e.path)).toContain(path);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses other body types and limits each client', { timeout: 60_000 }, async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const { secret } = (
      await call(`/api/v1/boards/${board.id}/capture-secret`, {
        method: 'POST',
        token: owner.token,
      })
    ).json;
    const text = await SELF.fetch(`${ORIGIN}/api/v1/capture/${board.id}`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-capture-secret': secret },
      body: 'nome=Ana',
    });
    expect(text.status).toBe(415);
    await atStartOfRateWindow(40);
    const ip = nextIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++)
      statuses.push((await capture(board.id, { secret, nome: `L${i}` }, {}, ip)).status);
    expect(statuses.slice(0, 30).every((s) => s === 202)).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe('duplicates and merges', () => {
  it('suggests near matches with reasons, and a merge keeps both timelines', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const jose = await createLead(owner, board.id, {
      name: 'José da Silva',
      company: 'Padaria Pão Quente Ltda',
      email: 'jose@padaria.com',
    });
    const twin = await createLead(owner, board.id, {
      name: 'Jose Silva',
      company: 'Padaria Pao Quente',
      phone: '11 98765-4321',
      tags: ['whatsapp'],
    });
    await createLead(owner, board.id, { name: 'Marcos Pereira', company: 'Construtora Alfa' });
    await call(`/api/v1/leads/${twin.id}/notes`, {
      token: owner.token,
      body: { text: 'Ligou ontem' },
    });

    const dupes = await call(`/api/v1/leads/${jose.id}/duplicates`, { token: owner.token });
    expect(dupes.status).toBe(200);
    expect(dupes.json.items).toHaveLength(1);
    expect(dupes.json.items[0]).toMatchObject({
      leadId: twin.id,
      exact: false,
      reasons: [{ code: 'similar_name' }, { code: 'similar_company', similarity: 1 }],
      lead: { name: 'Jose Silva' },
    });
    expect(dupes.json.items[0].similarity).toBeGreaterThan(0.9);

    const merged = await call(`/api/v1/leads/${jose.id}/merge`, {
      token: owner.token,
      body: { otherId: twin.id },
    });
    expect(merged.status).toBe(200);
    expect(merged.json.filled).toEqual(['phone', 'tags']);
    expect(merged.json.lead).toMatchObject({
      name: 'José da Silva',
      email: 'jose@padaria.com',
      phone: '11 98765-4321',
      tags: ['whatsapp'],
    });
    expect((await call(`/api/v1/leads/${twin.id}`, { token: owner.token })).status).toBe(404);
    const timeline = await call(`/api/v1/leads/${jose.id}/timeline?limit=50`, {
      token: owner.token,
    });
    const kinds = timeline.json.items.map((e: any) => e.kind);
    expect(kinds).toContain('merged');
    const moved = timeline.json.items.filter((e: any) => e.payload.mergedFrom === twin.id);
    expect(moved.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['created', 'note']));
    expect(moved.find((e: any) => e.kind === 'note').payload.text).toBe('Ligou ontem');
  });

  it.each([
    ['itself', 'self'],
    ['an unknown lead', 'unknown'],
    ['a lead on another board', 'other-board'],
    ['another org’s lead', 'other-org'],
  ])('refuses to merge %s, naming otherId and writing nothing', async (_, kind) => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const lead = await createLead(owner, board.id, { name: 'A' });
    let otherId = lead.id;
    if (kind === 'unknown') otherId = crypto.randomUUID();
    if (kind === 'other-board')
      otherId = (await createLead(owner, (await newBoard(owner)).id, { name: 'B' })).id;
    if (kind === 'other-org') {
      const stranger = await signUp();
      otherId = (await createLead(stranger, (await newBoard(stranger)).id, { name: 'C' })).id;
    }
    const before = await tableCounts();
    const res = await call(`/api/v1/leads/${lead.id}/merge`, {
      token: owner.token,
      body: { otherId },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('otherId');
    expect(await tableCounts()).toEqual(before);
  });

  it('viewers see suggestions but cannot merge', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const a = await createLead(owner, board.id, { name: 'Ana', email: 'ana@x.com' });
    const b = await createLead(owner, board.id, { name: 'Ana B', email: 'ANA@x.com' });
    const viewer = await addMember(owner, 'viewer');
    const dupes = await call(`/api/v1/leads/${a.id}/duplicates`, { token: viewer.token });
    expect(dupes.json.items[0]).toMatchObject({ leadId: b.id, exact: true, similarity: 1 });
    const res = await call(`/api/v1/leads/${a.id}/merge`, {
      token: viewer.token,
      body: { otherId: b.id },
    });
    expect(res.status).toBe(403);
  });
});
