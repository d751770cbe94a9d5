import { describe, expect, it } from 'vitest';
import {
  advanceHour,
  advanceTo,
  createAd,
  createAdSet,
  createCampaign,
  createSandboxMarket,
  insights,
  SANDBOX_MARKET_PARAMETERS,
  type SandboxInsightRow,
  SandboxMarketError,
  type SandboxMarketState,
  updateDailyBudget,
  updateStatus,
} from './sandbox-market.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Monday 2026-01-05 00:00 in São Paulo (UTC−3). */
const START = Date.UTC(2026, 0, 5, 3);

function portfolio(seed: number, adSets = 4, adsPerSet = 3, budget = 5_000) {
  const state = createSandboxMarket({ seed, startAt: START, utcOffsetMinutes: -180 });
  const campaign = createCampaign(state, { name: 'Garrafa térmica' });
  for (let s = 0; s < adSets; s++) {
    const adSet = createAdSet(state, {
      campaignId: campaign.id,
      name: `Público ${s}`,
      dailyBudgetMinor: budget,
    });
    for (let a = 0; a < adsPerSet; a++) {
      createAd(state, { adSetId: adSet.id, name: `Criativo ${a}`, creative: { headline: 'Oi' } });
    }
  }
  return state;
}

const sum = (rows: SandboxInsightRow[], key: keyof SandboxInsightRow) =>
  rows.reduce((total, row) => total + (row[key] as number), 0);

describe('sandbox ad market', () => {
  it('is deterministic: the same seed and operations give the same rows', () => {
    const a = advanceTo(portfolio(7), START + 3 * DAY);
    const b = advanceTo(portfolio(7), START + 3 * DAY);
    expect(a.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
    const other = advanceTo(portfolio(8), START + 3 * DAY);
    expect(other).not.toEqual(a);
  });

  it('continues identically from a JSON round trip of its state (persistable in D1 or a DO)', () => {
    const live = portfolio(3);
    advanceTo(live, START + DAY);
    const restored = JSON.parse(JSON.stringify(live)) as SandboxMarketState;
    expect(advanceTo(restored, START + 3 * DAY)).toEqual(advanceTo(live, START + 3 * DAY));
  });

  it('never spends more than an ad set’s daily budget in a local day, and spends most of it', () => {
    const state = portfolio(11, 6, 3, 7_777);
    const rows = advanceTo(state, START + 14 * DAY);
    const byAdSetDay = new Map<string, number>();
    for (const row of rows) {
      const day = Math.floor((row.hourStart - 3 * HOUR) / DAY);
      const key = `${row.adSetId}:${day}`;
      byAdSetDay.set(key, (byAdSetDay.get(key) ?? 0) + row.spendMinor);
    }
    expect(byAdSetDay.size).toBe(6 * 14);
    for (const spent of byAdSetDay.values()) {
      expect(spent).toBeLessThanOrEqual(7_777);
      expect(spent).toBeGreaterThan(7_777 * 0.8);
    }
    for (const row of rows) {
      expect(Number.isInteger(row.spendMinor) && Number.isInteger(row.revenueMinor)).toBe(true);
      expect(row.clicks).toBeLessThanOrEqual(row.impressions);
    }
  });

  it('a budget lowered below what was spent today stops spend until the next local day', () => {
    const state = portfolio(5, 1, 2, 10_000);
    advanceTo(state, START + 14 * HOUR); // 14:00 local: most of the day's budget is spent
    updateDailyBudget(state, { adSetId: 'sbx_as_2', dailyBudgetMinor: 100 });
    const rest = advanceTo(state, START + DAY);
    expect(sum(rest, 'spendMinor')).toBe(0);
    const nextDay = advanceTo(state, START + 2 * DAY);
    expect(sum(nextDay, 'spendMinor')).toBeGreaterThan(0);
    expect(sum(nextDay, 'spendMinor')).toBeLessThanOrEqual(100);
  });

  it('paused entities spend nothing, but orders from earlier clicks still arrive', () => {
    const state = portfolio(21, 3, 3, 20_000);
    advanceTo(state, START + 3 * DAY);
    for (const id of Object.keys(state.adSets)) {
      updateStatus(state, { level: 'ad_set', id, status: 'PAUSED' });
    }
    const after = advanceTo(state, START + 5 * DAY);
    expect(sum(after, 'spendMinor')).toBe(0);
    expect(sum(after, 'impressions')).toBe(0);
    expect(sum(after, 'conversions')).toBeGreaterThan(0);
    // Beyond the 7-day attribution window nothing more can arrive.
    const late = advanceTo(state, START + 11 * DAY);
    expect(sum(late, 'conversions')).toBe(0);
    expect(Object.values(state.ads).every((ad) => ad.pending.length === 0)).toBe(true);
  });

  it('a paused campaign or ad stops delivery of its ads', () => {
    const state = portfolio(4, 2, 2);
    updateStatus(state, { level: 'campaign', id: 'sbx_cmp_1', status: 'PAUSED' });
    expect(sum(advanceTo(state, START + DAY), 'spendMinor')).toBe(0);
    updateStatus(state, { level: 'campaign', id: 'sbx_cmp_1', status: 'ACTIVE' });
    updateStatus(state, { level: 'ad', id: 'sbx_ad_3', status: 'PAUSED' });
    const rows = advanceTo(state, START + 2 * DAY);
    expect(rows.some((r) => r.adId === 'sbx_ad_3' && r.spendMinor > 0)).toBe(false);
    expect(rows.some((r) => r.adId === 'sbx_ad_4' && r.spendMinor > 0)).toBe(true);
  });

  it('splits an ad set’s spend evenly across its running ads', () => {
    const state = portfolio(9, 1, 4, 40_000);
    const rows = advanceTo(state, START + 2 * DAY);
    const perAd = ['sbx_ad_3', 'sbx_ad_4', 'sbx_ad_5', 'sbx_ad_6'].map((id) =>
      sum(
        rows.filter((r) => r.adId === id),
        'spendMinor',
      ),
    );
    expect(Math.max(...perAd) - Math.min(...perAd)).toBeLessThanOrEqual(48);
  });

  it('has diminishing returns: three times the budget buys less than three times the clicks', () => {
    let clicksAtBase = 0;
    let clicksAtTriple = 0;
    for (let seed = 1; seed <= 20; seed++) {
      clicksAtBase += sum(advanceTo(portfolio(seed, 3, 3, 5_000), START + 7 * DAY), 'clicks');
      clicksAtTriple += sum(advanceTo(portfolio(seed, 3, 3, 15_000), START + 7 * DAY), 'clicks');
    }
    expect(clicksAtTriple).toBeGreaterThan(clicksAtBase * 1.5);
    expect(clicksAtTriple).toBeLessThan(clicksAtBase * 3);
  });

  it('draws hidden truths where some ads lose money and a minority win clearly', () => {
    const state = portfolio(1, 40, 5);
    const campaign = Object.values(state.campaigns)[0]!;
    const roas = Object.values(state.ads).map((ad) => {
      const adSet = state.adSets[ad.adSetId]!;
      const cpm =
        adSet.hidden.cpmMinor * (1 + adSet.dailyBudgetMinor / adSet.hidden.audienceCapacityMinor);
      const orderValue = campaign.hidden.orderValueMinor * ad.hidden.orderValueMultiplier;
      return (ad.hidden.ctr * ad.hidden.cvr * orderValue * 1000) / cpm;
    });
    const losing = roas.filter((r) => r < 1).length / roas.length;
    const winning = roas.filter((r) => r >= 2.5).length / roas.length;
    expect(losing).toBeGreaterThan(0.2);
    expect(losing).toBeLessThan(0.8);
    expect(winning).toBeGreaterThan(0.02);
    expect(winning).toBeLessThan(0.4);
    expect(SANDBOX_MARKET_PARAMETERS.ctr.median).toBeGreaterThan(0);
  });

  it('has day-of-week effects: cheaper Saturday CPM buys more clicks than Monday’s, same budget', () => {
    const byWeekday = new Array(7).fill(0);
    for (let seed = 1; seed <= 10; seed++) {
      for (const row of advanceTo(portfolio(seed, 4, 3, 20_000), START + 28 * DAY)) {
        byWeekday[new Date(row.hourStart - 3 * HOUR).getUTCDay()] += row.clicks;
      }
    }
    expect(byWeekday[6]).toBeGreaterThan(byWeekday[1]);
  });

  it('keeps recent rows for adapters that pull insights by range, and drops old ones', () => {
    const state = createSandboxMarket({ seed: 2, startAt: START, retainInsightsHours: 24 });
    const campaign = createCampaign(state, { name: 'c' });
    const adSet = createAdSet(state, {
      campaignId: campaign.id,
      name: 's',
      dailyBudgetMinor: 9_000,
    });
    createAd(state, { adSetId: adSet.id, name: 'a' });
    const all = advanceTo(state, START + 2 * DAY);
    const lastDay = insights(state, { from: START + DAY, to: START + 2 * DAY });
    expect(lastDay).toEqual(all.filter((r) => r.hourStart >= START + DAY));
    expect(insights(state, { from: START, to: START + DAY })).toEqual([]);
  });

  it('refuses unknown ids and budgets that are not positive whole minor amounts', () => {
    const state = portfolio(1, 1, 1);
    expect(() =>
      createAdSet(state, { campaignId: 'nope', name: 'x', dailyBudgetMinor: 100 }),
    ).toThrow(SandboxMarketError);
    expect(() => createAd(state, { adSetId: 'nope', name: 'x' })).toThrow(/No ad set/);
    expect(() => updateStatus(state, { level: 'ad', id: 'nope', status: 'PAUSED' })).toThrow(
      /No ad/,
    );
    for (const bad of [0, -1, 10.5, Number.NaN]) {
      expect(() =>
        updateDailyBudget(state, { adSetId: 'sbx_as_2', dailyBudgetMinor: bad }),
      ).toThrow(/positive whole/);
    }
    expect(() =>
      updateStatus(state, { level: 'ad', id: 'sbx_ad_3', status: 'DELETED' as 'PAUSED' }),
    ).toThrow(/Unknown status/);
  });

  it('advances one hour at a time and only whole hours', () => {
    const state = portfolio(1, 1, 1);
    expect(advanceTo(state, START + HOUR - 1)).toEqual([]);
    expect(state.clock).toBe(START);
    advanceHour(state);
    expect(state.clock).toBe(START + HOUR);
  });
});
