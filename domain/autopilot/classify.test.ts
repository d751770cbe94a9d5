import { describe, expect, it } from 'vitest';
import {
  type Classification,
  classifyPerformance,
  compareStrength,
  type RuleCheck,
} from './classify.ts';
import type { MetricTotals } from './metrics.ts';
import { DEFAULT_AUTOPILOT_SETTINGS } from './settings.ts';

const HOUR = 3_600_000;
const NOW = Date.UTC(2026, 10, 22, 12);
const rules = {
  minimumData: DEFAULT_AUTOPILOT_SETTINGS.minimumData.ad,
  targets: DEFAULT_AUTOPILOT_SETTINGS.targets,
};
const liveFor = (ms: number) => ({ launchedAt: NOW - ms, now: NOW });

/** Exactly at every winner threshold: CTR 1.5%, CVR 2%, ROAS 2.5 (so ROAS ≥ 1.5 and CPA = 0.4 × AOV). */
const AT_THRESHOLDS: MetricTotals = {
  impressions: 10_000,
  clicks: 150,
  spendMinor: 10_000,
  conversions: 3,
  revenueMinor: 25_000,
};

const check = (c: Classification, rule: RuleCheck['rule']) =>
  [...c.minimumData, ...c.performance].find((x) => x.rule === rule)!;
const classify = (totals: Partial<MetricTotals>, liveMs = 48 * HOUR) =>
  classifyPerformance({ ...AT_THRESHOLDS, ...totals }, liveFor(liveMs), rules);

describe('classification: minimum data (1,000 impressions, 24 h live, R$30 spend for an ad)', () => {
  it.each([
    ['impressions just below', { impressions: 999, clicks: 15 }, 48 * HOUR, 'insufficient_data'],
    ['impressions at', { impressions: 1_000, clicks: 15 }, 48 * HOUR, 'winner'],
    ['impressions above', { impressions: 1_001, clicks: 16 }, 48 * HOUR, 'winner'],
    ['hours live just below', {}, 24 * HOUR - 1, 'insufficient_data'],
    ['hours live at', {}, 24 * HOUR, 'winner'],
    ['hours live above', {}, 24 * HOUR + 1, 'winner'],
    [
      'spend just below',
      { spendMinor: 2_999, revenueMinor: 7_500 },
      48 * HOUR,
      'insufficient_data',
    ],
    ['spend at', { spendMinor: 3_000, revenueMinor: 7_500 }, 48 * HOUR, 'winner'],
    ['spend above', { spendMinor: 3_001, revenueMinor: 7_503 }, 48 * HOUR, 'winner'],
  ] as const)('%s', (_, totals, liveMs, verdict) => {
    const c = classify(totals, liveMs);
    expect(c.verdict).toBe(verdict);
    if (verdict === 'insufficient_data') expect(c.performance).toEqual([]);
  });

  it('reports every minimum-data check with its value and threshold', () => {
    const c = classify({ impressions: 999, spendMinor: 2_999 }, 12 * HOUR);
    expect(c.minimumData).toEqual([
      { rule: 'impressions', passed: false, value: 999, threshold: 1_000 },
      { rule: 'hours_live', passed: false, value: 12, threshold: 24 },
      { rule: 'spend', passed: false, value: 2_999, threshold: 3_000 },
    ]);
  });
});

describe('classification: the four performance rules, each just below, at and above its threshold', () => {
  it.each([
    ['roas', { revenueMinor: 14_999 }, false],
    ['roas', { revenueMinor: 15_000 }, true],
    ['roas', { revenueMinor: 15_001 }, true],
    ['ctr', { clicks: 149, conversions: 3 }, false],
    ['ctr', { clicks: 150 }, true],
    ['ctr', { clicks: 151 }, true],
    ['cvr', { clicks: 201, conversions: 4 }, false],
    ['cvr', { clicks: 200, conversions: 4 }, true],
    ['cvr', { clicks: 199, conversions: 4 }, true],
    ['cpa', { spendMinor: 10_001 }, false],
    ['cpa', { spendMinor: 10_000 }, true],
    ['cpa', { spendMinor: 9_999 }, true],
  ] as const)('%s with %o → passed %s', (rule, totals, passed) => {
    expect(check(classify(totals), rule).passed).toBe(passed);
  });

  it('counts a rule whose metric is not measurable as not met', () => {
    const noClicks = classify({ clicks: 0, conversions: 0, revenueMinor: 0 });
    expect(check(noClicks, 'ctr')).toMatchObject({ passed: false, value: 0 });
    expect(check(noClicks, 'cvr')).toMatchObject({ passed: false, value: null });
    expect(check(noClicks, 'cpa')).toMatchObject({ passed: false, value: null, threshold: null });
    expect(check(noClicks, 'roas')).toMatchObject({ passed: false, value: 0 });
  });

  it.each([
    ['all four met', {}, 'winner'],
    ['ROAS 1.5–2.5 only (fails CPA)', { revenueMinor: 20_000, clicks: 100 }, 'potential'],
    ['CTR only', { revenueMinor: 5_000, conversions: 1 }, 'potential'],
    ['CVR only', { clicks: 100, conversions: 3, revenueMinor: 5_000 }, 'potential'],
    ['none', { clicks: 100, conversions: 1, revenueMinor: 5_000 }, 'loser'],
    ['none, no orders yet', { clicks: 100, conversions: 0, revenueMinor: 0 }, 'loser'],
  ] as const)('verdict: %s → %s', (_, totals, verdict) => {
    expect(classify(totals).verdict).toBe(verdict);
  });

  it('uses the org’s targets', () => {
    const strict = { ...rules, targets: { ...rules.targets, minCtrBasisPoints: 151 } };
    expect(classifyPerformance(AT_THRESHOLDS, liveFor(48 * HOUR), strict).verdict).toBe(
      'potential',
    );
  });
});

describe('strength order (for cap trims and headroom)', () => {
  it('orders losers, then potentials and untested ones by ROAS (untested as 1.0), then winners', () => {
    const named = {
      loser: classify({ clicks: 100, conversions: 1, revenueMinor: 5_000 }),
      potentialLow: classify({ clicks: 100, conversions: 3, revenueMinor: 5_000 }),
      untested: classify({}, HOUR),
      potentialHigh: classify({ revenueMinor: 20_000, clicks: 100 }),
      winner: classify({}),
      bigWinner: classify({ revenueMinor: 50_000 }),
    };
    const shuffled = Object.entries(named).reverse();
    shuffled.sort(([, a], [, b]) => compareStrength(a, b));
    expect(shuffled.map(([name]) => name)).toEqual([
      'loser',
      'potentialLow',
      'untested',
      'potentialHigh',
      'winner',
      'bigWinner',
    ]);
  });
});
