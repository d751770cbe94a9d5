/**
 * @module Conversions from an org's store: the signed webhook that records orders, and the admin
 * routes that show and rotate the secret the store signs with.
 */

import * as v from 'valibot';
import { auditEntry } from '../../platform/audit.ts';
import { log } from '../../platform/log.ts';
import { actorId } from '../../platform/principal.ts';
import { Problem } from '../../platform/problem.ts';
import { ConversionInput } from '../../schema/inputs/autopilot.ts';
import { Uuid } from '../../schema/inputs/common.ts';
import { fieldIssueOf } from '../../schema/inputs/issues.ts';
import { ConversionRecorded, ConversionSecret } from '../../schema/outputs/ads.ts';
import {
  CONVERSION_SIGNATURE_HEADER,
  SIGNATURE_TOLERANCE_SECONDS,
  verifyConversionSignature,
} from '../../services/ads/conversion-signatures.ts';
import {
  conversionSecretOf,
  newConversionSecret,
  recordConversion,
} from '../../services/ads/conversions.ts';
import { type AppContext, Routes, readCapped } from '../router.ts';

const MAX_CONVERSION_BYTES = 64 * 1024;

const refused = (detail: string) =>
  new Problem(401, 'Unauthorized', detail, [
    { path: `header.${CONVERSION_SIGNATURE_HEADER}`, message: detail },
  ]);

const SIGNATURE_DOC =
  `Sign each delivery with \`${CONVERSION_SIGNATURE_HEADER}: t=<unix seconds>,v1=<hex>\`, where v1 ` +
  'is HMAC-SHA256 of `<t>.<raw body>` under the secret from GET /api/v1/autopilot/conversions/secret. ' +
  `t must be within ${SIGNATURE_TOLERANCE_SECONDS} s of our clock.`;

export const conversionWebhookRoutes = new Routes('Webhooks').post(
  '/webhooks/conversions/:orgId',
  {
    summary: 'Orders from the org’s store (signed), linked to campaigns by UTM',
    description: `${SIGNATURE_DOC} The same orderId twice records one order (200, duplicate: true).`,
    auth: 'public',
    params: v.object({ orgId: Uuid }),
    headers: v.object({
      [CONVERSION_SIGNATURE_HEADER.toLowerCase()]: v.optional(
        v.pipe(
          v.string(),
          v.description('`t=<unix seconds>,v1=<hex HMAC-SHA256>`; without it, 401.'),
        ),
      ),
    }),
    rawBody: { 'application/json': ConversionInput },
    responses: {
      201: { description: 'Order recorded.', schema: ConversionRecorded },
      200: {
        description: 'Already recorded (a retried or replayed delivery).',
        schema: ConversionRecorded,
      },
      400: 'The body is not valid JSON.',
      401: 'Missing, stale or wrong signature; nothing written.',
      422: 'Signed, but the order is not valid.',
    },
  },
  async ({ c, env, db, params, headers }) => {
    const raw = await readCapped(c.req.raw, MAX_CONVERSION_BYTES);
    // An org without a secret (or no such org) looks exactly like a wrong signature.
    const secret = await conversionSecretOf(env, db, params.orgId);
    const check = secret
      ? await verifyConversionSignature(
          secret.secret,
          raw,
          headers[CONVERSION_SIGNATURE_HEADER.toLowerCase()],
        )
      : 'mismatch';
    if (check !== 'ok') {
      log(env, 'warn', 'conversion webhook refused', { orgId: params.orgId, check });
      throw refused(
        check === 'stale'
          ? `The signature's timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s away.`
          : 'The signature does not verify.',
      );
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new Problem(400, 'Bad request', 'The body is not valid JSON.', [
        { path: '', message: 'Malformed JSON' },
      ]);
    }
    const parsed = v.safeParse(ConversionInput, json);
    if (!parsed.success) {
      const errors = parsed.issues.map((issue) => fieldIssueOf(issue));
      throw new Problem(422, 'Invalid input', errors.map((e) => e.message).join('; '), errors);
    }
    const { order, created } = await recordConversion(db, params.orgId, parsed.output);
    return c.json(
      {
        id: order.id,
        orderId: order.externalOrderId,
        campaignId: order.campaignId,
        adId: order.adId,
        duplicate: !created,
      },
      created ? 201 : 200,
    );
  },
);

function secretView(
  c: AppContext,
  orgId: string,
  secret: { secret: string; lastFour: string; createdAt: Date } | null,
) {
  return {
    secret: secret?.secret ?? null,
    lastFour: secret?.lastFour ?? null,
    createdAt: secret?.createdAt.toISOString() ?? null,
    endpoint: `${new URL(c.req.url).origin}/api/webhooks/conversions/${orgId}`,
    signatureHeader: CONVERSION_SIGNATURE_HEADER,
  };
}

export const conversionSecretRoutes = new Routes('Autopilot')
  .get(
    '/autopilot/conversions/secret',
    {
      summary: 'The conversions webhook: its URL and the secret the store signs with',
      description: SIGNATURE_DOC,
      auth: 'ads:manage',
      responses: {
        200: {
          description: 'Endpoint and secret (null before the first rotation).',
          schema: ConversionSecret,
        },
      },
    },
    async ({ c, env, db, org }) => {
      return c.json(secretView(c, org.orgId, await conversionSecretOf(env, db, org.orgId)));
    },
  )
  .post(
    '/autopilot/conversions/secret/rotate',
    {
      summary: 'Create or replace the webhook secret; the old one stops verifying at once',
      auth: 'ads:manage',
      responses: { 201: { description: 'The new secret.', schema: ConversionSecret } },
    },
    async ({ c, env, db, org, who }) => {
      const fresh = await newConversionSecret(env, db, org.orgId, actorId(who));
      await db.batch([
        fresh.statement,
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'conversions.secret.rotated',
          targetType: 'conversion_webhook',
          targetId: org.orgId,
          data: { lastFour: fresh.lastFour },
        }),
      ]);
      return c.json(secretView(c, org.orgId, fresh), 201);
    },
  );
