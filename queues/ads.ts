/**
 * @module The `ads` queue: scouting products, publishing campaigns and executing autopilot
 * actions, by job kind; and what a dead letter of this queue means for its campaign.
 */
import {
  PUBLISH_JOB_KIND,
  publishCampaign,
  publishGaveUp,
} from '../worker/services/campaign-publish.ts';
import { runScout, SCOUT_JOB_KIND } from '../worker/services/products/scout.ts';
import type { JobHandler } from './jobs.ts';

export const adsJobs: Record<string, JobHandler> = {
  [SCOUT_JOB_KIND]: runScout,
  [PUBLISH_JOB_KIND]: (job, ctx) => publishCampaign(job, ctx),
};

/** Called for each dead-lettered `ads` message after its job is marked failed. */
export const adsDeadLetterHooks = [publishGaveUp];
