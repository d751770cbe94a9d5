/**
 * @module The `imports` queue: CSV imports of leads, one long job per message. A failure part-way
 * is retried with backoff and resumes at the import's checkpoint; after the last retry the
 * dead-letter consumer marks the job failed and alerts the org.
 */
import { database } from '../platform/db.ts';
import { type JobHandler, RetryLater } from '../platform/jobs.ts';
import { runLeadImport } from '../services/pipeline/lead-import.ts';

export const importJobs: Record<string, JobHandler> = {
  'lead-import': async (job, { env, progress }) => {
    const importId = String(job.input?.importId ?? '');
    try {
      return await runLeadImport(env, database(env.DB), job.orgId, importId, progress);
    } catch (error) {
      // D1, R2 and the board room fail transiently; the checkpoint makes a retry safe.
      throw new RetryLater(String((error as Error)?.message ?? error));
    }
  },
};
