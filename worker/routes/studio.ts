/**
 * @module The AI studio's generations: estimate, request (202, queued, credits held), history,
 * one generation, its output (served to its org only), favorite and delete.
 */

import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import * as v from 'valibot';
import { auditEntry } from '../../platform/audit.ts';
import type { Db, OrgScope } from '../../platform/db.ts';
import { page } from '../../platform/pagination.ts';
import { badRequest, conflict, notFound } from '../../platform/problem.ts';
import { refusalProblem } from '../../platform/room-refusal.ts';
import { IdempotencyHeaders, IdParams } from '../../schema/inputs/common.ts';
import { FavoriteInput, GenerationInput, GenerationListQuery } from '../../schema/inputs/studio.ts';
import { jobs } from '../../schema/jobs.ts';
import {
  Estimate,
  Generation,
  GenerationAccepted,
  Generations,
} from '../../schema/outputs/studio.ts';
import { studioGenerations } from '../../schema/studio.ts';
import { ledgerOf } from '../../services/credits/ledger-client.ts';
import { forgetGeneration } from '../../services/studio/cache.ts';
import { releaseKey } from '../../services/studio/credits.ts';
import {
  generationView,
  jobStatusFields,
  requestGeneration,
} from '../../services/studio/generations.ts';
import { planGeneration } from '../../services/studio/plan.ts';
import { Routes } from '../router.ts';

/** The generation with its job's status, scoped to the org. */
async function findGeneration(db: Db, org: OrgScope, id: string) {
  const row = await db
    .select({ generation: studioGenerations, job: jobStatusFields })
    .from(studioGenerations)
    .leftJoin(
      jobs,
      and(eq(jobs.orgId, studioGenerations.orgId), eq(jobs.id, studioGenerations.jobId)),
    )
    .where(org.where(studioGenerations, eq(studioGenerations.id, id)))
    .get();
  if (!row) throw notFound('Generation');
  return row;
}

/** `%` and `_` are LIKE wildcards; a search for "50%" means the characters. */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
};

export const studioRoutes = new Routes('AI studio')
  .post(
    '/studio/estimate',
    {
      summary: 'What a generation would cost: the providers it would try and the credits it holds',
      auth: 'studio:write',
      body: GenerationInput,
      responses: {
        200: {
          description: 'The estimate; `credits` is what a request would hold now.',
          schema: Estimate,
        },
      },
    },
    async ({ c, env, db, org, body }) => {
      const plan = await planGeneration(env, db, org.orgId, body, new Date());
      return c.json({ credits: plan.creditsToHold, prompt: plan.prompt, chain: plan.chain });
    },
  )
  .post(
    '/studio/generations',
    {
      summary: 'Generate text, an image or speech; runs in the background',
      description:
        'Requires an `Idempotency-Key` header: repeating the request with the same key returns the ' +
        'same generation and holds credits once. The estimate is held now (402 with `missing` when ' +
        'the org lacks it); the actual cost is captured when the job finishes and the rest ' +
        'released. Progress and streamed text arrive on the org’s live events.',
      auth: 'studio:write',
      body: GenerationInput,
      headers: IdempotencyHeaders,
      responses: {
        202: { description: 'Queued.', schema: GenerationAccepted },
        402: 'Not enough credits, or a spend limit reached; `missing` says how many.',
        409: 'The Idempotency-Key was used for a different request.',
      },
    },
    async ({ c, env, db, org, who, body, headers }) => {
      const { generation, job } = await requestGeneration({
        env,
        db,
        c,
        who,
        orgId: org.orgId,
        input: body,
        idempotencyKey: headers['idempotency-key'],
        ledger: ledgerOf(env, org.orgId),
      });
      return c.json(
        {
          id: generation.id,
          jobId: job.id,
          status: job.status,
          creditsHeld: generation.creditsHeld,
        },
        202,
      );
    },
  )
  .get(
    '/studio/generations',
    {
      summary: 'Generation history, newest first: filter by modality, favorites or text',
      auth: 'studio:read',
      query: GenerationListQuery,
      responses: { 200: { description: 'A page of generations.', schema: Generations } },
    },
    async ({ c, db, org, query }) => {
      const pattern = query.q ? likePattern(query.q) : null;
      const rows = await db
        .select({ generation: studioGenerations, job: jobStatusFields })
        .from(studioGenerations)
        .leftJoin(
          jobs,
          and(eq(jobs.orgId, studioGenerations.orgId), eq(jobs.id, studioGenerations.jobId)),
        )
        .where(
          org.where(
            studioGenerations,
            query.cursor ? lt(studioGenerations.id, query.cursor) : undefined,
            query.modality ? eq(studioGenerations.modality, query.modality) : undefined,
            query.favorite ? eq(studioGenerations.favorite, query.favorite === 'true') : undefined,
            pattern
              ? or(
                  sql`${studioGenerations.prompt} like ${pattern} escape '\\'`,
                  sql`${studioGenerations.outputText} like ${pattern} escape '\\'`,
                )
              : undefined,
          ),
        )
        .orderBy(desc(studioGenerations.id))
        .limit(query.limit + 1);
      const views = rows.map((r) => generationView(r.generation, r.job));
      return c.json(page(views, query.limit));
    },
  )
  .get(
    '/studio/generations/:id',
    {
      summary: 'One generation: status, progress, output and charge',
      auth: 'studio:read',
      params: IdParams,
      responses: {
        200: { description: 'The generation.', schema: Generation },
        404: 'No such generation in this organization.',
      },
    },
    async ({ c, db, org, params }) => {
      const { generation, job } = await findGeneration(db, org, params.id);
      return c.json(generationView(generation, job));
    },
  )
  .get(
    '/studio/generations/:id/output',
    {
      summary: 'The generated text, image or audio',
      auth: 'studio:read',
      params: IdParams,
      query: v.object({ download: v.optional(v.picklist(['1', '0'], 'download is 1 or 0.')) }),
      responses: {
        200: {
          description: 'The output: text, an image or audio, as the generation made it.',
          media: ['text/plain', 'image/png', 'audio/wav', 'audio/mpeg', 'application/octet-stream'],
        },
        404: 'No such generation, or no output yet.',
      },
    },
    async ({ env, db, org, params, query }) => {
      const { generation } = await findGeneration(db, org, params.id);
      if (!generation.checkpointedAt) throw notFound('Output');
      const extension = EXTENSIONS[generation.outputMime ?? ''] ?? 'txt';
      const headers = {
        'content-type': generation.outputMime ?? 'application/octet-stream',
        'content-disposition': `${query.download === '1' ? 'attachment' : 'inline'}; filename="generation-${generation.id}.${extension}"`,
      };
      if (!generation.outputKey) return new Response(generation.outputText ?? '', { headers });
      const object = await env.MEDIA.get(generation.outputKey);
      if (!object) throw notFound('Output');
      return new Response(object.body, {
        headers: { ...headers, 'content-length': String(object.size) },
      });
    },
  )
  .post(
    '/studio/generations/:id/favorite',
    {
      summary: 'Mark or unmark a generation as a favorite',
      auth: 'studio:write',
      params: IdParams,
      body: FavoriteInput,
      responses: { 204: 'Done.', 404: 'No such generation.' },
    },
    async ({ c, db, org, who, params, body }) => {
      const [updated] = await db.batch([
        db
          .update(studioGenerations)
          .set({ favorite: body.favorite })
          .where(org.where(studioGenerations, eq(studioGenerations.id, params.id)))
          .returning({ id: studioGenerations.id }),
        auditEntry(
          db,
          c,
          who,
          {
            orgId: org.orgId,
            action: body.favorite ? 'studio.generation.favorited' : 'studio.generation.unfavorited',
            targetType: 'studio_generation',
            targetId: params.id,
          },
          { onlyIfChanged: true },
        ),
      ]);
      if (!updated[0]) throw notFound('Generation');
      return c.body(null, 204);
    },
  )
  .delete(
    '/studio/generations/:id',
    {
      summary: 'Delete a finished generation and its output',
      description: 'Credits still held (a generation that never settled) are released.',
      auth: 'studio:write',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such generation.', 409: 'Still running.' },
    },
    async ({ c, env, db, org, who, params }) => {
      const { generation, job } = await findGeneration(db, org, params.id);
      if (!job || job.status === 'queued' || job.status === 'running')
        throw conflict('This generation is still running; delete it once it has finished.');
      if (!generation.settledAt) {
        const released = await ledgerOf(env, org.orgId).release({
          key: releaseKey(generation),
          holdId: generation.holdId,
        });
        if (!released.ok) throw refusalProblem(released.refusal);
      }
      await db.batch([
        db
          .delete(studioGenerations)
          .where(org.where(studioGenerations, eq(studioGenerations.id, generation.id))),
        forgetGeneration(db, org.orgId, generation.id),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'studio.generation.deleted',
          targetType: 'studio_generation',
          targetId: generation.id,
          data: { modality: generation.modality, creditsCharged: generation.creditsCharged },
        }),
      ]);
      if (generation.outputKey) await env.MEDIA.delete(generation.outputKey);
      return c.body(null, 204);
    },
  );
