/**
 * @module The sandbox ad market: a deterministic, offline simulation of an ad platform, serving the
 * operations the real platform adapters serve — create campaigns, ad sets and ads, change status
 * and daily budget, and hourly insights per ad. The `sandbox` platform adapter wraps it; the
 * backtest runs the autopilot against it.
 *
 * State in, state out: `SandboxMarketState` is plain JSON (persist it in D1 or a Durable Object
 * with `JSON.stringify`). Operations take the state and update it in place, so a 30-day backtest
 * does not copy the whole market 720 times; nothing here does I/O or reads the clock.
 * `advanceTo(state, until)` simulates every whole hour up to `until` and returns its insight rows
 * (the adapter calls it lazily, with "now", before answering).
 *
 * What is simulated, and why each part is there:
 * - Hidden truth per entity, drawn when it is created: the campaign's product sets the order value;
 *   the ad set's audience sets CPM and how fast CPM climbs as its budget grows (saturation); each
 *   ad's creative has a true CTR, CVR, order-value multiplier and fatigue. The draws are log-normal
 *   around typical Brazilian e-commerce figures on Meta (CPM ≈ R$18, link CTR ≈ 1.1%, click-to-
 *   order CVR ≈ 1.6%, order ≈ R$110), which makes the median ad about break-even: roughly half
 *   the ads lose money at any budget, a minority win clearly. Nothing in it knows the autopilot.
 * - Spend follows budget: each ad set paces its remaining daily budget over the rest of its day
 *   along a traffic curve, with noise, and never spends more than its daily budget in a day (the
 *   platform contract the spend caps rely on). The spend is split evenly across its running ads.
 * - Diminishing returns: effective CPM = base CPM × (1 + daily budget / audience capacity), so a
 *   budget three times larger buys less than three times the results.
 * - Noise: Poisson clicks and conversions, a daily CPM wobble, order values that vary.
 * - Delayed conversions: a share of orders arrive in the click's hour, the rest hours or days
 *   later (exponential delay) up to the 7-day click attribution window; they are reported in the
 *   hour they arrive, also for ads paused since.
 * - Day-of-week and hour-of-day effects on CPM, CVR and pacing; creative fatigue (CTR falls as an
 *   ad's impressions accumulate).
 */
import { exponential, logNormal, poisson, seededUniform } from './sandbox-random.ts';

const HOUR_MS = 3_600_000;
/** Conversions later than this after the click are outside the pinned 7-day click window. */
const ATTRIBUTION_WINDOW_HOURS = 7 * 24;

/** The hidden-truth distributions. Medians and log standard deviations. */
export const SANDBOX_MARKET_PARAMETERS = Object.freeze({
  orderValueMinor: { median: 11_000, sigma: 0.45 },
  cpmMinor: { median: 1_800, sigma: 0.35 },
  /** Daily budget at which the audience's CPM has doubled. */
  audienceCapacityMinor: { median: 40_000, sigma: 0.6 },
  ctr: { median: 0.011, sigma: 0.45, max: 0.08 },
  cvr: { median: 0.016, sigma: 0.55, max: 0.2 },
  orderValueMultiplier: { median: 1, sigma: 0.1 },
  /** Impressions after which a creative's CTR has halved. */
  fatigueImpressions: { median: 250_000, sigma: 0.5 },
  /** Day-to-day CPM wobble per ad set, and per-hour pacing noise. */
  dailyCpmNoiseSigma: 0.1,
  hourlySpendNoiseSigma: 0.15,
  /** One order's value around the ad's mean order value. */
  orderValueNoiseSigma: 0.35,
  /** Share of orders placed in the click's hour; the rest wait an exponential delay. */
  sameHourConversionShare: 0.45,
  meanConversionDelayHours: 20,
});

/** Local hour → relative traffic (people browse in the evening, little at night). */
const HOURLY_TRAFFIC = [
  0.3, 0.2, 0.15, 0.15, 0.2, 0.3, 0.5, 0.8, 1.0, 1.1, 1.15, 1.2, 1.2, 1.15, 1.1, 1.1, 1.15, 1.25,
  1.4, 1.5, 1.5, 1.4, 1.0, 0.6,
];
/** Local weekday (0 = Sunday) → CPM and CVR multipliers: cheaper, lazier weekends. */
const WEEKDAY_CPM = [0.92, 1.05, 1.04, 1.02, 1.0, 0.98, 0.9];
const WEEKDAY_CVR = [1.05, 1.06, 1.04, 1.0, 0.98, 0.92, 0.9];

export type SandboxStatus = 'ACTIVE' | 'PAUSED';

export interface SandboxCampaign {
  id: string;
  serial: number;
  name: string;
  objective: string;
  status: SandboxStatus;
  createdAt: number;
  hidden: { orderValueMinor: number };
}

export interface SandboxAdSet {
  id: string;
  serial: number;
  campaignId: string;
  name: string;
  status: SandboxStatus;
  dailyBudgetMinor: number;
  createdAt: number;
  /** Spend in the ad set's current local day (the day key is the local date's day number). */
  spentToday: { day: number; minor: number };
  hidden: { cpmMinor: number; audienceCapacityMinor: number };
}

export interface SandboxCreative {
  headline?: string;
  body?: string;
  callToAction?: string;
  imageUrl?: string;
  landingUrl?: string;
}

export interface SandboxAd {
  id: string;
  serial: number;
  adSetId: string;
  name: string;
  status: SandboxStatus;
  createdAt: number;
  creative: SandboxCreative;
  impressionsServed: number;
  /** Orders already placed by this ad's clickers, waiting for their hour: [hour ms, count, minor]. */
  pending: [number, number, number][];
  hidden: { ctr: number; cvr: number; orderValueMultiplier: number; fatigueImpressions: number };
}

export interface SandboxMarketState {
  version: 1;
  seed: number;
  currency: string;
  /** The ad account's fixed offset from UTC; its days and weekdays are local. */
  utcOffsetMinutes: number;
  /** Start of the next hour to simulate (ms UTC, on the hour). */
  clock: number;
  nextSerial: number;
  /** Hours of insight rows kept for `insights()`; 0 keeps none (the backtest reads `advanceTo`). */
  retainInsightsHours: number;
  campaigns: Record<string, SandboxCampaign>;
  adSets: Record<string, SandboxAdSet>;
  ads: Record<string, SandboxAd>;
  recentInsights: SandboxInsightRow[];
}

/** One ad's hour, as a platform's hourly insights report it. */
export interface SandboxInsightRow {
  adId: string;
  adSetId: string;
  campaignId: string;
  /** Start of the hour (ms UTC). */
  hourStart: number;
  impressions: number;
  clicks: number;
  spendMinor: number;
  /** Orders reported in this hour (some clicked earlier) and their revenue. */
  conversions: number;
  revenueMinor: number;
}

export class SandboxMarketError extends Error {
  readonly code: 'not_found' | 'invalid';

  constructor(code: 'not_found' | 'invalid', message: string) {
    super(message);
    this.code = code;
  }
}

// Random streams: each kind of draw has its own, so adding one never shifts another.
const STREAM = {
  campaign: 1,
  adSet: 2,
  ad: 3,
  adSetHour: 4,
  adSetDay: 5,
  adHour: 6,
} as const;

export function createSandboxMarket(options: {
  seed: number;
  startAt: number;
  currency?: string;
  utcOffsetMinutes?: number;
  retainInsightsHours?: number;
}): SandboxMarketState {
  return {
    version: 1,
    seed: options.seed,
    currency: options.currency ?? 'BRL',
    utcOffsetMinutes: options.utcOffsetMinutes ?? 0,
    clock: Math.ceil(options.startAt / HOUR_MS) * HOUR_MS,
    nextSerial: 1,
    retainInsightsHours: options.retainInsightsHours ?? 7 * 24,
    campaigns: {},
    adSets: {},
    ads: {},
    recentInsights: [],
  };
}

export function createCampaign(
  state: SandboxMarketState,
  input: { name: string; objective?: string; status?: SandboxStatus },
): SandboxCampaign {
  const serial = state.nextSerial++;
  const u = seededUniform(state.seed, STREAM.campaign, serial);
  const p = SANDBOX_MARKET_PARAMETERS;
  const campaign: SandboxCampaign = {
    id: `sbx_cmp_${serial}`,
    serial,
    name: input.name,
    objective: input.objective ?? 'SALES',
    status: input.status ?? 'ACTIVE',
    createdAt: state.clock,
    hidden: {
      orderValueMinor: Math.round(logNormal(u, p.orderValueMinor.median, p.orderValueMinor.sigma)),
    },
  };
  state.campaigns[campaign.id] = campaign;
  return campaign;
}

export function createAdSet(
  state: SandboxMarketState,
  input: { campaignId: string; name: string; dailyBudgetMinor: number; status?: SandboxStatus },
): SandboxAdSet {
  campaignOf(state, input.campaignId);
  checkBudget(input.dailyBudgetMinor);
  const serial = state.nextSerial++;
  const u = seededUniform(state.seed, STREAM.adSet, serial);
  const p = SANDBOX_MARKET_PARAMETERS;
  const adSet: SandboxAdSet = {
    id: `sbx_as_${serial}`,
    serial,
    campaignId: input.campaignId,
    name: input.name,
    status: input.status ?? 'ACTIVE',
    dailyBudgetMinor: input.dailyBudgetMinor,
    createdAt: state.clock,
    spentToday: { day: localDay(state, state.clock), minor: 0 },
    hidden: {
      cpmMinor: logNormal(u, p.cpmMinor.median, p.cpmMinor.sigma),
      audienceCapacityMinor: logNormal(
        u,
        p.audienceCapacityMinor.median,
        p.audienceCapacityMinor.sigma,
      ),
    },
  };
  state.adSets[adSet.id] = adSet;
  return adSet;
}

export function createAd(
  state: SandboxMarketState,
  input: { adSetId: string; name: string; creative?: SandboxCreative; status?: SandboxStatus },
): SandboxAd {
  adSetOf(state, input.adSetId);
  const serial = state.nextSerial++;
  const u = seededUniform(state.seed, STREAM.ad, serial);
  const p = SANDBOX_MARKET_PARAMETERS;
  const ad: SandboxAd = {
    id: `sbx_ad_${serial}`,
    serial,
    adSetId: input.adSetId,
    name: input.name,
    status: input.status ?? 'ACTIVE',
    createdAt: state.clock,
    creative: input.creative ?? {},
    impressionsServed: 0,
    pending: [],
    hidden: {
      ctr: Math.min(p.ctr.max, logNormal(u, p.ctr.median, p.ctr.sigma)),
      cvr: Math.min(p.cvr.max, logNormal(u, p.cvr.median, p.cvr.sigma)),
      orderValueMultiplier: logNormal(
        u,
        p.orderValueMultiplier.median,
        p.orderValueMultiplier.sigma,
      ),
      fatigueImpressions: logNormal(u, p.fatigueImpressions.median, p.fatigueImpressions.sigma),
    },
  };
  state.ads[ad.id] = ad;
  return ad;
}

export function updateStatus(
  state: SandboxMarketState,
  input: { level: 'campaign' | 'ad_set' | 'ad'; id: string; status: SandboxStatus },
): void {
  if (input.status !== 'ACTIVE' && input.status !== 'PAUSED') {
    throw new SandboxMarketError('invalid', `Unknown status ${String(input.status)}.`);
  }
  const entity =
    input.level === 'campaign'
      ? campaignOf(state, input.id)
      : input.level === 'ad_set'
        ? adSetOf(state, input.id)
        : adOf(state, input.id);
  entity.status = input.status;
}

export function updateDailyBudget(
  state: SandboxMarketState,
  input: { adSetId: string; dailyBudgetMinor: number },
): void {
  checkBudget(input.dailyBudgetMinor);
  adSetOf(state, input.adSetId).dailyBudgetMinor = input.dailyBudgetMinor;
}

/** Simulates every whole hour from the market's clock up to `until`; returns their rows. */
export function advanceTo(state: SandboxMarketState, until: number): SandboxInsightRow[] {
  const rows: SandboxInsightRow[] = [];
  while (state.clock + HOUR_MS <= until) rows.push(...advanceHour(state));
  return rows;
}

/** Rows kept in the state for hours in [from, to), for adapters that pull insights later. */
export function insights(
  state: SandboxMarketState,
  range: { from: number; to: number },
): SandboxInsightRow[] {
  return state.recentInsights.filter((r) => r.hourStart >= range.from && r.hourStart < range.to);
}

/** Simulates the hour starting at the clock and moves the clock one hour on. */
export function advanceHour(state: SandboxMarketState): SandboxInsightRow[] {
  const hour = state.clock;
  const hourIndex = hour / HOUR_MS;
  const local = new Date(hour + state.utcOffsetMinutes * 60_000);
  const localHour = local.getUTCHours();
  const weekday = local.getUTCDay();
  const day = localDay(state, hour);
  const p = SANDBOX_MARKET_PARAMETERS;
  const rows = new Map<string, SandboxInsightRow>();
  const rowOf = (ad: SandboxAd) => {
    let row = rows.get(ad.id);
    if (!row) {
      const adSet = state.adSets[ad.adSetId]!;
      row = {
        adId: ad.id,
        adSetId: ad.adSetId,
        campaignId: adSet.campaignId,
        hourStart: hour,
        impressions: 0,
        clicks: 0,
        spendMinor: 0,
        conversions: 0,
        revenueMinor: 0,
      };
      rows.set(ad.id, row);
    }
    return row;
  };

  const running = new Map<string, SandboxAd[]>();
  for (const ad of Object.values(state.ads)) {
    const adSet = state.adSets[ad.adSetId]!;
    if (ad.status === 'ACTIVE' && adSet.status === 'ACTIVE') {
      if (state.campaigns[adSet.campaignId]!.status !== 'ACTIVE') continue;
      const list = running.get(adSet.id);
      if (list) list.push(ad);
      else running.set(adSet.id, [ad]);
    }
  }

  for (const [adSetId, ads] of running) {
    const adSet = state.adSets[adSetId]!;
    if (adSet.spentToday.day !== day) adSet.spentToday = { day, minor: 0 };
    const remaining = adSet.dailyBudgetMinor - adSet.spentToday.minor;
    if (remaining <= 0) continue;
    // Pace what is left of the day's budget over the hours left, along the traffic curve.
    let trafficLeft = 0;
    for (let h = localHour; h < 24; h++) trafficLeft += HOURLY_TRAFFIC[h]!;
    const uHour = seededUniform(state.seed, STREAM.adSetHour, adSet.serial, hourIndex);
    const target =
      ((remaining * HOURLY_TRAFFIC[localHour]!) / trafficLeft) *
      logNormal(uHour, 1, p.hourlySpendNoiseSigma);
    const spend = Math.min(remaining, Math.round(target));
    if (spend <= 0) continue;
    adSet.spentToday.minor += spend;

    const uDay = seededUniform(state.seed, STREAM.adSetDay, adSet.serial, day);
    const cpm =
      adSet.hidden.cpmMinor *
      (1 + adSet.dailyBudgetMinor / adSet.hidden.audienceCapacityMinor) *
      WEEKDAY_CPM[weekday]! *
      logNormal(uDay, 1, p.dailyCpmNoiseSigma);
    const orderValue = state.campaigns[adSet.campaignId]!.hidden.orderValueMinor;
    // Split evenly; the indivisible remainder goes to ads in turn, hour by hour.
    const share = Math.floor(spend / ads.length);
    const extra = spend - share * ads.length;
    ads.forEach((ad, i) => {
      const adSpend = share + ((i + hourIndex) % ads.length < extra ? 1 : 0);
      if (adSpend > 0) serveAd(state, ad, rowOf(ad), adSpend, cpm, orderValue, hourIndex, weekday);
    });
  }

  for (const ad of Object.values(state.ads)) {
    if (ad.pending.length === 0) continue;
    let conversions = 0;
    let revenue = 0;
    ad.pending = ad.pending.filter(([at, count, minor]) => {
      if (at > hour) return true;
      conversions += count;
      revenue += minor;
      return false;
    });
    if (conversions > 0) {
      const row = rowOf(ad);
      row.conversions += conversions;
      row.revenueMinor += revenue;
    }
  }

  state.clock = hour + HOUR_MS;
  const result = [...rows.values()];
  if (state.retainInsightsHours > 0) {
    const keepFrom = state.clock - state.retainInsightsHours * HOUR_MS;
    state.recentInsights = state.recentInsights.filter((r) => r.hourStart >= keepFrom);
    state.recentInsights.push(...result);
  }
  return result;
}

function serveAd(
  state: SandboxMarketState,
  ad: SandboxAd,
  row: SandboxInsightRow,
  spendMinor: number,
  cpmMinor: number,
  orderValueMinor: number,
  hourIndex: number,
  weekday: number,
) {
  const p = SANDBOX_MARKET_PARAMETERS;
  const u = seededUniform(state.seed, STREAM.adHour, ad.serial, hourIndex);
  const impressions = Math.round((spendMinor * 1000) / cpmMinor);
  const ctr = ad.hidden.ctr / (1 + ad.impressionsServed / ad.hidden.fatigueImpressions);
  const clicks = Math.min(impressions, poisson(u, impressions * ctr));
  const orders = Math.min(clicks, poisson(u, clicks * ad.hidden.cvr * WEEKDAY_CVR[weekday]!));
  ad.impressionsServed += impressions;
  row.impressions += impressions;
  row.clicks += clicks;
  row.spendMinor += spendMinor;
  const hour = hourIndex * HOUR_MS;
  for (let i = 0; i < orders; i++) {
    const value = Math.round(
      logNormal(u, orderValueMinor * ad.hidden.orderValueMultiplier, p.orderValueNoiseSigma),
    );
    const delayHours =
      u() < p.sameHourConversionShare
        ? 0
        : 1 + Math.floor(exponential(u, p.meanConversionDelayHours));
    if (delayHours >= ATTRIBUTION_WINDOW_HOURS) continue;
    const at = hour + delayHours * HOUR_MS;
    const waiting = ad.pending.find((entry) => entry[0] === at);
    if (waiting) {
      waiting[1]++;
      waiting[2] += value;
    } else {
      ad.pending.push([at, 1, value]);
    }
  }
}

/** The local calendar day number (days since 1970-01-01 in the account's time zone). */
function localDay(state: SandboxMarketState, at: number): number {
  return Math.floor((at + state.utcOffsetMinutes * 60_000) / (24 * HOUR_MS));
}

function checkBudget(dailyBudgetMinor: number) {
  if (!Number.isSafeInteger(dailyBudgetMinor) || dailyBudgetMinor < 1) {
    throw new SandboxMarketError('invalid', 'Daily budget must be a positive whole minor amount.');
  }
}

function campaignOf(state: SandboxMarketState, id: string): SandboxCampaign {
  const campaign = state.campaigns[id];
  if (!campaign) throw new SandboxMarketError('not_found', `No campaign ${id}.`);
  return campaign;
}

function adSetOf(state: SandboxMarketState, id: string): SandboxAdSet {
  const adSet = state.adSets[id];
  if (!adSet) throw new SandboxMarketError('not_found', `No ad set ${id}.`);
  return adSet;
}

function adOf(state: SandboxMarketState, id: string): SandboxAd {
  const ad = state.ads[id];
  if (!ad) throw new SandboxMarketError('not_found', `No ad ${id}.`);
  return ad;
}
