/**
 * @module Local development only, for `npm run bench:ledger`: a hold, a capture and a no-op on one
 * org's CreditLedger, over HTTP through the same router (validation, problem rendering) and the
 * same RPC path the studio uses. Gated like `/dev/seed` (404 without `DEV_SEED_TOKEN`). They skip
 * sign-in and the per-org rate limit, which would otherwise cap a one-org benchmark at 50 req/s
 * and measure the limiter instead of the ledger; the floor (`noop`) skips them the same way.
 */

import * as v from 'valibot';
import { unwrap } from '../../platform/room-refusal.ts';
import { Uuid } from '../../schema/inputs/common.ts';
import { ledgerOf } from '../../services/credits/ledger-client.ts';
import { Routes } from '../router.ts';
import { requireDevToken } from './dev.ts';

const Credits = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000_000));
const Key = v.pipe(v.string(), v.minLength(1), v.maxLength(200));

export const devLedgerRoutes = new Routes('Development')
  .post(
    '/dev/ledger/noop',
    {
      summary: 'The benchmark floor: one RPC to the ledger that touches nothing',
      auth: 'public',
      body: v.object({ orgId: Uuid }),
      responses: { 200: 'Nothing.' },
    },
    async ({ c, env, body }) => {
      requireDevToken(c);
      return c.json({ result: await ledgerOf(env, body.orgId).noop() });
    },
  )
  .post(
    '/dev/ledger/grant',
    {
      summary: 'Grant credits for a benchmark',
      auth: 'public',
      body: v.object({ orgId: Uuid, key: Key, credits: Credits }),
      responses: { 200: 'Granted.' },
    },
    async ({ c, env, body }) => {
      requireDevToken(c);
      return c.json(
        unwrap(
          await ledgerOf(env, body.orgId).grant({
            key: body.key,
            credits: body.credits,
            reason: 'benchmark',
          }),
        ),
      );
    },
  )
  .post(
    '/dev/ledger/hold',
    {
      summary: 'Hold credits as a job would before it starts',
      auth: 'public',
      body: v.object({ orgId: Uuid, key: Key, credits: Credits }),
      responses: { 200: 'Held.', 402: 'Not enough credits.' },
    },
    async ({ c, env, body }) => {
      requireDevToken(c);
      return c.json(
        unwrap(
          await ledgerOf(env, body.orgId).hold({
            key: body.key,
            credits: body.credits,
            memberId: null,
            reason: 'benchmark',
          }),
        ),
      );
    },
  )
  .post(
    '/dev/ledger/capture',
    {
      summary: 'Capture part of a hold as a job would when it finishes',
      auth: 'public',
      body: v.object({ orgId: Uuid, key: Key, holdId: Uuid, credits: Credits }),
      responses: { 200: 'Captured.' },
    },
    async ({ c, env, body }) => {
      requireDevToken(c);
      return c.json(
        unwrap(
          await ledgerOf(env, body.orgId).capture({
            key: body.key,
            holdId: body.holdId,
            credits: body.credits,
            usage: {
              provider: 'bench',
              model: 'bench',
              priceVersion: 'bench',
              units: { calls: 1 },
            },
          }),
        ),
      );
    },
  );
