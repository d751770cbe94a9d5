/**
 * @module The `ads` queue: scouting products, publishing campaigns, pulling insights, deciding and
 * executing autopilot actions, and daily reports, by job kind; and what a dead letter of this
 * queue means for its campaign.
 */

import type { AdPlatformName } from '../domain/ads/vocabulary.ts';
import { database } from '../platform/db.ts';
import { type JobHandler, RetryLater } from '../platform/jobs.ts';
import { AdPlatformError } from '../providers/ads/types.ts';
import { checkCampaignPerformance } from '../services/ads/campaign-alerts.ts';
import {
  PUBLISH_JOB_KIND,
  publishCampaign,
  publishGaveUp,
} from '../services/ads/campaign-publish.ts';
import { buildDailyReport } from '../services/ads/daily-report.ts';
import { pullHourlyInsights } from '../services/ads/insights.ts';
import { runScout, SCOUT_JOB_KIND } from '../services/ads/product-scout.ts';
import { EXECUTE_DECISION_JOB, runAutopilotCycle } from '../services/autopilot/cycle.ts';
import {
  executeDecision,
  executionGaveUp,
  raisePlatformFailing,
} from '../services/autopilot/execution.ts';
import { orgAutopilotContext } from '../services/autopilot/load-inputs.ts';
import { DAILY_REPORT_JOB, DECIDE_JOB, INSIGHTS_JOB } from './autopilot-cron.ts';

const atOf = (input: Record<string, unknown> | null) => Number(input?.at ?? Date.now());

/**
 * Pull the hour's insights, then check the spend caps and campaign performance on what D1 holds.
 * The caps are checked even when the platform failed: the org's other platforms still spend.
 */
const pullInsights: JobHandler = async (job, { env, progress }) => {
  const db = database(env.DB);
  const platform = job.input?.platform as AdPlatformName;
  const now = atOf(job.input);
  let pulled: Awaited<ReturnType<typeof pullHourlyInsights>> | null = null;
  let failure: unknown = null;
  try {
    pulled = await pullHourlyInsights(env, db, job.orgId, platform, now);
  } catch (err) {
    if (err instanceof AdPlatformError)
      await raisePlatformFailing(env, job.orgId, err, 'reading_insights', now);
    failure = err;
  }
  await progress(60);
  const caps = await runAutopilotCycle(env, job.orgId, 'caps', now);
  const context = await orgAutopilotContext(db, job.orgId);
  const performanceAlerts = await checkCampaignPerformance(env, db, job.orgId, now, context);
  if (failure instanceof AdPlatformError && failure.retryable)
    throw new RetryLater(failure.message);
  if (failure) throw failure;
  return { ...pulled, caps, performanceAlerts };
};

export const adsJobs: Record<string, JobHandler> = {
  [SCOUT_JOB_KIND]: runScout,
  [PUBLISH_JOB_KIND]: (job, ctx) => publishCampaign(job, ctx),
  [INSIGHTS_JOB]: pullInsights,
  [DECIDE_JOB]: async (job, { env }) => ({
    ...(await runAutopilotCycle(env, job.orgId, 'decide', atOf(job.input))),
  }),
  [EXECUTE_DECISION_JOB]: async (job, { env }) =>
    executeDecision(env, job.orgId, String(job.input?.decisionId ?? '')),
  [DAILY_REPORT_JOB]: async (job, { env }) =>
    buildDailyReport(env, job.orgId, { at: atOf(job.input) }),
};

/** Called for each dead-lettered `ads` message after its job is marked failed. */
export const adsDeadLetterHooks = [publishGaveUp, executionGaveUp];
