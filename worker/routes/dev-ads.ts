/**
 * @module Local development only, for the ads end-to-end scenario and demos: move an org's sandbox
 * ad market ahead of the clock, so hours of simulated delivery exist without waiting for them (the
 * crons are then fired for that time with `/cdn-cgi/local/scheduled?cron=…&time=…`). Gated like
 * `/dev/seed` (404 without `DEV_SEED_TOKEN`).
 */
import * as v from 'valibot';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { Uuid } from '../../schema/inputs/common.ts';
import { adAccountFor } from '../../services/ads/accounts.ts';
import { Routes } from '../router.ts';
import { requireDevToken } from './dev.ts';

export const devAdsRoutes = new Routes('Development').post(
  '/dev/ads/sandbox/advance',
  {
    summary: 'Simulate an org’s sandbox ad market up to a moment (also beyond the clock)',
    auth: 'public',
    body: v.object({
      orgId: Uuid,
      until: v.pipe(v.string(), v.isoTimestamp('until must be ISO-8601 UTC.')),
    }),
    responses: { 200: 'Simulated.' },
  },
  async ({ c, env, db, body }) => {
    requireDevToken(c);
    const account = await adAccountFor(env, db, body.orgId, 'sandbox');
    if (account.platform !== 'sandbox') throw new Error('unreachable: sandbox account');
    await adPlatformFor(env, account).advanceTo(Date.parse(body.until));
    return c.json({ until: body.until });
  },
);
