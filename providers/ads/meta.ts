/**
 * @module The Meta Marketing API adapter (Graph API, version pinned in `META_GRAPH_VERSION`):
 * campaigns, ad sets, creatives and ads are created under `act_<id>`; status and daily budget are
 * changed with `POST /<id>`; insights come from `GET /act_<id>/insights` at ad level.
 * https://developers.facebook.com/docs/marketing-api/
 *
 * Rate limits. Every answer carries usage headers (`X-Business-Use-Case-Usage`, `X-App-Usage`,
 * `X-Ad-Account-Usage`) with the share of the quota used. When any reaches 90% the adapter stops
 * calling that ad account until the time the header says access returns: a short wait is slept
 * through, a longer one fails fast as `rate_limited` with `retryAfterSeconds`, so the queue retries
 * later instead of pushing the account into a block (quota-gate.ts). Throttling error codes (4,
 * 17, 32, 613, 80000–80014) map to `rate_limited` as well.
 *
 * Insights. Meta reports delivery (impressions, link clicks, spend) by the advertiser's hour, but
 * not off-Meta conversions: since 2021 website purchases are absent from hourly breakdowns. So the
 * adapter reads two reports: hourly delivery, and daily purchases (7-day click + 1-day view,
 * counted on the day they happened: `action_report_time=conversion`). A day's purchases are put on
 * the row of that account day's first hour; they are returned only when that hour is in the range
 * asked for, so re-reading overlapping ranges never counts a day twice.
 */

import type { AdObjective } from '../../domain/ads/vocabulary.ts';
import { accountDate, wallTimeToUtc } from '../../domain/calendar.ts';
import { decimalToMinor } from '../../domain/money.ts';
import { type QuotaClock, quotaGate, realSleep } from './quota-gate.ts';
import { checkAdSetSpec, checkAdSpec, checkBudget, checkCampaignSpec } from './spec-checks.ts';
import {
  type AdAccount,
  AdPlatformError,
  type AdSetSpec,
  ATTRIBUTION_WINDOW,
  type ConnectedAdPlatform,
  type HourlyInsightRow,
} from './types.ts';

export const META_GRAPH_VERSION = 'v24.0';
export const META_GRAPH_URL = 'https://graph.facebook.com';

type MetaAccount = Extract<AdAccount, { platform: 'meta' }>;

export interface MetaOptions extends Partial<QuotaClock> {
  /** Another Graph host, e.g. a local fake in tests. */
  baseUrl?: string;
}

/** Usage at or above this percent of any quota pauses the ad account. */
export const META_USAGE_CEILING_PERCENT = 90;
/** How long to pause when usage is high but Meta names no time to regain access. */
const DEFAULT_PAUSE_SECONDS = 60;
const REQUEST_TIMEOUT_MS = 30_000;
const PAGE_SIZE = 500;

const OBJECTIVES: Record<AdObjective, string> = {
  SALES: 'OUTCOME_SALES',
  TRAFFIC: 'OUTCOME_TRAFFIC',
  LEADS: 'OUTCOME_LEADS',
  AWARENESS: 'OUTCOME_AWARENESS',
};

/** The attribution window in Meta's spelling, for reports and ad sets alike. */
const ATTRIBUTION_WINDOWS = [
  `${ATTRIBUTION_WINDOW.clickDays}d_click`,
  `${ATTRIBUTION_WINDOW.viewDays}d_view`,
];

/** Purchase action types that all count the same purchases; the first present is read. */
const PURCHASE_ACTION_TYPES = ['omni_purchase', 'purchase', 'offsite_conversion.fb_pixel_purchase'];

/** Graph parameters → our fields, for naming the field in a refused request. */
const FIELD_OF_PARAM: [RegExp, string][] = [
  [/daily_budget/, 'dailyBudgetMinor'],
  [/age_min/, 'targeting.ageMin'],
  [/age_max/, 'targeting.ageMax'],
  [/countries|geo_locations/, 'targeting.countries'],
  [/publisher_platforms/, 'targeting.placements'],
  [/targeting/, 'targeting'],
  [/campaign_id/, 'campaignId'],
  [/adset_id/, 'adSetId'],
  [/objective/, 'objective'],
  [/start_time/, 'startTime'],
  [/picture|image/, 'creative.imageUrl'],
  [/\blink\b/, 'creative.landingUrl'],
  [/call_to_action/, 'creative.callToAction'],
  [/message/, 'creative.body'],
  [/\bname\b/, 'name'],
];

interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

interface UsageEntry {
  call_count?: number;
  total_cputime?: number;
  total_time?: number;
  estimated_time_to_regain_access?: number;
}

/**
 * The highest share of any quota used, and the seconds until access returns, from the three usage
 * headers. Malformed headers count as no information, never as a failure.
 */
export function metaUsage(headers: Headers): { percent: number; regainSeconds: number } {
  let percent = 0;
  let regainSeconds = 0;
  const parse = (name: string): unknown => {
    const value = headers.get(name);
    if (!value) return null;
    try {
      return JSON.parse(value);
    } catch {
      return null;
    }
  };
  const take = (entry: UsageEntry | null | undefined) => {
    if (!entry || typeof entry !== 'object') return;
    percent = Math.max(
      percent,
      Number(entry.call_count) || 0,
      Number(entry.total_cputime) || 0,
      Number(entry.total_time) || 0,
    );
    regainSeconds = Math.max(
      regainSeconds,
      (Number(entry.estimated_time_to_regain_access) || 0) * 60,
    );
  };
  const business = parse('x-business-use-case-usage') as Record<string, UsageEntry[]> | null;
  if (business && typeof business === 'object')
    for (const entries of Object.values(business))
      if (Array.isArray(entries)) for (const entry of entries) take(entry);
  take(parse('x-app-usage') as UsageEntry | null);
  const account = parse('x-ad-account-usage') as {
    acc_id_util_pct?: number;
    reset_time_duration?: number;
  } | null;
  if (account && typeof account === 'object') {
    percent = Math.max(percent, Number(account.acc_id_util_pct) || 0);
    if ((Number(account.acc_id_util_pct) || 0) >= META_USAGE_CEILING_PERCENT)
      regainSeconds = Math.max(regainSeconds, Number(account.reset_time_duration) || 0);
  }
  return { percent, regainSeconds };
}

const isThrottleCode = (code: number) =>
  [4, 17, 32, 613].includes(code) || (code >= 80000 && code <= 80014);

export function metaAdPlatform(
  account: MetaAccount,
  options: MetaOptions = {},
): ConnectedAdPlatform {
  const base = `${options.baseUrl ?? META_GRAPH_URL}/${META_GRAPH_VERSION}`;
  const actPath = `/act_${account.adAccountId}`;
  const { currency } = account;
  const quota = quotaGate('meta', account.adAccountId, {
    now: options.now ?? Date.now,
    sleep: options.sleep ?? realSleep,
    maxInlineWaitMs: options.maxInlineWaitMs ?? 2_000,
  });

  function errorFrom(status: number, error: GraphError | undefined, regainSeconds: number) {
    const code = error?.code ?? 0;
    const message = `Meta answered ${status}: ${error?.error_user_msg ?? error?.message ?? 'no message'}`;
    const details = { platformCode: code || status };
    if (isThrottleCode(code) || status === 429) {
      const retryAfterSeconds = Math.max(regainSeconds, DEFAULT_PAUSE_SECONDS);
      quota.pause(retryAfterSeconds);
      return new AdPlatformError('meta', 'rate_limited', message, {
        ...details,
        retryAfterSeconds,
      });
    }
    if (
      code === 190 ||
      code === 102 ||
      code === 10 ||
      (code >= 200 && code < 300) ||
      status === 401
    )
      return new AdPlatformError('meta', 'auth', message, details);
    // (#100) subcode 33: the object does not exist or this token cannot see it.
    if ((code === 100 && error?.error_subcode === 33) || code === 803 || status === 404)
      return new AdPlatformError('meta', 'not_found', message, details);
    if (error?.is_transient || code === 1 || code === 2 || status >= 500)
      return new AdPlatformError('meta', 'transient', message, details);
    const text = `${error?.message ?? ''} ${error?.error_user_msg ?? ''}`;
    const field = FIELD_OF_PARAM.find(([pattern]) => pattern.test(text))?.[1];
    return new AdPlatformError('meta', 'invalid_request', message, { ...details, field });
  }

  /** One Graph call; objects in `params` are sent as JSON text, as Graph expects. */
  async function graph<T>(
    method: 'GET' | 'POST',
    path: string,
    params: Record<string, unknown>,
  ): Promise<T> {
    await quota.waitForQuota();
    const encoded = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
      if (value !== undefined)
        encoded.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    const url = method === 'GET' ? `${base}${path}?${encoded}` : `${base}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${account.accessToken}`,
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: method === 'POST' ? encoded.toString() : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new AdPlatformError('meta', 'transient', `Meta could not be reached: ${String(err)}`);
    }
    const usage = metaUsage(response.headers);
    if (usage.percent >= META_USAGE_CEILING_PERCENT)
      quota.pause(Math.max(usage.regainSeconds, DEFAULT_PAUSE_SECONDS));
    const text = await response.text();
    let body: { error?: GraphError } & Record<string, unknown> = {};
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      if (response.ok)
        throw new AdPlatformError('meta', 'transient', 'Meta answered something other than JSON.');
    }
    if (!response.ok || body.error)
      throw errorFrom(response.status, body.error, usage.regainSeconds);
    return body as T;
  }

  const created = async (path: string, params: Record<string, unknown>) => {
    const { id } = await graph<{ id: string }>('POST', path, params);
    return String(id);
  };

  /** Delivery optimizes for purchases (or leads) when a pixel tracks them, otherwise for clicks. */
  function optimization(objective: AdObjective) {
    if (objective === 'AWARENESS') return { optimization_goal: 'REACH' };
    if (account.pixelId && (objective === 'SALES' || objective === 'LEADS'))
      return {
        optimization_goal: 'OFFSITE_CONVERSIONS',
        promoted_object: {
          pixel_id: account.pixelId,
          custom_event_type: objective === 'SALES' ? 'PURCHASE' : 'LEAD',
        },
      };
    return { optimization_goal: 'LINK_CLICKS' };
  }

  function targetingOf(spec: AdSetSpec) {
    const { countries, ageMin, ageMax, placements } = spec.targeting;
    return {
      geo_locations: { countries },
      age_min: ageMin,
      age_max: ageMax,
      ...(placements.length ? { publisher_platforms: placements } : {}),
      // Ages are limits, not suggestions Advantage+ audience may widen.
      targeting_automation: { advantage_audience: 0 },
    };
  }

  interface InsightRecord {
    ad_id: string;
    adset_id?: string;
    campaign_id?: string;
    date_start: string;
    impressions?: string;
    inline_link_clicks?: string;
    spend?: string;
    hourly_stats_aggregated_by_advertiser_time_zone?: string;
    actions?: Record<string, string>[];
    action_values?: Record<string, string>[];
  }

  /** Every page of an insights report, following the `after` cursor. */
  async function insightPages(params: Record<string, unknown>): Promise<InsightRecord[]> {
    const records: InsightRecord[] = [];
    let after: string | undefined;
    do {
      const page = await graph<{
        data: InsightRecord[];
        paging?: { cursors?: { after?: string }; next?: string };
      }>('GET', `${actPath}/insights`, { ...params, limit: String(PAGE_SIZE), after });
      records.push(...page.data);
      after = page.paging?.next ? page.paging.cursors?.after : undefined;
    } while (after);
    return records;
  }

  /** The purchases in one action list: both windows of the first purchase type present. */
  function purchases(list: Record<string, string>[] | undefined, toNumber: (v: string) => number) {
    const entry = PURCHASE_ACTION_TYPES.map((type) =>
      list?.find((a) => a.action_type === type),
    ).find(Boolean);
    if (!entry) return 0;
    const windows = ATTRIBUTION_WINDOWS.filter((w) => entry[w] !== undefined);
    if (!windows.length) return toNumber(entry.value ?? '0');
    return windows.reduce((sum, w) => sum + toNumber(entry[w]!), 0);
  }

  return {
    name: 'meta',
    currency,

    async describeAccount() {
      const found = await graph<{
        name: string;
        currency: string;
        timezone_name: string;
        account_status: number;
      }>('GET', actPath, { fields: 'name,currency,timezone_name,account_status' });
      // account_status 1 is ACTIVE; 2 disabled, 3 unsettled, 7 pending review, 101 closed…
      return {
        name: found.name,
        currency: found.currency,
        timeZone: found.timezone_name,
        active: found.account_status === 1,
      };
    },

    async createCampaign(spec) {
      checkCampaignSpec('meta', spec);
      const externalId = await created(`${actPath}/campaigns`, {
        name: spec.name,
        objective: OBJECTIVES[spec.objective],
        status: spec.status ?? 'PAUSED',
        special_ad_categories: [],
        buying_type: 'AUCTION',
        // Budgets live on ad sets, where the autopilot tunes them; Graph v24+ asks whether ad
        // sets may share them. They may not: the spend caps rely on each ad set's own budget.
        is_adset_budget_sharing_enabled: false,
      });
      return { externalId };
    },

    async createAdSet(spec) {
      checkAdSetSpec('meta', currency, spec);
      const externalId = await created(`${actPath}/adsets`, {
        name: spec.name,
        campaign_id: spec.campaignId,
        // Meta takes budgets in the currency's minor unit already (centavos for BRL).
        daily_budget: String(spec.dailyBudgetMinor),
        billing_event: 'IMPRESSIONS',
        bid_strategy: 'LOWEST_COST_WITHOUT_CAP',
        ...optimization(spec.objective),
        attribution_spec: [
          { event_type: 'CLICK_THROUGH', window_days: ATTRIBUTION_WINDOW.clickDays },
          { event_type: 'VIEW_THROUGH', window_days: ATTRIBUTION_WINDOW.viewDays },
        ],
        targeting: targetingOf(spec),
        status: spec.status ?? 'PAUSED',
        ...(spec.startTime ? { start_time: spec.startTime } : {}),
      });
      return { externalId };
    },

    async createAd(spec) {
      checkAdSpec('meta', spec);
      const { headline, body, callToAction, imageUrl, landingUrl } = spec.creative;
      const externalCreativeId = await created(`${actPath}/adcreatives`, {
        name: `${spec.name} — creative`,
        object_story_spec: {
          page_id: account.pageId,
          link_data: {
            message: body,
            link: landingUrl,
            name: headline,
            picture: imageUrl,
            call_to_action: { type: callToAction, value: { link: landingUrl } },
          },
        },
      });
      const externalId = await created(`${actPath}/ads`, {
        name: spec.name,
        adset_id: spec.adSetId,
        creative: { creative_id: externalCreativeId },
        status: spec.status ?? 'PAUSED',
      });
      return { externalId, externalCreativeId };
    },

    async updateStatus(_level, externalId, status) {
      await graph('POST', `/${externalId}`, { status });
    },

    async updateDailyBudget(adSetExternalId, budget) {
      checkBudget('meta', currency, budget);
      await graph('POST', `/${adSetExternalId}`, { daily_budget: String(budget.dailyBudgetMinor) });
    },

    async fetchHourlyInsights(query) {
      const from = Math.floor(Date.parse(query.from) / 3_600_000) * 3_600_000;
      const to = Date.parse(query.to);
      if (Number.isNaN(from) || Number.isNaN(to) || to <= from)
        throw new AdPlatformError('meta', 'invalid_request', 'from must be before to.', {
          field: Number.isNaN(from) ? 'from' : 'to',
        });
      const tz = account.timeZone;
      const common = {
        level: 'ad',
        time_range: { since: accountDate(tz, from), until: accountDate(tz, to - 1) },
        ...(query.adIds
          ? { filtering: [{ field: 'ad.id', operator: 'IN', value: query.adIds }] }
          : {}),
      };
      const ids = 'ad_id,adset_id,campaign_id';
      const [hourly, daily] = [
        await insightPages({
          ...common,
          fields: `${ids},impressions,inline_link_clicks,spend`,
          breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone',
        }),
        await insightPages({
          ...common,
          fields: `${ids},actions,action_values`,
          time_increment: '1',
          action_attribution_windows: ATTRIBUTION_WINDOWS,
          action_report_time: 'conversion',
        }),
      ];

      const rows = new Map<string, HourlyInsightRow>();
      const rowAt = (record: InsightRecord, hourStart: number) => {
        const key = `${record.ad_id}|${hourStart}`;
        let row = rows.get(key);
        if (!row) {
          row = {
            externalAdId: record.ad_id,
            externalAdSetId: record.adset_id ?? null,
            externalCampaignId: record.campaign_id ?? null,
            hourStart: new Date(hourStart).toISOString(),
            impressions: 0,
            clicks: 0,
            spendMinor: 0,
            conversions: 0,
            revenueMinor: 0,
            currency,
          };
          rows.set(key, row);
        }
        return row;
      };
      for (const record of hourly) {
        // "14:00:00 - 14:59:59", on the ad account's clock.
        const hour = Number(record.hourly_stats_aggregated_by_advertiser_time_zone?.slice(0, 2));
        if (!Number.isInteger(hour)) continue;
        const hourStart = wallTimeToUtc(tz, record.date_start, hour);
        if (hourStart < from || hourStart >= to) continue;
        const row = rowAt(record, hourStart);
        row.impressions += Number(record.impressions ?? 0);
        row.clicks += Number(record.inline_link_clicks ?? 0);
        row.spendMinor += decimalToMinor(record.spend ?? '0', currency);
      }
      for (const record of daily) {
        const dayStart = wallTimeToUtc(tz, record.date_start, 0);
        if (dayStart < from || dayStart >= to) continue;
        const conversions = purchases(record.actions, Number);
        const revenueMinor = purchases(record.action_values, (v) => decimalToMinor(v, currency));
        if (!conversions && !revenueMinor) continue;
        const row = rowAt(record, dayStart);
        row.conversions += conversions;
        row.revenueMinor += revenueMinor;
      }
      return [...rows.values()].sort(
        (a, b) =>
          a.hourStart.localeCompare(b.hourStart) || a.externalAdId.localeCompare(b.externalAdId),
      );
    },
  };
}
