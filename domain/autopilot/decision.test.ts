import { describe, expect, it } from 'vitest';
import {
  type AutopilotAction,
  buildDecision,
  cycleWindow,
  type DecisionDraft,
  decisionContext,
  decisionKey,
  dispositionFor,
} from './decision.ts';
import { ZERO_TOTALS } from './metrics.ts';
import { AUTOPILOT_RULE_VERSION, autopilotSettings } from './settings.ts';

const HOUR = 3_600_000;
const SIX = Date.UTC(2026, 10, 22, 6);

describe('cycle windows and idempotency keys', () => {
  it.each([
    [SIX - 1, Date.UTC(2026, 10, 22, 0)],
    [SIX, SIX],
    [SIX + 6 * HOUR - 1, SIX],
    [SIX + 6 * HOUR, SIX + 6 * HOUR],
  ])('the six-hourly window of %i starts at %i', (now, start) => {
    expect(cycleWindow('decide', now)).toEqual({ cycle: 'decide', start, end: start + 6 * HOUR });
  });

  it('aligns the hourly caps window to the hour', () => {
    expect(cycleWindow('caps', SIX + 59 * 60_000)).toEqual({
      cycle: 'caps',
      start: SIX,
      end: SIX + HOUR,
    });
  });

  it('keys one decision per org, cycle window, entity and slot', () => {
    const window = cycleWindow('decide', SIX + 5);
    const key = decisionKey('org-1', window, { kind: 'ad_set', id: 'as-1' }, 'delivery');
    expect(key).toBe('autopilot:decide:org-1:2026-11-22T06:00:00.000Z:ad_set:as-1:delivery');
    expect(
      decisionKey(
        'org-1',
        cycleWindow('decide', SIX + 5 * HOUR),
        { kind: 'ad_set', id: 'as-1' },
        'delivery',
      ),
    ).toBe(key);
    const others = [
      decisionKey('org-2', window, { kind: 'ad_set', id: 'as-1' }, 'delivery'),
      decisionKey(
        'org-1',
        cycleWindow('decide', SIX + 6 * HOUR),
        { kind: 'ad_set', id: 'as-1' },
        'delivery',
      ),
      decisionKey('org-1', cycleWindow('caps', SIX), { kind: 'ad_set', id: 'as-1' }, 'delivery'),
      decisionKey('org-1', window, { kind: 'ad', id: 'as-1' }, 'delivery'),
      decisionKey('org-1', window, { kind: 'ad_set', id: 'as-1' }, 'creatives'),
    ];
    expect(new Set([key, ...others]).size).toBe(6);
  });
});

describe('disposition: what the mode does with a decision', () => {
  const hold: AutopilotAction = { type: 'hold' };
  const raise: AutopilotAction = {
    type: 'set_budget',
    reason: 'winner_raise',
    fromMinor: 100,
    toMinor: 120,
  };
  const stopLoss: AutopilotAction = { type: 'pause', reason: 'stop_loss' };
  const capPause: AutopilotAction = { type: 'pause', reason: 'daily_cap' };
  const capResume: AutopilotAction = { type: 'resume', reason: 'cap_released' };
  const creatives: AutopilotAction = { type: 'request_creatives', count: 1 };

  it.each([
    ['DRY_RUN', hold, false, 'record'],
    ['DRY_RUN', raise, false, 'record'],
    ['DRY_RUN', raise, true, 'record'],
    ['DRY_RUN', capPause, false, 'record'],
    ['APPROVAL', hold, false, 'record'],
    ['APPROVAL', raise, false, 'propose'],
    ['APPROVAL', raise, true, 'propose'],
    ['APPROVAL', stopLoss, false, 'propose'],
    ['APPROVAL', creatives, false, 'propose'],
    ['APPROVAL', capPause, false, 'execute'],
    ['APPROVAL', capResume, false, 'execute'],
    ['APPROVAL', capResume, true, 'propose'],
    ['AUTO', hold, false, 'record'],
    ['AUTO', raise, false, 'execute'],
    ['AUTO', raise, true, 'propose'],
    ['AUTO', stopLoss, false, 'execute'],
    ['AUTO', capPause, false, 'execute'],
    ['AUTO', creatives, false, 'execute'],
  ] as const)('%s, %o, needs approval %s → %s', (mode, action, approval, disposition) => {
    expect(dispositionFor(mode, action, approval)).toBe(disposition);
  });
});

describe('building a decision', () => {
  const draft = (spendIncreaseMinor: number): DecisionDraft => ({
    entity: { kind: 'ad_set', id: 'as-1', adSetId: 'as-1', campaignId: 'c-1' },
    slot: 'delivery',
    verdict: 'winner',
    action: {
      type: 'set_budget',
      reason: 'winner_raise',
      fromMinor: 50_000,
      toMinor: 50_000 + spendIncreaseMinor,
    },
    reasons: ['winner'],
    inputs: {
      status: 'active',
      pausedFor: null,
      hoursLive: 72,
      judgedTotals: ZERO_TOTALS,
      metrics: { ctr: null, cpc: null, cvr: null, cpa: null, roas: null, aov: null },
      checks: [],
    },
    expected: {
      status: 'active',
      dailyBudgetMinor: 50_000 + spendIncreaseMinor,
      dailySpendChangeMinor: spendIncreaseMinor,
    },
    spendIncreaseMinor,
  });
  const ctx = decisionContext('org-1', SIX + 60_000, autopilotSettings({ mode: 'AUTO' }), 'decide');

  it.each([
    [9_999, false, 'execute'],
    [10_000, false, 'execute'],
    [10_001, true, 'propose'],
  ] as const)(
    'a change raising spend by %i (threshold 10,000) needs approval: %s → %s',
    (increase, approval, disposition) => {
      const decision = buildDecision(ctx, draft(increase));
      expect(decision.requiresApproval).toBe(approval);
      expect(decision.disposition).toBe(disposition);
      expect(decision.reasons.includes('above_approval_threshold')).toBe(approval);
    },
  );

  it('stamps key, window, time, rule version and the thresholds it applied (not mode or currency)', () => {
    const decision = buildDecision(ctx, draft(100));
    expect(decision).toMatchObject({
      key: 'autopilot:decide:org-1:2026-11-22T06:00:00.000Z:ad_set:as-1:delivery',
      orgId: 'org-1',
      cycle: 'decide',
      windowStart: '2026-11-22T06:00:00.000Z',
      windowEnd: '2026-11-22T12:00:00.000Z',
      decidedAt: '2026-11-22T06:01:00.000Z',
      ruleVersion: AUTOPILOT_RULE_VERSION,
    });
    expect(decision.thresholds).not.toHaveProperty('mode');
    expect(decision.thresholds).not.toHaveProperty('currency');
    expect(decision.thresholds.targets.minRoasPercent).toBe(150);
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision);
  });
});
