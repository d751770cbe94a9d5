/**
 * @module Local development only: seeding the demo organization. Answers 404 unless `APP_ENV` is
 * `development` and the caller presents `DEV_SEED_TOKEN` from `.dev.vars`. Not part of the API.
 */
import * as v from 'valibot';
import { notFound } from '../../platform/problem.ts';
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
  );
