/**
 * @module Creatives: headlines, body texts, calls to action and images for a product — generated
 * through the studio (credits held and charged per generation) or written by hand, then edited.
 */

import { asc, eq } from 'drizzle-orm';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import type { Db, OrgScope } from '../../platform/db.ts';
import { actorId } from '../../platform/principal.ts';
import { conflict, invalid, notFound } from '../../platform/problem.ts';
import { creatives } from '../../schema/ads.ts';
import { IdParams, OptionalIdempotencyHeaders } from '../../schema/inputs/common.ts';
import {
  CREATIVE_TEXT_LIMITS,
  CreativeInput,
  CreativePatch,
  GenerateCreativesInput,
} from '../../schema/inputs/creatives.ts';
import { Creative, Creatives } from '../../schema/outputs/ads.ts';
import { creativeView, generateCreatives } from '../../services/ads/creatives.ts';
import { findProduct } from '../../services/ads/products.ts';
import { Routes } from '../router.ts';

async function requireProduct(db: Db, org: OrgScope, id: string) {
  const product = await findProduct(db, org.orgId, id);
  if (!product) throw notFound('Product');
  return product;
}

async function requireCreative(db: Db, org: OrgScope, id: string) {
  const creative = await db
    .select()
    .from(creatives)
    .where(org.where(creatives, eq(creatives.id, id)))
    .get();
  if (!creative) throw notFound('Creative');
  return creative;
}

export const creativeRoutes = new Routes('Creatives')
  .post(
    '/products/:id/creatives/generate',
    {
      summary: 'Generate creatives for a qualified product through the studio (in the background)',
      description:
        'Makes one studio generation per creative: `headlines` headlines (default 5), a body text ' +
        'in each style (informative, urgency, social_proof), `ctas` calls to action (default 3) ' +
        'and `images` images (default 2). Every hold is placed now (402 with `missing` when the ' +
        'org cannot cover them all, nothing written); each creative is a draft until its ' +
        'generation ends, then ready or failed. An `Idempotency-Key` header makes the request ' +
        'safe to repeat.',
      auth: 'ads:write',
      params: IdParams,
      body: GenerateCreativesInput,
      headers: OptionalIdempotencyHeaders,
      responses: {
        202: { description: 'The draft creatives.', schema: Creatives },
        402: 'Not enough credits for all the generations.',
        404: 'No such product.',
        409: 'The product is not qualified.',
      },
    },
    async ({ c, env, db, org, who, params, body, headers }) => {
      const product = await requireProduct(db, org, params.id);
      if (product.status !== 'qualified')
        throw conflict('Creatives are generated for qualified products only.', [
          { path: 'status', message: `The product is ${product.status}.` },
        ]);
      const items = await generateCreatives({
        env,
        db,
        c,
        who,
        product,
        counts: { headlines: body.headlines, ctas: body.ctas, images: body.images },
        locale: body.locale,
        requestKey: headers['idempotency-key'] ?? newId(),
      });
      return c.json({ items: items.map(creativeView) }, 202);
    },
  )
  .get(
    '/products/:id/creatives',
    {
      summary: 'A product’s creatives, oldest first',
      auth: 'ads:read',
      params: IdParams,
      responses: {
        200: { description: 'The creatives.', schema: Creatives },
        404: 'No such product.',
      },
    },
    async ({ c, db, org, params }) => {
      await requireProduct(db, org, params.id);
      const rows = await db
        .select()
        .from(creatives)
        .where(org.where(creatives, eq(creatives.productId, params.id)))
        .orderBy(asc(creatives.createdAt), asc(creatives.kind))
        .limit(500);
      return c.json({ items: rows.map(creativeView) });
    },
  )
  .post(
    '/products/:id/creatives',
    {
      summary: 'Write a creative by hand (ready at once)',
      auth: 'ads:write',
      params: IdParams,
      body: CreativeInput,
      responses: {
        201: { description: 'The creative.', schema: Creative },
        404: 'No such product.',
      },
    },
    async ({ c, db, org, who, params, body }) => {
      await requireProduct(db, org, params.id);
      const id = newId();
      const [inserted] = await db.batch([
        db
          .insert(creatives)
          .values({
            id,
            orgId: org.orgId,
            productId: params.id,
            kind: body.kind,
            style: body.kind === 'body' ? body.style : null,
            text: body.text,
            status: 'ready',
            createdBy: actorId(who),
            updatedAt: new Date(),
          })
          .returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'creative.created',
          targetType: 'creative',
          targetId: id,
          data: { productId: params.id, kind: body.kind },
        }),
      ]);
      return c.json(creativeView(inserted[0]!), 201);
    },
  )
  .get(
    '/creatives/:id',
    {
      summary: 'One creative',
      auth: 'ads:read',
      params: IdParams,
      responses: {
        200: { description: 'The creative.', schema: Creative },
        404: 'No such creative.',
      },
    },
    async ({ c, db, org, params }) =>
      c.json(creativeView(await requireCreative(db, org, params.id))),
  )
  .patch(
    '/creatives/:id',
    {
      summary: 'Edit a creative’s text or style (not while its generation is running)',
      auth: 'ads:write',
      params: IdParams,
      body: CreativePatch,
      responses: {
        200: { description: 'The creative.', schema: Creative },
        404: 'No such creative.',
        409: 'Still being generated.',
        422: 'Too long for its kind, or a style on a non-body creative.',
      },
    },
    async ({ c, db, org, who, params, body }) => {
      const current = await requireCreative(db, org, params.id);
      if (current.status === 'draft')
        throw conflict('This creative is still being generated; edit it when it is ready.');
      if (body.text !== undefined && current.kind === 'image')
        throw invalid([{ path: 'text', message: 'An image creative has no text.' }]);
      if (body.text !== undefined && current.kind !== 'image') {
        const max = CREATIVE_TEXT_LIMITS[current.kind];
        if (body.text.length > max)
          throw invalid([
            { path: 'text', message: `A ${current.kind} is at most ${max} characters.` },
          ]);
      }
      if (body.style && current.kind !== 'body')
        throw invalid([{ path: 'style', message: 'Only body texts have a style.' }]);
      const [updated] = await db.batch([
        db
          .update(creatives)
          .set({
            ...(body.text !== undefined ? { text: body.text } : {}),
            ...(body.style !== undefined ? { style: body.style } : {}),
            // Edited by a person, a failed text creative is now usable.
            ...(body.text !== undefined ? { status: 'ready' as const, error: null } : {}),
            updatedAt: new Date(),
          })
          .where(org.where(creatives, eq(creatives.id, params.id)))
          .returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'creative.updated',
          targetType: 'creative',
          targetId: params.id,
          data: { fields: Object.keys(body) },
        }),
      ]);
      return c.json(creativeView(updated[0]!));
    },
  )
  .delete(
    '/creatives/:id',
    {
      summary: 'Delete a creative',
      auth: 'ads:write',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such creative.' },
    },
    async ({ c, db, org, who, params }) => {
      const [deleted] = await db.batch([
        db
          .delete(creatives)
          .where(org.where(creatives, eq(creatives.id, params.id)))
          .returning({ id: creatives.id }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: 'creative.deleted',
            targetType: 'creative',
            targetId: params.id,
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!deleted[0]) throw notFound('Creative');
      return c.body(null, 204);
    },
  )
  .get(
    '/creatives/:id/media',
    {
      summary: 'An image creative’s picture',
      auth: 'ads:read',
      params: IdParams,
      responses: {
        200: { description: 'The image.', media: ['image/png', 'image/jpeg', 'image/webp'] },
        404: 'No such creative, or no image yet.',
      },
    },
    async ({ env, db, org, params }) => {
      const creative = await requireCreative(db, org, params.id);
      if (!creative.mediaKey) throw notFound('Media');
      const object = await env.MEDIA.get(creative.mediaKey);
      if (!object) throw notFound('Media');
      return new Response(object.body, {
        headers: {
          'content-type': creative.mediaMime ?? 'application/octet-stream',
          'content-length': String(object.size),
        },
      });
    },
  );
