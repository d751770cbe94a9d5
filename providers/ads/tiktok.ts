/**
 * @module The TikTok Business API v1.3 adapter (https://business-api.tiktok.com/open_api/v1.3/):
 * `campaign/create/`, `adgroup/create/`, `file/image/ad/upload/` + `ad/create/`, the three
 * `…/status/update/` endpoints, `adgroup/budget/update/`, and hourly insights from
 * `report/integrated/get/` (BASIC report, AUCTION_AD level, dimensions ad_id × stat_time_hour).
 * https://business-api.tiktok.com/portal/docs
 *
 * Every answer is HTTP 200 with `{code, message, request_id, data}`; `code` 0 is success. Money
 * goes to TikTok as decimal currency units (`budget: 50.5`) and comes back as decimal text, so the
 * adapter converts from and to our minor units exactly (currency-units.ts).
 *
 * What TikTok cannot do exactly, and how it is bridged:
 * - Ages are targeted in fixed groups (18–24, 25–34…): the ad group gets every group that overlaps
 *   the range asked for, so a 30–40 range reaches 25–44.
 * - Countries are targeted by GeoNames location id, not ISO code: `TIKTOK_COUNTRY_LOCATION_IDS`
 *   holds the countries we sell in; others are refused naming `targeting.countries`.
 * - Image ads (`SINGLE_IMAGE`) run on Pangle and TikTok's news-feed apps, not in the TikTok feed,
 *   which takes video; TikTok refuses such an ad, and the refusal names `creative.imageUrl`.
 * - The hourly report spans one day per request (TikTok's limit), in the advertiser's time zone.
 *   Purchases are reported by TikTok in the hour of the impression, within the ad group's
 *   attribution window (pinned at creation: 7-day click, 1-day view).
 */

import type { AdEntityLevel, AdObjective } from '../../domain/ads/vocabulary.ts';
import { accountDate, wallTimeToUtc } from '../../domain/calendar.ts';
import { decimalToMinor, minorToDecimal } from '../../domain/money.ts';
import { type QuotaClock, quotaGate, realSleep } from './quota-gate.ts';
import { hashInts } from './sandbox-random.ts';
import { checkAdSetSpec, checkAdSpec, checkBudget, checkCampaignSpec } from './spec-checks.ts';
import {
  type AdAccount,
  AdPlatformError,
  type AdSetSpec,
  type ConnectedAdPlatform,
  type HourlyInsightRow,
} from './types.ts';

export const TIKTOK_API_URL = 'https://business-api.tiktok.com';
export const TIKTOK_API_VERSION = 'v1.3';

type TikTokAccount = Extract<AdAccount, { platform: 'tiktok' }>;

export interface TikTokOptions extends Partial<QuotaClock> {
  /** Another API host, e.g. a local fake in tests. */
  baseUrl?: string;
}

/** TikTok throttles per second and minute; a throttled account waits this long. */
const THROTTLE_PAUSE_SECONDS = 10;
const REQUEST_TIMEOUT_MS = 30_000;
const PAGE_SIZE = 1000;
const DAY_MS = 86_400_000;

/** GeoNames ids TikTok targets countries by. */
export const TIKTOK_COUNTRY_LOCATION_IDS: Record<string, string> = {
  BR: '3469034',
  PT: '2264397',
  US: '6252001',
  AR: '3865483',
  MX: '3996063',
  CO: '3686110',
  CL: '3895114',
  PE: '3932488',
  UY: '3439705',
  PY: '3437598',
  ES: '2510769',
  GB: '2635167',
  CA: '6251999',
};

const AGE_GROUPS: [string, number, number][] = [
  ['AGE_13_17', 13, 17],
  ['AGE_18_24', 18, 24],
  ['AGE_25_34', 25, 34],
  ['AGE_35_44', 35, 44],
  ['AGE_45_54', 45, 54],
  ['AGE_55_100', 55, 100],
];

const OBJECTIVES: Record<AdObjective, string> = {
  SALES: 'WEB_CONVERSIONS',
  TRAFFIC: 'TRAFFIC',
  LEADS: 'LEAD_GENERATION',
  AWARENESS: 'REACH',
};

const PLACEMENTS: Record<string, string> = {
  tiktok: 'PLACEMENT_TIKTOK',
  pangle: 'PLACEMENT_PANGLE',
};

/** TikTok parameters → our fields, for naming the field in a refused request. */
const FIELD_OF_PARAM: [RegExp, string][] = [
  [/budget/, 'dailyBudgetMinor'],
  [/age_groups/, 'targeting.ageMin'],
  [/location_ids/, 'targeting.countries'],
  [/placement/, 'targeting.placements'],
  [/campaign_id/, 'campaignId'],
  [/adgroup_id/, 'adSetId'],
  [/objective/, 'objective'],
  [/schedule_start_time/, 'startTime'],
  [/image|ad_format/, 'creative.imageUrl'],
  [/landing_page_url/, 'creative.landingUrl'],
  [/call_to_action/, 'creative.callToAction'],
  [/ad_text/, 'creative.body'],
  [/_name\b/, 'name'],
];

/** No permission, token expired, missing, invalid, or of another app. */
const AUTH_CODES = [40001, 40102, 40104, 40105, 40106];

/** Age groups overlapping [min, max] (65 means "65 and over"). */
export function tiktokAgeGroups(ageMin: number, ageMax: number): string[] {
  const max = ageMax >= 65 ? 100 : ageMax;
  return AGE_GROUPS.filter(([, from, to]) => from <= max && to >= ageMin).map(([group]) => group);
}

/** TikTok's request ids are numbers; ours are free text, so a stable hash stands in. */
const requestIdOf = (key: string) =>
  String(hashInts(...Array.from(key, (ch) => ch.codePointAt(0)!)));

/** `YYYY-MM-DD HH:MM:SS` in UTC, as TikTok's schedule times are written. */
const tiktokTime = (iso: string) => new Date(iso).toISOString().slice(0, 19).replace('T', ' ');

export function tiktokAdPlatform(
  account: TikTokAccount,
  options: TikTokOptions = {},
): ConnectedAdPlatform {
  const base = `${options.baseUrl ?? TIKTOK_API_URL}/open_api/${TIKTOK_API_VERSION}`;
  const { currency, advertiserId } = account;
  const quota = quotaGate('tiktok', advertiserId, {
    now: options.now ?? Date.now,
    sleep: options.sleep ?? realSleep,
    maxInlineWaitMs: options.maxInlineWaitMs ?? 2_000,
  });

  function errorFrom(code: number, message: string, httpStatus: number) {
    const text = `TikTok answered ${code || httpStatus}: ${message}`;
    const details = { platformCode: code || httpStatus };
    if (code === 40100 || httpStatus === 429) {
      quota.pause(THROTTLE_PAUSE_SECONDS);
      return new AdPlatformError('tiktok', 'rate_limited', text, {
        ...details,
        retryAfterSeconds: THROTTLE_PAUSE_SECONDS,
      });
    }
    if (AUTH_CODES.includes(code) || httpStatus === 401 || httpStatus === 403)
      return new AdPlatformError('tiktok', 'auth', text, details);
    if (code >= 50000 || httpStatus >= 500)
      return new AdPlatformError('tiktok', 'transient', text, details);
    if (/does not exist|not found/i.test(message))
      return new AdPlatformError('tiktok', 'not_found', text, details);
    // TikTok's messages start with the parameter at fault; the earliest one named wins.
    const field = FIELD_OF_PARAM.map(([pattern, name]) => [message.search(pattern), name] as const)
      .filter(([at]) => at >= 0)
      .sort((a, b) => a[0] - b[0])[0]?.[1];
    return new AdPlatformError('tiktok', 'invalid_request', text, { ...details, field });
  }

  /** One API call; GET parameters that are arrays or objects travel as JSON text. */
  async function call<T>(
    method: 'GET' | 'POST',
    endpoint: string,
    params: Record<string, unknown>,
  ): Promise<T> {
    await quota.waitForQuota();
    // Every endpoint names the advertiser, the info endpoint as a list.
    const body = 'advertiser_ids' in params ? params : { advertiser_id: advertiserId, ...params };
    let url = `${base}/${endpoint}`;
    if (method === 'GET')
      url += `?${new URLSearchParams(
        Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
      )}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          'access-token': account.accessToken,
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        },
        body: method === 'POST' ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new AdPlatformError(
        'tiktok',
        'transient',
        `TikTok could not be reached: ${String(err)}`,
      );
    }
    let answer: { code?: number; message?: string; data?: T };
    try {
      answer = await response.json();
    } catch {
      throw errorFrom(
        0,
        'The answer was not JSON.',
        response.status >= 400 ? response.status : 502,
      );
    }
    if (!response.ok || answer.code !== 0)
      throw errorFrom(answer.code ?? 0, answer.message ?? 'no message', response.status);
    return answer.data as T;
  }

  /** Delivery optimizes for purchases when a pixel tracks them, otherwise for clicks. */
  function optimization(objective: AdObjective) {
    if (objective === 'AWARENESS')
      return { optimization_goal: 'REACH', billing_event: 'CPM', bid_type: 'BID_TYPE_NO_BID' };
    if (account.pixelId && (objective === 'SALES' || objective === 'LEADS'))
      return {
        optimization_goal: 'CONVERT',
        billing_event: 'OCPM',
        bid_type: 'BID_TYPE_NO_BID',
        pixel_id: account.pixelId,
        optimization_event: objective === 'SALES' ? 'SHOPPING' : 'FORM',
        click_attribution_window: 'SEVEN_DAYS',
        view_attribution_window: 'ONE_DAY',
      };
    return { optimization_goal: 'CLICK', billing_event: 'CPC', bid_type: 'BID_TYPE_NO_BID' };
  }

  function targetingOf(spec: AdSetSpec) {
    const { countries, ageMin, ageMax, placements } = spec.targeting;
    const unknown = countries.find((c) => !TIKTOK_COUNTRY_LOCATION_IDS[c]);
    if (unknown)
      throw new AdPlatformError(
        'tiktok',
        'invalid_request',
        `This adapter does not know TikTok's location id for ${unknown}.`,
        { field: 'targeting.countries' },
      );
    return {
      location_ids: countries.map((c) => TIKTOK_COUNTRY_LOCATION_IDS[c]),
      age_groups: tiktokAgeGroups(ageMin, ageMax),
      ...(placements.length
        ? {
            placement_type: 'PLACEMENT_TYPE_NORMAL',
            placements: placements.map((p) => PLACEMENTS[p]),
          }
        : { placement_type: 'PLACEMENT_TYPE_AUTOMATIC' }),
    };
  }

  const STATUS_ENDPOINTS: Record<AdEntityLevel, [string, string]> = {
    campaign: ['campaign/status/update/', 'campaign_ids'],
    ad_set: ['adgroup/status/update/', 'adgroup_ids'],
    ad: ['ad/status/update/', 'ad_ids'],
  };

  interface ReportRow {
    dimensions: { ad_id: string; stat_time_hour: string };
    metrics: Record<string, string>;
  }

  /** One account day of the hourly report, every page. */
  async function reportDay(date: string, adIds: string[] | undefined): Promise<ReportRow[]> {
    const rows: ReportRow[] = [];
    for (let page = 1; ; page++) {
      const data = await call<{ list: ReportRow[]; page_info: { total_page: number } }>(
        'GET',
        'report/integrated/get/',
        {
          report_type: 'BASIC',
          data_level: 'AUCTION_AD',
          dimensions: ['ad_id', 'stat_time_hour'],
          metrics: [
            'spend',
            'impressions',
            'clicks',
            'complete_payment',
            'total_complete_payment_rate',
            'adgroup_id',
            'campaign_id',
          ],
          start_date: date,
          end_date: date,
          page: String(page),
          page_size: String(PAGE_SIZE),
          ...(adIds
            ? {
                filtering: [
                  { field_name: 'ad_ids', filter_type: 'IN', filter_value: JSON.stringify(adIds) },
                ],
              }
            : {}),
        },
      );
      rows.push(...data.list);
      if (page >= data.page_info.total_page) return rows;
    }
  }

  return {
    name: 'tiktok',
    currency,

    async describeAccount() {
      const data = await call<{
        list: { name: string; currency: string; timezone: string; status: string }[];
      }>('GET', 'advertiser/info/', {
        advertiser_ids: [advertiserId],
        fields: ['name', 'currency', 'timezone', 'status'],
      });
      const found = data.list[0];
      if (!found)
        throw new AdPlatformError('tiktok', 'not_found', `No advertiser ${advertiserId}.`);
      return {
        name: found.name,
        currency: found.currency,
        timeZone: found.timezone,
        active: found.status === 'STATUS_ENABLE',
      };
    },

    async createCampaign(spec) {
      checkCampaignSpec('tiktok', spec);
      const data = await call<{ campaign_id: string }>('POST', 'campaign/create/', {
        campaign_name: spec.name,
        objective_type: OBJECTIVES[spec.objective],
        // Budgets live on ad groups, where the autopilot tunes them.
        budget_mode: 'BUDGET_MODE_INFINITE',
        operation_status: spec.status === 'ACTIVE' ? 'ENABLE' : 'DISABLE',
        // TikTok creates one campaign per request id, however often the request is retried.
        ...(spec.idempotencyKey ? { request_id: requestIdOf(spec.idempotencyKey) } : {}),
      });
      return { externalId: String(data.campaign_id) };
    },

    async createAdSet(spec) {
      checkAdSetSpec('tiktok', currency, spec);
      const data = await call<{ adgroup_id: string }>('POST', 'adgroup/create/', {
        campaign_id: spec.campaignId,
        adgroup_name: spec.name,
        promotion_type: 'WEBSITE',
        ...targetingOf(spec),
        budget_mode: 'BUDGET_MODE_DAY',
        budget: minorToDecimal(spec.dailyBudgetMinor, currency),
        schedule_type: 'SCHEDULE_FROM_NOW',
        schedule_start_time: tiktokTime(spec.startTime ?? new Date().toISOString()),
        ...optimization(spec.objective),
        operation_status: spec.status === 'ACTIVE' ? 'ENABLE' : 'DISABLE',
      });
      return { externalId: String(data.adgroup_id) };
    },

    async createAd(spec) {
      checkAdSpec('tiktok', spec);
      const { headline, body, callToAction, imageUrl, landingUrl } = spec.creative;
      const image = await call<{ image_id: string }>('POST', 'file/image/ad/upload/', {
        upload_type: 'UPLOAD_BY_URL',
        image_url: imageUrl,
      });
      const data = await call<{ ad_ids: string[] }>('POST', 'ad/create/', {
        adgroup_id: spec.adSetId,
        creatives: [
          {
            ad_name: spec.name,
            identity_type: 'CUSTOMIZED_USER',
            identity_id: account.identityId,
            ad_format: 'SINGLE_IMAGE',
            image_ids: [image.image_id],
            // TikTok shows one text; the headline leads it.
            ad_text: `${headline} ${body}`.slice(0, 100),
            call_to_action: callToAction,
            landing_page_url: landingUrl,
            operation_status: spec.status === 'ACTIVE' ? 'ENABLE' : 'DISABLE',
          },
        ],
      });
      return { externalId: String(data.ad_ids[0]) };
    },

    async updateStatus(level, externalId, status) {
      const [endpoint, idsField] = STATUS_ENDPOINTS[level];
      await call('POST', endpoint, {
        [idsField]: [externalId],
        operation_status: status === 'ACTIVE' ? 'ENABLE' : 'DISABLE',
      });
    },

    async updateDailyBudget(adSetExternalId, budget) {
      checkBudget('tiktok', currency, budget);
      await call('POST', 'adgroup/budget/update/', {
        budget: [
          {
            adgroup_id: adSetExternalId,
            budget: minorToDecimal(budget.dailyBudgetMinor, currency),
          },
        ],
      });
    },

    async fetchHourlyInsights(query) {
      const from = Math.floor(Date.parse(query.from) / 3_600_000) * 3_600_000;
      const to = Date.parse(query.to);
      if (Number.isNaN(from) || Number.isNaN(to) || to <= from)
        throw new AdPlatformError('tiktok', 'invalid_request', 'from must be before to.', {
          field: Number.isNaN(from) ? 'from' : 'to',
        });
      const tz = account.timeZone;
      const days: string[] = [];
      for (let day = accountDate(tz, from); day <= accountDate(tz, to - 1); ) {
        days.push(day);
        day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
      }
      const rows: HourlyInsightRow[] = [];
      for (const date of days)
        for (const { dimensions, metrics } of await reportDay(date, query.adIds)) {
          // "2026-12-07 14:00:00" on the advertiser's clock.
          const [day, time] = dimensions.stat_time_hour.split(' ');
          const hourStart = wallTimeToUtc(tz, day!, Number(time!.slice(0, 2)));
          if (hourStart < from || hourStart >= to) continue;
          const row: HourlyInsightRow = {
            externalAdId: String(dimensions.ad_id),
            externalAdSetId: metrics.adgroup_id ?? null,
            externalCampaignId: metrics.campaign_id ?? null,
            hourStart: new Date(hourStart).toISOString(),
            impressions: Number(metrics.impressions ?? 0),
            clicks: Number(metrics.clicks ?? 0),
            spendMinor: decimalToMinor(metrics.spend ?? '0', currency),
            conversions: Number(metrics.complete_payment ?? 0),
            revenueMinor: decimalToMinor(metrics.total_complete_payment_rate ?? '0', currency),
            currency,
          };
          if (row.impressions || row.clicks || row.spendMinor || row.conversions) rows.push(row);
        }
      return rows;
    },
  };
}
