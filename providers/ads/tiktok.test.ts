/** The TikTok adapter against the local fake TikTok Business API (test/fakes/tiktok.ts). */
import { describe, expect, it } from 'vitest';
import { fakeTenant } from '../../test/ai-fakes.ts';
import { FAKE_TIKTOK_IDENTITY_ID, type FakeTikTokDelivery } from '../../test/fakes/tiktok.ts';
import { type TikTokOptions, tiktokAdPlatform, tiktokAgeGroups } from './tiktok.ts';
import { AdPlatformError, type AdSetSpec, type AdSpec } from './types.ts';

let advertiserSerial = 0;

function setup(
  over: { pixelId?: string | null; token?: string } = {},
  options: TikTokOptions = {},
) {
  const fake = fakeTenant('tiktok');
  const advertiserId = `7${Date.now()}${advertiserSerial++}`;
  const platform = tiktokAdPlatform(
    {
      platform: 'tiktok',
      orgId: crypto.randomUUID(),
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
      advertiserId,
      accessToken: over.token ?? 'tt-test-token1234',
      identityId: FAKE_TIKTOK_IDENTITY_ID,
      pixelId: over.pixelId === undefined ? null : over.pixelId,
    },
    { baseUrl: fake.baseUrl, maxInlineWaitMs: 0, ...options },
  );
  return { fake, platform, advertiserId };
}

const adSetSpec = (campaignId: string, over: Partial<AdSetSpec> = {}): AdSetSpec => ({
  campaignId,
  objective: 'SALES',
  name: 'Mulheres 30-40 BR',
  dailyBudgetMinor: 20_050,
  currency: 'BRL',
  targeting: { countries: ['BR', 'PT'], ageMin: 30, ageMax: 40, placements: ['pangle'] },
  startTime: '2026-12-07T12:00:00Z',
  ...over,
});

const adSpec = (adSetId: string): AdSpec => ({
  adSetId,
  name: 'Garrafa — urgência',
  creative: {
    headline: 'Café quente por 12 horas.',
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

describe('the TikTok adapter', () => {
  it('creates campaign, ad group, image and ad with the bodies TikTok expects', async () => {
    const { fake, platform, advertiserId } = setup({ pixelId: '555666' });
    const campaign = await platform.createCampaign({ name: 'Garrafas', objective: 'SALES' });
    const adGroup = await platform.createAdSet(adSetSpec(campaign.externalId));
    const ad = await platform.createAd(adSpec(adGroup.externalId));
    expect(new Set([campaign.externalId, adGroup.externalId, ad.externalId]).size).toBe(3);

    const requests = await fake.requests();
    expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /open_api/v1.3/campaign/create/',
      'POST /open_api/v1.3/adgroup/create/',
      'POST /open_api/v1.3/file/image/ad/upload/',
      'POST /open_api/v1.3/ad/create/',
    ]);
    for (const r of requests) {
      expect(r.headers['access-token']).toBe('tt-test-token1234');
      expect((r.body as { advertiser_id: string }).advertiser_id).toBe(advertiserId);
    }
    const [c, g, image, a] = requests.map((r) => r.body as Record<string, unknown>);
    expect(c).toEqual({
      advertiser_id: advertiserId,
      campaign_name: 'Garrafas',
      objective_type: 'WEB_CONVERSIONS',
      budget_mode: 'BUDGET_MODE_INFINITE',
      operation_status: 'DISABLE',
    });
    expect(g).toMatchObject({
      campaign_id: campaign.externalId,
      adgroup_name: 'Mulheres 30-40 BR',
      promotion_type: 'WEBSITE',
      placement_type: 'PLACEMENT_TYPE_NORMAL',
      placements: ['PLACEMENT_PANGLE'],
      location_ids: ['3469034', '2264397'],
      age_groups: ['AGE_25_34', 'AGE_35_44'],
      budget_mode: 'BUDGET_MODE_DAY',
      // 20 050 centavos, as TikTok wants it: R$ 200,50.
      budget: 200.5,
      schedule_type: 'SCHEDULE_FROM_NOW',
      schedule_start_time: '2026-12-07 12:00:00',
      optimization_goal: 'CONVERT',
      billing_event: 'OCPM',
      pixel_id: '555666',
      optimization_event: 'SHOPPING',
      click_attribution_window: 'SEVEN_DAYS',
      view_attribution_window: 'ONE_DAY',
      operation_status: 'DISABLE',
    });
    expect(image).toMatchObject({
      upload_type: 'UPLOAD_BY_URL',
      image_url: 'https://cdn.example/garrafa.png',
    });
    expect(a).toMatchObject({
      adgroup_id: adGroup.externalId,
      creatives: [
        {
          ad_name: 'Garrafa — urgência',
          identity_type: 'CUSTOMIZED_USER',
          identity_id: FAKE_TIKTOK_IDENTITY_ID,
          ad_format: 'SINGLE_IMAGE',
          image_ids: [expect.stringMatching(/^ad-site-i18n-sg\//)],
          ad_text: 'Café quente por 12 horas. Últimas unidades com frete grátis.',
          call_to_action: 'SHOP_NOW',
          landing_page_url: 'https://loja.example/garrafa?utm_source=gestorlead&utm_campaign=c1',
        },
      ],
    });
  });

  it('creates one campaign however often a create with the same idempotency key is retried', async () => {
    const { platform } = setup();
    const spec = { name: 'x', objective: 'TRAFFIC' as const, idempotencyKey: 'our-campaign-1' };
    const first = await platform.createCampaign(spec);
    expect(await platform.createCampaign(spec)).toEqual(first);
    expect(
      (await platform.createCampaign({ ...spec, idempotencyKey: 'our-campaign-2' })).externalId,
    ).not.toBe(first.externalId);
  });

  it('optimizes for clicks without a pixel and uses automatic placements when none are named', async () => {
    const { fake, platform } = setup();
    const campaign = await platform.createCampaign({ name: 'x', objective: 'SALES' });
    await platform.createAdSet(
      adSetSpec(campaign.externalId, {
        targeting: { countries: ['BR'], ageMin: 18, ageMax: 65, placements: [] },
      }),
    );
    const sent = (await fake.requests())[1]!.body as Record<string, unknown>;
    expect(sent).toMatchObject({
      placement_type: 'PLACEMENT_TYPE_AUTOMATIC',
      optimization_goal: 'CLICK',
      billing_event: 'CPC',
      age_groups: ['AGE_18_24', 'AGE_25_34', 'AGE_35_44', 'AGE_45_54', 'AGE_55_100'],
    });
    expect(sent).not.toHaveProperty('placements');
    expect(sent).not.toHaveProperty('pixel_id');
  });

  it('changes status on the endpoint of each level, and the ad group budget in decimal units', async () => {
    const { fake, platform } = setup();
    const campaign = await platform.createCampaign({ name: 'x', objective: 'SALES' });
    const adGroup = await platform.createAdSet(adSetSpec(campaign.externalId));
    const ad = await platform.createAd(adSpec(adGroup.externalId));
    await platform.updateStatus('campaign', campaign.externalId, 'ACTIVE');
    await platform.updateStatus('ad_set', adGroup.externalId, 'ACTIVE');
    await platform.updateStatus('ad', ad.externalId, 'PAUSED');
    await platform.updateDailyBudget(adGroup.externalId, {
      dailyBudgetMinor: 24_061,
      currency: 'BRL',
    });
    const sent = (await fake.requests()).slice(4);
    expect(sent.map((r) => [r.path, r.body])).toEqual([
      [
        '/open_api/v1.3/campaign/status/update/',
        expect.objectContaining({
          campaign_ids: [campaign.externalId],
          operation_status: 'ENABLE',
        }),
      ],
      [
        '/open_api/v1.3/adgroup/status/update/',
        expect.objectContaining({ adgroup_ids: [adGroup.externalId], operation_status: 'ENABLE' }),
      ],
      [
        '/open_api/v1.3/ad/status/update/',
        expect.objectContaining({ ad_ids: [ad.externalId], operation_status: 'DISABLE' }),
      ],
      [
        '/open_api/v1.3/adgroup/budget/update/',
        expect.objectContaining({ budget: [{ adgroup_id: adGroup.externalId, budget: 240.61 }] }),
      ],
    ]);
  });

  it('reads the hourly report one account day at a time, every page, in UTC hours and minor units', async () => {
    const { fake, platform } = setup();
    // 45 ads × 24 hours on 7 Dec (São Paulo) = 1,080 rows: two pages of 1,000; and one row on 8 Dec.
    const delivery: FakeTikTokDelivery[] = [];
    for (let ad = 1; ad <= 45; ad++)
      for (let hour = 0; hour < 24; hour++)
        delivery.push({
          adId: `17${ad}`,
          adGroupId: '1600',
          campaignId: '1500',
          statTimeHour: `2026-12-07 ${String(hour).padStart(2, '0')}:00:00`,
          impressions: 1000 + hour,
          clicks: 12,
          spend: '3.07',
          ...(hour === 21 ? { completePayment: 2, completePaymentValue: '189.90' } : {}),
        });
    delivery.push({
      adId: '171',
      adGroupId: '1600',
      campaignId: '1500',
      statTimeHour: '2026-12-08 00:00:00',
      impressions: 10,
      clicks: 0,
      spend: '0.29',
    });
    await fake.control({ data: { delivery } });
    const rows = await platform.fetchHourlyInsights({
      from: '2026-12-07T03:00:00Z',
      to: '2026-12-08T04:00:00Z',
    });
    expect(rows).toHaveLength(45 * 24 + 1);
    expect(rows.find((r) => r.externalAdId === '171' && r.conversions)).toEqual({
      externalAdId: '171',
      externalAdSetId: '1600',
      externalCampaignId: '1500',
      // 21:00 in São Paulo.
      hourStart: '2026-12-08T00:00:00.000Z',
      impressions: 1021,
      clicks: 12,
      spendMinor: 307,
      conversions: 2,
      revenueMinor: 18_990,
      currency: 'BRL',
    });
    expect(rows.at(-1)).toMatchObject({ hourStart: '2026-12-08T03:00:00.000Z', spendMinor: 29 });

    const reports = (await fake.requests()).filter((r) =>
      r.path.endsWith('report/integrated/get/'),
    );
    expect(reports.map((r) => [r.query.start_date, r.query.end_date, r.query.page])).toEqual([
      ['2026-12-07', '2026-12-07', '1'],
      ['2026-12-07', '2026-12-07', '2'],
      ['2026-12-08', '2026-12-08', '1'],
    ]);
    expect(reports[0]!.method).toBe('GET');
    expect(reports[0]!.query).toMatchObject({
      report_type: 'BASIC',
      data_level: 'AUCTION_AD',
      dimensions: JSON.stringify(['ad_id', 'stat_time_hour']),
      page_size: '1000',
    });
    expect(reports[0]!.headers['access-token']).toBe('tt-test-token1234');

    const one = await platform.fetchHourlyInsights({
      from: '2026-12-07T03:00:00Z',
      to: '2026-12-07T06:00:00Z',
      adIds: ['171'],
    });
    expect(one.map((r) => [r.externalAdId, r.hourStart])).toEqual([
      ['171', '2026-12-07T03:00:00.000Z'],
      ['171', '2026-12-07T04:00:00.000Z'],
      ['171', '2026-12-07T05:00:00.000Z'],
    ]);
  });

  it('maps TikTok codes: 40100 rate limited (and pauses the account), 40105 auth, 50000 transient', async () => {
    const { fake, platform } = setup();
    await fake.control({ fail: { status: 429, times: 1 } });
    const limited = await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }));
    expect({
      kind: limited.kind,
      code: limited.platformCode,
      retry: limited.retryAfterSeconds,
    }).toEqual({
      kind: 'rate_limited',
      code: '40100',
      retry: 10,
    });
    const paused = await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }));
    expect(paused.kind).toBe('rate_limited');
    expect(await fake.requests()).toHaveLength(1);

    const other = setup();
    await other.fake.control({ fail: { status: 500, times: 1 } });
    expect(
      (await rejection(other.platform.createCampaign({ name: 'x', objective: 'SALES' }))).kind,
    ).toBe('transient');
    const revoked = setup({ token: 'revoked' });
    const auth = await rejection(
      revoked.platform.createCampaign({ name: 'x', objective: 'SALES' }),
    );
    expect({ kind: auth.kind, code: auth.platformCode }).toEqual({ kind: 'auth', code: '40105' });
  });

  it('names our field when TikTok refuses input, and answers not_found for unknown ids', async () => {
    const { platform } = setup();
    const campaign = await platform.createCampaign({ name: 'x', objective: 'SALES' });
    const small = await rejection(
      platform.createAdSet(adSetSpec(campaign.externalId, { dailyBudgetMinor: 1_999 })),
    );
    expect({ kind: small.kind, field: small.field }).toEqual({
      kind: 'invalid_request',
      field: 'dailyBudgetMinor',
    });
    const feed = await platform.createAdSet(
      adSetSpec(campaign.externalId, {
        targeting: { countries: ['BR'], ageMin: 18, ageMax: 65, placements: ['tiktok'] },
      }),
    );
    const image = await rejection(platform.createAd(adSpec(feed.externalId)));
    expect({ kind: image.kind, field: image.field }).toEqual({
      kind: 'invalid_request',
      field: 'creative.imageUrl',
    });
    const missing = await rejection(platform.updateStatus('ad_set', '999', 'PAUSED'));
    expect(missing.kind).toBe('not_found');
  });

  it('describes its advertiser account from advertiser/info/', async () => {
    const { fake, platform, advertiserId } = setup();
    expect(await platform.describeAccount()).toEqual({
      name: `Anunciante ${advertiserId}`,
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
      active: true,
    });
    const [request] = await fake.requests();
    expect(request).toMatchObject({
      method: 'GET',
      path: '/open_api/v1.3/advertiser/info/',
      query: { advertiser_ids: JSON.stringify([advertiserId]) },
    });
  });

  it('refuses countries it has no TikTok location id for, without calling TikTok', async () => {
    const { fake, platform } = setup();
    const err = await rejection(
      platform.createAdSet(
        adSetSpec('1', {
          targeting: { countries: ['ZZ'], ageMin: 18, ageMax: 30, placements: [] },
        }),
      ),
    );
    expect({ kind: err.kind, field: err.field }).toEqual({
      kind: 'invalid_request',
      field: 'targeting.countries',
    });
    expect(await fake.requests()).toEqual([]);
  });
});

describe('tiktokAgeGroups', () => {
  it.each([
    [13, 17, ['AGE_13_17']],
    [18, 24, ['AGE_18_24']],
    [24, 25, ['AGE_18_24', 'AGE_25_34']],
    [30, 40, ['AGE_25_34', 'AGE_35_44']],
    [55, 65, ['AGE_55_100']],
    [45, 64, ['AGE_45_54', 'AGE_55_100']],
  ])('%i–%i reaches %j', (min, max, groups) => {
    expect(tiktokAgeGroups(min, max)).toEqual(groups);
  });
});
