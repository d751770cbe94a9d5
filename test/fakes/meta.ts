/**
 * A local fake of Meta's Marketing API (Graph API) for the Meta adapter's tests, per tenant
 * (`/t/<tenant>/v24.0/...`). It checks requests the way Graph does: a Bearer token (`EAAtest…` is
 * valid, anything else is error 190), the pinned version, form-encoded POST bodies whose object
 * parameters are JSON text, required fields and their values, parents that exist (campaign →
 * ad set → ad, creative for the ad, the page the account may publish as). Errors have Graph's
 * shape, `{error: {message, type, code, error_subcode, error_user_msg, fbtrace_id}}`.
 *
 * Every answer carries usage headers (`X-Business-Use-Case-Usage`, `X-App-Usage`,
 * `X-Ad-Account-Usage`); `data.usage = {percent, perCall, regainMinutes}` sets where the quota
 * starts and how fast calls use it. At 100% calls fail with the throttling code 80004. Calls use
 * none unless a test says so: files that share a tenant (the `connections` one every route test
 * reaches through META_API_URL) must not throttle each other.
 *
 * `GET /act_<id>` describes the ad account: ids starting with 9 do not exist, with 2 are disabled,
 * with 8 spend USD in New York; the rest BRL in São Paulo.
 *
 * Insights come from `data.delivery`: one record per ad and account hour, with its purchases per
 * attribution window. As on Graph, the hourly breakdown carries no off-Meta actions; the daily
 * report sums them per ad and day.
 */
import type { ServerResponse } from 'node:http';
import { type FakeCall, sendJson, startFakeService, type TenantState } from './fake-tenants.ts';

export const FAKE_META_VERSION = 'v24.0';
export const FAKE_META_PAGE_ID = '1122334455';

export interface FakeMetaDelivery {
  adId: string;
  adSetId: string;
  campaignId: string;
  /** The account day and hour (advertiser time zone). */
  date: string;
  hour: number;
  impressions: number;
  linkClicks: number;
  /** Decimal text, as Graph reports spend. */
  spend: string;
  purchases?: Record<string, number>;
  purchaseValue?: Record<string, string>;
}

interface MetaState {
  usage: { percent: number; perCall: number; regainMinutes: number };
  nextId: number;
  objects: Record<
    string,
    { kind: 'campaign' | 'adset' | 'adcreative' | 'ad'; fields: Record<string, unknown> }
  >;
  delivery: FakeMetaDelivery[];
}

const OBJECTIVES = [
  'OUTCOME_SALES',
  'OUTCOME_TRAFFIC',
  'OUTCOME_LEADS',
  'OUTCOME_AWARENESS',
  'OUTCOME_ENGAGEMENT',
  'OUTCOME_APP_PROMOTION',
];
const OPTIMIZATION_GOALS = [
  'OFFSITE_CONVERSIONS',
  'LINK_CLICKS',
  'REACH',
  'IMPRESSIONS',
  'LANDING_PAGE_VIEWS',
  'VALUE',
];
const CALLS_TO_ACTION = [
  'SHOP_NOW',
  'LEARN_MORE',
  'SIGN_UP',
  'ORDER_NOW',
  'CONTACT_US',
  'DOWNLOAD',
  'GET_QUOTE',
  'SUBSCRIBE',
  'BUY_NOW',
];
const PUBLISHER_PLATFORMS = ['facebook', 'instagram', 'messenger', 'audience_network'];
const ATTRIBUTION_WINDOWS = ['1d_click', '7d_click', '28d_click', '1d_view', '7d_view', '1d_ev'];
const INSIGHT_FIELDS = [
  'ad_id',
  'adset_id',
  'campaign_id',
  'impressions',
  'inline_link_clicks',
  'clicks',
  'spend',
  'actions',
  'action_values',
];

function stateOf(tenant: TenantState): MetaState {
  const data = tenant.data as Partial<MetaState> & Record<string, unknown>;
  data.usage = { percent: 0, perCall: 0, regainMinutes: 0, ...data.usage };
  data.nextId ??= 120200000000001;
  data.objects ??= {};
  data.delivery ??= [];
  return data as MetaState;
}

function graphError(
  res: ServerResponse,
  status: number,
  error: {
    message: string;
    code: number;
    type?: string;
    error_subcode?: number;
    error_user_msg?: string;
    is_transient?: boolean;
  },
  headers: Record<string, string> = {},
) {
  sendJson(
    res,
    status,
    { error: { type: 'OAuthException', fbtrace_id: 'AfakeTrace', ...error } },
    headers,
  );
}

const invalidParam = (res: ServerResponse, userMessage: string, subcode = 1487000) =>
  graphError(res, 400, {
    message: 'Invalid parameter',
    code: 100,
    error_subcode: subcode,
    error_user_msg: userMessage,
  });

function usageHeaders(accountId: string, usage: MetaState['usage']) {
  const pct = Math.min(100, Math.round(usage.percent));
  const regain = pct >= 100 ? Math.max(usage.regainMinutes, 1) : usage.regainMinutes;
  return {
    'x-business-use-case-usage': JSON.stringify({
      [accountId]: [
        {
          type: 'ads_management',
          call_count: pct,
          total_cputime: Math.round(pct / 3),
          total_time: Math.round(pct / 3),
          estimated_time_to_regain_access: regain,
          ads_api_access_tier: 'standard_access',
        },
      ],
    }),
    'x-app-usage': JSON.stringify({ call_count: 3, total_cputime: 1, total_time: 2 }),
    'x-ad-account-usage': JSON.stringify({
      acc_id_util_pct: Math.round(pct / 2),
      reset_time_duration: 0,
      ads_api_access_tier: 'standard_access',
    }),
  };
}

function failure(res: ServerResponse, status: number, retryAfter?: number) {
  if (status === 429)
    return graphError(
      res,
      400,
      {
        message:
          'There have been too many calls from this ad-account. Please wait a bit and try again.',
        code: 80004,
        error_subcode: 2446079,
        is_transient: true,
      },
      usageHeaders('0', {
        percent: 100,
        perCall: 0,
        regainMinutes: Math.ceil((retryAfter ?? 60) / 60),
      }),
    );
  if (status === 401)
    return graphError(res, 400, {
      message: 'Error validating access token: Session has expired.',
      code: 190,
      error_subcode: 463,
    });
  graphError(res, 500, {
    message: 'An unexpected error has occurred. Please retry your request later.',
    code: 2,
    type: 'OAuthException',
    is_transient: true,
  });
}

/** Graph form parameters: objects arrive as JSON text. */
function jsonParam(params: URLSearchParams, name: string): unknown {
  const raw = params.get(name);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    return Symbol.for('invalid');
  }
}

const isStatus = (value: string | null) => value === 'ACTIVE' || value === 'PAUSED';

function createCampaign(res: ServerResponse, state: MetaState, p: URLSearchParams) {
  if (!p.get('name')) return invalidParam(res, 'name: The campaign name is required.');
  if (!OBJECTIVES.includes(p.get('objective') ?? ''))
    return invalidParam(res, `objective must be one of ${OBJECTIVES.join(', ')}.`);
  if (!isStatus(p.get('status'))) return invalidParam(res, 'status must be ACTIVE or PAUSED.');
  if (!Array.isArray(jsonParam(p, 'special_ad_categories')))
    return invalidParam(res, 'special_ad_categories is required (an empty array for none).');
  if (
    !p.has('daily_budget') &&
    !['true', 'false'].includes(p.get('is_adset_budget_sharing_enabled') ?? '')
  )
    return invalidParam(
      res,
      'is_adset_budget_sharing_enabled must be set when the campaign has no budget.',
    );
  return created(res, state, 'campaign', Object.fromEntries(p));
}

function createAdSet(res: ServerResponse, state: MetaState, p: URLSearchParams) {
  if (!p.get('name')) return invalidParam(res, 'name: The ad set name is required.');
  if (state.objects[p.get('campaign_id') ?? '']?.kind !== 'campaign')
    return invalidParam(res, 'campaign_id does not name a campaign of this ad account.');
  const budget = p.get('daily_budget') ?? '';
  if (!/^\d+$/.test(budget) || Number(budget) < 100)
    return invalidParam(
      res,
      'daily_budget must be a whole number of at least 100 (R$1,00).',
      1885272,
    );
  if (p.get('billing_event') !== 'IMPRESSIONS' && p.get('billing_event') !== 'LINK_CLICKS')
    return invalidParam(res, 'billing_event is invalid.');
  const goal = p.get('optimization_goal') ?? '';
  if (!OPTIMIZATION_GOALS.includes(goal)) return invalidParam(res, 'optimization_goal is invalid.');
  if (goal === 'OFFSITE_CONVERSIONS') {
    const promoted = jsonParam(p, 'promoted_object') as {
      pixel_id?: string;
      custom_event_type?: string;
    };
    if (!promoted?.pixel_id || !promoted.custom_event_type)
      return invalidParam(res, 'promoted_object needs pixel_id and custom_event_type.');
  }
  const targeting = jsonParam(p, 'targeting') as {
    geo_locations?: { countries?: string[] };
    age_min?: number;
    age_max?: number;
    publisher_platforms?: string[];
  };
  if (!targeting || typeof targeting !== 'object')
    return invalidParam(res, 'targeting must be a JSON object.');
  if (!targeting.geo_locations?.countries?.length)
    return invalidParam(res, 'targeting: geo_locations.countries is required.');
  if (targeting.age_min !== undefined && (targeting.age_min < 13 || targeting.age_min > 65))
    return invalidParam(res, 'targeting: age_min must be from 13 to 65.');
  if (
    targeting.age_max !== undefined &&
    (targeting.age_max > 65 || targeting.age_max < (targeting.age_min ?? 18))
  )
    return invalidParam(res, 'targeting: age_max must be at least age_min and at most 65.');
  if (targeting.publisher_platforms?.some((x) => !PUBLISHER_PLATFORMS.includes(x)))
    return invalidParam(res, 'targeting: publisher_platforms has an unknown platform.');
  const attribution = jsonParam(p, 'attribution_spec');
  if (attribution !== undefined && !Array.isArray(attribution))
    return invalidParam(res, 'attribution_spec must be a JSON array.');
  if (!isStatus(p.get('status'))) return invalidParam(res, 'status must be ACTIVE or PAUSED.');
  return created(res, state, 'adset', Object.fromEntries(p));
}

function createCreative(res: ServerResponse, state: MetaState, p: URLSearchParams) {
  const spec = jsonParam(p, 'object_story_spec') as {
    page_id?: string;
    link_data?: {
      link?: string;
      message?: string;
      name?: string;
      picture?: string;
      call_to_action?: { type?: string };
    };
  };
  if (!spec || typeof spec !== 'object') return invalidParam(res, 'object_story_spec is required.');
  if (spec.page_id !== FAKE_META_PAGE_ID)
    return graphError(res, 400, {
      message: '(#200) Requires pages_manage_ads permission to manage the object',
      code: 200,
    });
  const link = spec.link_data;
  if (!link?.link || !/^https:\/\//.test(link.link))
    return invalidParam(res, 'object_story_spec: link_data.link must be an https URL.');
  if (!link.message) return invalidParam(res, 'object_story_spec: link_data.message is required.');
  if (link.picture !== undefined && !/^https:\/\//.test(link.picture))
    return invalidParam(res, 'object_story_spec: link_data.picture must be an https URL.');
  if (link.call_to_action && !CALLS_TO_ACTION.includes(link.call_to_action.type ?? ''))
    return invalidParam(res, 'object_story_spec: call_to_action type is invalid.');
  return created(res, state, 'adcreative', Object.fromEntries(p));
}

function createAd(res: ServerResponse, state: MetaState, p: URLSearchParams) {
  if (!p.get('name')) return invalidParam(res, 'name: The ad name is required.');
  if (state.objects[p.get('adset_id') ?? '']?.kind !== 'adset')
    return invalidParam(res, 'adset_id does not name an ad set of this ad account.');
  const creative = jsonParam(p, 'creative') as { creative_id?: string };
  if (state.objects[creative?.creative_id ?? '']?.kind !== 'adcreative')
    return invalidParam(res, 'creative: creative_id does not name a creative of this ad account.');
  if (!isStatus(p.get('status'))) return invalidParam(res, 'status must be ACTIVE or PAUSED.');
  return created(res, state, 'ad', Object.fromEntries(p));
}

function created(
  res: ServerResponse,
  state: MetaState,
  kind: MetaState['objects'][string]['kind'],
  fields: Record<string, unknown>,
) {
  const id = String(state.nextId++);
  state.objects[id] = { kind, fields };
  sendJson(res, 200, { id });
}

function updateObject(res: ServerResponse, state: MetaState, id: string, p: URLSearchParams) {
  const object = state.objects[id];
  if (!object)
    return graphError(res, 400, {
      message: `Unsupported post request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      code: 100,
      error_subcode: 33,
    });
  if (p.has('status') && !isStatus(p.get('status')))
    return invalidParam(res, 'status must be ACTIVE or PAUSED.');
  if (p.has('daily_budget')) {
    if (object.kind !== 'adset')
      return invalidParam(res, 'daily_budget is not a field of this object.');
    if (!/^\d+$/.test(p.get('daily_budget')!) || Number(p.get('daily_budget')) < 100)
      return invalidParam(res, 'daily_budget must be a whole number of at least 100.', 1885272);
  }
  Object.assign(object.fields, Object.fromEntries(p));
  sendJson(res, 200, { success: true });
}

function insights(res: ServerResponse, state: MetaState, q: URLSearchParams, selfUrl: string) {
  if (q.get('level') !== 'ad') return invalidParam(res, 'level must be ad for this fake.');
  const fields = (q.get('fields') ?? '').split(',');
  const unknownField = fields.find((f) => !INSIGHT_FIELDS.includes(f));
  if (unknownField)
    return invalidParam(res, `fields: ${unknownField} is not a valid insights field.`);
  const breakdowns = q.get('breakdowns');
  if (breakdowns && breakdowns !== 'hourly_stats_aggregated_by_advertiser_time_zone')
    return invalidParam(res, 'breakdowns is invalid.');
  const range = jsonParam(q, 'time_range') as { since?: string; until?: string };
  if (
    !range?.since ||
    !range.until ||
    !/^\d{4}-\d\d-\d\d$/.test(range.since) ||
    range.until < range.since
  )
    return invalidParam(res, 'time_range must be {"since":"YYYY-MM-DD","until":"YYYY-MM-DD"}.');
  const windows = jsonParam(q, 'action_attribution_windows');
  if (
    windows !== undefined &&
    (!Array.isArray(windows) || windows.some((w) => !ATTRIBUTION_WINDOWS.includes(w)))
  )
    return invalidParam(res, 'action_attribution_windows has an invalid window.');
  const reportTime = q.get('action_report_time');
  if (reportTime !== null && !['impression', 'conversion', 'mixed'].includes(reportTime))
    return invalidParam(res, 'action_report_time is invalid.');
  const filtering = jsonParam(q, 'filtering') as
    | { field: string; operator: string; value: string[] }[]
    | undefined;
  const adFilter = filtering?.find((f) => f.field === 'ad.id' && f.operator === 'IN')?.value;

  const delivery = state.delivery.filter(
    (d) =>
      d.date >= range.since! && d.date <= range.until! && (!adFilter || adFilter.includes(d.adId)),
  );
  const windowsWanted = (windows as string[] | undefined) ?? ['7d_click', '1d_view'];
  const actionEntries = (values: Record<string, number | string>[], type: string) => {
    const sum = (w: string) => values.reduce((n, v) => n + Number(v[w] ?? 0), 0);
    const entry: Record<string, string> = { action_type: type };
    entry.value = String(windowsWanted.reduce((n, w) => n + sum(w), 0));
    for (const w of windowsWanted) entry[w] = String(sum(w));
    return entry;
  };
  let rows: Record<string, unknown>[];
  if (breakdowns) {
    // Hourly: delivery only; Graph leaves off-Meta actions out of hourly breakdowns.
    rows = delivery.map((d) => ({
      ad_id: d.adId,
      adset_id: d.adSetId,
      campaign_id: d.campaignId,
      impressions: String(d.impressions),
      inline_link_clicks: String(d.linkClicks),
      spend: d.spend,
      date_start: d.date,
      date_stop: d.date,
      hourly_stats_aggregated_by_advertiser_time_zone: `${String(d.hour).padStart(2, '0')}:00:00 - ${String(d.hour).padStart(2, '0')}:59:59`,
    }));
  } else {
    const byAdDay = new Map<string, FakeMetaDelivery[]>();
    for (const d of delivery) {
      const key = `${d.adId}|${d.date}`;
      byAdDay.set(key, [...(byAdDay.get(key) ?? []), d]);
    }
    rows = [...byAdDay.values()].map((list) => {
      const first = list[0]!;
      const counts = list.map((d) => d.purchases ?? {});
      const values = list.map((d) => d.purchaseValue ?? {});
      const hasPurchases = counts.some((c) => Object.keys(c).length);
      return {
        ad_id: first.adId,
        adset_id: first.adSetId,
        campaign_id: first.campaignId,
        ...(fields.includes('actions') && hasPurchases
          ? {
              actions: [
                {
                  action_type: 'link_click',
                  value: String(list.reduce((n, d) => n + d.linkClicks, 0)),
                },
                actionEntries(counts, 'offsite_conversion.fb_pixel_purchase'),
                actionEntries(counts, 'omni_purchase'),
              ],
            }
          : {}),
        ...(fields.includes('action_values') && hasPurchases
          ? {
              action_values: [
                actionEntries(values, 'offsite_conversion.fb_pixel_purchase'),
                actionEntries(values, 'omni_purchase'),
              ].map((e) =>
                Object.fromEntries(
                  Object.entries(e).map(([k, v]) => [
                    k,
                    k === 'action_type' ? v : Number(v).toFixed(2),
                  ]),
                ),
              ),
            }
          : {}),
        date_start: first.date,
        date_stop: first.date,
      };
    });
  }
  const limit = Number(q.get('limit') ?? 25);
  const offset = q.get('after') ? Number(Buffer.from(q.get('after')!, 'base64').toString()) : 0;
  const page = rows.slice(offset, offset + limit);
  const more = offset + limit < rows.length;
  const after = Buffer.from(String(offset + limit)).toString('base64');
  sendJson(res, 200, {
    data: page,
    paging: {
      cursors: { before: Buffer.from(String(offset)).toString('base64'), after },
      ...(more ? { next: `${selfUrl}&after=${after}` } : {}),
    },
  });
}

function describeAccount(res: ServerResponse, accountId: string, q: URLSearchParams) {
  if (accountId.startsWith('9'))
    return graphError(res, 400, {
      message: `Unsupported get request. Object with ID 'act_${accountId}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
      code: 100,
      error_subcode: 33,
    });
  const all: Record<string, unknown> = {
    id: `act_${accountId}`,
    name: `Conta ${accountId}`,
    currency: accountId.startsWith('8') ? 'USD' : 'BRL',
    timezone_name: accountId.startsWith('8') ? 'America/New_York' : 'America/Sao_Paulo',
    account_status: accountId.startsWith('2') ? 2 : 1,
  };
  const fields = (q.get('fields') ?? 'id').split(',');
  sendJson(res, 200, Object.fromEntries(fields.map((f) => [f, all[f]])));
}

export function startFakeMeta() {
  return startFakeService(async (call: FakeCall) => {
    const { req, res, path } = call;
    const state = stateOf(call.tenant);
    const match = path.match(/^\/(v\d+\.\d+)\/(act_(\d+)(?:\/(\w+))?|(\d+))$/);
    if (!match)
      return graphError(res, 400, {
        message: `Unknown path components: ${path}`,
        code: 2500,
      });
    const [, version, , accountId, edge, objectId] = match;
    if (version !== FAKE_META_VERSION)
      return graphError(res, 400, { message: `Unknown version ${version}.`, code: 2635 });
    const auth = req.headers.authorization ?? '';
    if (!/^Bearer EAAtest\w+$/.test(auth))
      return graphError(res, 400, {
        message: 'Invalid OAuth access token - Cannot parse access token',
        code: 190,
      });

    // Quota: each call uses a share; at 100% Graph throttles the ad account.
    state.usage.percent += state.usage.perCall;
    const headers = usageHeaders(accountId ?? '0', state.usage);
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (state.usage.percent > 100)
      return graphError(
        res,
        400,
        {
          message:
            'There have been too many calls from this ad-account. Please wait a bit and try again.',
          code: 80004,
          error_subcode: 2446079,
          is_transient: true,
        },
        headers,
      );

    if (req.method === 'GET' && accountId && !edge)
      return describeAccount(res, accountId, call.query);
    if (req.method === 'GET') {
      if (edge !== 'insights')
        return graphError(res, 400, { message: 'Unsupported get request.', code: 100 });
      return insights(res, state, call.query, `http://fake${req.url}`);
    }
    if (req.method !== 'POST')
      return graphError(res, 400, { message: 'Unsupported method.', code: 100 });
    if (!String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded'))
      return invalidParam(res, 'Expected a form-encoded body.');
    const params = new URLSearchParams(call.rawBody);
    if (params.has('access_token')) return invalidParam(res, 'Send the token in one place only.');
    if (objectId) return updateObject(res, state, objectId, params);
    const create = {
      campaigns: createCampaign,
      adsets: createAdSet,
      adcreatives: createCreative,
      ads: createAd,
    }[edge ?? ''];
    if (!create) return graphError(res, 400, { message: `Unknown edge ${edge}.`, code: 100 });
    create(res, state, params);
  }, failure);
}
