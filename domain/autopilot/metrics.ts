/**
 * @module Ad metrics: the five counters the platforms report per ad and hour, their sums over a
 * window, and the derived ratios (CTR, CPC, CVR, CPA, ROAS, AOV).
 *
 * Money is integer minor units of the org currency. A ratio whose denominator is zero is `null`
 * ("not measurable yet"), never 0 or Infinity: a CPA of 0 for an ad with no conversions would
 * read as the best CPA there is, and a rule comparing it would pass by accident.
 *
 * Interface for callers:
 * - `MetricTotals` — what an insights row (or a SUM over rows) holds.
 * - `addTotals(a, b)`, `sumTotals(rows)`, `ZERO_TOTALS`.
 * - `deriveMetrics(totals)` → `DerivedMetrics` (each ratio `number | null`).
 */

export interface MetricTotals {
  impressions: number;
  clicks: number;
  /** Amount spent, integer minor units. */
  spendMinor: number;
  /** Conversions (orders) attributed in the pinned attribution window. */
  conversions: number;
  /** Revenue of those conversions, integer minor units. */
  revenueMinor: number;
}

export interface DerivedMetrics {
  /** Clicks per impression (0.015 = 1.5%). */
  ctr: number | null;
  /** Spend per click, minor units. */
  cpc: number | null;
  /** Conversions per click. */
  cvr: number | null;
  /** Spend per conversion, minor units. */
  cpa: number | null;
  /** Revenue per unit of spend (1.5 = 150%). */
  roas: number | null;
  /** Revenue per conversion, minor units. */
  aov: number | null;
}

export const ZERO_TOTALS: Readonly<MetricTotals> = Object.freeze({
  impressions: 0,
  clicks: 0,
  spendMinor: 0,
  conversions: 0,
  revenueMinor: 0,
});

/** `numerator / denominator`, or null when the denominator is zero. */
export function safeRatio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

export function addTotals(a: MetricTotals, b: MetricTotals): MetricTotals {
  return {
    impressions: a.impressions + b.impressions,
    clicks: a.clicks + b.clicks,
    spendMinor: a.spendMinor + b.spendMinor,
    conversions: a.conversions + b.conversions,
    revenueMinor: a.revenueMinor + b.revenueMinor,
  };
}

export function sumTotals(rows: Iterable<MetricTotals>): MetricTotals {
  const sum: MetricTotals = { ...ZERO_TOTALS };
  for (const row of rows) {
    sum.impressions += row.impressions;
    sum.clicks += row.clicks;
    sum.spendMinor += row.spendMinor;
    sum.conversions += row.conversions;
    sum.revenueMinor += row.revenueMinor;
  }
  return sum;
}

export function deriveMetrics(t: MetricTotals): DerivedMetrics {
  return {
    ctr: safeRatio(t.clicks, t.impressions),
    cpc: safeRatio(t.spendMinor, t.clicks),
    cvr: safeRatio(t.conversions, t.clicks),
    cpa: safeRatio(t.spendMinor, t.conversions),
    roas: safeRatio(t.revenueMinor, t.spendMinor),
    aov: safeRatio(t.revenueMinor, t.conversions),
  };
}
