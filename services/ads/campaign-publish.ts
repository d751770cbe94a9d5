/**
 * @module The publishing job: creates a campaign's missing entities on its ad platform — the
 * campaign (paused), each ad set, each ad — then turns the campaign on.
 *
 * Idempotent by construction: each external id is stored the moment the platform returns it,
 * and an entity with an external id is never created again, so a retry or a replayed message
 * resumes where the last attempt stopped. Each create also carries our id as the platform's
 * idempotency key, which covers the one window left (a crash between the platform's answer and
 * our write) where the platform honours it (the sandbox, TikTok).
 *
 * Failures: a transient one (network, 5xx, rate limit) is retried by the queue with exponential
 * backoff; after the third attempt the message goes to the dead-letter queue, where
 * `publishGaveUp` marks the campaign `error` and raises an alert. A permanent one (bad input,
 * revoked token) marks it `error` at once, with the platform's message and field, and alerts.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { CallToAction } from '../../domain/ads/vocabulary.ts';
import { newId } from '../../domain/ids.ts';
import { raiseAlert } from '../../platform/alerts.ts';
import { type Db, database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { type Job, type JobContext, RetryLater } from '../../platform/jobs.ts';
import { publishToOrg } from '../../platform/live-events.ts';
import { log } from '../../platform/log.ts';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { type AdPlatform, AdPlatformError } from '../../providers/ads/types.ts';
import { adCampaigns, adPublishAttempts, adSets, ads } from '../../schema/ads.ts';
import { jobs } from '../../schema/jobs.ts';
import { adAccountFor } from './accounts.ts';
import { type Campaign, campaignStructure } from './campaigns.ts';

export const PUBLISH_JOB_KIND = 'campaign.publish';

export interface PublishOptions {
  platformFor(env: Env, db: Db, campaign: Campaign): Promise<AdPlatform>;
}

export const defaultPublishOptions: PublishOptions = {
  platformFor: async (env, db, campaign) =>
    adPlatformFor(env, await adAccountFor(env, db, campaign.orgId, campaign.platform)),
};

export async function publishCampaign(
  job: Job,
  ctx: JobContext,
  options: PublishOptions = defaultPublishOptions,
) {
  const { env } = ctx;
  const db = database(env.DB);
  const org = orgScope(job.orgId);
  const campaignId = String(job.input?.campaignId ?? '');
  const campaign = await db
    .select()
    .from(adCampaigns)
    .where(org.where(adCampaigns, eq(adCampaigns.id, campaignId)))
    .get();
  if (!campaign) throw new Error(`Campaign ${campaignId} not found.`);
  // Only the latest publish of a campaign still publishing acts; an old or replayed one is done.
  if (campaign.status !== 'publishing' || campaign.publishJobId !== job.id)
    return { campaignId, skipped: campaign.status };

  let created = 0;
  try {
    const platform = await options.platformFor(env, db, campaign);
    const structure = await campaignStructure(db, org, campaign.id);
    const total = 1 + structure.adSets.length + structure.ads.length;
    let done = 0;
    const step = async () => {
      done++;
      await ctx.progress((done / (total + 1)) * 100);
    };

    let campaignExternalId = campaign.externalId;
    if (!campaignExternalId) {
      ({ externalId: campaignExternalId } = await platform.createCampaign({
        name: campaign.name,
        objective: campaign.objective,
        status: 'PAUSED',
        idempotencyKey: campaign.id,
      }));
      await storeExternalId(db, job.orgId, adCampaigns, campaign.id, campaignExternalId);
      created++;
    }
    await step();

    const adSetExternalIds = new Map<string, string>();
    for (const set of structure.adSets) {
      let externalId = set.externalId;
      if (!externalId) {
        ({ externalId } = await platform.createAdSet({
          name: set.name,
          campaignId: campaignExternalId,
          objective: campaign.objective,
          dailyBudgetMinor: set.dailyBudgetMinor,
          currency: campaign.currency,
          targeting: {
            countries: set.countries,
            ageMin: set.ageMin,
            ageMax: set.ageMax,
            placements: set.placements,
          },
          status: 'ACTIVE',
          idempotencyKey: set.id,
        }));
        await storeExternalId(db, job.orgId, adSets, set.id, externalId);
        created++;
      }
      adSetExternalIds.set(set.id, externalId);
      await step();
    }

    for (const ad of structure.ads) {
      if (!ad.externalId) {
        const adSetExternalId = adSetExternalIds.get(ad.adSetId);
        if (!adSetExternalId) throw new Error(`Ad ${ad.id} has no ad set in this campaign.`);
        const result = await platform.createAd({
          name: ad.name,
          adSetId: adSetExternalId,
          creative: {
            headline: ad.headline,
            body: ad.body,
            callToAction: ad.callToAction as CallToAction,
            imageUrl: ad.imageUrl,
            landingUrl: ad.landingUrl,
          },
          status: 'ACTIVE',
          idempotencyKey: ad.id,
        });
        await storeExternalId(db, job.orgId, ads, ad.id, result.externalId, {
          externalCreativeId: result.externalCreativeId ?? null,
        });
        created++;
      }
      await step();
    }

    await platform.updateStatus('campaign', campaignExternalId, 'ACTIVE');
    await markActive(db, job, campaign, created);
    await publishToOrg(env, job.orgId, { type: 'campaign', campaignId, status: 'active' });
    return { campaignId, externalId: campaignExternalId, created };
  } catch (err) {
    const retryable = err instanceof AdPlatformError && err.retryable;
    const message = describe(err);
    await recordAttempt(db, job, campaign.id, retryable ? 'retrying' : 'error', created, message);
    if (retryable) {
      log(env, 'warn', 'campaign publish will retry', {
        orgId: job.orgId,
        campaignId,
        attempt: job.attempts,
        error: message,
      });
      throw new RetryLater(message);
    }
    await markFailed(env, db, job, campaign, message);
    throw err;
  }
}

/** Stores an external id once: a later write (a twin delivery) never replaces the first. */
async function storeExternalId(
  db: Db,
  orgId: string,
  table: typeof adCampaigns | typeof adSets | typeof ads,
  id: string,
  externalId: string,
  extra: Record<string, unknown> = {},
) {
  await db
    .update(table)
    .set({ externalId, ...extra, updatedAt: new Date() })
    .where(orgScope(orgId).where(table, eq(table.id, id), isNull(table.externalId)));
}

function describe(err: unknown): string {
  if (err instanceof AdPlatformError)
    return `${err.platform} ${err.kind}${err.field ? ` (${err.field})` : ''}: ${err.message}`;
  return String((err as Error)?.message ?? err);
}

const recordAttempt = (
  db: Db,
  job: Job,
  campaignId: string,
  outcome: 'active' | 'retrying' | 'error',
  created: number,
  error: string | null,
) =>
  db.insert(adPublishAttempts).values({
    id: newId(),
    orgId: job.orgId,
    campaignId,
    jobId: job.id,
    attempt: job.attempts,
    outcome,
    created,
    error,
  });

async function markActive(db: Db, job: Job, campaign: Campaign, created: number) {
  const org = orgScope(job.orgId);
  const now = new Date();
  const publishing = ['draft', 'publishing', 'error'] as const;
  await db.batch([
    db
      .update(adCampaigns)
      .set({ status: 'active', error: null, publishedAt: now, updatedAt: now })
      .where(org.where(adCampaigns, eq(adCampaigns.id, campaign.id))),
    db
      .update(adSets)
      .set({
        status: 'active',
        launchedAt: sql`coalesce(${adSets.launchedAt}, ${now.getTime()})`,
        updatedAt: now,
      })
      .where(
        org.where(adSets, eq(adSets.campaignId, campaign.id), inArray(adSets.status, publishing)),
      ),
    db
      .update(ads)
      .set({
        status: 'active',
        launchedAt: sql`coalesce(${ads.launchedAt}, ${now.getTime()})`,
        updatedAt: now,
      })
      .where(org.where(ads, eq(ads.campaignId, campaign.id), inArray(ads.status, publishing))),
    recordAttempt(db, job, campaign.id, 'active', created, null),
  ]);
}

async function markFailed(
  env: Env,
  db: Db,
  job: Pick<Job, 'id' | 'orgId'>,
  campaign: Campaign,
  message: string,
) {
  const org = orgScope(job.orgId);
  const now = new Date();
  const publishing = ['publishing'] as const;
  await db.batch([
    db
      .update(adCampaigns)
      .set({ status: 'error', error: message, updatedAt: now })
      .where(
        org.where(
          adCampaigns,
          eq(adCampaigns.id, campaign.id),
          eq(adCampaigns.status, 'publishing'),
          eq(adCampaigns.publishJobId, job.id),
        ),
      ),
    db
      .update(adSets)
      .set({ status: 'error', updatedAt: now })
      .where(
        org.where(adSets, eq(adSets.campaignId, campaign.id), inArray(adSets.status, publishing)),
      ),
    db
      .update(ads)
      .set({ status: 'error', updatedAt: now })
      .where(org.where(ads, eq(ads.campaignId, campaign.id), inArray(ads.status, publishing))),
  ]);
  await raiseAlert(env, {
    orgId: job.orgId,
    kind: 'ads.publish_failed',
    severity: 'critical',
    title: `Campaign "${campaign.name}" could not be published`,
    detail: message,
    dedupKey: `publish-failed:${job.id}`,
    data: {
      campaignId: campaign.id,
      campaignName: campaign.name,
      platform: campaign.platform,
      jobId: job.id,
    },
  });
  await publishToOrg(env, job.orgId, {
    type: 'campaign',
    campaignId: campaign.id,
    status: 'error',
    error: message,
  });
}

/** The dead-letter queue's hook: a publish that exhausted its retries leaves its campaign in error. */
export async function publishGaveUp(env: Env, jobId: string, orgId: string): Promise<void> {
  const db = database(env.DB);
  const org = orgScope(orgId);
  const job = await db
    .select()
    .from(jobs)
    .where(org.where(jobs, eq(jobs.id, jobId)))
    .get();
  if (job?.kind !== PUBLISH_JOB_KIND) return;
  const campaign = await db
    .select()
    .from(adCampaigns)
    .where(org.where(adCampaigns, eq(adCampaigns.id, String(job.input?.campaignId ?? ''))))
    .get();
  if (!campaign) return;
  const last = await db
    .select({ error: adPublishAttempts.error })
    .from(adPublishAttempts)
    .where(org.where(adPublishAttempts, and(eq(adPublishAttempts.jobId, jobId))))
    .orderBy(sql`${adPublishAttempts.attempt} desc`)
    .get();
  await markFailed(
    env,
    db,
    job,
    campaign,
    `The platform kept failing after ${job.attempts} attempts${last?.error ? `: ${last.error}` : '.'}`,
  );
}
