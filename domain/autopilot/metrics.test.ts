import { describe, expect, it } from 'vitest';
import { addTotals, deriveMetrics, safeRatio, sumTotals, ZERO_TOTALS } from './metrics.ts';

describe('ad metrics', () => {
  it('derives CTR, CPC, CVR, CPA, ROAS and AOV', () => {
    expect(
      deriveMetrics({
        impressions: 10_000,
        clicks: 150,
        spendMinor: 30_000,
        conversions: 3,
        revenueMinor: 45_000,
      }),
    ).toEqual({ ctr: 0.015, cpc: 200, cvr: 0.02, cpa: 10_000, roas: 1.5, aov: 15_000 });
  });

  it.each([
    [
      'no impressions',
      { ...ZERO_TOTALS },
      { ctr: null, cpc: null, cvr: null, cpa: null, roas: null, aov: null },
    ],
    [
      'impressions, no clicks',
      { ...ZERO_TOTALS, impressions: 500, spendMinor: 900 },
      { ctr: 0, cpc: null, cvr: null, cpa: null, roas: 0, aov: null },
    ],
    [
      'clicks, no conversions',
      { ...ZERO_TOTALS, impressions: 500, clicks: 10, spendMinor: 900 },
      { ctr: 0.02, cpc: 90, cvr: 0, cpa: null, roas: 0, aov: null },
    ],
    [
      'conversions reported after spend stopped',
      { ...ZERO_TOTALS, conversions: 1, revenueMinor: 8_000 },
      { ctr: null, cpc: null, cvr: null, cpa: 0, roas: null, aov: 8_000 },
    ],
  ])(
    'is zero-safe: %s → unmeasurable ratios are null, never 0 or Infinity',
    (_, totals, expected) => {
      expect(deriveMetrics(totals)).toEqual(expected);
    },
  );

  it('divides safely', () => {
    expect(safeRatio(1, 0)).toBeNull();
    expect(safeRatio(0, 0)).toBeNull();
    expect(safeRatio(0, 5)).toBe(0);
  });

  it('adds and sums totals without touching its inputs', () => {
    const a = { impressions: 1, clicks: 2, spendMinor: 3, conversions: 4, revenueMinor: 5 };
    const b = { impressions: 10, clicks: 20, spendMinor: 30, conversions: 40, revenueMinor: 50 };
    expect(addTotals(a, b)).toEqual({
      impressions: 11,
      clicks: 22,
      spendMinor: 33,
      conversions: 44,
      revenueMinor: 55,
    });
    expect(sumTotals([a, b, a])).toEqual({
      impressions: 12,
      clicks: 24,
      spendMinor: 36,
      conversions: 48,
      revenueMinor: 60,
    });
    expect(sumTotals([])).toEqual(ZERO_TOTALS);
    expect(a.impressions).toBe(1);
  });
});
