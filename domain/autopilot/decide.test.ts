import { describe, expect, it } from 'vitest';
import { decideCycle, enforceSpendCaps } from './decide.ts';
import type { AutopilotDecision } from './decision.ts';
import type { AdInput, AdSetInput, CycleInput } from './inputs.ts';
import { type MetricTotals, ZERO_TOTALS } from './metrics.ts';
import { type AutopilotSettingsOverrides, autopilotSettings } from './settings.ts';

const HOUR = 3_600_000;
/** Monday 2026-11-23 12:00 UTC: inside the 12:00–18:00 decision window. */
const NOW = Date.UTC(2026, 10, 23, 12, 5);

// One ad's lifetime at each level of performance. Three of a kind make an ad set with R$300 spent,
// exactly the ad-set minimum.
const WINNER: MetricTotals = {
  impressions: 10_000,
  clicks: 150,
  spendMinor: 10_000,
  conversions: 3,
  revenueMinor: 25_000,
};
const POTENTIAL: MetricTotals = { ...WINNER, conversions: 1, revenueMinor: 5_000 }; // CTR only
const LOSER: MetricTotals = { ...WINNER, clicks: 100, conversions: 1, revenueMinor: 5_000 };
const TESTING: MetricTotals = {
  ...WINNER,
  impressions: 900,
  spendMinor: 900,
  clicks: 10,
  conversions: 0,
  revenueMinor: 0,
};

/** Roomy caps so that only the cap tests meet them. */
const ROOMY = { caps: { dailyMinor: 10_000_000, weeklyMinor: 70_000_000 } };

const ad = (id: string, lifetime: MetricTotals, extra: Partial<AdInput> = {}): AdInput => ({
  id,
  status: 'active',
  pausedFor: null,
  pausedAt: null,
  launchedAt: NOW - 96 * HOUR,
  lifetime,
  ...extra,
});

const adSet = (id: string, ads: AdInput[], extra: Partial<AdSetInput> = {}): AdSetInput => ({
  id,
  campaignId: 'c-1',
  status: 'active',
  pausedFor: null,
  pausedAt: null,
  launchedAt: NOW - 96 * HOUR,
  initialDailyBudgetMinor: 10_000,
  dailyBudgetMinor: 10_000,
  spentTodayMinor: 0,
  lastBudgetChange: null,
  sinceBudgetChange: ZERO_TOTALS,
  trailing: { ...WINNER, spendMinor: 20_000, revenueMinor: 60_000 },
  pendingCreatives: 0,
  ads,
  ...extra,
});

const threeOf = (prefix: string, lifetime: MetricTotals) =>
  [1, 2, 3].map((n) => ad(`${prefix}-ad-${n}`, lifetime));

function cycle(
  adSets: AdSetInput[],
  options: { settings?: AutopilotSettingsOverrides; spend?: [number, number]; now?: number } = {},
): CycleInput {
  const [todayMinor, weekMinor] = options.spend ?? [0, 0];
  return {
    orgId: 'org-1',
    now: options.now ?? NOW,
    settings: autopilotSettings({ mode: 'AUTO', ...ROOMY, ...options.settings }),
    spend: { todayMinor, weekMinor, day: '2026-11-23', week: '2026-W48' },
    adSets,
  };
}

const delivery = (decisions: AutopilotDecision[], id: string) =>
  decisions.find((d) => d.entity.id === id && !d.key.endsWith(':creatives'));
const creativeRequest = (decisions: AutopilotDecision[], id: string) =>
  decisions.find((d) => d.entity.id === id && d.key.endsWith(':creatives'));

describe('ad sets: minimum data', () => {
  it('holds an ad set (and its ads) until it has the minimum data', () => {
    const young = adSet('as-1', threeOf('as-1', WINNER), { launchedAt: NOW - 24 * HOUR + 1 });
    const { decisions } = decideCycle(cycle([young]));
    expect(delivery(decisions, 'as-1')).toMatchObject({
      verdict: 'insufficient_data',
      action: { type: 'hold' },
      reasons: ['insufficient_data'],
      disposition: 'record',
    });
  });

  it.each([
    ['just below', 9_999, 'insufficient_data'],
    ['at', 10_000, 'winner'],
  ])('judges the ad set on its running ads’ spend %s R$300', (_, perAd, verdict) => {
    const ads = threeOf('as-1', { ...WINNER, spendMinor: perAd, revenueMinor: perAd * 2.5 });
    expect(delivery(decideCycle(cycle([adSet('as-1', ads)])).decisions, 'as-1')?.verdict).toBe(
      verdict,
    );
  });

  it('leaves paused ads out of the ad set’s verdict: it is judged on what it runs now', () => {
    const ads = [
      ...threeOf('as-1', WINNER),
      ad('as-1-old', { ...LOSER, spendMinor: 90_000 }, { status: 'paused', pausedFor: 'rotation' }),
    ];
    const decision = delivery(decideCycle(cycle([adSet('as-1', ads)])).decisions, 'as-1')!;
    expect(decision.verdict).toBe('winner');
    expect(decision.inputs.judgedTotals.spendMinor).toBe(30_000);
  });
});

describe('ad sets: winners get +20% at most once per 48 h, never above 3× the initial budget', () => {
  it('raises a winner by 20%, with the ROAS it must keep and its full audit record', () => {
    const { decisions } = decideCycle(cycle([adSet('as-1', threeOf('as-1', WINNER))]));
    const raise = delivery(decisions, 'as-1')!;
    expect(raise).toMatchObject({
      verdict: 'winner',
      action: { type: 'set_budget', reason: 'winner_raise', fromMinor: 10_000, toMinor: 12_000 },
      reasons: ['winner'],
      disposition: 'execute',
      requiresApproval: false,
      ruleVersion: 'autopilot-rules/1',
      expected: {
        status: 'active',
        dailyBudgetMinor: 12_000,
        dailySpendChangeMinor: 2_000,
        rollbackBelowRoas: 2.4, // trailing ROAS 3.0 − 20%
      },
    });
    expect(raise.inputs).toMatchObject({
      status: 'active',
      dailyBudgetMinor: 10_000,
      initialDailyBudgetMinor: 10_000,
      hoursLive: 96,
      trailing: { spendMinor: 20_000, revenueMinor: 60_000 },
      orgSpend: { todayMinor: 0, weekMinor: 0 },
    });
    expect(raise.inputs.metrics.roas).toBe(2.5);
    expect(raise.inputs.checks.map((c) => [c.rule, c.passed])).toEqual([
      ['impressions', true],
      ['hours_live', true],
      ['spend', true],
      ['roas', true],
      ['ctr', true],
      ['cvr', true],
      ['cpa', true],
    ]);
    expect(raise.thresholds.scaling.raisePercent).toBe(20);
  });

  it.each([
    ['47 h 59 m after the last change', 48 * HOUR - 60_000, 'hold'],
    ['exactly 48 h after', 48 * HOUR, 'set_budget'],
    ['49 h after', 49 * HOUR, 'set_budget'],
  ])('%s → %s', (_, ago, type) => {
    const set = adSet('as-1', threeOf('as-1', WINNER), {
      dailyBudgetMinor: 12_000,
      lastBudgetChange: {
        at: NOW - ago,
        reason: 'winner_raise',
        fromMinor: 10_000,
        toMinor: 12_000,
        before: null,
      },
      sinceBudgetChange: WINNER,
    });
    const decision = delivery(decideCycle(cycle([set])).decisions, 'as-1')!;
    expect(decision.action.type).toBe(type);
    if (type === 'hold') expect(decision.reasons).toEqual(['winner', 'raised_recently']);
    else expect(decision.action).toMatchObject({ fromMinor: 12_000, toMinor: 14_400 });
  });

  it.each([
    [10_001, 12_001], // rounds down to a whole minor unit: never more than +20%
    [24_999, 29_998],
    [25_000, 30_000], // +20% lands exactly on 3×
    [26_000, 30_000], // +20% would pass 3×: capped
    [29_999, 30_000],
  ])('budget %i → %i (initial 10,000, max 3×)', (from, to) => {
    const set = adSet('as-1', threeOf('as-1', WINNER), { dailyBudgetMinor: from });
    expect(delivery(decideCycle(cycle([set])).decisions, 'as-1')!.action).toEqual({
      type: 'set_budget',
      reason: 'winner_raise',
      fromMinor: from,
      toMinor: to,
    });
  });

  it.each([30_000, 31_000])('holds a winner already at or above 3× (budget %i)', (budget) => {
    const set = adSet('as-1', threeOf('as-1', WINNER), { dailyBudgetMinor: budget });
    expect(delivery(decideCycle(cycle([set])).decisions, 'as-1')).toMatchObject({
      action: { type: 'hold' },
      reasons: ['winner', 'at_max_budget'],
    });
  });

  it.each([
    ['just below the approval threshold', 49_995, 9_999, 'execute'],
    ['at the threshold', 50_000, 10_000, 'execute'],
    ['just above the threshold', 50_005, 10_001, 'propose'],
  ])('a raise %s (+%i) in AUTO → %s', (_, budget, increase, disposition) => {
    const set = adSet('as-1', threeOf('as-1', WINNER), {
      initialDailyBudgetMinor: 50_000,
      dailyBudgetMinor: budget,
    });
    const decision = delivery(decideCycle(cycle([set])).decisions, 'as-1')!;
    expect(decision.action).toMatchObject({ toMinor: budget + increase });
    expect(decision.disposition).toBe(disposition);
    expect(decision.requiresApproval).toBe(disposition === 'propose');
  });

  it.each([
    ['DRY_RUN', 'record'],
    ['APPROVAL', 'propose'],
    ['AUTO', 'execute'],
  ] as const)('in %s the raise is %sed', (mode, disposition) => {
    const { decisions } = decideCycle(
      cycle([adSet('as-1', threeOf('as-1', WINNER))], { settings: { mode } }),
    );
    expect(delivery(decisions, 'as-1')).toMatchObject({
      action: { type: 'set_budget' },
      disposition,
    });
  });
});

describe('ad sets: a raise whose ROAS then drops more than 20% is rolled back', () => {
  const raised = (since: MetricTotals, ago = 24 * HOUR, extra: Partial<AdSetInput> = {}) =>
    adSet('as-1', threeOf('as-1', WINNER), {
      dailyBudgetMinor: 12_000,
      lastBudgetChange: {
        at: NOW - ago,
        reason: 'winner_raise',
        fromMinor: 10_000,
        toMinor: 12_000,
        before: { ...ZERO_TOTALS, spendMinor: 10_000, revenueMinor: 30_000 },
      },
      sinceBudgetChange: since,
      ...extra,
    });

  it.each([
    ['19.99% drop', 24_001, 'hold'],
    ['exactly 20%', 24_000, 'hold'],
    ['20.01% drop', 23_999, 'set_budget'],
  ])('ROAS 3.0 → %s', (_, revenue, type) => {
    const since = { ...ZERO_TOTALS, spendMinor: 10_000, revenueMinor: revenue };
    const decision = delivery(decideCycle(cycle([raised(since)])).decisions, 'as-1')!;
    expect(decision.action.type).toBe(type);
    if (type === 'set_budget') {
      expect(decision).toMatchObject({
        action: { type: 'set_budget', reason: 'rollback', fromMinor: 12_000, toMinor: 10_000 },
        reasons: ['winner', 'roas_dropped_after_raise'],
        disposition: 'execute',
        requiresApproval: false,
        expected: { dailyBudgetMinor: 10_000, dailySpendChangeMinor: -2_000 },
      });
    }
  });

  it('compares exactly where floating point would not: 0.2 → 0.16 is a 20% drop, not more', () => {
    const set = raised({ ...ZERO_TOTALS, spendMinor: 250_000, revenueMinor: 40_000 }, 24 * HOUR, {
      lastBudgetChange: {
        at: NOW - 24 * HOUR,
        reason: 'winner_raise',
        fromMinor: 10_000,
        toMinor: 12_000,
        before: { ...ZERO_TOTALS, spendMinor: 50_000, revenueMinor: 10_000 },
      },
    });
    expect(40_000 / 250_000 < (10_000 / 50_000) * 0.8).toBe(true); // the naive check is wrong here
    expect(delivery(decideCycle(cycle([set])).decisions, 'as-1')!.action.type).not.toBe(
      'set_budget',
    );
  });

  it('waits 24 h after the raise before comparing', () => {
    const since = { ...ZERO_TOTALS, spendMinor: 10_000, revenueMinor: 1_000 };
    expect(
      delivery(decideCycle(cycle([raised(since, 24 * HOUR - 1)])).decisions, 'as-1')!.action.type,
    ).toBe('hold');
  });

  it('leaves a budget a person changed since the raise alone', () => {
    const since = { ...ZERO_TOTALS, spendMinor: 10_000, revenueMinor: 1_000 };
    const set = raised(since, 30 * HOUR, { dailyBudgetMinor: 15_000 });
    expect(delivery(decideCycle(cycle([set])).decisions, 'as-1')!.action.type).toBe('hold');
  });
});

describe('ad sets: losers paused (stop-loss), potentials kept and flagged, revive on delayed conversions', () => {
  it('pauses a loser and judges none of its ads', () => {
    const { decisions } = decideCycle(cycle([adSet('as-1', threeOf('as-1', LOSER))]));
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      entity: { kind: 'ad_set', id: 'as-1' },
      verdict: 'loser',
      action: { type: 'pause', reason: 'stop_loss' },
      disposition: 'execute',
      expected: { status: 'paused', dailySpendChangeMinor: -10_000 },
    });
  });

  it('proposes the stop-loss in APPROVAL mode', () => {
    const { decisions } = decideCycle(
      cycle([adSet('as-1', threeOf('as-1', LOSER))], { settings: { mode: 'APPROVAL' } }),
    );
    expect(decisions[0]!.disposition).toBe('propose');
  });

  it('keeps a potential and flags it for new creatives', () => {
    const decision = delivery(
      decideCycle(cycle([adSet('as-1', threeOf('as-1', POTENTIAL))])).decisions,
      'as-1',
    );
    expect(decision).toMatchObject({
      verdict: 'potential',
      action: { type: 'hold' },
      reasons: ['potential', 'needs_new_creatives'],
    });
  });

  const stopLossed = (
    pausedAgo: number,
    revenuePerAd: number,
    pausedFor: AdSetInput['pausedFor'] = 'stop_loss',
  ) =>
    adSet('as-1', threeOf('as-1', { ...LOSER, revenueMinor: revenuePerAd }), {
      status: 'paused',
      pausedFor,
      pausedAt: NOW - pausedAgo,
    });

  it.each([
    ['ROAS lifted to exactly the target, inside the window', 72 * HOUR, 15_000, 'resume'],
    ['ROAS just below the target', 72 * HOUR, 14_999, undefined],
    ['ROAS at target, just outside the 72 h window', 72 * HOUR + 1, 15_000, undefined],
  ])('revive: %s → %s', (_, ago, revenue, type) => {
    const decision = delivery(decideCycle(cycle([stopLossed(ago, revenue)])).decisions, 'as-1');
    expect(decision?.action.type).toBe(type);
    if (type) {
      expect(decision).toMatchObject({
        action: { type: 'resume', reason: 'revive' },
        reasons: ['potential', 'delayed_conversions_lifted_roas'],
        expected: { status: 'active', dailySpendChangeMinor: 10_000 },
      });
    }
  });

  it('never resumes what a person paused', () => {
    expect(decideCycle(cycle([stopLossed(HOUR, 50_000, 'manual')])).decisions).toEqual([]);
    expect(enforceSpendCaps(cycle([stopLossed(HOUR, 50_000, 'manual')])).decisions).toEqual([]);
  });
});

describe('ads: stop-loss, top creatives kept, rotation, new creatives', () => {
  const adsOf = (decisions: AutopilotDecision[]) =>
    Object.fromEntries(
      decisions
        .filter((d) => d.entity.kind === 'ad')
        .map((d) => [
          d.entity.id,
          [d.action.type, ...('reason' in d.action ? [d.action.reason] : [])].join(':'),
        ]),
    );

  it('pauses losing ads, keeps the top 3 and winners below them, rotates out the rest', () => {
    const winners = adSet('winners', [
      ad('loser', LOSER),
      ad('w-4.0', { ...WINNER, revenueMinor: 40_000 }),
      ad('w-3.5', { ...WINNER, revenueMinor: 35_000 }),
      ad('w-3.0', { ...WINNER, revenueMinor: 30_000 }),
      ad('w-2.5', WINNER), // rank 4, but a winner: kept
      ad('p-2.0', { ...POTENTIAL, revenueMinor: 20_000, clicks: 100 }), // rank 5: rotated out
      ad('testing', TESTING),
    ]);
    const potentials = adSet('potentials', [
      ad('p-1.8', { ...POTENTIAL, revenueMinor: 18_000 }),
      ad('p-1.2', { ...POTENTIAL, revenueMinor: 12_000 }),
      ad('p-0.9', { ...POTENTIAL, revenueMinor: 9_000 }),
      ad('p-0.5', POTENTIAL), // rank 4 of 4: rotated out
    ]);
    const { decisions } = decideCycle(cycle([winners, potentials]));
    expect(adsOf(decisions)).toEqual({
      loser: 'pause:stop_loss',
      'w-4.0': 'hold',
      'w-3.5': 'hold',
      'w-3.0': 'hold',
      'w-2.5': 'hold',
      'p-2.0': 'pause:rotation',
      testing: 'hold',
      'p-1.8': 'hold',
      'p-1.2': 'hold',
      'p-0.9': 'hold',
      'p-0.5': 'pause:rotation',
    });
    expect(decisions.find((d) => d.entity.id === 'p-0.9')!.reasons).toEqual([
      'potential',
      'needs_new_creatives',
    ]);
    expect(decisions.find((d) => d.entity.id === 'p-0.5')!.reasons).toEqual([
      'potential',
      'outside_top_creatives',
    ]);
    expect(decisions.find((d) => d.entity.id === 'testing')!.reasons).toEqual([
      'insufficient_data',
    ]);
    // Five running after the cycle: more than 3 kept + 1 test slot, so nothing is requested.
    expect(creativeRequest(decisions, 'winners')).toBeUndefined();
    // Three kept: one slot free for a test creative.
    expect(creativeRequest(decisions, 'potentials')).toMatchObject({
      action: { type: 'request_creatives', count: 1 },
      reasons: ['free_creative_slots', 'needs_new_creatives'],
    });
  });

  it.each([
    ['two running, none pending', 2, 0, 2],
    ['two running, one pending', 2, 1, 1],
    ['one running: capped at 2 per cycle', 1, 0, 2],
    ['four running: full', 4, 0, 0],
  ])('requests new creatives for free slots: %s → %i', (_, runningAds, pending, requested) => {
    const ads = [1, 2, 3, 4].slice(0, runningAds).map((n) => ad(`a${n}`, WINNER));
    const filler =
      runningAds < 3
        ? [
            ad(
              'x',
              { ...WINNER, spendMinor: 30_000, revenueMinor: 75_000 },
              { status: 'paused', pausedFor: 'rotation' },
            ),
          ]
        : [];
    const set = adSet('as-1', [...ads, ...filler], { pendingCreatives: pending });
    const request = creativeRequest(decideCycle(cycle([set])).decisions, 'as-1');
    if (requested === 0) expect(request).toBeUndefined();
    else {
      expect(request).toMatchObject({
        action: { type: 'request_creatives', count: requested },
        reasons: ['free_creative_slots'],
        disposition: 'execute',
        expected: { creativesRequested: requested, dailySpendChangeMinor: 0 },
      });
    }
  });

  it('revives a stop-lossed ad whose delayed conversions lifted it to target, within the window', () => {
    const ads = [
      ...threeOf('as-1', WINNER).slice(0, 2),
      ad(
        'late',
        { ...LOSER, revenueMinor: 15_000 },
        { status: 'paused', pausedFor: 'stop_loss', pausedAt: NOW - 10 * HOUR },
      ),
    ];
    const decision = decideCycle(cycle([adSet('as-1', ads)])).decisions.find(
      (d) => d.entity.id === 'late',
    );
    expect(decision).toMatchObject({
      action: { type: 'resume', reason: 'revive' },
      reasons: ['potential', 'delayed_conversions_lifted_roas'],
      expected: { status: 'active', dailyBudgetMinor: null, dailySpendChangeMinor: 0 },
    });
  });
  it('leaves a lifted ad paused when it would rank below the top creatives', () => {
    const ads = [
      ...threeOf('as-1', WINNER),
      ad(
        'late',
        { ...LOSER, revenueMinor: 15_000 },
        { status: 'paused', pausedFor: 'stop_loss', pausedAt: NOW - 10 * HOUR },
      ),
    ];
    const { decisions } = decideCycle(cycle([adSet('as-1', ads)]));
    expect(decisions.find((d) => d.entity.id === 'late')).toBeUndefined();
  });
});

describe('spend caps: reached, trimmed, admitted, released', () => {
  const caps = (dailyMinor: number, weeklyMinor: number) => ({ caps: { dailyMinor, weeklyMinor } });

  it.each([
    ['daily cap just below', [29_999, 29_999], undefined],
    ['daily cap reached', [30_000, 30_000], 'daily_cap'],
    ['daily cap passed', [30_001, 30_001], 'daily_cap'],
    ['weekly cap reached', [1_000, 150_000], 'weekly_cap'],
  ] as const)('%s', (_, spend, cap) => {
    const sets = [
      adSet('as-1', threeOf('as-1', WINNER), { spentTodayMinor: 10_000 }),
      adSet('as-2', threeOf('as-2', POTENTIAL), { spentTodayMinor: 10_000 }),
    ];
    const input = cycle(sets, {
      settings: { mode: 'APPROVAL', ...caps(30_000, 150_000) },
      spend: [...spend],
    });
    for (const run of [decideCycle(input), enforceSpendCaps(input)]) {
      const pauses = run.decisions.filter((d) => d.action.type === 'pause');
      if (!cap) {
        expect(pauses).toEqual([]);
        expect(run.alerts.some((a) => a.kind === 'spend_cap_reached')).toBe(false);
        continue;
      }
      expect(pauses.map((d) => d.entity.id)).toEqual(['as-1', 'as-2']);
      for (const pause of pauses) {
        expect(pause).toMatchObject({
          action: { type: 'pause', reason: cap },
          reasons: [`${cap}_reached`],
          disposition: 'execute', // the guardrail does not wait for approval
          inputs: { orgSpend: { todayMinor: spend[0], weekMinor: spend[1] } },
        });
      }
      // Nothing else happens at a reached cap: no raise, no ad decisions.
      expect(run.decisions.every((d) => d.action.type === 'pause')).toBe(true);
      expect(run.alerts).toContainEqual(
        expect.objectContaining({ kind: 'spend_cap_reached', severity: 'critical', cap }),
      );
    }
  });

  it('records, not executes, cap pauses in DRY_RUN', () => {
    const input = cycle([adSet('as-1', threeOf('as-1', WINNER))], {
      settings: { mode: 'DRY_RUN', ...caps(30_000, 150_000) },
      spend: [30_000, 30_000],
    });
    expect(decideCycle(input).decisions[0]).toMatchObject({
      action: { type: 'pause' },
      disposition: 'record',
    });
  });

  it('trims the weakest running ad sets until the worst case fits, and raises nothing', () => {
    // Spent 20,000 today; each set may still spend 4,000 → exposure 12,000 > headroom 10,000.
    const sets = [
      adSet('strong', threeOf('strong', WINNER), { spentTodayMinor: 6_000 }),
      adSet('weak', threeOf('weak', POTENTIAL), { spentTodayMinor: 6_000 }),
      adSet('mid', threeOf('mid', { ...POTENTIAL, revenueMinor: 12_000 }), {
        spentTodayMinor: 6_000,
      }),
    ];
    const run = decideCycle(
      cycle(sets, { settings: caps(30_000, 150_000), spend: [20_000, 20_000] }),
    );
    expect(delivery(run.decisions, 'weak')).toMatchObject({
      action: { type: 'pause', reason: 'daily_cap' },
      reasons: ['potential', 'cap_trim_weakest_first'],
      disposition: 'execute',
    });
    expect(delivery(run.decisions, 'mid')!.action.type).toBe('hold');
    expect(delivery(run.decisions, 'strong')).toMatchObject({
      action: { type: 'hold' },
      reasons: ['winner'],
    });
    expect(run.alerts).toContainEqual(
      expect.objectContaining({ kind: 'spend_cap_trim', cap: 'daily_cap' }),
    );
  });

  it('admits raises strongest first while today’s worst case and a full day both fit', () => {
    const sets = [
      adSet('good', threeOf('good', WINNER)),
      adSet('best', threeOf('best', { ...WINNER, revenueMinor: 40_000 })),
    ];
    // Budgets 20,000 of a 22,000 daily cap: room for one +2,000 raise, not two.
    const run = decideCycle(cycle(sets, { settings: caps(22_000, 150_000) }));
    expect(delivery(run.decisions, 'best')!.action).toMatchObject({
      type: 'set_budget',
      toMinor: 12_000,
    });
    expect(delivery(run.decisions, 'good')).toMatchObject({
      action: { type: 'hold' },
      reasons: ['winner', 'cap_headroom'],
    });
  });

  it('resumes what a cap paused once it fits again, strongest first, every hour', () => {
    const paused = (id: string, lifetime: MetricTotals) =>
      adSet(id, threeOf(id, lifetime), {
        status: 'paused',
        pausedFor: 'daily_cap',
        pausedAt: NOW - 10 * HOUR,
      });
    const sets = [paused('second', POTENTIAL), paused('first', WINNER)];
    // A new day: nothing spent yet, room for one 10,000 budget under a 15,000 daily cap.
    const run = enforceSpendCaps(
      cycle(sets, { settings: { mode: 'APPROVAL', ...caps(15_000, 150_000) } }),
    );
    expect(run.decisions).toHaveLength(1);
    expect(run.decisions[0]).toMatchObject({
      cycle: 'caps',
      entity: { id: 'first' },
      action: { type: 'resume', reason: 'cap_released' },
      disposition: 'execute',
    });
    expect(run.decisions[0]!.key).toContain(
      'autopilot:caps:org-1:2026-11-23T12:00:00.000Z:ad_set:first',
    );
  });

  it('the hourly check records no holds: only changes', () => {
    expect(enforceSpendCaps(cycle([adSet('as-1', threeOf('as-1', WINNER))])).decisions).toEqual([]);
  });

  it('counts platform over-delivery in the worst case (Meta may spend 75% more on a day)', () => {
    const set = (od: number) => adSet('as-1', threeOf('as-1', WINNER), { overdeliveryPercent: od });
    const settings = caps(17_000, 150_000);
    expect(enforceSpendCaps(cycle([set(170)], { settings })).decisions).toEqual([]);
    expect(enforceSpendCaps(cycle([set(175)], { settings })).decisions[0]!.action).toEqual({
      type: 'pause',
      reason: 'daily_cap',
    });
  });
});

describe('idempotency per cycle window', () => {
  it('gives the same keys for a re-run in the same window, and new ones in the next window', () => {
    const sets = [
      adSet('as-1', threeOf('as-1', WINNER)),
      adSet('as-2', [ad('a', POTENTIAL)]),
      adSet('as-3', threeOf('as-3', LOSER)),
    ];
    const keys = (now: number) => decideCycle(cycle(sets, { now })).decisions.map((d) => d.key);
    const first = keys(NOW);
    expect(new Set(first).size).toBe(first.length);
    expect(keys(NOW + 5 * HOUR)).toEqual(first);
    expect(keys(NOW + 6 * HOUR).filter((k) => first.includes(k))).toEqual([]);
  });

  it('a re-run after the first run’s changes were applied brings only keys already used', () => {
    const before = adSet('as-1', [...threeOf('as-1', WINNER), ad('bad', LOSER)]);
    const first = decideCycle(cycle([before])).decisions;
    expect(first.filter((d) => d.action.type !== 'hold').length).toBeGreaterThan(0);
    const after = adSet(
      'as-1',
      [
        ...threeOf('as-1', WINNER),
        ad('bad', LOSER, { status: 'paused', pausedFor: 'stop_loss', pausedAt: NOW }),
      ],
      {
        dailyBudgetMinor: 12_000,
        lastBudgetChange: {
          at: NOW,
          reason: 'winner_raise',
          fromMinor: 10_000,
          toMinor: 12_000,
          before: null,
        },
        pendingCreatives: 1,
      },
    );
    const rerun = decideCycle(cycle([after], { now: NOW + HOUR })).decisions;
    const firstKeys = new Set(first.map((d) => d.key));
    expect(rerun.every((d) => firstKeys.has(d.key))).toBe(true);
  });
});
