/**
 * @module Local development only: seeding the demo organization. Answers 404 unless `APP_ENV` is
 * `development` and the caller presents `DEV_SEED_TOKEN` from `.dev.vars`. Not part of the API.
 * Also the queue benchmark's two helpers: queuing no-op jobs (its floor) and summing up an org's
 * jobs by the database's own clock.
 */
import { count, eq, max, min } from 'drizzle-orm';
import * as v from 'valibot';
import { database, orgScope } from '../../platform/db.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { notFound } from '../../platform/problem.ts';
import { NOOP_JOB_KIND } from '../../queues/generation.ts';
import { Uuid } from '../../schema/inputs/common.ts';
import { jobs } from '../../schema/jobs.ts';
import { seedDemo } from '../../services/accounts/demo-seed.ts';
import { type AppContext, Routes } from '../router.ts';

/** The gate of every local-development route: 404 anywhere else, or without the dev token. */
export function requireDevToken(c: AppContext) {
  const token = c.req.header('x-dev-seed-token');
  if (c.env.APP_ENV !== 'development' || !c.env.DEV_SEED_TOKEN || token !== c.env.DEV_SEED_TOKEN)
    throw notFound('Route');
}

export const devRoutes = new Routes('Development')
  .post(
    '/dev/seed',
    {
      summary: 'Seed the demo organization (idempotent)',
      auth: 'public',
      responses: { 200: 'Seeded.' },
    },
    async ({ c, env }) => {
      requireDevToken(c);
      return c.json(await seedDemo(env));
    },
  )
  .get(
    '/dev/echo/:id',
    {
      summary: 'A bare WebSocket relay through a Durable Object (the sync benchmark’s floor)',
      auth: 'public',
      params: v.object({ id: v.pipe(v.string(), v.maxLength(100)) }),
      responses: { 101: 'Switching protocols.' },
    },
    async ({ c, env, params }) => {
      requireDevToken(c);
      return env.ECHO_ROOM.getByName(params.id).fetch(c.req.raw);
    },
  )
  .post(
    '/dev/jobs/noop',
    {
      summary: 'Queue no-op jobs on the generation queue (the queue benchmark’s floor)',
      auth: 'public',
      body: v.object({
        orgId: Uuid,
        count: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)),
      }),
      responses: { 200: 'Queued.' },
    },
    async ({ c, env, body }) => {
      requireDevToken(c);
      const batch = crypto.randomUUID();
      const queued = await Promise.all(
        Array.from({ length: body.count }, (_, i) =>
          enqueueJob(env, 'generation', {
            orgId: body.orgId,
            kind: NOOP_JOB_KIND,
            idempotencyKey: `bench-noop:${batch}:${i}`,
          }),
        ),
      );
      return c.json({ jobIds: queued.map((job) => job.id) });
    },
  )
  .post(
    '/dev/jobs/summary',
    {
      summary: 'An org’s jobs of one kind: how many in each status, first queued, last finished',
      auth: 'public',
      body: v.object({ orgId: Uuid, kind: v.pipe(v.string(), v.maxLength(100)) }),
      responses: { 200: 'The summary.' },
    },
    async ({ c, env, body }) => {
      requireDevToken(c);
      const rows = await database(env.DB)
        .select({
          status: jobs.status,
          jobs: count(),
          firstCreatedAt: min(jobs.createdAt),
          lastUpdatedAt: max(jobs.updatedAt),
        })
        .from(jobs)
        .where(orgScope(body.orgId).where(jobs, eq(jobs.kind, body.kind)))
        .groupBy(jobs.status)
        .all();
      return c.json({
        byStatus: Object.fromEntries(rows.map((row) => [row.status, row.jobs])),
        firstCreatedAt: Math.min(...rows.map((row) => Number(row.firstCreatedAt))),
        lastUpdatedAt: Math.max(...rows.map((row) => Number(row.lastUpdatedAt ?? 0))),
      });
    },
  );
