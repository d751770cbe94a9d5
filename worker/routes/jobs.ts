/** @module Background job status, for clients that poll instead of listening live. */

import { eq } from 'drizzle-orm';
import { notFound } from '../../platform/problem.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { jobs } from '../../schema/jobs.ts';
import { Job } from '../../schema/outputs/accounts.ts';
import { Routes } from '../router.ts';

export const jobRoutes = new Routes('Jobs').get(
  '/jobs/:id',
  {
    summary: 'A background job: status, progress, result or error',
    auth: 'jobs:read',
    params: IdParams,
    responses: {
      200: { description: 'The job.', schema: Job },
      404: 'No such job in this organization.',
    },
  },
  async ({ c, db, org, params }) => {
    const job = await db
      .select({
        id: jobs.id,
        queue: jobs.queue,
        kind: jobs.kind,
        status: jobs.status,
        progress: jobs.progress,
        attempts: jobs.attempts,
        result: jobs.result,
        error: jobs.error,
        createdAt: jobs.createdAt,
        updatedAt: jobs.updatedAt,
      })
      .from(jobs)
      .where(org.where(jobs, eq(jobs.id, params.id)))
      .get();
    if (!job) throw notFound('Job');
    return c.json(job);
  },
);
