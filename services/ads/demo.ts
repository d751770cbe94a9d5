/**
 * @module The ads part of the demo organization: a few products from the sandbox source, judged by
 * the default rules (one rejected, with its reasons), hand-written creatives for the first, and
 * one campaign on the sandbox platform, published through the real publishing job's handler as if
 * six days ago, so the demo opens on a week of results: the hourly insights pulled through the
 * real path, one autopilot decision cycle and yesterday's daily report. Fixed ids and keys:
 * seeding again finds everything in place and changes nothing.
 */
import { eq } from 'drizzle-orm';
import { database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { finishJob } from '../../platform/jobs.ts';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { sandboxProductSource } from '../../providers/products/sandbox.ts';
import { adCampaigns, adSets, ads, creatives, products } from '../../schema/ads.ts';
import { jobs } from '../../schema/jobs.ts';
import { orgs } from '../../schema/orgs.ts';
import { runAutopilotCycle } from '../autopilot/cycle.ts';
import { adAccountFor } from './accounts.ts';
import { PUBLISH_JOB_KIND, publishCampaign } from './campaign-publish.ts';
import { checkDraft, publishStatements } from './campaigns.ts';
import { buildDailyReport } from './daily-report.ts';
import { pullHourlyInsights, REPULL_HOURS } from './insights.ts';
import { addProducts, loadViabilitySettings } from './products.ts';

const HOUR_MS = 3_600_000;
/** Within the sandbox market's seven days of kept hourly rows. */
const HISTORY_DAYS = 6;

/** Ids in the demo org's own range (see demo-seed.ts), one per seeded row. */
const id = (n: number) => `00000000-0000-7000-8000-0000000ad${n.toString().padStart(3, '0')}`;
export const ADS_DEMO = { campaignId: id(100), adSetId: id(101), adIds: [id(102), id(103)] };

const DEMO_PRODUCT_TITLES = [
  'Fonte de água com filtro para gatos',
  'Garrafa térmica inteligente com display de temperatura',
  'Corretor postural ajustável',
  'Tênis réplica de marca famosa',
];

export async function seedAdsDemo(env: Env, orgId: string, ownerId: string): Promise<string[]> {
  const db = database(env.DB);
  const org = orgScope(orgId);
  const created: string[] = [];

  const found = await sandboxProductSource.search({ query: '', limit: 50 });
  const chosen = DEMO_PRODUCT_TITLES.map((title) => found.find((p) => p.title === title)!);
  const { inserted } = await addProducts(
    db,
    orgId,
    chosen.map(({ sourceRef, ...product }) => ({ product, source: 'sandbox', sourceRef })),
    { createdBy: ownerId, settings: await loadViabilitySettings(db, orgId) },
  );
  if (inserted.length > 0) created.push(`${inserted.length} products`);
  const fountain = await db
    .select()
    .from(products)
    .where(
      org.where(
        products,
        eq(products.source, 'sandbox'),
        eq(products.sourceRef, chosen[0]!.sourceRef),
      ),
    )
    .get();
  if (!fountain) return created;

  const copy = [
    ['headline', null, 'Água fresca o dia todo'],
    ['headline', null, 'Seu gato bebe mais água'],
    ['body', 'informative', 'Filtro de carvão, bomba silenciosa e 2 L de água sempre circulando.'],
    ['body', 'urgency', 'Últimas unidades com frete grátis — só até domingo!'],
    ['body', 'social_proof', 'Mais de 1.200 tutores já trocaram o potinho pela fonte.'],
    ['cta', null, 'Garanta a sua'],
  ] as const;
  const creativeRows = await db
    .insert(creatives)
    .values(
      copy.map(([kind, style, text], i) => ({
        id: id(10 + i),
        orgId,
        productId: fountain.id,
        kind,
        style,
        text,
        status: 'ready' as const,
        createdBy: ownerId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: creatives.id });
  if (creativeRows.length > 0) created.push(`${creativeRows.length} creatives`);

  const { currency } = (await db
    .select({ currency: orgs.currency })
    .from(orgs)
    .where(eq(orgs.id, orgId))
    .get())!;
  const campaign = await db
    .insert(adCampaigns)
    .values({
      id: ADS_DEMO.campaignId,
      orgId,
      name: 'Fonte para gatos — Brasil',
      productId: fountain.id,
      platform: 'sandbox',
      objective: 'SALES',
      currency,
      createdBy: ownerId,
    })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!campaign) return created;
  const ad = (n: 0 | 1) => ({
    id: ADS_DEMO.adIds[n]!,
    name: `Fonte — ${copy[n][2]}`,
    headline: copy[n][2],
    body: copy[n === 0 ? 2 : 3][2],
    callToAction: 'SHOP_NOW' as const,
    imageUrl: chosen[0]!.images[0]!,
    landingUrl: 'https://loja-demo.gestorlead.dev/fonte-para-gatos',
    creativeRefs: { headline: id(10 + n), body: id(12 + n) },
  });
  const checked = checkDraft(
    {
      name: campaign.name,
      objective: campaign.objective,
      platform: campaign.platform,
      currency: campaign.currency,
      productId: fountain.id,
      adSets: [
        {
          id: ADS_DEMO.adSetId,
          name: 'Brasil, 25–54, feed e stories',
          dailyBudgetMinor: 5_000,
          countries: ['BR'],
          ageMin: 25,
          ageMax: 54,
          placements: ['feed', 'stories'],
          ads: [ad(0), ad(1)],
        },
      ],
    },
    campaign,
  );
  if (!checked.draft) throw new Error(`demo campaign draft: ${JSON.stringify(checked.errors)}`);
  const jobId = id(200);
  const [first, ...rest] = publishStatements(
    db,
    org,
    campaign,
    checked.draft,
    { adSetIds: new Set(), adIds: new Set() },
    jobId,
  );
  await db.batch([first!, ...rest]);
  created.push('campaign');
  created.push(...(await publishWithHistory(env, orgId, ownerId, campaign.id, jobId)));
  return created;
}

/**
 * Publishes the demo campaign on the sandbox market as of six days ago (the market simulates
 * from then), then does what the crons would have done since: the hourly insight pulls, a decision
 * cycle, yesterday's report. The job row is the publish job's, run here instead of on the queue.
 */
async function publishWithHistory(
  env: Env,
  orgId: string,
  ownerId: string,
  campaignId: string,
  jobId: string,
): Promise<string[]> {
  const db = database(env.DB);
  const now = Date.now();
  const publishedAt = Math.floor((now - HISTORY_DAYS * 24 * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const job = (await db
    .insert(jobs)
    .values({
      id: jobId,
      orgId,
      queue: 'ads',
      kind: PUBLISH_JOB_KIND,
      idempotencyKey: `publish:${campaignId}:demo`,
      input: { campaignId },
      createdBy: ownerId,
      status: 'running',
    })
    .returning()
    .get())!;
  const result = await publishCampaign(
    job,
    { env, progress: async () => undefined },
    {
      platformFor: async (e, d, campaign) =>
        adPlatformFor(e, await adAccountFor(e, d, campaign.orgId, 'sandbox'), {
          clock: () => publishedAt,
        }),
    },
  );
  await finishJob(env, job, { status: 'done', progress: 100, result: result ?? null });
  // D1 records the launch when the job ran; the market launched them six days ago.
  const launched = new Date(publishedAt);
  const org = orgScope(orgId);
  await db.batch([
    db
      .update(adCampaigns)
      .set({ publishedAt: launched })
      .where(org.where(adCampaigns, eq(adCampaigns.id, campaignId))),
    db
      .update(adSets)
      .set({ launchedAt: launched })
      .where(org.where(adSets, eq(adSets.campaignId, campaignId))),
    db
      .update(ads)
      .set({ launchedAt: launched })
      .where(org.where(ads, eq(ads.campaignId, campaignId))),
  ]);
  // Each pull reads the 48 hours before its time, as the hourly cron does.
  for (let at = publishedAt + REPULL_HOURS * HOUR_MS; ; at += REPULL_HOURS * HOUR_MS) {
    await pullHourlyInsights(env, db, orgId, 'sandbox', Math.min(at, now));
    if (at >= now) break;
  }
  await runAutopilotCycle(env, orgId, 'decide', now);
  await buildDailyReport(env, orgId, { at: now });
  return ['a week of campaign results'];
}
