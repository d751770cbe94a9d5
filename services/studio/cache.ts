/**
 * @module The exact-match result cache. The key hashes org, provider, model, modality, prompt and
 * the resolved parameters, and every lookup is also scoped to the org, so one org can never be
 * served another's output. An entry points at the generation that produced the output; deleting
 * that generation deletes the entry, and expired entries are swept daily.
 */
import { asc, eq, gt, inArray, lt } from 'drizzle-orm';
import { newId, sha256Hex } from '../../domain/ids.ts';
import { type Db, database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { aiCache, type Modality, type Usage } from '../../schema/studio.ts';

export interface CacheSubject {
  orgId: string;
  provider: string;
  model: string;
  modality: Modality;
  prompt: string;
  params: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so equal parameters hash equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

export const cacheKeyOf = (subject: CacheSubject) =>
  sha256Hex(
    canonicalJson([
      subject.orgId,
      subject.provider,
      subject.model,
      subject.modality,
      subject.prompt,
      subject.params,
    ]),
  );

export interface CacheHit {
  provider: string;
  model: string;
  generationId: string;
  usage: Usage;
}

/** The first link of the chain with a live entry, in chain order. */
export async function findCacheHit(
  db: Db,
  subjects: CacheSubject[],
  now: Date,
): Promise<CacheHit | null> {
  const orgId = subjects[0]?.orgId;
  if (!orgId) return null;
  const keys = await Promise.all(subjects.map(cacheKeyOf));
  const rows = await db
    .select()
    .from(aiCache)
    .where(
      orgScope(orgId).where(aiCache, inArray(aiCache.cacheKey, keys), gt(aiCache.expiresAt, now)),
    )
    .orderBy(asc(aiCache.id));
  for (const key of keys) {
    const row = rows.find((r) => r.cacheKey === key);
    if (row)
      return {
        provider: row.provider,
        model: row.model,
        generationId: row.generationId,
        usage: row.usage,
      };
  }
  return null;
}

/** Records a fresh result; an expired entry for the same key is replaced. */
export async function rememberResult(
  db: Db,
  subject: CacheSubject,
  generationId: string,
  usage: Usage,
  expiresAt: Date,
) {
  const cacheKey = await cacheKeyOf(subject);
  const values = { generationId, usage, expiresAt, createdAt: new Date() };
  await db
    .insert(aiCache)
    .values({
      id: newId(),
      orgId: subject.orgId,
      cacheKey,
      provider: subject.provider,
      model: subject.model,
      ...values,
    })
    .onConflictDoUpdate({
      target: [aiCache.orgId, aiCache.cacheKey],
      set: values,
      setWhere: lt(aiCache.expiresAt, new Date()),
    });
}

export const forgetGeneration = (db: Db, orgId: string, generationId: string) =>
  db.delete(aiCache).where(orgScope(orgId).where(aiCache, eq(aiCache.generationId, generationId)));

/** Daily: drops expired entries (they are never served, only taking room). */
export async function sweepExpiredCache(env: Env, now: Date) {
  const db = database(env.DB);
  const swept = await db.delete(aiCache).where(lt(aiCache.expiresAt, now));
  return { aiCacheEntriesDeleted: swept.meta.changes };
}
