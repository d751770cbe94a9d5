/**
 * @module The autopilot's cron tasks. Each fans out one `ads` queue job per org (and platform), so
 * one org's slow platform or large account never holds up another's; the job's idempotency key
 * names the hour, window or day, so a cron delivered twice queues nothing more.
 *
 * - hourly `insights.pull` per org and platform with active campaigns: pull, then the spend-cap
 *   check and the performance alerts on what was stored;
 * - six-hourly `autopilot.decide` per org with active campaigns;
 * - daily `reports.daily` per org that had campaigns, for its last complete org day.
 */
import { eq, sql } from 'drizzle-orm';
import type { AdPlatformName } from '../domain/ads/vocabulary.ts';
import { cycleWindow } from '../domain/autopilot/decision.ts';
import { database } from '../platform/db.ts';
import type { Env } from '../platform/env.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { adCampaigns } from '../schema/ads.ts';

export const INSIGHTS_JOB = 'insights.pull';
export const DECIDE_JOB = 'autopilot.decide';
export const DAILY_REPORT_JOB = 'reports.daily';

const HOUR_MS = 3_600_000;

async function activeCampaignPlatforms(env: Env) {
  // Every org at once: the cron is the one caller that works across orgs, and only lists them.
  return database(env.DB)
    .select({ orgId: adCampaigns.orgId, platform: adCampaigns.platform })
    .from(adCampaigns)
    .where(eq(adCampaigns.status, 'active'))
    .groupBy(adCampaigns.orgId, adCampaigns.platform);
}

export async function queueInsightPulls(env: Env, scheduledTime: Date) {
  const hour = new Date(Math.floor(scheduledTime.getTime() / HOUR_MS) * HOUR_MS).toISOString();
  const targets = await activeCampaignPlatforms(env);
  for (const { orgId, platform } of targets) {
    await enqueueJob(env, 'ads', {
      orgId,
      kind: INSIGHTS_JOB,
      idempotencyKey: `insights:${platform}:${hour}`,
      input: { platform: platform as AdPlatformName, at: scheduledTime.getTime() },
    });
  }
  return { insightJobs: targets.length };
}

export async function queueDecisionCycles(env: Env, scheduledTime: Date) {
  const window = cycleWindow('decide', scheduledTime.getTime());
  const orgIds = [...new Set((await activeCampaignPlatforms(env)).map((t) => t.orgId))];
  for (const orgId of orgIds) {
    await enqueueJob(env, 'ads', {
      orgId,
      kind: DECIDE_JOB,
      idempotencyKey: `decide:${new Date(window.start).toISOString()}`,
      input: { at: scheduledTime.getTime() },
    });
  }
  return { decideJobs: orgIds.length };
}

export async function queueDailyReports(env: Env, scheduledTime: Date) {
  // Orgs that ever published: a campaign paused yesterday still spent yesterday.
  const orgIds = (
    await database(env.DB)
      .select({ orgId: adCampaigns.orgId })
      .from(adCampaigns)
      .where(sql`${adCampaigns.publishedAt} is not null`)
      .groupBy(adCampaigns.orgId)
  ).map((r) => r.orgId);
  const day = scheduledTime.toISOString().slice(0, 10);
  for (const orgId of orgIds) {
    await enqueueJob(env, 'ads', {
      orgId,
      kind: DAILY_REPORT_JOB,
      idempotencyKey: `report:${day}`,
      input: { at: scheduledTime.getTime() },
    });
  }
  return { reportJobs: orgIds.length };
}
