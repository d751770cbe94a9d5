/**
 * A local fake of the TikTok Business API v1.3 for the TikTok adapter's tests, per tenant
 * (`/t/<tenant>/open_api/v1.3/...`). It checks requests the way TikTok does: the `Access-Token`
 * header (`tt-test-…` is valid; anything else is code 40105), JSON bodies with `advertiser_id`,
 * required fields and their enums, budgets as decimal numbers at or above the minimum, parents
 * that exist, the identity ads are published as, and TikTok's refusal of single-image ads in the
 * TikTok feed. Every answer is HTTP 200 with `{code, message, request_id, data}`.
 *
 * `advertiser/info/` describes advertisers: ids starting with 9 are out of the token's reach (40001),
 * with 2 are disabled, with 8 spend USD in New York; the rest BRL in São Paulo.
 *
 * Reports come from `data.delivery` (one record per ad and advertiser hour); the hourly report
 * spans one day per request, as TikTok's does.
 */
import type { ServerResponse } from 'node:http';
import { type FakeCall, sendJson, startFakeService, type TenantState } from './fake-tenants.ts';

export const FAKE_TIKTOK_IDENTITY_ID = '7000000000000000001';
/** TikTok's smallest daily ad group budget, in currency units, for this fake's accounts. */
export const FAKE_TIKTOK_MIN_DAILY_BUDGET = 20;

export interface FakeTikTokDelivery {
  adId: string;
  adGroupId: string;
  campaignId: string;
  /** "2026-12-07 14:00:00", advertiser time zone. */
  statTimeHour: string;
  impressions: number;
  clicks: number;
  spend: string;
  completePayment?: number;
  completePaymentValue?: string;
}

interface TikTokState {
  nextId: number;
  campaigns: Record<string, Record<string, unknown>>;
  adgroups: Record<string, Record<string, unknown>>;
  ads: Record<string, Record<string, unknown>>;
  images: Record<string, string>;
  requestIds: Record<string, string>;
  delivery: FakeTikTokDelivery[];
}

const OBJECTIVES = [
  'REACH',
  'TRAFFIC',
  'VIDEO_VIEWS',
  'LEAD_GENERATION',
  'ENGAGEMENT',
  'APP_PROMOTION',
  'WEB_CONVERSIONS',
  'PRODUCT_SALES',
];
const AGE_GROUPS = ['AGE_13_17', 'AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'];
const GOALS: Record<string, string[]> = {
  CONVERT: ['OCPM'],
  CLICK: ['CPC'],
  REACH: ['CPM'],
};
const CALLS_TO_ACTION = [
  'SHOP_NOW',
  'LEARN_MORE',
  'SIGN_UP',
  'ORDER_NOW',
  'CONTACT_US',
  'DOWNLOAD',
  'GET_QUOTE',
  'SUBSCRIBE',
];
const REPORT_METRICS = [
  'spend',
  'impressions',
  'clicks',
  'conversion',
  'complete_payment',
  'total_complete_payment_rate',
  'adgroup_id',
  'campaign_id',
  'ctr',
  'cpc',
];

function stateOf(tenant: TenantState): TikTokState {
  const data = tenant.data as Partial<TikTokState>;
  data.nextId ??= 1_790_000_000_001;
  data.campaigns ??= {};
  data.adgroups ??= {};
  data.ads ??= {};
  data.images ??= {};
  data.requestIds ??= {};
  data.delivery ??= [];
  return data as TikTokState;
}

let requestSerial = 0;
function answer(res: ServerResponse, code: number, message: string, data: unknown = {}) {
  sendJson(res, 200, {
    code,
    message,
    request_id: `20261207${String(requestSerial++).padStart(10, '0')}`,
    data,
  });
}
const paramError = (res: ServerResponse, message: string) => answer(res, 40002, message);

function failure(res: ServerResponse, status: number) {
  if (status === 429) return answer(res, 40100, 'Too many requests. Please retry in some time.');
  if (status === 401) return answer(res, 40105, 'Access token is incorrect or has been revoked.');
  answer(res, 50000, 'System error. Please try again later.');
}

const newId = (state: TikTokState) => String(state.nextId++);
const isStatus = (s: unknown) => s === 'ENABLE' || s === 'DISABLE';
const isHttps = (url: unknown) => typeof url === 'string' && url.startsWith('https://');

function createCampaign(res: ServerResponse, state: TikTokState, b: Record<string, any>) {
  if (b.request_id !== undefined) {
    if (!/^\d+$/.test(String(b.request_id)))
      return paramError(res, 'request_id must be a number string.');
    const earlier = state.requestIds[b.request_id];
    if (earlier) return answer(res, 0, 'OK', { campaign_id: earlier });
  }
  if (typeof b.campaign_name !== 'string' || !b.campaign_name)
    return paramError(res, 'campaign_name: field is required.');
  if (!OBJECTIVES.includes(b.objective_type))
    return paramError(res, 'objective_type: invalid value.');
  if (!['BUDGET_MODE_INFINITE', 'BUDGET_MODE_DAY', 'BUDGET_MODE_TOTAL'].includes(b.budget_mode))
    return paramError(res, 'budget_mode: invalid value.');
  if (b.budget_mode !== 'BUDGET_MODE_INFINITE' && typeof b.budget !== 'number')
    return paramError(res, 'budget: field is required for this budget_mode.');
  if (b.operation_status !== undefined && !isStatus(b.operation_status))
    return paramError(res, 'operation_status: invalid value.');
  const id = newId(state);
  state.campaigns[id] = { ...b };
  if (b.request_id !== undefined) state.requestIds[b.request_id] = id;
  answer(res, 0, 'OK', { campaign_id: id });
}

function createAdGroup(res: ServerResponse, state: TikTokState, b: Record<string, any>) {
  if (!state.campaigns[b.campaign_id])
    return paramError(res, `campaign_id ${b.campaign_id} does not exist.`);
  if (typeof b.adgroup_name !== 'string' || !b.adgroup_name)
    return paramError(res, 'adgroup_name: field is required.');
  if (b.promotion_type !== 'WEBSITE') return paramError(res, 'promotion_type: invalid value.');
  if (b.placement_type === 'PLACEMENT_TYPE_NORMAL') {
    if (
      !Array.isArray(b.placements) ||
      !b.placements.length ||
      b.placements.some(
        (p: string) =>
          !['PLACEMENT_TIKTOK', 'PLACEMENT_PANGLE', 'PLACEMENT_GLOBAL_APP_BUNDLE'].includes(p),
      )
    )
      return paramError(res, 'placements: invalid value.');
  } else if (b.placement_type !== 'PLACEMENT_TYPE_AUTOMATIC')
    return paramError(res, 'placement_type: invalid value.');
  if (
    !Array.isArray(b.location_ids) ||
    !b.location_ids.length ||
    b.location_ids.some((l: unknown) => typeof l !== 'string' || !/^\d+$/.test(l))
  )
    return paramError(res, 'location_ids: field is required.');
  if (
    b.age_groups !== undefined &&
    (!Array.isArray(b.age_groups) || b.age_groups.some((g: string) => !AGE_GROUPS.includes(g)))
  )
    return paramError(res, 'age_groups: invalid value.');
  if (b.budget_mode !== 'BUDGET_MODE_DAY') return paramError(res, 'budget_mode: invalid value.');
  if (typeof b.budget !== 'number' || Math.round(b.budget * 100) !== b.budget * 100)
    return paramError(res, 'budget: must be a number with at most 2 decimals.');
  if (b.budget < FAKE_TIKTOK_MIN_DAILY_BUDGET)
    return paramError(
      res,
      `budget: the daily budget must be at least ${FAKE_TIKTOK_MIN_DAILY_BUDGET}.`,
    );
  if (
    b.schedule_type !== 'SCHEDULE_FROM_NOW' ||
    !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(b.schedule_start_time ?? '')
  )
    return paramError(res, 'schedule_start_time: format must be YYYY-MM-DD HH:MM:SS.');
  const billing = GOALS[b.optimization_goal];
  if (!billing) return paramError(res, 'optimization_goal: invalid value.');
  if (!billing.includes(b.billing_event))
    return paramError(res, 'billing_event: does not match optimization_goal.');
  if (b.optimization_goal === 'CONVERT') {
    if (!b.pixel_id || !b.optimization_event)
      return paramError(res, 'pixel_id: field is required when optimization_goal is CONVERT.');
    if (
      b.click_attribution_window !== undefined &&
      !['OFF', 'ONE_DAY', 'SEVEN_DAYS', 'FOURTEEN_DAYS', 'TWENTY_EIGHT_DAYS'].includes(
        b.click_attribution_window,
      )
    )
      return paramError(res, 'click_attribution_window: invalid value.');
  }
  if (!isStatus(b.operation_status)) return paramError(res, 'operation_status: invalid value.');
  const id = newId(state);
  state.adgroups[id] = { ...b };
  answer(res, 0, 'OK', { adgroup_id: id });
}

function uploadImage(res: ServerResponse, state: TikTokState, b: Record<string, any>) {
  if (b.upload_type !== 'UPLOAD_BY_URL') return paramError(res, 'upload_type: invalid value.');
  if (!isHttps(b.image_url)) return paramError(res, 'image_url: must be a reachable https URL.');
  const id = `ad-site-i18n-sg/${newId(state)}`;
  state.images[id] = b.image_url;
  answer(res, 0, 'OK', {
    image_id: id,
    width: 1200,
    height: 628,
    format: 'png',
    image_url: b.image_url,
  });
}

function createAd(res: ServerResponse, state: TikTokState, b: Record<string, any>) {
  const adgroup = state.adgroups[b.adgroup_id];
  if (!adgroup) return paramError(res, `adgroup_id ${b.adgroup_id} does not exist.`);
  if (!Array.isArray(b.creatives) || !b.creatives.length)
    return paramError(res, 'creatives: field is required.');
  const ids: string[] = [];
  for (const c of b.creatives) {
    if (typeof c.ad_name !== 'string' || !c.ad_name)
      return paramError(res, 'ad_name: field is required.');
    if (c.identity_type !== 'CUSTOMIZED_USER' || c.identity_id !== FAKE_TIKTOK_IDENTITY_ID)
      return answer(res, 40001, 'identity_id: no permission to use this identity.');
    if (c.ad_format !== 'SINGLE_IMAGE' && c.ad_format !== 'SINGLE_VIDEO')
      return paramError(res, 'ad_format: invalid value.');
    const inTikTokFeed =
      adgroup.placement_type === 'PLACEMENT_TYPE_AUTOMATIC' ||
      (adgroup.placements as string[]).includes('PLACEMENT_TIKTOK');
    if (c.ad_format === 'SINGLE_IMAGE' && inTikTokFeed)
      return paramError(
        res,
        'ad_format: SINGLE_IMAGE is not supported in the TikTok placement; use a video or choose other placements.',
      );
    if (!Array.isArray(c.image_ids) || c.image_ids.some((i: string) => !state.images[i]))
      return paramError(res, 'image_ids: image not found.');
    if (typeof c.ad_text !== 'string' || !c.ad_text || c.ad_text.length > 100)
      return paramError(res, 'ad_text: length must be 1 to 100.');
    if (!CALLS_TO_ACTION.includes(c.call_to_action))
      return paramError(res, 'call_to_action: invalid value.');
    if (!isHttps(c.landing_page_url))
      return paramError(res, 'landing_page_url: must be an https URL.');
    const id = newId(state);
    state.ads[id] = { ...c, adgroup_id: b.adgroup_id };
    ids.push(id);
  }
  answer(res, 0, 'OK', { ad_ids: ids, creatives: [] });
}

function updateStatus(kind: 'campaigns' | 'adgroups' | 'ads', idsField: string) {
  return (res: ServerResponse, state: TikTokState, b: Record<string, any>) => {
    const ids = b[idsField];
    if (!Array.isArray(ids) || !ids.length)
      return paramError(res, `${idsField}: field is required.`);
    if (!['ENABLE', 'DISABLE', 'DELETE'].includes(b.operation_status))
      return paramError(res, 'operation_status: invalid value.');
    const missing = ids.find((id: string) => !state[kind][id]);
    if (missing) return paramError(res, `${idsField}: ${missing} does not exist.`);
    for (const id of ids) state[kind][id]!.operation_status = b.operation_status;
    answer(res, 0, 'OK', { [idsField]: ids, status: b.operation_status });
  };
}

function updateBudget(res: ServerResponse, state: TikTokState, b: Record<string, any>) {
  if (!Array.isArray(b.budget) || !b.budget.length)
    return paramError(res, 'budget: field is required.');
  for (const entry of b.budget) {
    if (!state.adgroups[entry.adgroup_id])
      return paramError(res, `adgroup_id ${entry.adgroup_id} does not exist.`);
    if (typeof entry.budget !== 'number' || entry.budget < FAKE_TIKTOK_MIN_DAILY_BUDGET)
      return paramError(
        res,
        `budget: the daily budget must be at least ${FAKE_TIKTOK_MIN_DAILY_BUDGET}.`,
      );
  }
  for (const entry of b.budget) state.adgroups[entry.adgroup_id]!.budget = entry.budget;
  answer(res, 0, 'OK', {});
}

function report(res: ServerResponse, state: TikTokState, q: URLSearchParams) {
  const json = (name: string) => {
    try {
      return JSON.parse(q.get(name) ?? 'null');
    } catch {
      return Symbol.for('invalid');
    }
  };
  if (q.get('report_type') !== 'BASIC') return paramError(res, 'report_type: invalid value.');
  if (q.get('data_level') !== 'AUCTION_AD') return paramError(res, 'data_level: invalid value.');
  const dimensions = json('dimensions');
  if (!Array.isArray(dimensions) || dimensions.join() !== 'ad_id,stat_time_hour')
    return paramError(res, 'dimensions: this fake serves ["ad_id","stat_time_hour"].');
  const metrics = json('metrics');
  if (!Array.isArray(metrics) || metrics.some((m: string) => !REPORT_METRICS.includes(m)))
    return paramError(res, 'metrics: invalid metric.');
  const start = q.get('start_date') ?? '';
  const end = q.get('end_date') ?? '';
  if (!/^\d{4}-\d\d-\d\d$/.test(start) || !/^\d{4}-\d\d-\d\d$/.test(end) || end < start)
    return paramError(res, 'start_date/end_date: format must be YYYY-MM-DD.');
  if (start !== end)
    return paramError(res, 'The time span cannot exceed 1 day when stat_time_hour is a dimension.');
  const page = Number(q.get('page') ?? 1);
  const pageSize = Number(q.get('page_size') ?? 10);
  if (!(pageSize >= 1 && pageSize <= 1000)) return paramError(res, 'page_size: must be 1 to 1000.');
  const filtering = json('filtering') as
    | { field_name: string; filter_type: string; filter_value: string }[]
    | null;
  const adFilter = filtering?.find((f) => f.field_name === 'ad_ids' && f.filter_type === 'IN');
  const adIds = adFilter ? (JSON.parse(adFilter.filter_value) as string[]) : null;
  const rows = state.delivery
    .filter((d) => d.statTimeHour.startsWith(start) && (!adIds || adIds.includes(d.adId)))
    .map((d) => {
      const all: Record<string, string> = {
        spend: d.spend,
        impressions: String(d.impressions),
        clicks: String(d.clicks),
        conversion: String(d.completePayment ?? 0),
        complete_payment: String(d.completePayment ?? 0),
        total_complete_payment_rate: d.completePaymentValue ?? '0.00',
        adgroup_id: d.adGroupId,
        campaign_id: d.campaignId,
        ctr: '0',
        cpc: '0',
      };
      return {
        dimensions: { ad_id: d.adId, stat_time_hour: d.statTimeHour },
        metrics: Object.fromEntries(metrics.map((m: string) => [m, all[m]])),
      };
    });
  answer(res, 0, 'OK', {
    list: rows.slice((page - 1) * pageSize, page * pageSize),
    page_info: {
      page,
      page_size: pageSize,
      total_number: rows.length,
      total_page: Math.max(1, Math.ceil(rows.length / pageSize)),
    },
  });
}

const POST_ENDPOINTS: Record<
  string,
  (res: ServerResponse, state: TikTokState, b: Record<string, any>) => void
> = {
  'campaign/create/': createCampaign,
  'adgroup/create/': createAdGroup,
  'file/image/ad/upload/': uploadImage,
  'ad/create/': createAd,
  'campaign/status/update/': updateStatus('campaigns', 'campaign_ids'),
  'adgroup/status/update/': updateStatus('adgroups', 'adgroup_ids'),
  'ad/status/update/': updateStatus('ads', 'ad_ids'),
  'adgroup/budget/update/': updateBudget,
};

function advertiserInfo(res: ServerResponse, q: URLSearchParams) {
  let ids: string[];
  try {
    ids = JSON.parse(q.get('advertiser_ids') ?? '');
  } catch {
    return paramError(res, 'advertiser_ids: field is required.');
  }
  if (!Array.isArray(ids) || !ids.length)
    return paramError(res, 'advertiser_ids: field is required.');
  if (ids.some((id) => id.startsWith('9')))
    return answer(
      res,
      40001,
      'No permission to operate advertiser; the token was not authorized for it.',
    );
  answer(res, 0, 'OK', {
    list: ids.map((id) => ({
      advertiser_id: id,
      name: `Anunciante ${id}`,
      currency: id.startsWith('8') ? 'USD' : 'BRL',
      timezone: id.startsWith('8') ? 'America/New_York' : 'America/Sao_Paulo',
      status: id.startsWith('2') ? 'STATUS_DISABLE' : 'STATUS_ENABLE',
    })),
  });
}

export function startFakeTikTok() {
  return startFakeService(async (call: FakeCall) => {
    const { req, res, path } = call;
    const endpoint = path.match(/^\/open_api\/v1\.3\/(.+)$/)?.[1];
    if (!endpoint) return sendJson(res, 404, { code: 40400, message: 'Not found' });
    if (!/^tt-test-\w+$/.test(String(req.headers['access-token'] ?? '')))
      return answer(res, 40105, 'Access token is incorrect or has been revoked.');
    const state = stateOf(call.tenant);
    if (req.method === 'GET' && endpoint === 'advertiser/info/')
      return advertiserInfo(res, call.query);
    if (req.method === 'GET') {
      if (endpoint !== 'report/integrated/get/') return answer(res, 40400, 'Not found');
      if (!/^\d+$/.test(call.query.get('advertiser_id') ?? ''))
        return paramError(res, 'advertiser_id: field is required.');
      return report(res, state, call.query);
    }
    const handler = POST_ENDPOINTS[endpoint];
    if (req.method !== 'POST' || !handler) return answer(res, 40400, 'Not found');
    if (!String(req.headers['content-type']).startsWith('application/json'))
      return paramError(res, 'Content-Type must be application/json.');
    let body: Record<string, any>;
    try {
      body = JSON.parse(call.rawBody);
    } catch {
      return paramError(res, 'The request body is not valid JSON.');
    }
    if (!/^\d+$/.test(String(body.advertiser_id ?? '')))
      return paramError(res, 'advertiser_id: field is required.');
    handler(res, state, body);
  }, failure);
}
