import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../../platform/db.ts';
import {
  type CacheSubject,
  cacheKeyOf,
  canonicalJson,
  findCacheHit,
  rememberResult,
  sweepExpiredCache,
} from './cache.ts';

const db = database(env.DB);
const subject = (overrides: Partial<CacheSubject> = {}): CacheSubject => ({
  orgId: crypto.randomUUID(),
  provider: 'openai',
  model: 'gpt-4o-mini',
  modality: 'text',
  prompt: 'Slogan para padaria',
  params: { maxTokens: 800, temperature: 0.5 },
  ...overrides,
});
const HOUR = 3600_000;

describe('cache keys', () => {
  it('do not depend on the order of parameters, and differ for anything that changes the output', async () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
      '{"a":{"d":[1,{"x":1,"y":2}]},"b":1}',
    );
    const base = subject();
    const key = await cacheKeyOf(base);
    expect(await cacheKeyOf({ ...base, params: { temperature: 0.5, maxTokens: 800 } })).toBe(key);
    for (const change of [
      { orgId: crypto.randomUUID() },
      { provider: 'openrouter' },
      { model: 'gpt-4.1' },
      { modality: 'speech' as const },
      { prompt: 'Slogan para padaria!' },
      { params: { maxTokens: 801, temperature: 0.5 } },
    ])
      expect(await cacheKeyOf({ ...base, ...change }), JSON.stringify(change)).not.toBe(key);
  });
});

describe('cache entries', () => {
  it('are found only within their org, in chain order, until they expire', async () => {
    const now = new Date();
    const a = subject();
    const other = { ...a, orgId: crypto.randomUUID() };
    await rememberResult(db, a, 'gen-a', { inputTokens: 5 }, new Date(now.getTime() + HOUR));
    expect(await findCacheHit(db, [other], now)).toBeNull();
    const second = { ...a, provider: 'openrouter', model: 'openai/gpt-4o-mini' };
    await rememberResult(db, second, 'gen-b', { inputTokens: 6 }, new Date(now.getTime() + HOUR));
    expect(await findCacheHit(db, [second, a], now)).toMatchObject({
      provider: 'openrouter',
      generationId: 'gen-b',
    });
    expect(await findCacheHit(db, [a], new Date(now.getTime() + 2 * HOUR))).toBeNull();
  });

  it('an expired entry is replaced by a fresh result; a live one is kept', async () => {
    const now = new Date();
    const s = subject();
    await rememberResult(db, s, 'old', { inputTokens: 1 }, new Date(now.getTime() - 1));
    await rememberResult(db, s, 'new', { inputTokens: 2 }, new Date(now.getTime() + HOUR));
    expect((await findCacheHit(db, [s], now))?.generationId).toBe('new');
    await rememberResult(db, s, 'newer', { inputTokens: 3 }, new Date(now.getTime() + HOUR));
    expect((await findCacheHit(db, [s], now))?.generationId).toBe('new');
  });

  it('the daily sweep deletes expired entries only', async () => {
    const now = new Date();
    const live = subject();
    const stale = subject();
    await rememberResult(db, live, 'live', {}, new Date(now.getTime() + HOUR));
    await rememberResult(db, stale, 'stale', {}, new Date(now.getTime() - HOUR));
    const swept = await sweepExpiredCache(env, now);
    expect(swept.aiCacheEntriesDeleted).toBeGreaterThanOrEqual(1);
    const left = await env.DB.prepare('select generation_id from ai_cache where org_id in (?, ?)')
      .bind(live.orgId, stale.orgId)
      .all();
    expect(left.results).toEqual([{ generation_id: 'live' }]);
  });
});
