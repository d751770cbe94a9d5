/** @module The `generation` queue: AI content jobs (text, image, audio), by job kind. */

import { type JobHandler, RetryLater } from '../platform/jobs.ts';
import { settleCreativeOf } from '../services/ads/creatives.ts';
import { defaultRunOptions, GENERATION_JOB_KIND, runGeneration } from '../services/studio/run.ts';

/**
 * A job that does nothing: the floor `npm run bench:queues` sets beside the studio's jobs (the
 * queue, the claim and the bookkeeping alone). Only a local-development route queues it.
 */
export const NOOP_JOB_KIND = 'bench.noop';

export const generationJobs: Record<string, JobHandler> = {
  [NOOP_JOB_KIND]: async () => undefined,
  [GENERATION_JOB_KIND]: async (job, ctx) => {
    const generationId = String(job.input?.generationId ?? '');
    try {
      const result = await runGeneration(job, ctx, defaultRunOptions(ctx.env, job.orgId));
      await settleCreativeOf(ctx.env, job.orgId, generationId, null);
      return result;
    } catch (err) {
      // A generation that will be retried has not ended; anything else has, for good.
      if (!(err instanceof RetryLater))
        await settleCreativeOf(ctx.env, job.orgId, generationId, String((err as Error).message));
      throw err;
    }
  },
};
