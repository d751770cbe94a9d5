/**
 * @module The backtest: the real autopilot decision code (`decideCycle`, `enforceSpendCaps`) run
 * against the sandbox ad market, beside two baselines on the same market and the same luck.
 *
 * Each strategy gets a fresh market from the same seed with the same portfolio: campaigns of two
 * ad sets of five ads (the last ad set may be smaller), every ad set on the same initial daily
 * budget. The market is simulated hour by hour; after each hour its insight rows go into a
 * ledger that stands in for the D1 tables (lifetime sums, hourly series for windows, org spend
 * per local day and ISO week), as the insights cron would store them.
 *
 * - autopilot: every hour `enforceSpendCaps`, every six hours `decideCycle` (AUTO mode), each run
 *   twice as a retried cron would be, with decisions deduplicated by key as the decisions table
 *   does; executed decisions are applied to the market. Requested creatives go live
 *   `CREATIVE_LEAD_HOURS` later (generation, publishing and platform review take time).
 * - noAutomation: nothing changes.
 * - pauseRule: every six hours, any running ad with the same minimum data and ROAS < 1 is paused.
 *
 * The checks are made here from what was applied to the market, not taken from the decision code:
 * cap breaches are org days or weeks whose actual spend passed a cap; over-limit changes are
 * budget changes raising more than `raisePercent`, within `minHoursBetweenRaises` of the previous
 * raise, or above `maxMultipleOfInitialBudget` × the initial budget.
 *
 * Profit is revenue − ad spend (the ROAS = 1 break-even the pause rule uses); product costs are
 * not modelled. Creative generation costs credits, not ad spend, and is not counted either.
 */

import { decideCycle, enforceSpendCaps } from '../domain/autopilot/decide.ts';
import type { AutopilotDecision, PausedFor } from '../domain/autopilot/decision.ts';
import type { AdSetInput, BudgetChange, CycleInput } from '../domain/autopilot/inputs.ts';
import { addTotals, type MetricTotals, ZERO_TOTALS } from '../domain/autopilot/metrics.ts';
import {
  type AutopilotSettings,
  type AutopilotSettingsOverrides,
  autopilotSettings,
} from '../domain/autopilot/settings.ts';
import {
  advanceHour,
  createAd,
  createAdSet,
  createCampaign,
  createSandboxMarket,
  type SandboxInsightRow,
  type SandboxMarketState,
  updateDailyBudget,
  updateStatus,
} from '../providers/ads/sandbox-market.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** São Paulo: the org's and ad account's day (Brazil has had no daylight saving since 2019). */
const UTC_OFFSET_MINUTES = -180;
/** Monday 2026-01-05 00:00 in São Paulo. */
const START_AT = Date.UTC(2026, 0, 5, 3);
const ADS_PER_AD_SET = 5;
const AD_SETS_PER_CAMPAIGN = 2;
export const CREATIVE_LEAD_HOURS = 12;

export interface BacktestOptions {
  days: number;
  ads: number;
  seed: number;
  initialAdSetBudgetMinor?: number;
  /** Defaults: daily 125% and weekly 7× the portfolio's initial daily budgets. */
  caps?: { dailyMinor: number; weeklyMinor: number };
  /** Strategy settings on top of the defaults (mode is always AUTO). */
  settings?: AutopilotSettingsOverrides;
}

export interface StrategyResult {
  spend: number;
  revenue: number;
  roas: number;
  profit: number;
}

export interface BacktestResult {
  autopilot: StrategyResult;
  noAutomation: StrategyResult;
  pauseRule: StrategyResult;
  capBreaches: number;
  overLimitChanges: number;
  /** Beyond the JSON contract: what the autopilot did, for the human-readable report. */
  details: {
    currency: string;
    caps: { dailyMinor: number; weeklyMinor: number };
    executed: Record<string, number>;
    proposed: number;
    repeatedCycleChanges: number;
    creativesLaunched: number;
  };
}

interface AdLedger {
  id: string;
  status: 'active' | 'paused';
  pausedFor: PausedFor | null;
  pausedAt: number | null;
  launchedAt: number;
  lifetime: MetricTotals;
}

interface AdSetLedger {
  id: string;
  campaignId: string;
  status: 'active' | 'paused';
  pausedFor: PausedFor | null;
  pausedAt: number | null;
  launchedAt: number;
  initialDailyBudgetMinor: number;
  dailyBudgetMinor: number;
  lastBudgetChange: BudgetChange | null;
  lastRaiseAt: number | null;
  /** `cumulative[h]`: totals of the hours before hour h (since start), for O(1) window sums. */
  cumulative: MetricTotals[];
  spentToday: { day: number; minor: number };
  pendingCreatives: { launchAt: number }[];
  ads: AdLedger[];
}

/** What the insights tables would hold: per-entity sums and the org's spend per day and week. */
class Ledger {
  readonly adSets = new Map<string, AdSetLedger>();
  readonly adSetOfAd = new Map<string, AdSetLedger>();
  readonly ads = new Map<string, AdLedger>();
  readonly spendByDay = new Map<number, number>();
  readonly spendByWeek = new Map<number, number>();
  total: MetricTotals = { ...ZERO_TOTALS };

  record(rows: SandboxInsightRow[], hourIndex: number) {
    for (const adSet of this.adSets.values()) {
      adSet.cumulative[hourIndex + 1] = adSet.cumulative[hourIndex] ?? { ...ZERO_TOTALS };
    }
    for (const row of rows) {
      const adSet = this.adSetOfAd.get(row.adId)!;
      const ad = this.ads.get(row.adId)!;
      ad.lifetime = addTotals(ad.lifetime, row);
      adSet.cumulative[hourIndex + 1] = addTotals(adSet.cumulative[hourIndex + 1]!, row);
      const day = localDay(row.hourStart);
      if (adSet.spentToday.day !== day) adSet.spentToday = { day, minor: 0 };
      adSet.spentToday.minor += row.spendMinor;
      this.spendByDay.set(day, (this.spendByDay.get(day) ?? 0) + row.spendMinor);
      const week = localWeek(row.hourStart);
      this.spendByWeek.set(week, (this.spendByWeek.get(week) ?? 0) + row.spendMinor);
      this.total = addTotals(this.total, row);
    }
  }

  /** Totals of the hours in [fromHour, toHour). */
  windowSum(adSet: AdSetLedger, fromHour: number, toHour: number): MetricTotals {
    const last = adSet.cumulative.length - 1;
    const to = adSet.cumulative[Math.min(toHour, last)]!;
    const from = adSet.cumulative[Math.max(0, Math.min(fromHour, last))]!;
    return {
      impressions: to.impressions - from.impressions,
      clicks: to.clicks - from.clicks,
      spendMinor: to.spendMinor - from.spendMinor,
      conversions: to.conversions - from.conversions,
      revenueMinor: to.revenueMinor - from.revenueMinor,
    };
  }
}

const localDay = (at: number) => Math.floor((at + UTC_OFFSET_MINUTES * 60_000) / DAY_MS);
/** ISO weeks start on Monday; day 0 (1970-01-01) was a Thursday. */
const localWeek = (at: number) => Math.floor((localDay(at) + 3) / 7);
const isoDate = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

interface World {
  market: SandboxMarketState;
  ledger: Ledger;
}

function buildWorld(options: BacktestOptions): World {
  const budget = options.initialAdSetBudgetMinor ?? 5_000;
  const market = createSandboxMarket({
    seed: options.seed,
    startAt: START_AT,
    utcOffsetMinutes: UTC_OFFSET_MINUTES,
    retainInsightsHours: 0,
  });
  const ledger = new Ledger();
  let campaignId = '';
  for (let made = 0, adSetNo = 0; made < options.ads; adSetNo++) {
    if (adSetNo % AD_SETS_PER_CAMPAIGN === 0) {
      campaignId = createCampaign(market, { name: `Product ${adSetNo / 2 + 1}` }).id;
    }
    const adSet = createAdSet(market, {
      campaignId,
      name: `Audience ${adSetNo + 1}`,
      dailyBudgetMinor: budget,
    });
    const entry: AdSetLedger = {
      id: adSet.id,
      campaignId,
      status: 'active',
      pausedFor: null,
      pausedAt: null,
      launchedAt: market.clock,
      initialDailyBudgetMinor: budget,
      dailyBudgetMinor: budget,
      lastBudgetChange: null,
      lastRaiseAt: null,
      cumulative: [{ ...ZERO_TOTALS }],
      spentToday: { day: localDay(market.clock), minor: 0 },
      pendingCreatives: [],
      ads: [],
    };
    ledger.adSets.set(adSet.id, entry);
    for (let i = 0; i < ADS_PER_AD_SET && made < options.ads; i++, made++) {
      launchAd(market, ledger, entry);
    }
  }
  return { market, ledger };
}

function launchAd(market: SandboxMarketState, ledger: Ledger, adSet: AdSetLedger) {
  const ad = createAd(market, { adSetId: adSet.id, name: `Creative ${adSet.ads.length + 1}` });
  adSet.ads.push({
    id: ad.id,
    status: 'active',
    pausedFor: null,
    pausedAt: null,
    launchedAt: market.clock,
    lifetime: { ...ZERO_TOTALS },
  });
  ledger.adSetOfAd.set(ad.id, adSet);
  ledger.ads.set(ad.id, adSet.ads.at(-1)!);
}

type Strategy = (world: World, hourIndex: number) => void;

function simulate(options: BacktestOptions, strategy: Strategy): World {
  const world = buildWorld(options);
  for (let hourIndex = 0; hourIndex < options.days * 24; hourIndex++) {
    strategy(world, hourIndex);
    world.ledger.record(advanceHour(world.market), hourIndex);
  }
  return world;
}

function result(ledger: Ledger): StrategyResult {
  const { spendMinor, revenueMinor } = ledger.total;
  return {
    spend: spendMinor,
    revenue: revenueMinor,
    roas: spendMinor === 0 ? 0 : Math.round((revenueMinor / spendMinor) * 1000) / 1000,
    profit: revenueMinor - spendMinor,
  };
}

function cycleInput(world: World, settings: AutopilotSettings, orgId: string): CycleInput {
  const { market, ledger } = world;
  const now = market.clock;
  const hourIndex = (now - START_AT) / HOUR_MS;
  const day = localDay(now);
  const week = localWeek(now);
  const adSets: AdSetInput[] = [];
  for (const a of ledger.adSets.values()) {
    const changeHour = a.lastBudgetChange ? (a.lastBudgetChange.at - START_AT) / HOUR_MS : 0;
    adSets.push({
      id: a.id,
      campaignId: a.campaignId,
      status: a.status,
      pausedFor: a.pausedFor,
      pausedAt: a.pausedAt,
      launchedAt: a.launchedAt,
      initialDailyBudgetMinor: a.initialDailyBudgetMinor,
      dailyBudgetMinor: a.dailyBudgetMinor,
      spentTodayMinor: a.spentToday.day === day ? a.spentToday.minor : 0,
      lastBudgetChange: a.lastBudgetChange,
      sinceBudgetChange: a.lastBudgetChange
        ? ledger.windowSum(a, changeHour, hourIndex)
        : { ...ZERO_TOTALS },
      trailing: ledger.windowSum(a, hourIndex - settings.scaling.compareWindowHours, hourIndex),
      pendingCreatives: a.pendingCreatives.length,
      ads: a.ads,
    });
  }
  return {
    orgId,
    now,
    settings,
    spend: {
      todayMinor: ledger.spendByDay.get(day) ?? 0,
      weekMinor: ledger.spendByWeek.get(week) ?? 0,
      day: isoDate(day),
      week: `week-${week}`,
    },
    adSets,
  };
}

interface AutopilotTally {
  applied: Set<string>;
  executed: Record<string, number>;
  proposed: number;
  repeatedCycleChanges: number;
  overLimitChanges: number;
  creativesLaunched: number;
}

/** Applies an executed decision to the market and the ledger, as the ads queue consumer would. */
function execute(
  world: World,
  decision: AutopilotDecision,
  settings: AutopilotSettings,
  tally: AutopilotTally,
) {
  const { market, ledger } = world;
  const now = market.clock;
  const { action, entity } = decision;
  const adSet = ledger.adSets.get(entity.adSetId)!;
  const kind = [entity.kind, action.type, ...('reason' in action ? [action.reason] : [])].join(':');
  tally.executed[kind] = (tally.executed[kind] ?? 0) + 1;
  if (action.type === 'request_creatives') {
    for (let i = 0; i < action.count; i++) {
      adSet.pendingCreatives.push({ launchAt: now + CREATIVE_LEAD_HOURS * HOUR_MS });
    }
    return;
  }
  if (action.type === 'set_budget') {
    // Checked against the budget the ledger holds, not the one the decision says it saw.
    const limits = settings.scaling;
    const from = adSet.dailyBudgetMinor;
    const raise = action.toMinor > from;
    if (
      raise &&
      (action.toMinor * 100 > from * (100 + limits.raisePercent) ||
        action.toMinor > adSet.initialDailyBudgetMinor * limits.maxMultipleOfInitialBudget ||
        (adSet.lastRaiseAt !== null &&
          now - adSet.lastRaiseAt < limits.minHoursBetweenRaises * HOUR_MS))
    ) {
      tally.overLimitChanges++;
    }
    updateDailyBudget(market, { adSetId: adSet.id, dailyBudgetMinor: action.toMinor });
    adSet.dailyBudgetMinor = action.toMinor;
    adSet.lastBudgetChange = {
      at: now,
      reason: action.reason,
      fromMinor: action.fromMinor,
      toMinor: action.toMinor,
      before: action.reason === 'winner_raise' ? (decision.inputs.trailing ?? null) : null,
    };
    if (raise) adSet.lastRaiseAt = now;
    return;
  }
  if (action.type === 'hold') return; // never executed; narrows the type to pause or resume
  const status = action.type === 'pause' ? 'paused' : 'active';
  const target = entity.kind === 'ad_set' ? adSet : adSet.ads.find((a) => a.id === entity.id)!;
  updateStatus(market, {
    level: entity.kind,
    id: entity.id,
    status: status === 'active' ? 'ACTIVE' : 'PAUSED',
  });
  target.status = status;
  target.pausedFor = action.type === 'pause' ? action.reason : null;
  target.pausedAt = action.type === 'pause' ? now : null;
}

function runAutopilot(options: BacktestOptions, settings: AutopilotSettings) {
  const tally: AutopilotTally = {
    applied: new Set(),
    executed: {},
    proposed: 0,
    repeatedCycleChanges: 0,
    overLimitChanges: 0,
    creativesLaunched: 0,
  };
  const orgId = `backtest-${options.seed}`;
  const apply = (world: World, decisions: AutopilotDecision[], repeat: boolean) => {
    for (const decision of decisions) {
      if (tally.applied.has(decision.key)) continue;
      tally.applied.add(decision.key);
      if (decision.action.type === 'hold') continue;
      if (repeat) tally.repeatedCycleChanges++;
      if (decision.disposition === 'execute') execute(world, decision, settings, tally);
      else if (decision.disposition === 'propose') tally.proposed++;
    }
  };
  const world = simulate(options, (w) => {
    const now = w.market.clock;
    for (const adSet of w.ledger.adSets.values()) {
      const due = adSet.pendingCreatives.filter((p) => p.launchAt <= now);
      if (due.length === 0) continue;
      adSet.pendingCreatives = adSet.pendingCreatives.filter((p) => p.launchAt > now);
      for (const _ of due) launchAd(w.market, w.ledger, adSet);
      tally.creativesLaunched += due.length;
    }
    // The cron may run twice in a window (a retry, an overlap): the second run must add nothing.
    for (const repeat of [false, true]) {
      apply(w, enforceSpendCaps(cycleInput(w, settings, orgId)).decisions, repeat);
      if (new Date(now).getUTCHours() % 6 === 0) {
        apply(w, decideCycle(cycleInput(w, settings, orgId)).decisions, repeat);
      }
    }
  });
  return { world, tally };
}

function countCapBreaches(ledger: Ledger, caps: { dailyMinor: number; weeklyMinor: number }) {
  let breaches = 0;
  for (const spent of ledger.spendByDay.values()) if (spent > caps.dailyMinor) breaches++;
  for (const spent of ledger.spendByWeek.values()) if (spent > caps.weeklyMinor) breaches++;
  return breaches;
}

export function runBacktest(options: BacktestOptions): BacktestResult {
  const budget = options.initialAdSetBudgetMinor ?? 5_000;
  const portfolioDaily = Math.ceil(options.ads / ADS_PER_AD_SET) * budget;
  const caps = options.caps ?? {
    dailyMinor: Math.round(portfolioDaily * 1.25),
    weeklyMinor: portfolioDaily * 7,
  };
  const settings = autopilotSettings({
    ...options.settings,
    mode: 'AUTO',
    caps: { ...options.settings?.caps, ...caps },
  });
  const autopilot = runAutopilot(options, settings);
  const noAutomation = simulate(options, () => {});
  const minimum = settings.minimumData.ad;
  const pauseRule = simulate(options, (world, hourIndex) => {
    if (hourIndex % 6 !== 0) return;
    const now = world.market.clock;
    for (const adSet of world.ledger.adSets.values()) {
      for (const ad of adSet.ads) {
        const t = ad.lifetime;
        if (ad.status !== 'active') continue;
        const enoughData =
          t.impressions >= minimum.impressions &&
          now - ad.launchedAt >= minimum.hoursLive * HOUR_MS &&
          t.spendMinor >= minimum.spendMinor;
        if (enoughData && t.revenueMinor < t.spendMinor) {
          updateStatus(world.market, { level: 'ad', id: ad.id, status: 'PAUSED' });
          ad.status = 'paused';
        }
      }
    }
  });
  return {
    autopilot: result(autopilot.world.ledger),
    noAutomation: result(noAutomation.ledger),
    pauseRule: result(pauseRule.ledger),
    capBreaches: countCapBreaches(autopilot.world.ledger, caps),
    overLimitChanges: autopilot.tally.overLimitChanges,
    details: {
      currency: settings.currency,
      caps,
      executed: autopilot.tally.executed,
      proposed: autopilot.tally.proposed,
      repeatedCycleChanges: autopilot.tally.repeatedCycleChanges,
      creativesLaunched: autopilot.tally.creativesLaunched,
    },
  };
}
