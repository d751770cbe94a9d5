import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addLead,
  addLeads,
  addStage,
  BoardDocError,
  deleteLead,
  leadsMap,
  moveLead,
  moveStage,
  orphanLeadIds,
  readBoard,
  readLead,
  readStage,
  readStages,
  removeStage,
  repairOrphanLeads,
  stageLeads,
  stagesMap,
  updateBoard,
  updateLead,
  updateStage,
} from './board-doc.ts';

const AT = '2026-12-05T12:00:00.000Z';

/** A board with stages A, B, C and leads a1..a{n} in A, in that order. */
function board(leadsInA = 4) {
  const doc = new Y.Doc();
  updateBoard(doc, { name: 'Vendas', currency: 'BRL' });
  const stageIds = ['A', 'B', 'C'].map((name) => addStage(doc, { name }, { id: name }));
  for (let i = 1; i <= leadsInA; i++) {
    addLead(doc, { stageId: 'A', name: `a${i}` }, { id: `a${i}` }, { now: AT });
  }
  return { doc, stageIds };
}

function names(doc: Y.Doc, stageId: string) {
  return stageLeads(doc, stageId).map((lead) => lead.name);
}

/** Sends each doc's missing updates to the other, like two peers reconnecting. */
function sync(a: Y.Doc, b: Y.Doc) {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, toB);
  Y.applyUpdate(a, toA);
}

function fork(doc: Y.Doc) {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

describe('reading a board', () => {
  it('returns stages in order and leads grouped by stage in card order, with defaults', () => {
    const { doc } = board(2);
    addLead(doc, { stageId: 'B', name: 'b1', value: 150_00, tags: ['vip'] }, { id: 'b1' });
    const snapshot = readBoard(doc);
    expect(snapshot.board).toEqual({ name: 'Vendas', currency: 'BRL' });
    expect(snapshot.stages.map((s) => s.name)).toEqual(['A', 'B', 'C']);
    expect(snapshot.leads.map((l) => l.id)).toEqual(['a1', 'a2', 'b1']);
    expect(readLead(doc, 'a1')).toMatchObject({
      stageId: 'A',
      company: '',
      value: 0,
      currency: 'BRL',
      ownerId: null,
      tags: [],
      score: 0,
      nextActivityAt: null,
      custom: {},
      notes: '',
      lostReason: '',
      createdAt: AT,
      stageEnteredAt: AT,
      updatedAt: AT,
    });
    expect(readLead(doc, 'b1')).toMatchObject({ value: 150_00, tags: ['vip'] });
    expect(readLead(doc, 'nope')).toBeNull();
  });
});

describe('moveLead puts the card exactly at the index', () => {
  it.each([
    // lead, stage, index, expected A, expected B
    ['a1', 'A', 3, ['a2', 'a3', 'a4', 'a1'], []],
    ['a4', 'A', 0, ['a4', 'a1', 'a2', 'a3'], []],
    ['a2', 'A', 2, ['a1', 'a3', 'a2', 'a4'], []],
    ['a2', 'A', 1, ['a1', 'a2', 'a3', 'a4'], []],
    ['a3', 'B', 0, ['a1', 'a2', 'a4'], ['a3']],
  ] as const)('%s → %s[%i]', (id, stageId, index, inA, inB) => {
    const { doc } = board();
    moveLead(doc, id, stageId, index);
    expect(names(doc, 'A')).toEqual(inA);
    expect(names(doc, 'B')).toEqual(inB);
  });

  it('sets stageEnteredAt only when the stage changes', () => {
    const { doc } = board();
    moveLead(doc, 'a1', 'A', 2, { now: '2026-12-06T00:00:00.000Z' });
    expect(readLead(doc, 'a1')).toMatchObject({
      stageEnteredAt: AT,
      updatedAt: '2026-12-06T00:00:00.000Z',
    });
    moveLead(doc, 'a1', 'B', 0, { now: '2026-12-07T00:00:00.000Z' });
    expect(readLead(doc, 'a1')?.stageEnteredAt).toBe('2026-12-07T00:00:00.000Z');
  });

  it('is one transaction carrying the caller’s origin', () => {
    const { doc } = board();
    const origins: unknown[] = [];
    doc.on('afterTransaction', (tr) => origins.push(tr.origin));
    moveLead(doc, 'a1', 'B', 0, { origin: 'user-7' });
    expect(origins).toEqual(['user-7']);
  });

  it.each([
    ['missing', 'B', 0, 'lead_not_found', 'id'],
    ['a1', 'Z', 0, 'stage_not_found', 'stageId'],
    ['a1', 'B', 1, 'index_out_of_range', 'index'],
    ['a1', 'A', 4, 'index_out_of_range', 'index'],
    ['a1', 'A', -1, 'index_out_of_range', 'index'],
    ['a1', 'A', 0.5, 'index_out_of_range', 'index'],
  ] as const)('refuses %s → %s[%s] (%s)', (id, stageId, index, code, field) => {
    const { doc } = board();
    const before = Y.encodeStateVector(doc);
    const error = catchError(() => moveLead(doc, id, stageId, index));
    expect(error).toBeInstanceOf(BoardDocError);
    expect(error).toMatchObject({ code, field });
    expect(Y.encodeStateVector(doc)).toEqual(before);
  });

  it('refuses moving a deleted lead', () => {
    const { doc } = board();
    deleteLead(doc, 'a2');
    expect(() => moveLead(doc, 'a2', 'B', 0)).toThrow(/no lead a2/);
    expect(names(doc, 'A')).toEqual(['a1', 'a3', 'a4']);
  });

  it('lands between two cards that share a rank, re-ranking the tie', () => {
    const { doc } = board(0);
    // Two peers insert at the same spot while apart: equal ranks, ordered by id.
    const other = fork(doc);
    addLead(doc, { stageId: 'A', name: 'x' }, { id: 'x' });
    addLead(other, { stageId: 'A', name: 'y' }, { id: 'y' });
    sync(doc, other);
    expect(readLead(doc, 'x')?.rank).toBe(readLead(doc, 'y')?.rank);
    addLead(doc, { stageId: 'A', name: 'z' }, { id: 'z' });
    moveLead(doc, 'z', 'A', 1);
    expect(names(doc, 'A')).toEqual(['x', 'z', 'y']);
  });
});

describe('concurrent moves on two peers never duplicate or lose a card', () => {
  it.each([
    ['same card to two stages', [['a1', 'B', 0]], [['a1', 'C', 0]]],
    ['same card to two positions', [['a1', 'A', 3]], [['a1', 'A', 2]]],
    ['two cards to the same slot', [['a1', 'B', 0]], [['a2', 'B', 0]]],
    [
      'crossing moves',
      [
        ['a1', 'B', 0],
        ['a2', 'A', 2],
      ],
      [
        ['a2', 'B', 0],
        ['a1', 'A', 1],
      ],
    ],
    ['move vs move back', [['a3', 'C', 0]], [['a3', 'A', 0]]],
  ] as const)('%s', (_name, onLeft, onRight) => {
    const { doc: left } = board();
    const right = fork(left);
    for (const [id, stage, index] of onLeft) moveLead(left, id, stage, index);
    for (const [id, stage, index] of onRight) moveLead(right, id, stage, index);
    sync(left, right);
    const snapshot = readBoard(left);
    expect(readBoard(right)).toEqual(snapshot);
    expect(snapshot.leads.map((l) => l.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4']);
    for (const stage of ['A', 'B', 'C']) {
      const ids = stageLeads(left, stage).map((l) => l.id);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('a move racing a delete leaves the card deleted, not duplicated', () => {
    const { doc: left } = board();
    const right = fork(left);
    moveLead(left, 'a1', 'B', 0);
    deleteLead(right, 'a1');
    sync(left, right);
    expect(readLead(left, 'a1')).toBeNull();
    expect(readBoard(left)).toEqual(readBoard(right));
  });
});

describe('stages', () => {
  it('adds at an index, renames and reorders', () => {
    const { doc } = board(0);
    addStage(doc, { name: 'First', probability: 10 }, { id: 'F', index: 0 });
    updateStage(doc, 'B', { name: 'Proposta', probability: 60, wipLimit: 5, rottingDays: 7 });
    moveStage(doc, 'C', 1);
    expect(readStages(doc).map((s) => s.name)).toEqual(['First', 'C', 'A', 'Proposta']);
    expect(readStages(doc)[3]).toMatchObject({ probability: 60, wipLimit: 5, rottingDays: 7 });
  });

  it('removeStage moves its cards to the end of the target, keeping their order', () => {
    const { doc } = board(3);
    addLead(doc, { stageId: 'B', name: 'b1' }, { id: 'b1' });
    removeStage(doc, 'A', 'B', { now: '2026-12-08T00:00:00.000Z' });
    expect(readStages(doc).map((s) => s.id)).toEqual(['B', 'C']);
    expect(names(doc, 'B')).toEqual(['b1', 'a1', 'a2', 'a3']);
    expect(readLead(doc, 'a1')?.stageEnteredAt).toBe('2026-12-08T00:00:00.000Z');
  });

  it('removes an empty stage without a target', () => {
    const { doc } = board(1);
    removeStage(doc, 'C', null);
    expect(readStages(doc).map((s) => s.id)).toEqual(['A', 'B']);
  });

  it.each([
    ['A', null, 'stage_not_empty', 'targetStageId'],
    ['A', 'A', 'same_stage', 'targetStageId'],
    ['A', 'Z', 'stage_not_found', 'targetStageId'],
    ['Z', 'B', 'stage_not_found', 'id'],
  ] as const)('refuses removing %s into %s', (id, target, code, field) => {
    const { doc } = board(2);
    expect(catchError(() => removeStage(doc, id, target))).toMatchObject({ code, field });
    expect(readStages(doc)).toHaveLength(3);
    expect(names(doc, 'A')).toEqual(['a1', 'a2']);
  });

  it('a card moved into a stage removed concurrently is re-homed, never lost', () => {
    const { doc: left } = board(2);
    const right = fork(left);
    removeStage(left, 'C', 'B');
    moveLead(right, 'a1', 'C', 0);
    sync(left, right);
    expect(orphanLeadIds(left)).toEqual(['a1']);
    // Until repaired it shows in the first stage, so it is visible everywhere.
    expect(readLead(left, 'a1')?.stageId).toBe('A');
    expect(repairOrphanLeads(left)).toBe(1);
    sync(left, right);
    expect(orphanLeadIds(right)).toEqual([]);
    expect(names(right, 'A')).toEqual(['a2', 'a1']);
  });
});

describe('lost deals', () => {
  it('a stage can close deals as won or lost; stages in play have no outcome', () => {
    const { doc } = board(0);
    addStage(doc, { name: 'Ganho', outcome: 'won' }, { id: 'W' });
    addStage(doc, { name: 'Perdido', color: '#ef4444', outcome: 'lost' }, { id: 'L' });
    expect(readStages(doc).map((s) => [s.name, s.outcome])).toEqual([
      ['A', null],
      ['B', null],
      ['C', null],
      ['Ganho', 'won'],
      ['Perdido', 'lost'],
    ]);
    updateStage(doc, 'W', { outcome: null });
    expect(readStage(doc, 'W')?.outcome).toBeNull();
  });

  it('reads an outcome a peer wrote wrong as none', () => {
    const { doc } = board(0);
    stagesMap(doc).get('A')!.set('outcome', 'maybe');
    expect(readStage(doc, 'A')?.outcome).toBeNull();
  });

  it('a lead moved to the lost stage takes a loss reason, and keeps it if reopened', () => {
    const { doc } = board(1);
    addStage(doc, { name: 'Perdido', outcome: 'lost' }, { id: 'L' });
    moveLead(doc, 'a1', 'L', 0);
    updateLead(doc, 'a1', { lostReason: 'Escolheu a concorrência' }, { now: AT });
    expect(readLead(doc, 'a1')).toMatchObject({
      stageId: 'L',
      lostReason: 'Escolheu a concorrência',
    });
    moveLead(doc, 'a1', 'A', 0);
    expect(readLead(doc, 'a1')?.lostReason).toBe('Escolheu a concorrência');
  });

  it('two people giving a reason at once end with the same one on both', () => {
    const { doc } = board(1);
    const other = fork(doc);
    updateLead(doc, 'a1', { lostReason: 'Preço' });
    updateLead(other, 'a1', { lostReason: 'Sem resposta' });
    sync(doc, other);
    expect(readLead(doc, 'a1')?.lostReason).toBe(readLead(other, 'a1')?.lostReason);
    expect(['Preço', 'Sem resposta']).toContain(readLead(doc, 'a1')?.lostReason);
  });
});

describe('addLeads (imports)', () => {
  it('adds thousands in order in one transaction, at the end or at an index', () => {
    const { doc } = board(2);
    let transactions = 0;
    doc.on('afterTransaction', () => transactions++);
    const rows = Array.from({ length: 3000 }, (_, i) => ({ stageId: 'A', name: `r${i}` }));
    addLeads(
      doc,
      rows.map((fields) => ({ fields })),
    );
    expect(transactions).toBe(1);
    const inA = names(doc, 'A');
    expect(inA.slice(0, 3)).toEqual(['a1', 'a2', 'r0']);
    expect(inA.at(-1)).toBe('r2999');
    expect(inA).toHaveLength(3002);
    const [x] = addLeads(
      doc,
      [{ fields: { stageId: 'A', name: 'x' }, id: 'x' }, { fields: { stageId: 'A', name: 'z' } }],
      {},
      { index: 1 },
    );
    expect(x).toBe('x');
    expect(names(doc, 'A').slice(0, 4)).toEqual(['a1', 'x', 'z', 'a2']);
    expect(() =>
      addLeads(doc, [{ fields: { stageId: 'B', name: 'y' } }], {}, { index: 1 }),
    ).toThrow(/index/);
    expect(Math.max(...stageLeads(doc, 'A').map((l) => l.rank.length))).toBeLessThanOrEqual(6);
  });
});

describe('updateLead', () => {
  it('writes only what changed and bumps updatedAt then', () => {
    const { doc } = board(1);
    updateLead(doc, 'a1', { name: 'a1' }, { now: '2026-12-09T00:00:00.000Z' });
    expect(readLead(doc, 'a1')?.updatedAt).toBe(AT);
    updateLead(
      doc,
      'a1',
      { company: 'ACME', value: 990, tags: ['quente', 'vip'], custom: { cnpj: '1', pago: true } },
      { now: '2026-12-09T00:00:00.000Z' },
    );
    updateLead(doc, 'a1', { tags: ['vip', 'novo'], custom: { cnpj: null } });
    expect(readLead(doc, 'a1')).toMatchObject({
      company: 'ACME',
      value: 990,
      tags: ['vip', 'novo'],
      custom: { pago: true },
    });
  });

  it('two people editing the same note both keep their text', () => {
    const { doc: left } = board(1);
    updateLead(left, 'a1', { notes: 'Ligar amanhã.' });
    const right = fork(left);
    updateLead(left, 'a1', { notes: 'Cliente quer desconto. Ligar amanhã.' });
    updateLead(right, 'a1', { notes: 'Ligar amanhã. Enviar proposta.' });
    sync(left, right);
    expect(readLead(left, 'a1')?.notes).toBe(
      'Cliente quer desconto. Ligar amanhã. Enviar proposta.',
    );
    expect(readLead(right, 'a1')?.notes).toBe(readLead(left, 'a1')?.notes);
  });

  it('concurrent tag edits keep both additions', () => {
    const { doc: left } = board(1);
    const right = fork(left);
    updateLead(left, 'a1', { tags: ['vip'] });
    updateLead(right, 'a1', { tags: ['quente'] });
    sync(left, right);
    expect(readLead(left, 'a1')?.tags.sort()).toEqual(['quente', 'vip']);
  });

  it('refuses a deleted lead', () => {
    const { doc } = board(1);
    deleteLead(doc, 'a1');
    expect(catchError(() => updateLead(doc, 'a1', { name: 'x' }))).toMatchObject({
      code: 'lead_not_found',
    });
    expect(leadsMap(doc).size).toBe(0);
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
