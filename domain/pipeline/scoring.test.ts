import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORING_RULES, type ScoredLead, type ScoringRules, scoreLead } from './scoring.ts';

const NOW = new Date('2026-12-05T12:00:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 86_400_000).toISOString();
const score = (lead: ScoredLead, rules: ScoringRules = DEFAULT_SCORING_RULES) =>
  scoreLead(lead, rules, NOW);

describe('scoreLead with the default rules', () => {
  it('a complete referral touched today scores 100, reason by reason', () => {
    expect(
      score({
        source: 'Indicação',
        phone: '+5511987654321',
        email: 'ana@x.com',
        company: 'Padaria',
        value: 150_000,
        updatedAt: daysAgo(0),
      }),
    ).toEqual({
      score: 100,
      reasons: [
        { code: 'source', source: 'Indicação', points: 30 },
        { code: 'field', field: 'email', points: 10 },
        { code: 'field', field: 'phone', points: 15 },
        { code: 'field', field: 'company', points: 10 },
        { code: 'field', field: 'value', points: 15 },
        { code: 'recency', days: 0, withinDays: 3, points: 20 },
      ],
    });
  });

  it.each([
    ['bare lead, never touched', {}, 0],
    ['unknown source', { source: 'panfleto' }, 0],
    ['empty strings and zero value are not filled', { email: '', company: ' ', value: 0 }, 0],
    ['changed 10 days ago', { updatedAt: daysAgo(10) }, 10],
    ['changed 30 days ago', { updatedAt: daysAgo(30) }, 5],
    ['changed 31 days ago', { updatedAt: daysAgo(31) }, 0],
    ['a future time counts as today', { updatedAt: daysAgo(-2) }, 20],
    ['an unreadable time is ignored', { updatedAt: 'yesterday' }, 0],
  ])('%s → %i', (_, lead, expected) => {
    expect(score(lead as ScoredLead).score).toBe(expected);
  });
});

describe('custom rules', () => {
  const rules: ScoringRules = {
    sources: { 'Google Ads': 10 },
    fields: { tags: 5 },
    recency: [],
    custom: [
      { field: 'budget', op: 'gte', value: 5000, points: 40 },
      { field: 'budget', op: 'lte', value: 500, points: -30 },
      { field: 'segmento', op: 'equals', value: 'Saúde', points: 25 },
      { field: 'interesse', op: 'contains', value: 'trafego', points: 20 },
      { field: 'cnpj', op: 'filled', points: 10 },
      { field: 'decisor', op: 'equals', value: true, points: 15 },
    ],
  };

  it.each([
    ['budget at the threshold', { budget: 5000 }, 40],
    ['budget as text', { budget: '7500' }, 40],
    ['tiny budget subtracts, clamped at 0', { budget: 100 }, 0],
    ['budget not a number', { budget: 'alto' }, 0],
    ['equals ignores case and accents', { segmento: 'saude' }, 25],
    ['contains ignores accents', { interesse: 'Tráfego pago e SEO' }, 20],
    ['filled', { cnpj: '12.345.678/0001-90' }, 10],
    ['boolean equals', { decisor: true }, 15],
    ['boolean mismatch', { decisor: false }, 0],
  ])('%s', (_, custom, expected) => {
    expect(scoreLead({ custom }, rules, NOW).score).toBe(expected);
  });

  it('clamps to 100 and says so', () => {
    const result = scoreLead(
      {
        source: 'google ads',
        tags: ['vip'],
        custom: { budget: 9000, segmento: 'Saúde', interesse: 'tráfego', cnpj: 'x', decisor: true },
      },
      rules,
      NOW,
    );
    expect(result.score).toBe(100);
    expect(result.reasons.at(-1)).toEqual({ code: 'clamped', total: 125, score: 100 });
    expect(result.reasons.map((r) => r.code)).toEqual([
      'source',
      'field',
      'custom',
      'custom',
      'custom',
      'custom',
      'custom',
      'clamped',
    ]);
  });

  it('a negative total is clamped to 0 and explained', () => {
    const result = scoreLead({ custom: { budget: 10 } }, rules, NOW);
    expect(result).toEqual({
      score: 0,
      reasons: [
        { code: 'custom', field: 'budget', op: 'lte', value: 500, points: -30 },
        { code: 'clamped', total: -30, score: 0 },
      ],
    });
  });
});
