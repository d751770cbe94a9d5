/** @module The `generation` queue: AI content jobs (text, image, audio), by job kind. */
import {
  defaultRunOptions,
  GENERATION_JOB_KIND,
  runGeneration,
} from '../worker/services/studio-run.ts';
import type { JobHandler } from './jobs.ts';

export const generationJobs: Record<string, JobHandler> = {
  [GENERATION_JOB_KIND]: (job, ctx) =>
    runGeneration(job, ctx, defaultRunOptions(ctx.env, job.orgId)),
};
