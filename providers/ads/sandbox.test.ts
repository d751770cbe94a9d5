/** The sandbox ad platform over a real R2 bucket (the Worker's MEDIA binding in workerd). */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { adPlatformFor } from './index.ts';
import { sandboxAdPlatform } from './sandbox.ts';
import {
  r2SandboxMarketStore,
  type SandboxMarketStore,
  sandboxMarketKey,
} from './sandbox-store.ts';
import { AdPlatformError, type AdSetSpec, type AdSpec } from './types.ts';

const HOUR = 3_600_000;
const START = Date.parse('2026-12-07T03:00:00Z'); // a Monday, midnight in São Paulo

const account = (orgId = crypto.randomUUID()) => ({
  platform: 'sandbox' as const,
  orgId,
  currency: 'BRL',
  timeZone: 'America/Sao_Paulo',
});

function fixedClock(start = START) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, { set: (at: number) => (now = at) });
}

const adSetSpec = (campaignId: string, over: Partial<AdSetSpec> = {}): AdSetSpec => ({
  campaignId,
  objective: 'SALES',
  name: 'Mulheres 25-45 BR',
  dailyBudgetMinor: 20_000,
  currency: 'BRL',
  targeting: { countries: ['BR'], ageMin: 25, ageMax: 45, placements: [] },
  ...over,
});

const adSpec = (adSetId: string, over: Partial<AdSpec> = {}): AdSpec => ({
  adSetId,
  name: 'Garrafa térmica — urgência',
  creative: {
    headline: 'Café quente por 12 horas',
    body: 'Últimas unidades com frete grátis.',
    callToAction: 'SHOP_NOW',
    imageUrl: 'http://localhost:8787/media/garrafa.png',
    landingUrl: 'https://loja.example/garrafa?utm_source=gestorlead&utm_campaign=c1',
  },
  ...over,
});

async function rejection(promise: Promise<unknown>): Promise<AdPlatformError> {
  const err = await promise.then(
    () => null,
    (e) => e,
  );
  expect(err).toBeInstanceOf(AdPlatformError);
  return err as AdPlatformError;
}

/** A campaign with one ad set and two ads, all running. */
async function launch(platform: ReturnType<typeof sandboxAdPlatform>) {
  const campaign = await platform.createCampaign({
    name: 'Garrafas',
    objective: 'SALES',
    status: 'ACTIVE',
  });
  const adSet = await platform.createAdSet(adSetSpec(campaign.externalId, { status: 'ACTIVE' }));
  const ads = [
    await platform.createAd(adSpec(adSet.externalId, { status: 'ACTIVE' })),
    await platform.createAd(adSpec(adSet.externalId, { name: 'prova social', status: 'ACTIVE' })),
  ];
  return { campaign, adSet, ads };
}

describe('the sandbox ad platform', () => {
  it('is what adPlatformFor gives an org on the sandbox, its market stored in R2', async () => {
    const acct = account();
    const platform = adPlatformFor(env, acct);
    expect(platform.name).toBe('sandbox');
    const { externalId } = await platform.createCampaign({ name: 'x', objective: 'SALES' });
    const stored = await env.MEDIA.get(sandboxMarketKey(acct.orgId));
    const document = await stored!.json<{ market: { campaigns: Record<string, unknown> } }>();
    expect(Object.keys(document.market.campaigns)).toEqual([externalId]);
  });

  it('creates paused entities by default and serves hourly insights once they run', async () => {
    const clock = fixedClock();
    const platform = sandboxAdPlatform(account(), r2SandboxMarketStore(env.MEDIA), clock);
    const paused = await platform.createCampaign({ name: 'pausada', objective: 'SALES' });
    const adSet = await platform.createAdSet(adSetSpec(paused.externalId, { status: 'ACTIVE' }));
    const ad = await platform.createAd(adSpec(adSet.externalId, { status: 'ACTIVE' }));
    clock.set(START + 6 * HOUR);
    const range = {
      from: new Date(START).toISOString(),
      to: new Date(START + 6 * HOUR).toISOString(),
    };
    expect(await platform.fetchHourlyInsights(range)).toEqual([]);

    await platform.updateStatus('campaign', paused.externalId, 'ACTIVE');
    clock.set(START + 30 * HOUR);
    const rows = await platform.fetchHourlyInsights({
      from: new Date(START).toISOString(),
      to: new Date(START + 30 * HOUR).toISOString(),
    });
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) {
      expect(row).toMatchObject({
        externalAdId: ad.externalId,
        externalAdSetId: adSet.externalId,
        externalCampaignId: paused.externalId,
        currency: 'BRL',
      });
      expect(Date.parse(row.hourStart) % HOUR).toBe(0);
      expect(Date.parse(row.hourStart)).toBeGreaterThanOrEqual(START + 6 * HOUR);
    }
    // The ad set never spends more than its daily budget in an account day.
    const byDay = new Map<string, number>();
    for (const row of rows) {
      const day = new Date(Date.parse(row.hourStart) - 3 * HOUR).toISOString().slice(0, 10);
      byDay.set(day, (byDay.get(day) ?? 0) + row.spendMinor);
    }
    for (const spend of byDay.values()) expect(spend).toBeLessThanOrEqual(20_000);
    expect(rows.reduce((n, r) => n + r.impressions, 0)).toBeGreaterThan(1_000);
  });

  it('is deterministic per org: the same org sees the same market, another org another', async () => {
    const run = async (orgId: string) => {
      const clock = fixedClock();
      const platform = sandboxAdPlatform(account(orgId), r2SandboxMarketStore(env.MEDIA), clock);
      await launch(platform);
      await platform.advanceTo(START + 48 * HOUR);
      return platform.fetchHourlyInsights({
        from: new Date(START).toISOString(),
        to: new Date(START + 48 * HOUR).toISOString(),
      });
    };
    const orgId = crypto.randomUUID();
    const first = await run(orgId);
    await env.MEDIA.delete(sandboxMarketKey(orgId));
    expect(await run(orgId)).toEqual(first);
    expect(await run(crypto.randomUUID())).not.toEqual(first);
  });

  it('advances simulated time ahead of the clock, and each hour is simulated once', async () => {
    const clock = fixedClock();
    const platform = sandboxAdPlatform(account(), r2SandboxMarketStore(env.MEDIA), clock);
    const { ads } = await launch(platform);
    await platform.advanceTo(START + 24 * HOUR);
    const range = {
      from: new Date(START).toISOString(),
      to: new Date(START + 24 * HOUR).toISOString(),
      adIds: [ads[0]!.externalId],
    };
    const rows = await platform.fetchHourlyInsights(range);
    expect(new Set(rows.map((r) => r.externalAdId))).toEqual(new Set([ads[0]!.externalId]));
    await platform.advanceTo(START + 12 * HOUR); // the past: nothing is simulated again
    expect(await platform.fetchHourlyInsights(range)).toEqual(rows);
  });

  it('changes budgets: a bigger budget buys more impressions', async () => {
    const clock = fixedClock();
    const platform = sandboxAdPlatform(account(), r2SandboxMarketStore(env.MEDIA), clock);
    const { adSet } = await launch(platform);
    const spendOfDay = async (day: number) => {
      await platform.advanceTo(START + (day + 1) * 24 * HOUR);
      const rows = await platform.fetchHourlyInsights({
        from: new Date(START + day * 24 * HOUR).toISOString(),
        to: new Date(START + (day + 1) * 24 * HOUR).toISOString(),
      });
      return rows.reduce((n, r) => n + r.spendMinor, 0);
    };
    const before = await spendOfDay(0);
    await platform.updateDailyBudget(adSet.externalId, {
      dailyBudgetMinor: 60_000,
      currency: 'BRL',
    });
    const after = await spendOfDay(1);
    expect(before).toBeLessThanOrEqual(20_000);
    expect(after).toBeGreaterThan(before * 2);
    expect(after).toBeLessThanOrEqual(60_000);
  });

  it('returns the first id when a create is retried with the same idempotency key', async () => {
    const platform = sandboxAdPlatform(account(), r2SandboxMarketStore(env.MEDIA), fixedClock());
    const spec = { name: 'Garrafas', objective: 'SALES' as const, idempotencyKey: 'campaign-1' };
    const first = await platform.createCampaign(spec);
    expect(await platform.createCampaign(spec)).toEqual(first);
    const other = await platform.createCampaign({ ...spec, idempotencyKey: 'campaign-2' });
    expect(other.externalId).not.toBe(first.externalId);
  });

  it('loses no create when calls race on one org’s market', async () => {
    const platform = sandboxAdPlatform(account(), r2SandboxMarketStore(env.MEDIA), fixedClock());
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        platform.createCampaign({ name: `c${i}`, objective: 'SALES', idempotencyKey: `k${i}` }),
      ),
    );
    expect(new Set(created.map((c) => c.externalId)).size).toBe(6);
    const rows = await platform.fetchHourlyInsights({
      from: new Date(START).toISOString(),
      to: new Date(START + HOUR).toISOString(),
    });
    expect(rows).toEqual([]);
    const again = await Promise.all(
      created.map((_, i) =>
        platform.createCampaign({ name: `c${i}`, objective: 'SALES', idempotencyKey: `k${i}` }),
      ),
    );
    expect(again).toEqual(created);
  });

  it('gives up as a transient failure when every save loses the race', async () => {
    const alwaysStale: SandboxMarketStore = {
      load: async () => null,
      save: async () => false,
    };
    const platform = sandboxAdPlatform(account(), alwaysStale, fixedClock());
    const err = await rejection(platform.createCampaign({ name: 'x', objective: 'SALES' }));
    expect(err.kind).toBe('transient');
    expect(err.retryable).toBe(true);
  });

  it('refuses bad input naming the field, before touching the market', async () => {
    const acct = account();
    const platform = sandboxAdPlatform(acct, r2SandboxMarketStore(env.MEDIA), fixedClock());
    const { externalId } = await platform.createCampaign({ name: 'ok', objective: 'SALES' });
    // Thunks: a rejected promise left waiting in an array would count as unhandled.
    const cases: [() => Promise<unknown>, string][] = [
      [() => platform.createCampaign({ name: ' ', objective: 'SALES' }), 'name'],
      [() => platform.createAdSet(adSetSpec(externalId, { currency: 'USD' })), 'currency'],
      [
        () => platform.createAdSet(adSetSpec(externalId, { dailyBudgetMinor: 10.5 })),
        'dailyBudgetMinor',
      ],
      [
        () =>
          platform.createAdSet(
            adSetSpec(externalId, {
              targeting: { countries: ['br'], ageMin: 18, ageMax: 65, placements: [] },
            }),
          ),
        'targeting.countries',
      ],
      [
        () =>
          platform.createAdSet(
            adSetSpec(externalId, {
              targeting: { countries: ['BR'], ageMin: 30, ageMax: 20, placements: [] },
            }),
          ),
        'targeting.ageMax',
      ],
      [
        () =>
          platform.createAdSet(
            adSetSpec(externalId, {
              targeting: { countries: ['BR'], ageMin: 18, ageMax: 65, placements: ['instagram'] },
            }),
          ),
        'targeting.placements',
      ],
      [() => platform.createAdSet(adSetSpec('sbx_cmp_999')), 'campaignId'],
      [() => platform.createAd(adSpec('sbx_as_999')), 'adSetId'],
      [
        () =>
          platform.createAd(
            adSpec('sbx_as_1', { creative: { ...adSpec('x').creative, landingUrl: 'ftp://x' } }),
          ),
        'creative.landingUrl',
      ],
    ];
    for (const [attempt, field] of cases) {
      const err = await rejection(attempt());
      expect({ kind: err.kind, field: err.field }).toEqual({ kind: 'invalid_request', field });
    }
    const stored = await (await env.MEDIA.get(sandboxMarketKey(acct.orgId)))!.json<{
      market: { adSets: object; ads: object };
    }>();
    expect(stored.market.adSets).toEqual({});
    expect(stored.market.ads).toEqual({});
  });

  it('answers not_found for ids it never issued', async () => {
    const platform = sandboxAdPlatform(account(), r2SandboxMarketStore(env.MEDIA), fixedClock());
    const err = await rejection(platform.updateStatus('ad', 'sbx_ad_42', 'PAUSED'));
    expect(err.kind).toBe('not_found');
    expect(err.retryable).toBe(false);
  });
});
