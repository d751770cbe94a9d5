/**
 * Helpers for the autopilot's integration tests: a campaign launched on the org's sandbox market
 * with its D1 rows (as publishing leaves them), hand-made hourly insight rows, crons through the
 * Worker's scheduled handler, and waiting for the real `ads` queue consumer to finish jobs.
 */
import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { and, eq } from 'drizzle-orm';
import { newId } from '../domain/ids.ts';
import { database } from '../platform/db.ts';
import { adPlatformFor } from '../providers/ads/index.ts';
import { adCampaigns, adSets, ads } from '../schema/ads.ts';
import { adInsights } from '../schema/autopilot.ts';
import { jobs } from '../schema/jobs.ts';
import worker from '../worker/index.ts';

export const HOUR = 3_600_000;

export const sandboxOf = (orgId: string) =>
  adPlatformFor(env, {
    platform: 'sandbox',
    orgId,
    currency: 'BRL',
    timeZone: 'America/Sao_Paulo',
  });

export interface LaunchedCampaign {
  campaignId: string;
  name: string;
  adSets: { id: string; externalId: string; ads: { id: string; externalId: string }[] }[];
}

/**
 * A campaign running on the org's sandbox market, with the D1 rows publishing writes: active,
 * external ids stored, launched at `launchedAt`.
 */
export async function launchCampaign(
  orgId: string,
  options: { name?: string; launchedAt: number; adSets: { budgetMinor: number; ads: number }[] },
): Promise<LaunchedCampaign> {
  const db = database(env.DB);
  const platform = sandboxOf(orgId);
  const name = options.name ?? `Campanha ${crypto.randomUUID().slice(0, 6)}`;
  const campaignId = newId();
  const campaign = await platform.createCampaign({ name, objective: 'SALES', status: 'ACTIVE' });
  const launchedAt = new Date(options.launchedAt);
  await db.insert(adCampaigns).values({
    id: campaignId,
    orgId,
    name,
    platform: 'sandbox',
    objective: 'SALES',
    status: 'active',
    externalId: campaign.externalId,
    currency: 'BRL',
    publishedAt: launchedAt,
  });
  const launched: LaunchedCampaign = { campaignId, name, adSets: [] };
  for (const [n, spec] of options.adSets.entries()) {
    const adSetId = newId();
    const adSet = await platform.createAdSet({
      campaignId: campaign.externalId,
      objective: 'SALES',
      name: `Público ${n + 1}`,
      dailyBudgetMinor: spec.budgetMinor,
      currency: 'BRL',
      targeting: { countries: ['BR'], ageMin: 18, ageMax: 65, placements: [] },
      status: 'ACTIVE',
    });
    await db.insert(adSets).values({
      id: adSetId,
      orgId,
      campaignId,
      name: `Público ${n + 1}`,
      dailyBudgetMinor: spec.budgetMinor,
      initialBudgetMinor: spec.budgetMinor,
      countries: ['BR'],
      ageMin: 18,
      ageMax: 65,
      placements: [],
      externalId: adSet.externalId,
      status: 'active',
      launchedAt,
      position: n,
    });
    const entry = {
      id: adSetId,
      externalId: adSet.externalId,
      ads: [] as { id: string; externalId: string }[],
    };
    for (let i = 0; i < spec.ads; i++) {
      const adId = newId();
      const creative = {
        headline: `Título ${i + 1}`,
        body: 'Frete grátis hoje.',
        callToAction: 'SHOP_NOW' as const,
        imageUrl: 'https://cdn.example/produto.png',
        landingUrl: `https://loja.example/p?utm_source=gestorlead&utm_campaign=${campaignId}&utm_content=${adId}`,
      };
      const ad = await platform.createAd({
        adSetId: adSet.externalId,
        name: `Anúncio ${i + 1}`,
        creative,
        status: 'ACTIVE',
      });
      await db.insert(ads).values({
        id: adId,
        orgId,
        campaignId,
        adSetId,
        name: `Anúncio ${i + 1}`,
        creativeRefs: {},
        headline: creative.headline,
        body: creative.body,
        callToAction: 'SHOP_NOW',
        imageUrl: creative.imageUrl,
        landingUrl: creative.landingUrl,
        utmCampaign: campaignId,
        externalId: ad.externalId,
        status: 'active',
        launchedAt,
        position: i,
      });
      entry.ads.push({ id: adId, externalId: ad.externalId });
    }
    launched.adSets.push(entry);
  }
  return launched;
}

export interface HourTotals {
  impressions: number;
  clicks: number;
  spendMinor: number;
  conversions: number;
  revenueMinor: number;
}

/** Writes `hours` identical hourly rows for an ad, ending at the hour before `until`. */
export async function writeInsights(
  orgId: string,
  campaignId: string,
  adId: string,
  perHour: HourTotals,
  hours: number,
  until: number,
) {
  const db = database(env.DB);
  const last = Math.floor(until / HOUR) * HOUR - HOUR;
  const rows = Array.from({ length: hours }, (_, i) => ({
    orgId,
    adId,
    campaignId,
    hourStart: last - i * HOUR,
    attributionWindow: '7d_click_1d_view',
    ...perHour,
    currency: 'BRL',
    pulledAt: until,
  }));
  for (let i = 0; i < rows.length; i += 7) await db.insert(adInsights).values(rows.slice(i, i + 7));
}

/** Fires a cron through the Worker's scheduled handler and waits for its tasks. */
export async function fireCron(cron: string, scheduledTime: number) {
  const ctx = createExecutionContext();
  await worker.scheduled!(createScheduledController({ cron, scheduledTime }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** Waits until every `ads` job of the org has finished (the real queue consumer runs them). */
export async function adsJobsSettled(orgId: string, timeoutMs = 20_000) {
  const db = database(env.DB);
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await db
      .select({ id: jobs.id, kind: jobs.kind, status: jobs.status })
      .from(jobs)
      .where(and(eq(jobs.orgId, orgId), eq(jobs.queue, 'ads')));
    if (open.every((j) => j.status === 'done' || j.status === 'failed')) return open;
    if (Date.now() > until) throw new Error(`ads jobs still open: ${JSON.stringify(open)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export const jobsOf = (orgId: string) =>
  database(env.DB)
    .select()
    .from(jobs)
    .where(and(eq(jobs.orgId, orgId), eq(jobs.queue, 'ads')));
