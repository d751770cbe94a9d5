/**
 * @module Classifies an ad or ad set from its metrics: `insufficient_data` until it has the
 * minimum data (impressions, hours live and spend, all at or above their thresholds), then
 * `winner` (all four performance rules met), `potential` (some) or `loser` (none).
 *
 * The four rules: ROAS ≥ target, CTR ≥ target, CVR ≥ target, CPA ≤ a percent of AOV. All are
 * compared in integers (cross-multiplied), so a value exactly at its threshold always counts as
 * meeting it. A rule whose metric is not measurable (no clicks, no conversions) is not met.
 * Note CPA ≤ 40% of the ad's own AOV is the same as ROAS ≥ 250%: the CPA rule is the stricter
 * profitability bar, ROAS the softer one, so "potential" often means "profitable, not yet great".
 *
 * Interface: `classifyPerformance(totals, {launchedAt, now}, {minimumData, targets})` →
 * `Classification` with every check's value and threshold, ready for the audit log. The caller
 * passes the minimum data of the entity's level (`settings.minimumData.ad` or `.adSet`).
 */
import { type DerivedMetrics, deriveMetrics, type MetricTotals } from './metrics.ts';
import type { MinimumData, PerformanceTargets } from './settings.ts';

export const VERDICTS = ['insufficient_data', 'loser', 'potential', 'winner'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface RuleCheck {
  rule: 'impressions' | 'hours_live' | 'spend' | 'roas' | 'ctr' | 'cvr' | 'cpa';
  passed: boolean;
  /** The measured value (a ratio, hours or minor units); null when not measurable. */
  value: number | null;
  /** The value compared against; for CPA it depends on the measured AOV (null without one). */
  threshold: number | null;
}

export interface Classification {
  verdict: Verdict;
  minimumData: RuleCheck[];
  /** The four performance rules; empty while the data is insufficient. */
  performance: RuleCheck[];
  metrics: DerivedMetrics;
}

const HOUR_MS = 3_600_000;

export function minimumDataChecks(
  totals: MetricTotals,
  live: { launchedAt: number; now: number },
  minimum: MinimumData,
): RuleCheck[] {
  const liveMs = live.now - live.launchedAt;
  return [
    {
      rule: 'impressions',
      passed: totals.impressions >= minimum.impressions,
      value: totals.impressions,
      threshold: minimum.impressions,
    },
    {
      rule: 'hours_live',
      passed: liveMs >= minimum.hoursLive * HOUR_MS,
      value: liveMs / HOUR_MS,
      threshold: minimum.hoursLive,
    },
    {
      rule: 'spend',
      passed: totals.spendMinor >= minimum.spendMinor,
      value: totals.spendMinor,
      threshold: minimum.spendMinor,
    },
  ];
}

export function performanceChecks(
  totals: MetricTotals,
  metrics: DerivedMetrics,
  targets: PerformanceTargets,
): RuleCheck[] {
  const { impressions, clicks, spendMinor, conversions, revenueMinor } = totals;
  return [
    {
      rule: 'roas',
      passed: spendMinor > 0 && revenueMinor * 100 >= targets.minRoasPercent * spendMinor,
      value: metrics.roas,
      threshold: targets.minRoasPercent / 100,
    },
    {
      rule: 'ctr',
      passed: impressions > 0 && clicks * 10_000 >= targets.minCtrBasisPoints * impressions,
      value: metrics.ctr,
      threshold: targets.minCtrBasisPoints / 10_000,
    },
    {
      rule: 'cvr',
      passed: clicks > 0 && conversions * 10_000 >= targets.minCvrBasisPoints * clicks,
      value: metrics.cvr,
      threshold: targets.minCvrBasisPoints / 10_000,
    },
    {
      // CPA ≤ p% × AOV  ⇔  spend/conv ≤ p/100 × revenue/conv  ⇔  100 × spend ≤ p × revenue.
      rule: 'cpa',
      passed:
        conversions > 0 &&
        revenueMinor > 0 &&
        spendMinor * 100 <= targets.maxCpaPercentOfAov * revenueMinor,
      value: metrics.cpa,
      threshold: metrics.aov === null ? null : (metrics.aov * targets.maxCpaPercentOfAov) / 100,
    },
  ];
}

export function classifyPerformance(
  totals: MetricTotals,
  live: { launchedAt: number; now: number },
  settings: { minimumData: MinimumData; targets: PerformanceTargets },
): Classification {
  const metrics = deriveMetrics(totals);
  const minimumData = minimumDataChecks(totals, live, settings.minimumData);
  if (!minimumData.every((c) => c.passed)) {
    return { verdict: 'insufficient_data', minimumData, performance: [], metrics };
  }
  const performance = performanceChecks(totals, metrics, settings.targets);
  const met = performance.filter((c) => c.passed).length;
  const verdict: Verdict = met === performance.length ? 'winner' : met > 0 ? 'potential' : 'loser';
  return { verdict, minimumData, performance, metrics };
}

const TIER: Record<Verdict, number> = { loser: 0, potential: 1, insufficient_data: 1, winner: 2 };

/**
 * Orders entities weakest first, for trimming under a cap (and strongest first, reversed, for
 * spending headroom): losers, then potentials and untested ones, then winners; within a tier by
 * ROAS, an untested entity counting as break-even (1.0) — the honest prior before data.
 */
export function compareStrength(a: Classification, b: Classification): number {
  const tier = TIER[a.verdict] - TIER[b.verdict];
  if (tier !== 0) return tier;
  return strengthRoas(a) - strengthRoas(b);
}

function strengthRoas(c: Classification): number {
  return c.verdict === 'insufficient_data' ? 1 : (c.metrics.roas ?? 0);
}
