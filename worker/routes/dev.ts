/**
 * @module Local development only: seeding the demo organization. Answers 404 unless `APP_ENV` is
 * `development` and the caller presents `DEV_SEED_TOKEN` from `.dev.vars`. Not part of the API.
 */
import { notFound } from '../problem.ts';
import { Routes } from '../router.ts';
import { seedDemo } from '../services/demo-seed.ts';

export const devRoutes = new Routes('Development').post(
  '/dev/seed',
  {
    summary: 'Seed the demo organization (idempotent)',
    auth: 'public',
    responses: { 200: 'Seeded.' },
  },
  async ({ c, env }) => {
    const token = c.req.header('x-dev-seed-token');
    if (env.APP_ENV !== 'development' || !env.DEV_SEED_TOKEN || token !== env.DEV_SEED_TOKEN)
      throw notFound('Route');
    return c.json(await seedDemo(env));
  },
);
