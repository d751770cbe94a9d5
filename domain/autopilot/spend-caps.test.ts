import { describe, expect, it } from 'vitest';
import { DEFAULT_AUTOPILOT_SETTINGS } from './settings.ts';
import {
  capAlerts,
  capStatus,
  type DeliveryPlan,
  exposureMinor,
  fitsSpendCaps,
  keepsCaps,
  maxDailySpendMinor,
  remainingTodayMinor,
} from './spend-caps.ts';

const caps = DEFAULT_AUTOPILOT_SETTINGS.caps; // R$300/day, R$1,500/week, warn at 80%
const spend = (todayMinor: number, weekMinor = todayMinor) => ({ todayMinor, weekMinor });
const running = (dailyBudgetMinor: number, spentTodayMinor = 0, overdeliveryPercent?: number) =>
  ({ active: true, dailyBudgetMinor, spentTodayMinor, overdeliveryPercent }) as DeliveryPlan;

describe('spend caps: actual spend against the daily and weekly caps', () => {
  it('defaults to R$300 a day and R$1,500 a week in minor units', () => {
    expect(caps).toEqual({ dailyMinor: 30_000, weeklyMinor: 150_000, warnAtPercent: 80 });
  });

  it.each([
    ['daily just below', spend(29_999), null],
    ['daily at', spend(30_000), 'daily_cap'],
    ['daily above', spend(30_001), 'daily_cap'],
    ['weekly just below', spend(0, 149_999), null],
    ['weekly at', spend(0, 150_000), 'weekly_cap'],
    ['weekly above', spend(0, 150_001), 'weekly_cap'],
    ['both: the weekly one, which lasts longer', spend(30_000, 150_000), 'weekly_cap'],
  ] as const)('reached: %s → %s', (_, s, reached) => {
    expect(capStatus(s, caps).reached).toBe(reached);
  });

  it('measures headroom and names the binding cap', () => {
    expect(capStatus(spend(10_000, 140_000), caps)).toMatchObject({
      dailyHeadroomMinor: 20_000,
      weeklyHeadroomMinor: 10_000,
      headroomMinor: 10_000,
      binding: 'weekly_cap',
    });
    expect(capStatus(spend(25_000, 30_000), caps).binding).toBe('daily_cap');
  });

  it.each([
    [spend(23_999, 0), []],
    [spend(24_000, 0), ['daily_cap']],
    [spend(0, 119_999), []],
    [spend(0, 120_000), ['weekly_cap']],
    [spend(24_000, 120_000), ['daily_cap', 'weekly_cap']],
  ] as const)('warns at 80%% of a cap: %o → %o', (s, nearing) => {
    expect(capStatus(s, caps).nearing).toEqual(nearing);
  });

  it('bounds what an ad set may still spend today by its budget and the platform’s over-delivery', () => {
    expect(maxDailySpendMinor({ dailyBudgetMinor: 10_000 })).toBe(10_000);
    expect(maxDailySpendMinor({ dailyBudgetMinor: 10_001, overdeliveryPercent: 175 })).toBe(17_501);
    expect(remainingTodayMinor(running(10_000, 4_000))).toBe(6_000);
    expect(remainingTodayMinor(running(10_000, 12_000))).toBe(0);
    expect(remainingTodayMinor(running(10_000, 12_000, 175))).toBe(5_500);
    expect(remainingTodayMinor({ ...running(10_000), active: false })).toBe(0);
    expect(
      exposureMinor([running(10_000, 4_000), running(5_000), { ...running(9_000), active: false }]),
    ).toBe(11_000);
  });

  it.each([
    ['exposure below headroom', spend(10_000), 19_999, true],
    ['exposure at headroom', spend(10_000), 20_000, true],
    ['exposure above headroom', spend(10_000), 20_001, false],
    ['a reached cap, nothing left to expose', spend(30_000), 0, false],
  ] as const)('keeps the caps: %s → %s', (_, s, exposure, keeps) => {
    expect(keepsCaps(capStatus(s, caps), exposure)).toBe(keeps);
  });

  it('lets a change through only if today’s worst case and a full day’s budgets both fit', () => {
    // Today: 20,000 spent, 10,000 left to expose → fits. Full day: 30,000 of budgets → fits.
    expect(
      fitsSpendCaps(spend(20_000), caps, [running(20_000, 15_000), running(10_000, 5_000)]),
    ).toBe(true);
    // One more minor unit of budget: today still fits, the next full day would not.
    expect(
      fitsSpendCaps(spend(20_000), caps, [running(20_001, 15_001), running(10_000, 5_000)]),
    ).toBe(false);
    // Today's worst case passes the weekly headroom.
    expect(fitsSpendCaps(spend(0, 145_000), caps, [running(5_001)])).toBe(false);
    expect(fitsSpendCaps(spend(0, 145_000), caps, [running(5_000)])).toBe(true);
  });
});

describe('spend-cap alerts', () => {
  const period = { day: '2026-11-22', week: '2026-W47' };

  it('raises a critical alert once per cap and period when a cap is reached', () => {
    const s = { ...spend(30_000, 90_000), ...period };
    expect(capAlerts('org-1', s, caps, capStatus(s, caps), 0)).toEqual([
      {
        kind: 'spend_cap_reached',
        severity: 'critical',
        cap: 'daily_cap',
        spentMinor: 30_000,
        capMinor: 30_000,
        dedupKey: 'spend_cap_reached:org-1:daily_cap:2026-11-22',
      },
    ]);
  });

  it('warns about a trim and about spend at 80% of the other cap', () => {
    const s = { ...spend(10_000, 135_000), ...period };
    expect(capAlerts('org-1', s, caps, capStatus(s, caps), 2)).toEqual([
      {
        kind: 'spend_cap_trim',
        severity: 'warning',
        cap: 'weekly_cap',
        spentMinor: 135_000,
        capMinor: 150_000,
        dedupKey: 'spend_cap_trim:org-1:weekly_cap:2026-W47',
      },
      {
        kind: 'spend_cap_near',
        severity: 'warning',
        cap: 'weekly_cap',
        spentMinor: 135_000,
        capMinor: 150_000,
        dedupKey: 'spend_cap_near:org-1:weekly_cap:2026-W47',
      },
    ]);
    expect(
      capAlerts('org-1', { ...spend(1, 1), ...period }, caps, capStatus(spend(1, 1), caps), 0),
    ).toEqual([]);
  });
});
