import { describe, expect, it } from 'vitest';
import {
  DEFAULT_VIABILITY_SETTINGS,
  judgeProduct,
  type ProductCandidate,
  type ViabilitySettings,
} from './viability.ts';

const GOOD: ProductCandidate = {
  title: 'Garrafa térmica inteligente com display de temperatura',
  description: 'Mantém a bebida quente por 12 horas. Aço inox.',
  category: 'kitchen',
  keywords: ['garrafa', 'térmica', 'presente'],
  supplierCostMinor: 2_500,
  marketPriceMinor: 8_990,
  signals: { monthlyOrders: 1_200, rating: 4.7, competingAds: 12 },
};
const withSettings = (overrides: Partial<ViabilitySettings>) => ({
  ...DEFAULT_VIABILITY_SETTINGS,
  ...overrides,
});
const reason = (product: ProductCandidate, code: string, settings?: ViabilitySettings) =>
  judgeProduct(product, settings).reasons.filter((r) => r.code === code);

describe('product viability', () => {
  it('qualifies a strong product and lists every check it passed', () => {
    const verdict = judgeProduct(GOOD);
    expect(verdict.status).toBe('qualified');
    expect(verdict.score).toBeGreaterThanOrEqual(70);
    expect(verdict.reasons.map((r) => r.code)).toEqual([
      'category',
      'cost_below_price',
      'price_range',
      'margin',
      'markup',
      'conversion_potential',
      'competition',
      'margin_score',
      'score',
    ]);
    expect(verdict.reasons.every((r) => r.ok)).toBe(true);
    expect(verdict.reasons.find((r) => r.code === 'margin')).toEqual({
      code: 'margin',
      ok: true,
      marginPercent: 72.2,
      minimumPercent: 40,
    });
  });

  it.each([
    ['category case and spacing ignored', { category: ' Kitchen ' }, 'qualified'],
    ['category not on the allow-list', { category: 'weapons' }, 'rejected'],
  ])('%s', (_, change, status) => {
    expect(judgeProduct({ ...GOOD, ...change }).status).toBe(status);
  });

  it('rejects blocked words and brands as whole words, ignoring case and accents, and says where', () => {
    const replica = { ...GOOD, title: 'Relógio RÉPLICA premium', keywords: ['replica'] };
    expect(reason(replica, 'blocked_term')).toEqual([
      { code: 'blocked_term', ok: false, term: 'réplica', field: 'title' },
      { code: 'blocked_term', ok: false, term: 'réplica', field: 'keywords' },
      { code: 'blocked_term', ok: false, term: 'replica', field: 'title' },
      { code: 'blocked_term', ok: false, term: 'replica', field: 'keywords' },
    ]);
    expect(judgeProduct(replica).status).toBe('rejected');
    // Part of a longer word is not the word.
    expect(reason({ ...GOOD, description: 'Design replicante e moderno' }, 'blocked_term')).toEqual(
      [],
    );
    const brands = withSettings({ blockedTerms: ['Nike', 'cigarro eletrônico'] });
    expect(reason({ ...GOOD, description: 'Estilo nike' }, 'blocked_term', brands)).toHaveLength(1);
    expect(
      reason({ ...GOOD, description: 'Cigarro Eletronico' }, 'blocked_term', brands),
    ).toHaveLength(1);
    // A phrase does not match across two keywords.
    expect(
      reason({ ...GOOD, keywords: ['cigarro', 'eletrônico'] }, 'blocked_term', brands),
    ).toEqual([]);
  });

  it.each([
    [6_001, false, 40], // 39.99%: rounds to 40.0 for people, still below the minimum
    [6_000, true, 40],
    [5_999, true, 40],
  ])('margin at cost %i of 10,000 meets the 40%% minimum: %s', (cost, ok, shown) => {
    const product = { ...GOOD, marketPriceMinor: 10_000, supplierCostMinor: cost };
    expect(reason(product, 'margin')).toEqual([
      { code: 'margin', ok, marginPercent: shown, minimumPercent: 40 },
    ]);
    if (!ok) expect(judgeProduct(product).status).toBe('rejected');
  });

  it('uses the org’s minimum margin', () => {
    const product = { ...GOOD, marketPriceMinor: 10_000, supplierCostMinor: 5_500 };
    expect(judgeProduct(product).reasons.find((r) => r.code === 'margin')!.ok).toBe(true);
    expect(
      judgeProduct(product, withSettings({ minMarginPercent: 46 })).reasons.find(
        (r) => r.code === 'margin',
      )!.ok,
    ).toBe(false);
  });

  it.each([
    ['price just below the minimum', 999, 100, 'price_range', false],
    ['price at the minimum', 1_000, 100, 'price_range', true],
    ['price at the maximum', 500_000, 100_000, 'price_range', true],
    ['price just above the maximum', 500_001, 100_000, 'price_range', false],
    ['markup at 10×', 10_000, 1_000, 'markup', true],
    ['markup just above 10×', 10_000, 999, 'markup', false],
    ['cost equal to the price', 10_000, 10_000, 'cost_below_price', false],
    ['no cost', 10_000, 0, 'cost_below_price', false],
  ])('realistic prices: %s', (_, price, cost, code, ok) => {
    const product = { ...GOOD, marketPriceMinor: price, supplierCostMinor: cost };
    expect(reason(product, code)[0]!.ok).toBe(ok);
    if (!ok) expect(judgeProduct(product).status).toBe('rejected');
  });

  it('a cost at or above the price leaves out the margin and markup checks it cannot make', () => {
    const codes = judgeProduct({ ...GOOD, supplierCostMinor: GOOD.marketPriceMinor }).reasons.map(
      (r) => r.code,
    );
    expect(codes).not.toContain('markup');
    expect(codes).not.toContain('margin');
  });

  // Margin alone: 40% scores 50, 70% scores 100, linear between.
  const marginOnly = withSettings({
    weights: { conversionPotential: 0, competition: 0, margin: 1 },
  });
  it.each([
    [4_840, 69, 'rejected'],
    [4_800, 70, 'qualified'],
    [4_740, 71, 'qualified'],
  ])('qualifies at a score of 70: cost %i → %i → %s', (cost, score, status) => {
    const verdict = judgeProduct(
      { ...GOOD, marketPriceMinor: 10_000, supplierCostMinor: cost },
      marginOnly,
    );
    expect(verdict.score).toBe(score);
    expect(verdict.status).toBe(status);
    expect(verdict.reasons.at(-1)).toEqual({
      code: 'score',
      ok: status === 'qualified',
      score,
      minScore: 70,
    });
  });

  it('uses the org’s minimum score and weights', () => {
    const { score } = judgeProduct(GOOD);
    expect(judgeProduct(GOOD, withSettings({ minScore: score })).status).toBe('qualified');
    expect(judgeProduct(GOOD, withSettings({ minScore: score + 1 })).status).toBe('rejected');
    const competitionOnly = withSettings({
      weights: { conversionPotential: 0, competition: 1, margin: 0 },
    });
    expect(judgeProduct(GOOD, competitionOnly).score).toBe(judgeProduct(GOOD).parts.competition);
    expect(() =>
      judgeProduct(
        GOOD,
        withSettings({ weights: { conversionPotential: 0, competition: 0, margin: 0 } }),
      ),
    ).toThrow(RangeError);
  });

  it.each([
    [{ monthlyOrders: 999, rating: 5, competingAds: 0 }, 100, 100],
    [{ monthlyOrders: 0, rating: 3, competingAds: 999 }, 20, 0],
    [{ monthlyOrders: 9, rating: 4, competingAds: 9 }, 52, 67],
  ])(
    'scores demand, rating, price and competition on their scales: %o',
    (signals, conversion, comp) => {
      const verdict = judgeProduct({
        ...GOOD,
        marketPriceMinor: 20_000,
        supplierCostMinor: 5_000,
        signals,
      });
      expect(verdict.parts.conversionPotential).toBe(conversion);
      expect(verdict.parts.competition).toBe(comp);
    },
  );

  it('counts missing signals as neutral and names them', () => {
    const verdict = judgeProduct({ ...GOOD, signals: {} });
    expect(verdict.reasons.find((r) => r.code === 'conversion_potential')).toMatchObject({
      missing: ['monthlyOrders', 'rating'],
    });
    expect(verdict.reasons.find((r) => r.code === 'competition')).toMatchObject({
      score: 50,
      missing: ['competingAds'],
    });
  });
});
