import { describe, expect, it } from 'vitest';
import { addMember, call, signUp, type TestUser, tableCounts } from '../../test/helpers.ts';

async function newBoard(owner: TestUser, body: Record<string, unknown> = { name: 'Vendas' }) {
  const res = await call('/api/v1/boards', { token: owner.token, body });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; name: string; stages: { id: string; name: string }[] };
}

const stageNames = async (owner: TestUser, boardId: string) =>
  (await call(`/api/v1/boards/${boardId}`, { token: owner.token })).json.stages.map(
    (s: { name: string }) => s.name,
  );

describe('boards', () => {
  it('are created with the default funnel or given stages, listed, read and renamed', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    // The funnel, then the two ways a deal ends.
    expect(
      (board.stages as unknown as { name: string; outcome: string | null }[]).map((s) => [
        s.name,
        s.outcome,
      ]),
    ).toEqual([
      ['Novo', null],
      ['Qualificado', null],
      ['Proposta', null],
      ['Negociação', null],
      ['Ganho', 'won'],
      ['Perdido', 'lost'],
    ]);
    const custom = await newBoard(owner, {
      name: 'Parcerias',
      currency: 'USD',
      stages: [
        { name: 'Contato', probability: 20 },
        { name: 'Fechado', probability: 100 },
      ],
    });
    expect(custom.stages.map((s) => s.name)).toEqual(['Contato', 'Fechado']);
    const list = await call('/api/v1/boards', { token: owner.token });
    expect(list.json.items.map((b: { name: string }) => b.name)).toEqual(['Vendas', 'Parcerias']);
    const renamed = await call(`/api/v1/boards/${board.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { name: 'Vendas 2027' },
    });
    expect(renamed.json).toMatchObject({ name: 'Vendas 2027', currency: 'BRL' });
    const read = await call(`/api/v1/boards/${board.id}`, { token: owner.token });
    expect(read.json.name).toBe('Vendas 2027');
    // The D1 row follows (the room projects before answering).
    const listed = await call('/api/v1/boards', { token: owner.token });
    expect(listed.json.items[0].name).toBe('Vendas 2027');
  });

  it('refuses bad input naming the field, writing nothing', async () => {
    const owner = await signUp();
    const before = await tableCounts();
    for (const [body, path] of [
      [{ name: '' }, 'name'],
      [{ name: 'x', currency: 'real' }, 'currency'],
      [{ name: 'x', stages: [] }, 'stages'],
      [{ name: 'x', stages: [{ name: 'a', probability: 120 }] }, 'stages.0.probability'],
      [{ name: 'x', stages: [{ name: 'a', outcome: 'maybe' }] }, 'stages.0.outcome'],
    ] as const) {
      const res = await call('/api/v1/boards', { token: owner.token, body });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('a lead in the lost stage keeps its loss reason, in the document and in the lists', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const stages = board.stages as unknown as { id: string; outcome: string | null }[];
    const lost = stages.find((s) => s.outcome === 'lost')!;
    const lead = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, stageId: lost.id, name: 'Bruno', lostReason: 'Preço' },
    });
    expect(lead.status, lead.text).toBe(201);
    expect(lead.json.lostReason).toBe('Preço');
    const changed = await call(`/api/v1/leads/${lead.json.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { lostReason: 'Escolheu a concorrência' },
    });
    expect(changed.json.lostReason).toBe('Escolheu a concorrência');
    // The list reads the D1 projection.
    let listed: { lostReason?: string } | undefined;
    for (let i = 0; i < 50 && listed?.lostReason !== 'Escolheu a concorrência'; i++) {
      await new Promise((ok) => setTimeout(ok, 100));
      listed = (
        await call(`/api/v1/leads?board=${board.id}&stage=${lost.id}`, { token: owner.token })
      ).json.items[0];
    }
    expect(listed?.lostReason).toBe('Escolheu a concorrência');
    const tooLong = await call(`/api/v1/leads/${lead.json.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { lostReason: 'x'.repeat(201) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.errors[0].path).toBe('lostReason');
  });

  it('are created and deleted by admins only; members may rename', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    const board = await newBoard(owner);
    expect(
      (await call('/api/v1/boards', { token: member.token, body: { name: 'x' } })).status,
    ).toBe(403);
    expect(
      (await call(`/api/v1/boards/${board.id}`, { method: 'DELETE', token: member.token })).status,
    ).toBe(403);
    expect(
      (
        await call(`/api/v1/boards/${board.id}`, {
          method: 'PATCH',
          token: member.token,
          body: { name: 'Renomeado' },
        })
      ).status,
    ).toBe(200);
  });

  it('deleting one removes it, its leads from lists, and its room', async () => {
    const owner = await signUp();
    const board = await newBoard(owner);
    const lead = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, name: 'Ana' },
    });
    expect(
      (await call(`/api/v1/boards/${board.id}`, { method: 'DELETE', token: owner.token })).status,
    ).toBe(204);
    expect((await call(`/api/v1/boards/${board.id}`, { token: owner.token })).status).toBe(404);
    expect((await call(`/api/v1/leads/${lead.json.id}`, { token: owner.token })).status).toBe(404);
    expect((await call('/api/v1/leads', { token: owner.token })).json.items).toEqual([]);
    const ticket = await call('/api/v1/rooms/tickets', {
      token: owner.token,
      body: { room: 'pipeline-board', id: board.id },
    });
    expect(ticket.status).toBe(404);
  });
});

describe('stages', () => {
  it('are added at an index, renamed and reordered', async () => {
    const owner = await signUp();
    const board = await newBoard(owner, { name: 'B', stages: [{ name: 'A' }, { name: 'C' }] });
    const added = await call(`/api/v1/boards/${board.id}/stages`, {
      token: owner.token,
      body: { name: 'B', index: 1, probability: 40, rottingDays: 5 },
    });
    expect(added.status).toBe(201);
    expect(added.json).toMatchObject({ name: 'B', probability: 40, rottingDays: 5 });
    expect(await stageNames(owner, board.id)).toEqual(['A', 'B', 'C']);
    const renamed = await call(`/api/v1/boards/${board.id}/stages/${board.stages[1]!.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { name: 'Fechado', index: 0 },
    });
    expect(renamed.status).toBe(200);
    expect(await stageNames(owner, board.id)).toEqual(['Fechado', 'A', 'B']);
    const missing = await call(`/api/v1/boards/${board.id}/stages/${crypto.randomUUID()}`, {
      method: 'PATCH',
      token: owner.token,
      body: { name: 'x' },
    });
    expect(missing.status).toBe(404);
    const tooFar = await call(`/api/v1/boards/${board.id}/stages/${board.stages[0]!.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { index: 3 },
    });
    expect(tooFar.status).toBe(422);
    expect(tooFar.json.errors[0].path).toBe('index');
  });

  it('a stage with leads is removed only with a target, which receives its leads', async () => {
    const owner = await signUp();
    const board = await newBoard(owner, { name: 'B', stages: [{ name: 'A' }, { name: 'B' }] });
    const [a, b] = board.stages;
    for (const name of ['x', 'y']) {
      await call('/api/v1/leads', {
        token: owner.token,
        body: { boardId: board.id, stageId: a!.id, name },
      });
    }
    const refused = await call(`/api/v1/boards/${board.id}/stages/${a!.id}`, {
      method: 'DELETE',
      token: owner.token,
    });
    expect(refused.status).toBe(409);
    expect(refused.json.errors[0].path).toBe('targetStageId');
    expect(await stageNames(owner, board.id)).toEqual(['A', 'B']);
    const removed = await call(
      `/api/v1/boards/${board.id}/stages/${a!.id}?targetStageId=${b!.id}`,
      { method: 'DELETE', token: owner.token },
    );
    expect(removed.json).toEqual({ moved: 2 });
    expect(await stageNames(owner, board.id)).toEqual(['B']);
    const inB = await call(`/api/v1/leads?board=${board.id}&stage=${b!.id}`, {
      token: owner.token,
    });
    expect(inB.json.items.map((l: { name: string }) => l.name).sort()).toEqual(['x', 'y']);
  });
});
