import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addLead, addStage, readBoard, readLead, updateLead } from './board-doc.ts';
import {
  changedLeadIds,
  DEFAULT_INTAKE_SETTINGS,
  type IntakeSettings,
  intakeLeads,
  rescoreLeads,
  SCORING_ORIGIN,
} from './board-intake.ts';

const NOW = '2026-12-05T12:00:00.000Z';

function board() {
  const doc = new Y.Doc();
  const first = addStage(doc, { name: 'Novo' });
  const won = addStage(doc, { name: 'Ganho', probability: 100 });
  return { doc, first, won };
}

const roundRobin: IntakeSettings = {
  ...DEFAULT_INTAKE_SETTINGS,
  assignment: { mode: 'round_robin', memberIds: ['u1', 'u2'] },
};

describe('intakeLeads', () => {
  it('creates new leads at the end of the first stage with an owner in turn and a score', () => {
    const { doc, first } = board();
    const existing = addLead(doc, { name: 'Já estava', stageId: first });
    const result = intakeLeads(
      doc,
      [
        { lead: { name: 'Ana', phone: '+5511987654321', source: 'site' } },
        { lead: { name: 'Bruno', email: 'bruno@x.com' } },
        { lead: { name: 'Carla', ownerId: 'u9' } },
        { lead: { name: 'Davi' } },
      ],
      roundRobin,
      null,
      { now: NOW },
    );
    expect(result.outcomes.map((o) => o.status === 'created' && o.ownerId)).toEqual([
      'u1',
      'u2',
      'u9',
      'u1',
    ]);
    expect(result.lastAssigned).toBe('u1');
    const leads = readBoard(doc).leads;
    expect(leads.map((l) => l.name)).toEqual(['Já estava', 'Ana', 'Bruno', 'Carla', 'Davi']);
    expect(leads.every((l) => l.stageId === first)).toBe(true);
    // site 20 + phone 15 + touched today 20
    expect(readLead(doc, result.outcomes[0]!.leadId)!.score).toBe(55);
    expect(result.outcomes[0]).toMatchObject({ score: 55, replay: false });
    expect(leads.find((l) => l.id === existing)!.score).toBe(0);
  });

  it('merges exact duplicates into the lead on the board, filling only empty fields', () => {
    const { doc, first } = board();
    const ana = addLead(doc, {
      name: 'Ana Souza',
      stageId: first,
      phone: '+5511987654321',
      tags: ['vip'],
    });
    const { outcomes } = intakeLeads(
      doc,
      [
        {
          lead: {
            name: 'Ana S',
            phone: '+5511987654321',
            email: 'ana@x.com',
            tags: ['site'],
            notes: 'Veio pelo formulário',
          },
        },
      ],
      DEFAULT_INTAKE_SETTINGS,
      null,
      { now: NOW },
    );
    expect(outcomes).toEqual([
      {
        status: 'merged',
        leadId: ana,
        reason: { code: 'same_phone', phone: '+5511987654321' },
        filled: ['email', 'tags', 'notes'],
      },
    ]);
    const merged = readLead(doc, ana)!;
    expect(merged).toMatchObject({
      name: 'Ana Souza',
      email: 'ana@x.com',
      tags: ['vip', 'site'],
      notes: 'Veio pelo formulário',
      updatedAt: NOW,
      score: 45,
    });
    expect(readBoard(doc).leads).toHaveLength(1);
  });

  it('merges a duplicate within the same call, found by either of the first one’s keys', () => {
    const { doc } = board();
    const { outcomes } = intakeLeads(
      doc,
      [
        { lead: { name: 'Ana', email: 'ana@x.com' } },
        { lead: { name: 'Ana', email: 'ANA@x.com', phone: '11987654321' } },
        { lead: { name: 'Ana (whats)', phone: '+55 11 8765-4321', company: 'Clínica' } },
      ],
      DEFAULT_INTAKE_SETTINGS,
      null,
      { now: NOW },
    );
    expect(outcomes.map((o) => o.status)).toEqual(['created', 'merged', 'merged']);
    const leads = readBoard(doc).leads;
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      email: 'ana@x.com',
      phone: '11987654321',
      company: 'Clínica',
    });
  });

  it('a replay with the same ids changes nothing and reports the same leads', () => {
    const { doc } = board();
    const batch = [
      { id: 'row-1', lead: { name: 'Ana', email: 'ana@x.com' } },
      { id: 'row-2', lead: { name: 'Ana de novo', email: 'ana@x.com', company: 'X' } },
      { id: 'row-3', lead: { name: 'Bruno' } },
    ];
    const first = intakeLeads(doc, batch, roundRobin, null, { now: NOW });
    const state = Y.encodeStateVector(doc);
    const again = intakeLeads(doc, batch, roundRobin, first.lastAssigned, { now: NOW });
    expect(readBoard(doc).leads.map((l) => l.id)).toEqual(['row-1', 'row-3']);
    expect(again.outcomes.map((o) => [o.status, o.leadId])).toEqual(
      first.outcomes.map((o) => [o.status, o.leadId]),
    );
    expect(Y.encodeStateVector(doc)).toEqual(state);
    expect(again.lastAssigned).toBe(first.lastAssigned);
  });

  it('least-loaded ignores leads in won stages', () => {
    const { doc, first, won } = board();
    for (let i = 0; i < 3; i++) addLead(doc, { name: `w${i}`, stageId: won, ownerId: 'u1' });
    addLead(doc, { name: 'open', stageId: first, ownerId: 'u2' });
    const { outcomes } = intakeLeads(
      doc,
      [{ lead: { name: 'x' } }, { lead: { name: 'y' } }],
      { ...DEFAULT_INTAKE_SETTINGS, assignment: { mode: 'least_loaded', memberIds: ['u1', 'u2'] } },
      null,
      { now: NOW },
    );
    expect(outcomes.map((o) => o.status === 'created' && o.ownerId)).toEqual(['u1', 'u2']);
  });

  it('refuses a stage that is not on the board, writing nothing', () => {
    const { doc } = board();
    expect(() =>
      intakeLeads(
        doc,
        [{ lead: { name: 'ok' } }, { lead: { name: 'x', stageId: 'nope' } }],
        DEFAULT_INTAKE_SETTINGS,
        null,
        { now: NOW },
      ),
    ).toThrow(/No stage nope/);
    expect(readBoard(doc).leads).toHaveLength(0);
  });

  it('takes 10,000 candidates against 10,000 leads in one linear pass', () => {
    const { doc } = board();
    const make = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        lead: { name: `Lead ${from + i}`, phone: `+55119${String(10_000_000 + from + i)}` },
      }));
    intakeLeads(doc, make(0, 10_000), DEFAULT_INTAKE_SETTINGS, null, { now: NOW });
    const started = performance.now();
    const { outcomes } = intakeLeads(doc, make(5_000, 10_000), DEFAULT_INTAKE_SETTINGS, null, {
      now: NOW,
    });
    const elapsed = performance.now() - started;
    expect(outcomes.filter((o) => o.status === 'merged')).toHaveLength(5_000);
    expect(readBoard(doc).leads).toHaveLength(15_000);
    // Yjs itself costs ~0.2-0.4 ms per new card here; a quadratic pass would take minutes.
    expect(elapsed).toBeLessThan(20_000);
  }, 60_000);
});

describe('rescoring after edits', () => {
  it('finds the leads a transaction touched and rewrites only scores that changed', () => {
    const { doc, first } = board();
    const a = addLead(doc, { name: 'A', stageId: first }, {}, { now: NOW });
    const b = addLead(doc, { name: 'B', stageId: first }, {}, { now: NOW });
    const seen: Set<string>[] = [];
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === SCORING_ORIGIN) return;
      const ids = changedLeadIds(doc, tr);
      seen.push(ids);
      rescoreLeads(doc, ids, DEFAULT_INTAKE_SETTINGS.scoring, new Date(NOW));
    });
    updateLead(doc, a, { email: 'a@x.com' }, { now: NOW });
    expect(seen.at(-1)).toEqual(new Set([a]));
    expect(readLead(doc, a)!.score).toBe(30); // e-mail 10 + touched today 20
    updateLead(doc, b, { tags: ['x'] }, { now: NOW });
    expect(seen.at(-1)).toEqual(new Set([b]));
    expect(readLead(doc, b)!.score).toBe(20);
    const before = seen.length;
    rescoreLeads(doc, [a, b], DEFAULT_INTAKE_SETTINGS.scoring, new Date(NOW));
    expect(seen.length).toBe(before);
  });
});
