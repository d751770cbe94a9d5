/** @module Liveness with the state of D1, for load balancers and uptime checks. */
import * as v from 'valibot';
import { Routes } from '../router.ts';

export const healthRoutes = new Routes('Health').get(
  '/health',
  {
    summary: 'Service health and the state of D1',
    auth: 'public',
    responses: {
      200: {
        description: 'Healthy.',
        schema: v.object({
          status: v.literal('ok'),
          d1: v.object({ ok: v.boolean(), latencyMs: v.number() }),
        }),
      },
      503: 'D1 is unreachable.',
    },
  },
  async ({ c, env }) => {
    const started = performance.now();
    try {
      await env.DB.prepare('SELECT 1').first();
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      return c.json({ status: 'ok', d1: { ok: true, latencyMs } });
    } catch (err) {
      return c.json({ status: 'degraded', d1: { ok: false, error: String(err) } }, 503);
    }
  },
);
