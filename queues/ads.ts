/** @module The `ads` queue: publishing campaigns and executing autopilot actions, by job kind. */
import type { JobHandler } from './jobs.ts';

export const adsJobs: Record<string, JobHandler> = {};
