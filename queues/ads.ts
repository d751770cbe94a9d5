/**
 * @module The `ads` queue: scouting products, publishing campaigns, pulling insights, deciding and
 * executing autopilot actions, and daily reports, by job kind; and what a dead letter of this
 * queue means for its campaign.
 */
import { database } from '../worker/db.ts';
import { AdPlatformError, type AdPlatformName } from '../worker/providers/ads/types.ts';
import { pullHourlyInsights } from '../worker/services/ad-insights.ts';
import { EXECUTE_DECISION_JOB, runAutopilotCycle } from '../worker/services/autopilot-cycle.ts';
import {
  executeDecision,
  executionGaveUp,
  raisePlatformFailing,
} from '../worker/services/autopilot-execution.ts';
import { orgAutopilotContext } from '../worker/services/autopilot-inputs.ts';
import { checkCampaignPerformance } from '../worker/services/campaign-alerts.ts';
import {
  PUBLISH_JOB_KIND,
  publishCampaign,
  publishGaveUp,
} from '../worker/services/campaign-publish.ts';
import { buildDailyReport } from '../worker/services/daily-report.ts';
import { runScout, SCOUT_JOB_KIND } from '../worker/services/products/scout.ts';
import { DAILY_REPORT_JOB, DECIDE_JOB, INSIGHTS_JOB } from './autopilot-cron.ts';
import { type JobHandler, RetryLater } from './jobs.ts';

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
