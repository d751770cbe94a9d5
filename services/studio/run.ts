/**
 * @module Running a generation job: produce the output (from the cache, or through the provider
 * chain), checkpoint it, then settle the credits. The order is what makes retries safe:
 *
 * 1. A generation already settled is done: a redelivered message returns at once.
 * 2. A generation with a checkpoint (output stored, usage recorded) never calls a provider again,
 *    whatever happened after the checkpoint — including a crash before or during the capture.
 * 3. Capture and release carry keys derived from the generation, so the ledger applies them once
 *    however often they are sent.
 *
 * The one window left is between a provider answering and the checkpoint being written (an R2 put
 * and one D1 update): a crash exactly there calls the provider again on retry. Two deliveries of
 * the same message never run at the same moment (the job's claim is exclusive, platform/jobs.ts);
 * should a claim lapse while its runner still works, the checkpoint is a guarded update, so only
 * one result is kept and charged.
 */

import { eq, isNull } from 'drizzle-orm';
import { newId } from '../../domain/ids.ts';
import { raiseAlert } from '../../platform/alerts.ts';
import { type Db, database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { type Job, type JobContext, RetryLater } from '../../platform/jobs.ts';
import { publishToOrg } from '../../platform/live-events.ts';
import { log } from '../../platform/log.ts';
import { providerInfo } from '../../providers/ai/catalog.ts';
import { adaptersFor } from '../../providers/ai/index.ts';
import { PRICE_BOOK } from '../../providers/ai/price-book.ts';
import { ProviderError } from '../../providers/ai/types.ts';
import type { GenerationParams } from '../../schema/inputs/studio.ts';
import { type CachePolicy, studioGenerations, type Usage } from '../../schema/studio.ts';
import { ledgerOf } from '../credits/ledger-client.ts';
import { type CacheSubject, findCacheHit, rememberResult } from './cache.ts';
import { ChainExhausted, type ChainLink, runChain } from './chain.ts';
import { captureKey, type GenerationLedger, releaseKey } from './credits.ts';
import { paramsFor } from './plan.ts';
import { costNanoUsd, creditsForUsage, priceByVersion } from './pricing.ts';
import { loadStudioConfig, providerAccess } from './settings.ts';
import { steppedProgress, TextStream } from './stream.ts';

export const GENERATION_JOB_KIND = 'studio.generate';
/** Deliveries after which a chain that keeps failing gives up and releases the credits. */
export const MAX_GENERATION_ATTEMPTS = 3;

type Generation = typeof studioGenerations.$inferSelect;

export interface RunOptions {
  ledger: GenerationLedger;
  /** Per provider call. */
  timeoutMs: Record<Generation['modality'], number>;
  backoffMs: number;
  sandboxPaceMs: number;
  now: () => Date;
}

export function defaultRunOptions(env: Env, orgId: string): RunOptions {
  return {
    ledger: ledgerOf(env, orgId),
    timeoutMs: { text: 90_000, image: 120_000, speech: 60_000 },
    backoffMs: 500,
    sandboxPaceMs: Number(env.SANDBOX_AI_PACE_MS ?? 25),
    now: () => new Date(),
  };
}

export const outputKeyOf = (generation: Pick<Generation, 'orgId' | 'id'>, nonce: string) =>
  `orgs/${generation.orgId}/studio/${generation.id}/${nonce}`;

/** What the chain produced, before it is stored. */
interface Produced {
  provider: string;
  model: string;
  usage: Usage;
  cached: boolean;
  text?: string;
  media?: { bytes: Uint8Array | ArrayBuffer; mimeType: string };
}

export async function runGeneration(job: Job, ctx: JobContext, options: RunOptions) {
  const { env } = ctx;
  const db = database(env.DB);
  const generationId = String(job.input?.generationId ?? '');
  let generation = await loadGeneration(db, job.orgId, generationId);
  if (!generation) throw new Error(`Generation ${generationId} not found.`);

  if (!generation.checkpointedAt && !generation.settledAt) {
    try {
      const produced = await produce(env, db, generation, ctx, options);
      generation = await checkpoint(env, db, generation, produced);
    } catch (err) {
      const retryable = err instanceof ChainExhausted;
      if (retryable && job.attempts < MAX_GENERATION_ATTEMPTS) throw new RetryLater(err.message);
      if (!retryable && !(err instanceof ProviderError)) throw err;
      await settleFailure(db, generation, options);
      throw new Error(err.message);
    }
  }
  if (!generation.settledAt) generation = await settle(env, db, generation, options);
  return {
    generationId: generation.id,
    provider: generation.provider,
    model: generation.model,
    cached: generation.cached,
    creditsCharged: generation.creditsCharged,
  };
}

const loadGeneration = (db: Db, orgId: string, id: string) =>
  db
    .select()
    .from(studioGenerations)
    .where(orgScope(orgId).where(studioGenerations, eq(studioGenerations.id, id)))
    .get();

async function produce(
  env: Env,
  db: Db,
  generation: Generation,
  ctx: JobContext,
  options: RunOptions,
): Promise<Produced> {
  const access = await providerAccess(env, db, generation.orgId);
  // A provider whose key was removed since the request is no longer tried.
  const links = generation.chain
    .filter((step) => access.has(step.provider))
    .map((step) => ({
      provider: step.provider,
      model: step.model,
      params: paramsFor(generation.modality, step.provider, generation.params as GenerationParams),
    }));
  const subjects: CacheSubject[] = links.map((link) => ({
    orgId: generation.orgId,
    provider: link.provider,
    model: link.model,
    modality: generation.modality,
    prompt: generation.prompt,
    params: link.params,
  }));

  const hit = await findCacheHit(db, subjects, options.now());
  if (hit) {
    const source = await loadGeneration(db, generation.orgId, hit.generationId);
    const media = source?.outputKey ? await env.MEDIA.get(source.outputKey) : null;
    if (source && (source.outputText !== null || media)) {
      return {
        provider: hit.provider,
        model: hit.model,
        usage: hit.usage,
        cached: true,
        ...(media
          ? { media: { bytes: await media.arrayBuffer(), mimeType: source.outputMime! } }
          : { text: source.outputText! }),
      };
    }
  }

  const stream = new TextStream(
    (event) => publishToOrg(env, generation.orgId, event),
    generation.id,
  );
  const progress = steppedProgress(ctx.progress);
  const { link, value } = await runChain(
    links,
    async (link: ChainLink & { params: GenerationParams }, signal, attempt) => {
      const info = providerInfo(link.provider)!;
      const adapters = adaptersFor(link.provider, info.adapter, access.get(link.provider)!, {
        sandboxPaceMs: options.sandboxPaceMs,
      });
      const { params } = link;
      if (generation.modality === 'text') {
        await stream.restart(attempt);
        // No percentage for text: its length is unknown until it ends, and a share of the token
        // limit stalls at 30-50% while the page shows the finished text. The stream is the progress.
        const result = await adapters.text!.streamText({
          model: link.model,
          prompt: generation.prompt,
          system: params.system,
          maxTokens: params.maxTokens!,
          temperature: params.temperature,
          signal,
          onDelta: (delta) => stream.push(delta),
        });
        await stream.flush();
        return { usage: result.usage, text: result.text };
      }
      if (generation.modality === 'image') {
        const result = await adapters.image!.generateImage({
          model: link.model,
          prompt: generation.prompt,
          size: params.size!,
          signal,
          onProgress: progress.report,
        });
        return { usage: result.usage, media: result };
      }
      const result = await adapters.speech!.synthesizeSpeech({
        model: link.model,
        text: generation.prompt,
        voice: params.voice,
        signal,
      });
      return { usage: result.usage, media: result };
    },
    {
      db,
      orgId: generation.orgId,
      timeoutMs: options.timeoutMs[generation.modality],
      backoffMs: options.backoffMs,
      now: () => options.now().getTime(),
    },
  );
  await progress.settled();
  return { provider: link.provider, model: link.model, cached: false, ...value };
}

/**
 * Stores the output and records it, so no later attempt calls a provider again. Media go to R2
 * under a key of this attempt's own; if a twin attempt checkpointed first, ours is discarded.
 */
async function checkpoint(
  env: Env,
  db: Db,
  generation: Generation,
  produced: Produced,
): Promise<Generation> {
  const outputKey = produced.media ? outputKeyOf(generation, newId()) : null;
  if (produced.media && outputKey)
    await env.MEDIA.put(outputKey, produced.media.bytes, {
      httpMetadata: { contentType: produced.media.mimeType },
      customMetadata: { generationId: generation.id },
    });
  const size = produced.media
    ? produced.media.bytes.byteLength
    : new TextEncoder().encode(produced.text ?? '').byteLength;
  const saved = await db
    .update(studioGenerations)
    .set({
      provider: produced.provider,
      model: produced.model,
      usage: produced.usage,
      cached: produced.cached,
      outputKey,
      outputMime: produced.media?.mimeType ?? 'text/plain; charset=utf-8',
      outputBytes: size,
      outputText: produced.text ?? null,
      checkpointedAt: new Date(),
    })
    .where(
      orgScope(generation.orgId).where(
        studioGenerations,
        eq(studioGenerations.id, generation.id),
        isNull(studioGenerations.checkpointedAt),
      ),
    )
    .returning()
    .get();
  if (saved) return saved;
  if (outputKey) await env.MEDIA.delete(outputKey);
  return (await loadGeneration(db, generation.orgId, generation.id))!;
}

/** Credits for a cache hit under the org's policy. */
export function cachedCredits(policy: CachePolicy, fullCredits: number): number {
  if (policy === 'free') return 0;
  return policy === 'half' ? Math.ceil(fullCredits / 2) : fullCredits;
}

/** A ledger that throws did not answer (its refusals are results): retry the job later. */
async function ledgerCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw new RetryLater(
      `The credit ledger did not answer: ${String((err as Error)?.message ?? err)}`,
    );
  }
}

/** Gives back what is still held; a hold already closed gives back nothing, which is fine. */
async function releaseHold(generation: Generation, options: RunOptions) {
  const released = await ledgerCall(() =>
    options.ledger.release({ key: releaseKey(generation), holdId: generation.holdId }),
  );
  if (!released.ok) throw new Error(`The ledger refused the release: ${released.refusal.code}.`);
}

/** Capture the actual cost (at most what was held; the ledger releases the rest). */
async function settle(env: Env, db: Db, generation: Generation, options: RunOptions) {
  const step = generation.chain.find(
    (s) => s.provider === generation.provider && s.model === generation.model,
  );
  const row = step && priceByVersion(PRICE_BOOK, step.priceVersion);
  if (!step || !row)
    throw new Error(`No price recorded for ${generation.provider}/${generation.model}.`);
  const usage = generation.usage ?? {};
  const config = await loadStudioConfig(env, db, generation.orgId);
  const full = creditsForUsage(row, usage, generation.markupBps);
  const credits = Math.min(
    generation.creditsHeld,
    generation.cached ? cachedCredits(config.cachePolicy, full) : full,
  );
  let charged = credits;
  if (credits > 0) {
    const units = Object.fromEntries(
      Object.entries(usage).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      ),
    );
    const usageLine = {
      provider: generation.provider!,
      model: generation.model!,
      priceVersion: step.priceVersion,
      units,
      cached: generation.cached,
    };
    const captured = await ledgerCall(() =>
      options.ledger.capture({
        key: captureKey(generation),
        holdId: generation.holdId,
        credits,
        usage: usageLine,
      }),
    );
    if (!captured.ok) {
      const { code } = captured.refusal;
      if (code !== 'hold_closed') throw new Error(`The ledger refused the capture: ${code}.`);
      // The hold expired (the job waited longer than its TTL): nothing was charged for output
      // the org now has. Say so loudly rather than fail a generation that succeeded.
      charged = 0;
      await raiseAlert(env, {
        orgId: generation.orgId,
        kind: 'studio.uncharged',
        severity: 'warning',
        title: 'A generation finished after its credit hold expired',
        detail: `Generation ${generation.id} was not charged (${credits} credits).`,
        dedupKey: `studio-uncharged:${generation.id}`,
        data: { generationId: generation.id, credits },
      });
      log(env, 'warn', 'studio generation uncharged: hold closed', { generationId: generation.id });
    }
  } else {
    await releaseHold(generation, options);
  }
  const settled = await db
    .update(studioGenerations)
    .set({
      priceVersion: step.priceVersion,
      costNanoUsd: generation.cached ? 0 : costNanoUsd(row, usage),
      creditsCharged: charged,
      settledAt: new Date(),
    })
    .where(
      orgScope(generation.orgId).where(
        studioGenerations,
        eq(studioGenerations.id, generation.id),
        isNull(studioGenerations.settledAt),
      ),
    )
    .returning()
    .get();
  if (!generation.cached)
    await rememberResult(
      db,
      {
        orgId: generation.orgId,
        provider: generation.provider!,
        model: generation.model!,
        modality: generation.modality,
        prompt: generation.prompt,
        params: paramsFor(
          generation.modality,
          generation.provider!,
          generation.params as GenerationParams,
        ),
      },
      generation.id,
      usage,
      new Date(options.now().getTime() + config.cacheTtlSeconds * 1000),
    );
  return settled ?? (await loadGeneration(db, generation.orgId, generation.id))!;
}

/** Nothing was produced: every held credit goes back. */
async function settleFailure(db: Db, generation: Generation, options: RunOptions) {
  await releaseHold(generation, options);
  await db
    .update(studioGenerations)
    .set({ creditsCharged: 0, settledAt: new Date() })
    .where(
      orgScope(generation.orgId).where(
        studioGenerations,
        eq(studioGenerations.id, generation.id),
        isNull(studioGenerations.settledAt),
      ),
    );
}
