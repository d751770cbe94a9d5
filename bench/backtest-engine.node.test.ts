import { describe, expect, it } from 'vitest';
import { runBacktest } from './backtest-engine.ts';

describe('backtest: the real decision code against the sandbox market', () => {
  it('is deterministic, breaks no cap or budget limit, and a repeated cron run changes nothing', () => {
    const options = { days: 10, ads: 60, seed: 3 };
    const result = runBacktest(options);
    expect(runBacktest(options)).toEqual(result);
    expect(result.capBreaches).toBe(0);
    expect(result.overLimitChanges).toBe(0);
    expect(result.details.repeatedCycleChanges).toBe(0);
    expect(Object.keys(result.details.executed)).toEqual(
      expect.arrayContaining(['ad:pause:stop_loss', 'ad_set:request_creatives']),
    );
    for (const s of [result.autopilot, result.noAutomation, result.pauseRule]) {
      expect(s.profit).toBe(s.revenue - s.spend);
      expect(Number.isInteger(s.spend) && Number.isInteger(s.revenue)).toBe(true);
    }
  });

  it('keeps tight caps that the portfolio would blow through without the guardrails', () => {
    // 12 ad sets × R$50 = R$600 a day of budgets, against R$350 a day and R$1,500 a week.
    const caps = { dailyMinor: 35_000, weeklyMinor: 150_000 };
    const result = runBacktest({ days: 14, ads: 60, seed: 5, caps });
    expect(result.noAutomation.spend).toBeGreaterThan(2 * caps.weeklyMinor);
    expect(result.capBreaches).toBe(0);
    expect(result.autopilot.spend).toBeLessThanOrEqual(2 * caps.weeklyMinor);
    expect(result.autopilot.spend).toBeGreaterThan(1.5 * caps.weeklyMinor);
    const capActions = Object.entries(result.details.executed).filter(([kind]) =>
      kind.includes('cap'),
    );
    expect(capActions.length).toBeGreaterThan(0);
  });
});
