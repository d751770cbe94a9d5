import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../../platform/db.ts';
import { openAiAdapters } from '../../providers/ai/openai.ts';
import { ProviderError } from '../../providers/ai/types.ts';
import { type FakeTenant, fakeTenant } from '../../test/ai-fakes.ts';
import {
  afterFailure,
  afterSuccess,
  BREAKER_POLICY,
  claimProbe,
  gateOf,
  saveBreaker,
} from './breaker.ts';
import { ChainExhausted, type ChainLink, runChain } from './chain.ts';

const db = database(env.DB);

describe('the breaker policy', () => {
  const t0 = 1_000_000;
  it.each([
    ['never failed', undefined, t0, 'closed'],
    ['below the threshold', { failures: 2, openUntil: null }, t0, 'closed'],
    ['open during its cool-down', { failures: 3, openUntil: t0 + 1 }, t0, 'open'],
    ['half-open once the cool-down has passed', { failures: 3, openUntil: t0 }, t0, 'half-open'],
  ] as const)('%s', (_, state, now, gate) => {
    expect(gateOf(state, now)).toBe(gate);
  });

  it('opens at the threshold and doubles the cool-down per further failure, up to the cap', () => {
    let state = afterFailure(undefined, t0);
    expect(state).toEqual({ failures: 1, openUntil: null });
    state = afterFailure(state, t0);
    expect(state).toEqual({ failures: 2, openUntil: null });
    const cooldowns: number[] = [];
    for (let i = 0; i < 8; i++) {
      state = afterFailure(state, t0);
      cooldowns.push(state.openUntil! - t0);
    }
    expect(cooldowns).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000,
    ]);
    expect(afterSuccess()).toEqual({ failures: 0, openUntil: null });
  });
});

/** Two OpenAI-compatible providers, each on its own fake tenant. */
function twoProviders() {
  const fakes: Record<string, FakeTenant> = {
    openai: fakeTenant('openai'),
    openrouter: fakeTenant('openai'),
  };
  const links: ChainLink[] = [
    { provider: 'openai', model: 'gpt-4o-mini' },
    { provider: 'openrouter', model: 'openai/gpt-4o-mini' },
  ];
  const call = (link: ChainLink, signal: AbortSignal) =>
    openAiAdapters(link.provider, {
      apiKey: 'sk-test-chain',
      baseUrl: fakes[link.provider]!.baseUrl,
    }).text!.streamText({
      model: link.model,
      prompt: 'hello',
      maxTokens: 50,
      signal,
      onDelta: () => {},
    });
  const calls = async (provider: string) => (await fakes[provider]!.requests()).length;
  return { fakes, links, call, calls };
}

const options = (orgId: string, extra = {}) => ({
  db,
  orgId,
  timeoutMs: 5_000,
  backoffMs: 50,
  ...extra,
});

describe('the fallback chain, with real adapters against fake providers', () => {
  it.each([
    ['a 503', { fail: { status: 503, times: 1 } }],
    ['a 429', { fail: { status: 429, times: 1, retryAfter: 1 } }],
    ['a timeout', { hang: true }],
  ])('after %s the next provider serves, after a backoff', async (_, failure) => {
    const { fakes, links, call, calls } = twoProviders();
    await fakes.openai!.control(failure);
    const fallbacks: string[] = [];
    const started = Date.now();
    const outcome = await runChain(
      links,
      call,
      options(crypto.randomUUID(), {
        timeoutMs: 300,
        onFallback: (failed: ChainLink, next: ChainLink) => {
          fallbacks.push(`${failed.provider}→${next.provider}`);
        },
      }),
    );
    expect(outcome.link.provider).toBe('openrouter');
    expect(outcome.value.text).toMatch(/^Fake reply about hello/);
    expect(outcome.attempts.map((a) => [a.provider, a.outcome])).toEqual([
      ['openai', 'failed'],
      ['openrouter', 'ok'],
    ]);
    expect(fallbacks).toEqual(['openai→openrouter']);
    expect(Date.now() - started).toBeGreaterThanOrEqual(50);
    expect(await calls('openai')).toBe(1);
    expect(await calls('openrouter')).toBe(1);
  });

  it('stops at a failure another provider would not fix (a rejected key)', async () => {
    const { fakes, links, calls } = twoProviders();
    const err = await runChain(
      links,
      (link, signal) =>
        openAiAdapters(link.provider, {
          apiKey: 'revoked-key',
          baseUrl: fakes[link.provider]!.baseUrl,
        }).text!.streamText({
          model: link.model,
          prompt: 'x',
          maxTokens: 20,
          signal,
          onDelta: () => {},
        }),
      options(crypto.randomUUID()),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(ProviderError);
    expect(err.status).toBe(401);
    expect(await calls('openrouter')).toBe(0);
  });

  it('reports every failure when no provider could serve', async () => {
    const { fakes, links, call } = twoProviders();
    await fakes.openai!.control({ fail: { status: 500, times: 5 } });
    await fakes.openrouter!.control({ fail: { status: 502, times: 5 } });
    const err = await runChain(links, call, options(crypto.randomUUID())).catch((e) => e);
    expect(err).toBeInstanceOf(ChainExhausted);
    expect(err.attempts.map((a: { outcome: string }) => a.outcome)).toEqual(['failed', 'failed']);
  });

  it('skips a provider that keeps failing, then lets exactly one call probe it after the cool-down', async () => {
    const { fakes, links, call, calls } = twoProviders();
    const orgId = crypto.randomUUID();
    await fakes.openai!.control({ fail: { status: 503, times: 1000 } });
    let now = Date.now();
    const run = () => runChain(links, call, options(orgId, { now: () => now }));

    for (let i = 0; i < BREAKER_POLICY.threshold; i++)
      expect((await run()).link.provider).toBe('openrouter');
    expect(await calls('openai')).toBe(BREAKER_POLICY.threshold);

    // Open: openai is not even called.
    const skipped = await run();
    expect(skipped.attempts[0]).toMatchObject({
      provider: 'openai',
      outcome: 'skipped',
      reason: 'circuit open',
    });
    expect(await calls('openai')).toBe(BREAKER_POLICY.threshold);

    // Another org's breaker is its own.
    const elsewhere = await runChain(links, call, options(crypto.randomUUID(), { now: () => now }));
    expect(elsewhere.attempts[0]).toMatchObject({ provider: 'openai', outcome: 'failed' });

    // After the cool-down, openai has recovered; of two calls at once only one probes it.
    await fakes.openai!.control({});
    now += BREAKER_POLICY.cooldownMs + 1;
    const before = await calls('openai');
    const [a, b] = await Promise.all([run(), run()]);
    expect(await calls('openai')).toBe(before + 1);
    expect([a.link.provider, b.link.provider].sort()).toEqual(['openai', 'openrouter']);
    expect([...a.attempts, ...b.attempts].filter((x) => x.outcome === 'skipped')).toHaveLength(1);

    // The probe succeeded: the circuit is closed and openai serves again.
    expect((await run()).link.provider).toBe('openai');
  });

  it('a probe is claimed once per window, in one statement', async () => {
    const orgId = crypto.randomUUID();
    const now = Date.now();
    await saveBreaker(db, orgId, 'openai', { failures: 3, openUntil: now - 1 });
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => claimProbe(db, orgId, 'openai', now)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimProbe(db, orgId, 'openai', now + BREAKER_POLICY.probeMs)).toBe(true);
  });
});
