/**
 * @module Asking for a generation: plan it, hold the credits, record it, queue its job. The client's
 * `Idempotency-Key` makes the whole request safe to repeat: the same key returns the same
 * generation, its hold is placed under a key derived from it (so the ledger holds once even when
 * two identical requests race), and the job is queued under the generation's id.
 */

import { eq } from 'drizzle-orm';
import { newId, sha256Hex } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { type Db, isUniqueViolation, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { enqueueJob, type Job } from '../../platform/jobs.ts';
import type { RequestOrigin } from '../../platform/principal.ts';
import { actorId, memberId, type OrgPrincipal } from '../../platform/principal.ts';
import { conflict } from '../../platform/problem.ts';
import { refusalProblem } from '../../platform/room-refusal.ts';
import type { GenerationInput } from '../../schema/inputs/studio.ts';
import { jobs } from '../../schema/jobs.ts';
import { studioGenerations } from '../../schema/studio.ts';
import { canonicalJson } from './cache.ts';
import { type GenerationLedger, holdKey } from './credits.ts';
import { planGeneration } from './plan.ts';
import { GENERATION_JOB_KIND } from './run.ts';

/** A hold outlives any queue wait and retry schedule we expect; it expires if a job is lost. */
export const GENERATION_HOLD_TTL_SECONDS = 3600;

type Generation = typeof studioGenerations.$inferSelect;

export interface GenerationRequest {
  env: Env;
  db: Db;
  /** The request, for the audit entry's IP; null when not called from a route. */
  c: RequestOrigin | null;
  who: OrgPrincipal;
  orgId: string;
  input: GenerationInput;
  idempotencyKey: string;
  ledger: GenerationLedger;
}

const findByKey = (db: Db, orgId: string, idempotencyKey: string) =>
  db
    .select()
    .from(studioGenerations)
    .where(
      orgScope(orgId).where(
        studioGenerations,
        eq(studioGenerations.idempotencyKey, idempotencyKey),
      ),
    )
    .get();

export async function requestGeneration(request: GenerationRequest) {
  const { env, db, c, who, orgId, input, idempotencyKey, ledger } = request;
  const requestHash = await sha256Hex(canonicalJson(input));
  const existing = await findByKey(db, orgId, idempotencyKey);
  if (existing)
    return {
      generation: sameRequest(existing, requestHash),
      job: await dispatch(env, db, existing),
      replayed: true,
    };

  const plan = await planGeneration(env, db, orgId, input, new Date());
  const held = await ledger.hold({
    key: holdKey(idempotencyKey),
    credits: plan.creditsToHold,
    memberId: memberId(who),
    reason: 'studio.generation',
    reasonParams: { modality: input.modality },
    ttlSeconds: GENERATION_HOLD_TTL_SECONDS,
    meta: { modality: input.modality, idempotencyKey },
  });
  if (!held.ok) throw refusalProblem(held.refusal);
  const hold = held.value;
  const row = {
    id: newId(),
    orgId,
    idempotencyKey,
    requestHash,
    createdBy: actorId(who),
    modality: input.modality,
    prompt: plan.prompt,
    templateId: plan.templateId,
    params: plan.params,
    chain: plan.chain,
    holdId: hold.holdId,
    creditsHeld: hold.credits,
    markupBps: plan.markupBps,
  };
  try {
    await db.batch([
      db.insert(studioGenerations).values(row),
      auditEntry(db, c, who, {
        orgId,
        action: 'studio.generation.requested',
        targetType: 'studio_generation',
        targetId: row.id,
        data: {
          modality: row.modality,
          creditsHeld: row.creditsHeld,
          chain: plan.chain.map((s) => `${s.provider}/${s.model}`),
        },
      }),
    ]);
  } catch (err) {
    // An identical request with the same key won the race; it holds the same hold.
    if (!isUniqueViolation(err)) throw err;
    const winner = (await findByKey(db, orgId, idempotencyKey))!;
    return {
      generation: sameRequest(winner, requestHash),
      job: await dispatch(env, db, winner),
      replayed: true,
    };
  }
  const generation = (await findByKey(db, orgId, idempotencyKey))!;
  return { generation, job: await dispatch(env, db, generation), replayed: false };
}

function sameRequest(generation: Generation, requestHash: string): Generation {
  if (generation.requestHash !== requestHash)
    throw conflict('This Idempotency-Key was already used for a different request.', [
      { path: 'headers.idempotency-key', message: 'Already used with another request.' },
    ]);
  return generation;
}

/** Queues the generation's job once (its key is the generation id) and links it. */
async function dispatch(env: Env, db: Db, generation: Generation): Promise<Job> {
  const job = await enqueueJob(env, 'generation', {
    orgId: generation.orgId,
    kind: GENERATION_JOB_KIND,
    idempotencyKey: `studio:${generation.id}`,
    input: { generationId: generation.id },
    createdBy: generation.createdBy,
  });
  if (generation.jobId !== job.id)
    await db
      .update(studioGenerations)
      .set({ jobId: job.id })
      .where(
        orgScope(generation.orgId).where(
          studioGenerations,
          eq(studioGenerations.id, generation.id),
        ),
      );
  return job;
}

/** A generation as the API shows it: its job's status and progress, never its hold internals. */
export function generationView(
  generation: Generation,
  job: Pick<typeof jobs.$inferSelect, 'status' | 'progress' | 'error'> | null,
) {
  return {
    id: generation.id,
    jobId: generation.jobId,
    modality: generation.modality,
    prompt: generation.prompt,
    templateId: generation.templateId,
    params: generation.params,
    status: job?.status ?? 'queued',
    progress: job?.progress ?? 0,
    error: job?.error ?? null,
    provider: generation.provider,
    model: generation.model,
    cached: generation.cached,
    creditsHeld: generation.creditsHeld,
    creditsCharged: generation.creditsCharged,
    priceVersion: generation.priceVersion,
    favorite: generation.favorite,
    output: generation.checkpointedAt
      ? {
          mimeType: generation.outputMime,
          bytes: generation.outputBytes,
          text: generation.outputText,
          url: `/api/v1/studio/generations/${generation.id}/output`,
        }
      : null,
    createdAt: generation.createdAt,
  };
}

export const jobStatusFields = { status: jobs.status, progress: jobs.progress, error: jobs.error };
