import { describe, expect, it } from 'vitest';
import type { Lead, Stage } from '../../../../domain/pipeline/board-doc.ts';
import {
  buildColumns,
  documentIndex,
  facets,
  foldedFilterCount,
  isFiltering,
  isRotting,
  leadMatches,
  NO_FILTER,
} from './board-view.ts';

const stage = (id: string, rank: string, fields: Partial<Stage> = {}): Stage => ({
  id,
  rank,
  name: id,
  color: '#64748b',
  probability: 50,
  wipLimit: null,
  rottingDays: null,
  outcome: null,
  ...fields,
});

const lead = (id: string, stageId: string, rank: string, fields: Partial<Lead> = {}): Lead => ({
  id,
  stageId,
  rank,
  name: `Lead ${id}`,
  company: '',
  email: '',
  phone: '',
  value: 0,
  currency: 'BRL',
  source: '',
  ownerId: null,
  tags: [],
  score: 50,
  nextActivityAt: null,
  custom: {},
  notes: '',
  lostReason: '',
  createdAt: '2026-12-01T00:00:00.000Z',
  stageEnteredAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  ...fields,
});

describe('buildColumns', () => {
  const stages = [
    stage('new', 'a0', { probability: 10, wipLimit: 2 }),
    stage('won', 'a1', { probability: 100 }),
  ];
  const leads = [
    lead('3', 'new', 'a2', { value: 30_000 }),
    lead('1', 'new', 'a0', { value: 10_000, name: 'João Silva', tags: ['vip'] }),
    lead('2', 'new', 'a1', { value: 5_000, ownerId: 'carla' }),
    lead('4', 'won', 'a0', { value: 100_000 }),
    lead('5', 'gone', 'a0'),
  ];

  it('orders cards by rank and sums count, total and weighted value', () => {
    const [first, second] = buildColumns(stages, leads, NO_FILTER);
    expect(first!.ids).toEqual(['1', '2', '3']);
    expect(first!.totalValue).toBe(45_000);
    expect(first!.weightedValue).toBe(4_500);
    expect(first!.overWip).toBe(true);
    expect(second!.ids).toEqual(['4']);
    expect(second!.weightedValue).toBe(100_000);
    expect(second!.overWip).toBe(false);
  });

  it('breaks rank ties by lead id, the same on every client', () => {
    const [column] = buildColumns(
      [stage('s', 'a0')],
      [lead('b', 's', 'a0'), lead('a', 's', 'a0')],
      NO_FILTER,
    );
    expect(column!.ids).toEqual(['a', 'b']);
  });

  it('filters what is shown but keeps every card for positions and WIP', () => {
    const [first] = buildColumns(stages, leads, { ...NO_FILTER, text: 'joao' });
    expect(first!.ids).toEqual(['1']);
    expect(first!.allIds).toEqual(['1', '2', '3']);
    expect(first!.totalValue).toBe(10_000);
    expect(first!.overWip).toBe(true);
  });
});

describe('leadMatches', () => {
  const sample = lead('1', 's', 'a0', {
    name: 'Ana',
    company: 'Padaria Pão Quente',
    email: 'ana@padaria.com.br',
    phone: '+5511987654321',
    tags: ['vip', 'indicação'],
    ownerId: 'carla',
    score: 72,
  });

  it('matches text in name, company, e-mail and phone, ignoring case and accents', () => {
    expect(leadMatches(sample, { ...NO_FILTER, text: 'PAO' })).toBe(true);
    expect(leadMatches(sample, { ...NO_FILTER, text: '98765' })).toBe(true);
    expect(leadMatches(sample, { ...NO_FILTER, text: 'padaria.com' })).toBe(true);
    expect(leadMatches(sample, { ...NO_FILTER, text: 'mercado' })).toBe(false);
  });

  it('matches owner, tag and score range', () => {
    expect(leadMatches(sample, { ...NO_FILTER, ownerId: 'carla' })).toBe(true);
    expect(leadMatches(sample, { ...NO_FILTER, ownerId: 'demo' })).toBe(false);
    expect(leadMatches(sample, { ...NO_FILTER, tag: 'indicação' })).toBe(true);
    expect(leadMatches(sample, { ...NO_FILTER, tag: 'frio' })).toBe(false);
    expect(leadMatches(sample, { ...NO_FILTER, scoreMin: 70, scoreMax: 80 })).toBe(true);
    expect(leadMatches(sample, { ...NO_FILTER, scoreMin: 73 })).toBe(false);
  });

  it('knows when a filter is on', () => {
    expect(isFiltering(NO_FILTER)).toBe(false);
    expect(isFiltering({ ...NO_FILTER, text: '  ' })).toBe(false);
    expect(isFiltering({ ...NO_FILTER, scoreMax: 99 })).toBe(true);
  });

  it('counts the filters that fold away on a phone, the score range as one and not the search', () => {
    expect(foldedFilterCount(NO_FILTER)).toBe(0);
    expect(foldedFilterCount({ ...NO_FILTER, text: 'joao' })).toBe(0);
    expect(foldedFilterCount({ ...NO_FILTER, tag: 'vip', scoreMin: 10 })).toBe(2);
    expect(foldedFilterCount({ ...NO_FILTER, scoreMin: 10, scoreMax: 90 })).toBe(1);
    expect(foldedFilterCount({ ...NO_FILTER, ownerId: 'ana', tag: 'vip', scoreMax: 50 })).toBe(3);
  });
});

describe('isRotting', () => {
  const now = Date.parse('2026-12-10T00:00:00.000Z');
  const idle = lead('1', 's', 'a0', {
    stageEnteredAt: '2026-12-01T00:00:00.000Z',
    updatedAt: '2026-12-02T00:00:00.000Z',
  });

  it('marks a lead idle longer than the stage allows, counting from its last touch', () => {
    expect(isRotting(idle, stage('s', 'a0', { rottingDays: 7 }), now)).toBe(true);
    expect(isRotting(idle, stage('s', 'a0', { rottingDays: 8 }), now)).toBe(false);
    expect(isRotting(idle, stage('s', 'a0', { rottingDays: null }), now)).toBe(false);
  });
});

describe('documentIndex', () => {
  it('maps a spot among the shown cards to a position among all cards', () => {
    const all = ['a', 'b', 'c', 'd', 'e'];
    const shown = ['b', 'd'];
    expect(documentIndex(all, shown, 0)).toBe(1);
    expect(documentIndex(all, shown, 1)).toBe(3);
    expect(documentIndex(all, shown, 2)).toBe(4);
    expect(documentIndex(all, [], 0)).toBe(5);
    expect(documentIndex(all, all, 2)).toBe(2);
  });
});

describe('facets', () => {
  it('lists the tags and owners in use', () => {
    const result = facets([
      lead('1', 's', 'a0', { tags: ['b', 'a'], ownerId: 'x' }),
      lead('2', 's', 'a1', { tags: ['a'], ownerId: null }),
    ]);
    expect(result).toEqual({ tags: ['a', 'b'], ownerIds: ['x'] });
  });
});
