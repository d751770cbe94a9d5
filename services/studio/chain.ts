/**
 * @module The fallback chain: providers are tried in order; a timeout, 429 or 5xx moves on to the
 * next one after a short backoff, and a provider whose circuit is open is skipped. A failure that
 * another provider would not fix (a bad request, a refused key) stops the chain at once.
 */
import type { Db } from '../../platform/db.ts';
import { ProviderError } from '../../providers/ai/types.ts';
import {
  afterFailure,
  afterSuccess,
  BREAKER_POLICY,
  type BreakerPolicy,
  claimProbe,
  gateOf,
  loadBreakers,
  saveBreaker,
} from './breaker.ts';

export interface ChainLink {
  provider: string;
  model: string;
}

export interface ChainAttempt extends ChainLink {
  outcome: 'ok' | 'failed' | 'skipped';
  reason?: string;
}

/** Every provider failed in a way worth retrying later (or was skipped): the job should retry. */
export class ChainExhausted extends Error {
  readonly attempts: ChainAttempt[];
  constructor(attempts: ChainAttempt[]) {
    super(
      `No provider could serve this: ${attempts.map((a) => `${a.provider} ${a.reason ?? a.outcome}`).join('; ')}.`,
    );
    this.attempts = attempts;
  }
}

export interface ChainOptions {
  db: Db;
  orgId: string;
  /** Each provider call is aborted after this long. */
  timeoutMs: number;
  /** Wait before the n-th fallback: backoffMs × 2^(n−1), capped at 8 × backoffMs. */
  backoffMs: number;
  policy?: BreakerPolicy;
  now?: () => number;
  /** Told before each fallback, e.g. to discard text streamed by the provider that failed. */
  onFallback?: (failed: ChainAttempt, next: ChainLink) => void | Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChain<T, L extends ChainLink>(
  links: L[],
  call: (link: L, signal: AbortSignal, attempt: number) => Promise<T>,
  options: ChainOptions,
): Promise<{ link: L; value: T; attempts: ChainAttempt[] }> {
  const now = options.now ?? Date.now;
  const policy = options.policy ?? BREAKER_POLICY;
  const breakers = await loadBreakers(options.db, options.orgId, [
    ...new Set(links.map((l) => l.provider)),
  ]);
  const attempts: ChainAttempt[] = [];
  let failures = 0;

  for (const link of links) {
    const state = breakers.get(link.provider);
    const gate = gateOf(state, now());
    if (gate === 'open') {
      attempts.push({ ...link, outcome: 'skipped', reason: 'circuit open' });
      continue;
    }
    if (
      gate === 'half-open' &&
      !(await claimProbe(options.db, options.orgId, link.provider, now(), policy))
    ) {
      attempts.push({ ...link, outcome: 'skipped', reason: 'another call is probing it' });
      continue;
    }
    if (failures > 0) {
      const previous = attempts.findLast((a) => a.outcome === 'failed')!;
      await options.onFallback?.(previous, link);
      await sleep(Math.min(options.backoffMs * 2 ** (failures - 1), options.backoffMs * 8));
    }
    try {
      const value = await call(link, AbortSignal.timeout(options.timeoutMs), attempts.length);
      if (state && state.failures > 0)
        await saveBreaker(options.db, options.orgId, link.provider, afterSuccess());
      attempts.push({ ...link, outcome: 'ok' });
      return { link, value, attempts };
    } catch (err) {
      if (!(err instanceof ProviderError) || !err.retryable) throw err;
      failures++;
      const next = afterFailure(state, now(), policy);
      breakers.set(link.provider, next);
      await saveBreaker(options.db, options.orgId, link.provider, next);
      attempts.push({ ...link, outcome: 'failed', reason: err.message });
    }
  }
  throw new ChainExhausted(attempts);
}
