/** @module The `ads` queue: scouting products, publishing campaigns and executing autopilot actions, by job kind. */
import { runScout, SCOUT_JOB_KIND } from '../worker/services/products/scout.ts';
import type { JobHandler } from './jobs.ts';

export const adsJobs: Record<string, JobHandler> = {
  [SCOUT_JOB_KIND]: runScout,
};
