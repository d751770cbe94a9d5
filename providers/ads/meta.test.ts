/** The Meta adapter against the local fake Graph API (test/fakes/meta.ts). */
import { describe, expect, it } from 'vitest';
import { fakeTenant } from '../../test/ai-fakes.ts';
import { FAKE_META_PAGE_ID, type FakeMetaDelivery } from '../../test/fakes/meta.ts';
import { META_GRAPH_VERSION, type MetaOptions, metaAdPlatform, metaUsage } from './meta.ts';
import { AdPlatformError, type AdSetSpec, type AdSpec } from './types.ts';

let accountSerial = 0;

function setup(over: { pixelId?: string | null; token?: string } = {}, options: MetaOptions = {}) {
  const fake = fakeTenant('meta');
  const adAccountId = `${Date.now()}${accountSerial++}`;
  const platform = metaAdPlatform(
    {
      platform: 'meta',
      orgId: crypto.randomUUID(),
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
      adAccountId,
      accessToken: over.token ?? 'EAAtestToken1234',
      pageId: FAKE_META_PAGE_ID,
      pixelId: over.pixelId === undefined ? null : over.pixelId,
    },
    { baseUrl: fake.baseUrl, ...options },
  );
  return { fake, platform, adAccountId };
}

const adSetSpec = (campaignId: string, over: Partial<AdSetSpec> = {}): AdSetSpec => ({
  campaignId,
  objective: 'SALES',
  name: 'Mulheres 25-45 BR',
  dailyBudgetMinor: 20_000,
  currency: 'BRL',
  targeting: { countries: ['BR'], ageMin: 25, ageMax: 45, placements: ['facebook', 'instagram'] },
  ...over,
});

const adSpec = (adSetId: string): AdSpec => ({
  adSetId,
  name: 'Garrafa — urgência',
  creative: {
    headline: 'Café quente por 12 horas',
    body: 'Últimas unidades com frete grátis.',
    callToAction: 'SHOP_NOW',
    imageUrl: 'https://cdn.example/garrafa.png',
    landingUrl: 'https://loja.example/garrafa?utm_source=gestorlead&utm_campaign=c1',
  },
});

async function rejection(promise: Promise<unknown>): Promise<AdPlatformError> {
  const err = await promise.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AdPlatformError);
  return err as AdPlatformError;
}

const form = (body: unknown) => Object.fromEntries(new URLSearchParams(String(body)));

describe('the Meta adapter', () => {
  it('creates campaign, ad set, creative and ad under the ad account, as Graph expects them', async () => {
    const { fake, platform, adAccountId } = setup({ pixelId: '998877' });
    const campaign = await platform.createCampaign({ name: 'Garrafas', objective: 'SALES' });
    const adSet = await platform.createAdSet(adSetSpec(campaign.externalId));
    const ad = await platform.createAd(adSpec(adSet.externalId));
    expect(ad.externalCreativeId).toMatch(/^\d+$/);
    expect(new Set([campaign.externalId, adSet.externalId, ad.externalId]).size).toBe(3);

    const requests = await fake.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /${META_GRAPH_VERSION}/act_${adAccountId}/campaigns`,
      `POST /${META_GRAPH_VERSION}/act_${adAccountId}/adsets`,
      `POST /${META_GRAPH_VERSION}/act_${adAccountId}/adcreatives`,
      `POST /${META_GRAPH_VERSION}/act_${adAccountId}/ads`,
    ]);
    for (const r of requests) expect(r.headers.authorization).toBe('Bearer EAAtestToken1234');
    const [c, s, cr, a] = requests.map((r) => form(r.body));
    expect(c).toEqual({
      name: 'Garrafas',
      objective: 'OUTCOME_SALES',
      status: 'PAUSED',
      special_ad_categories: '[]',
      buying_type: 'AUCTION',
      is_adset_budget_sharing_enabled: 'false',
    });
    expect(s).toMatchObject({
      campaign_id: campaign.externalId,
      daily_budget: '20000',
      billing_event: 'IMPRESSIONS',
      optimization_goal: 'OFFSITE_CONVERSIONS',
      status: 'PAUSED',
    });
    expect(JSON.parse(s!.promoted_object!)).toEqual({
      pixel_id: '998877',
      custom_event_type: 'PURCHASE',
    });
    expect(JSON.parse(s!.targeting!)).toEqual({
      geo_locations: { countries: ['BR'] },
      age_min: 25,
      age_max: 45,
      publisher_platforms: ['facebook', 'instagram'],
      targeting_automation: { advantage_audience: 0 },
    });
    expect(JSON.parse(s!.attribution_spec!)).toEqual([
      { event_type: 'CLICK_THROUGH', window_days: 7 },
      { event_type: 'VIEW_THROUGH', window_days: 1 },
    ]);
    expect(JSON.parse(cr!.object_story_spec!)).toEqual({
      page_id: FAKE_META_PAGE_ID,
      link_data: {
        message: 'Últimas unidades com frete grátis.',
        link: 'https://loja.example/garrafa?utm_source=gestorlead&utm_campaign=c1',
        name: 'Café quente por 12 horas',
        picture: 'https://cdn.example/garrafa.png',
        call_to_action: {
          type: 'SHOP_NOW',
          value: { link: 'https://loja.example/garrafa?utm_source=gestorlead&utm_campaign=c1' },
        },
      },
    });
    expect(a).toMatchObject({ adset_id: adSet.externalId, status: 'PAUSED' });
    expect(JSON.parse(a!.creative!)).toEqual({ creative_id: ad.externalCreativeId });
  });

  it('optimizes for link clicks without a pixel, and automatic placements send none', async () => {
    const { fake, platform } = setup();
    const campaign = await platform.createCampaign({ name: 'x', objective: 'SALES' });
    await platform.createAdSet(
      adSetSpec(campaign.externalId, {
        targeting: { countries: ['BR', 'PT'], ageMin: 18, ageMax: 65, placements: [] },
      }),
    );
    const sent = form((await fake.requests())[1]!.body);
    expect(sent.optimization_goal).toBe('LINK_CLICKS');
    expect(sent).not.toHaveProperty('promoted_object');
    expect(JSON.parse(sent.targeting!)).not.toHaveProperty('publisher_platforms');
  });

  it('changes status and daily budget with POST /<id>', async () => {
    const { fake, platform } = setup();
    const campaign = await platform.createCampaign({ name: 'x', objective: 'TRAFFIC' });
    const adSet = await platform.createAdSet(adSetSpec(campaign.externalId));
    await platform.updateStatus('campaign', campaign.externalId, 'ACTIVE');
    await platform.updateDailyBudget(adSet.externalId, {
      dailyBudgetMinor: 24_000,
      currency: 'BRL',
    });
    const [, , status, budget] = await fake.requests();
    expect(status).toMatchObject({
      method: 'POST',
      path: `/${META_GRAPH_VERSION}/${campaign.externalId}`,
    });
    expect(form(status!.body)).toEqual({ status: 'ACTIVE' });
    expect(budget!.path).toBe(`/${META_GRAPH_VERSION}/${adSet.externalId}`);
    expect(form(budget!.body)).toEqual({ daily_budget: '24000' });
  });

  it('reads hourly delivery and daily purchases, in UTC hours, across pages', async () => {
    const { fake, platform } = setup();
    // 14 ads × 2 São Paulo days × 24 hours = 672 hourly records: two pages of 500.
    const delivery: FakeMetaDelivery[] = [];
    for (let ad = 1; ad <= 14; ad++)
      for (const date of ['2026-12-07', '2026-12-08'])
        for (let hour = 0; hour < 24; hour++)
          delivery.push({
            adId: `90${ad}`,
            adSetId: '800',
            campaignId: '700',
            date,
            hour,
            impressions: 100 + hour,
            linkClicks: 2,
            spend: '1.29',
            ...(hour === 20
              ? {
                  purchases: { '7d_click': 2, '1d_view': 1, '28d_click': 5 },
                  purchaseValue: { '7d_click': '210.10', '1d_view': '99.95', '28d_click': '500' },
                }
              : {}),
          });
    await fake.control({ data: { delivery } });
    // São Paulo midnight on 7 Dec is 03:00 UTC; ask for both account days.
    const rows = await platform.fetchHourlyInsights({
      from: '2026-12-07T03:00:00Z',
      to: '2026-12-09T03:00:00Z',
    });
    expect(rows).toHaveLength(14 * 48);
    const first = rows.find(
      (r) => r.externalAdId === '901' && r.hourStart === '2026-12-07T03:00:00.000Z',
    );
    expect(first).toEqual({
      externalAdId: '901',
      externalAdSetId: '800',
      externalCampaignId: '700',
      hourStart: '2026-12-07T03:00:00.000Z',
      impressions: 100,
      clicks: 2,
      spendMinor: 129,
      // The day's purchases, 7-day click + 1-day view (not the 28-day click window).
      conversions: 3,
      revenueMinor: 31_005,
      currency: 'BRL',
    });
    const lastHour = rows.find(
      (r) => r.externalAdId === '901' && r.hourStart === '2026-12-09T02:00:00.000Z',
    );
    expect(lastHour).toMatchObject({ impressions: 123, conversions: 0 });
    expect(rows.reduce((n, r) => n + r.conversions, 0)).toBe(14 * 2 * 3);

    const requests = (await fake.requests()).filter((r) => r.path.endsWith('/insights'));
    const hourly = requests.filter((r) => r.query.breakdowns);
    const daily = requests.filter((r) => !r.query.breakdowns);
    expect(hourly).toHaveLength(2);
    expect(hourly[1]!.query.after).toBeTruthy();
    expect(hourly[0]!.query).toMatchObject({
      level: 'ad',
      breakdowns: 'hourly_stats_aggregated_by_advertiser_time_zone',
      time_range: JSON.stringify({ since: '2026-12-07', until: '2026-12-08' }),
      limit: '500',
    });
    expect(daily[0]!.query).toMatchObject({
      time_increment: '1',
      action_attribution_windows: JSON.stringify(['7d_click', '1d_view']),
      action_report_time: 'conversion',
    });
    for (const r of requests) expect(r.headers.authorization).toBe('Bearer EAAtestToken1234');

    // A range starting mid-day leaves that day's purchases to the range holding its first hour.
    const later = await platform.fetchHourlyInsights({
      from: '2026-12-07T15:00:00Z',
      to: '2026-12-08T05:00:00Z',
      adIds: ['901'],
    });
    expect(later.map((r) => r.hourStart)).toHaveLength(14);
    expect(later.every((r) => r.externalAdId === '901')).toBe(true);
    expect(later.reduce((n, r) => n + r.conversions, 0)).toBe(3);
    expect(later.find((r) => r.conversions)?.hourStart).toBe('2026-12-08T03:00:00.000Z');
    const filtered = (await fake.requests()).at(-1)!;
    expect(JSON.parse(filtered.query.filtering!)).toEqual([
      { field: 'ad.id', operator: 'IN', value: ['901'] },
    ]);
  });

  it('pauses the ad account when usage headers pass 90%, before Meta has to throttle', async () => {
    let now = Date.parse('2026-12-07T12:00:00Z');
    const { fake, platform } = setup({}, { now: () => now, maxInlineWaitMs: 0 });
    await fake.control({ data: { usage: { percent: 86, perCall: 2, regainMinutes: 5 } } });
    await platform.updateStatus('campaign', '1', 'PAUSED').catch(() => {}); // 88%: fine
    const created = await platform.createCampaign({ name: 'x', objective: 'SALES' }); // 90%
    expect(created.externalId).toBeTruthy();
    const callsSoFar = (await fake.requests()).length;

    const err = await rejection(platform.updateStatus('campaign', created.externalId, 'ACTIVE'));
    expect(err.kind).toBe('rate_limited');
    expect(err.retryAfterSeconds).toBe(300);
    expect(err.retryable).toBe(true);
    expect((await fake.requests()).length).toBe(callsSoFar);

    now += 301_000;
    await fake.control({ data: { usage: { percent: 10, perCall: 1, regainMinutes: 0 } } });
    await platform.updateStatus('campaign', created.externalId, 'ACTIVE');
    expect((await fake.requests()).length).toBe(callsSoFar + 1);
  });

  it('sleeps through a short pause instead of failing', async () => {
    let now = Date.parse('2026-12-07T12:00:00Z');
    const slept: number[] = [];
    const { fake, platform } = setup(
      {},
      {
        now: () => now,
        maxInlineWaitMs: 120_000,
        sleep: async (ms) => {
          slept.push(ms);
          now += ms;
        },
      },
    );
    await fake.control({ data: { usage: { percent: 95, perCall: 0, regainMinutes: 1 } } });
    await platform.createCampaign({ name: 'x', objective: 'SALES' });
    await fake.control({ data: { usage: { percent: 5, perCall: 0, regainMinutes: 0 } } });
    await platform.createCampaign({ name: 'y', objective: 'SALES' });
    expect(slept).toEqual([60_000]);
    expect((await fake.requests()).length).toBe(2);
  });

  it('maps Graph throttling codes to rate_limited with the time to regain access', async () => {
    const { fake, platform } = setup({}, { maxInlineWaitMs: 0 });
    await fake.control({ fail: { status: 429, times: 1, retryAfter: 180 } });
    const err = await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }));
    expect({ kind: err.kind, code: err.platformCode, retry: err.retryAfterSeconds }).toEqual({
      kind: 'rate_limited',
      code: '80004',
      retry: 180,
    });
    // The account stays paused: the next call does not reach Meta.
    const again = await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }));
    expect(again.kind).toBe('rate_limited');
    expect(await fake.requests()).toHaveLength(1);
  });

  it('maps other Graph errors: auth, transient, invalid naming our field, not found', async () => {
    const expired = setup({ token: 'not-a-meta-token' });
    const auth = await rejection(
      expired.platform.createCampaign({ name: 'x', objective: 'SALES' }),
    );
    expect({ kind: auth.kind, code: auth.platformCode }).toEqual({ kind: 'auth', code: '190' });

    const { fake, platform } = setup();
    await fake.control({ fail: { status: 500, times: 1 } });
    const down = await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }));
    expect(down.kind).toBe('transient');

    const campaign = await platform.createCampaign({ name: 'x', objective: 'SALES' });
    // Above our floor of 1, below Graph's minimum: Meta refuses it and names the parameter.
    const small = await rejection(
      platform.createAdSet(adSetSpec(campaign.externalId, { dailyBudgetMinor: 50 })),
    );
    expect({ kind: small.kind, field: small.field }).toEqual({
      kind: 'invalid_request',
      field: 'dailyBudgetMinor',
    });
    const missing = await rejection(platform.updateStatus('ad', '424242', 'PAUSED'));
    expect(missing.kind).toBe('not_found');
    expect(missing.retryable).toBe(false);
  });

  it('fails as transient when Meta cannot be reached', async () => {
    const platform = metaAdPlatform(
      {
        platform: 'meta',
        orgId: 'o',
        currency: 'BRL',
        timeZone: 'America/Sao_Paulo',
        adAccountId: '5',
        accessToken: 'EAAtestX',
        pageId: FAKE_META_PAGE_ID,
        pixelId: null,
      },
      { baseUrl: 'http://127.0.0.1:9' },
    );
    expect((await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }))).kind).toBe(
      'transient',
    );
  });

  it('describes its ad account: name, currency, time zone and whether it can deliver', async () => {
    const { fake, platform, adAccountId } = setup();
    expect(await platform.describeAccount()).toEqual({
      name: `Conta ${adAccountId}`,
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
      active: true,
    });
    const [request] = await fake.requests();
    expect(request).toMatchObject({
      method: 'GET',
      path: `/${META_GRAPH_VERSION}/act_${adAccountId}`,
      query: { fields: 'name,currency,timezone_name,account_status' },
    });
  });

  it('refuses a budget in another currency without calling Meta', async () => {
    const { fake, platform } = setup();
    const err = await rejection(
      platform.updateDailyBudget('1', { dailyBudgetMinor: 1_000, currency: 'USD' }),
    );
    expect({ kind: err.kind, field: err.field }).toEqual({
      kind: 'invalid_request',
      field: 'currency',
    });
    expect(await fake.requests()).toEqual([]);
  });
});

describe('metaUsage', () => {
  it('takes the highest share of any quota and the longest time to regain access', () => {
    const headers = new Headers({
      'x-business-use-case-usage': JSON.stringify({
        '1': [
          {
            type: 'ads_management',
            call_count: 40,
            total_cputime: 92,
            total_time: 10,
            estimated_time_to_regain_access: 3,
          },
        ],
        '2': [
          {
            type: 'ads_insights',
            call_count: 10,
            total_cputime: 1,
            total_time: 1,
            estimated_time_to_regain_access: 0,
          },
        ],
      }),
      'x-app-usage': JSON.stringify({ call_count: 50, total_cputime: 1, total_time: 1 }),
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 30, reset_time_duration: 900 }),
    });
    expect(metaUsage(headers)).toEqual({ percent: 92, regainSeconds: 180 });
  });

  it('reads the ad account header’s reset time only when that quota is the one near its end', () => {
    const headers = new Headers({
      'x-ad-account-usage': JSON.stringify({ acc_id_util_pct: 97.5, reset_time_duration: 240 }),
    });
    expect(metaUsage(headers)).toEqual({ percent: 97.5, regainSeconds: 240 });
  });

  it('treats missing or malformed headers as no usage', () => {
    expect(metaUsage(new Headers({ 'x-app-usage': 'not json' }))).toEqual({
      percent: 0,
      regainSeconds: 0,
    });
  });
});
