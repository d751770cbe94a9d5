/**
 * @module The circuit breaker that skips an AI provider which keeps failing, and tries it again
 * later. The policy is pure (`gateOf`, `afterFailure`, `afterSuccess`); the state is kept in D1,
 * one row per org and provider.
 *
 * Why D1: generations run in queue consumers spread over many isolates and locations, so
 * per-isolate memory would let each isolate rediscover the outage on its own (and forget it on
 * every eviction). A Durable Object per provider would put one more round trip, and one serial
 * bottleneck for every org, in front of every call. D1 is shared by all of them and costs one
 * indexed read per generation, with writes only when a provider fails or recovers. Per org,
 * because keys are per org: one org's exhausted quota (429) must not close a provider for others.
 * Concurrent failures may race on the counter (last writer wins); a breaker is a heuristic, and
 * the half-open probe is claimed atomically so only one caller tests a recovering provider.
 */
import { eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { type Db, orgScope } from '../../platform/db.ts';
import { aiProviderHealth } from '../../schema/studio.ts';

export interface BreakerState {
  failures: number;
  openUntil: number | null;
}

export interface BreakerPolicy {
  /** Consecutive retryable failures that open the circuit. */
  threshold: number;
  /** First cool-down; each further failure doubles it, up to `maxCooldownMs`. */
  cooldownMs: number;
  maxCooldownMs: number;
  /** How long one caller owns the half-open probe before another may try. */
  probeMs: number;
}

export const BREAKER_POLICY: BreakerPolicy = {
  threshold: 3,
  cooldownMs: 30_000,
  maxCooldownMs: 15 * 60_000,
  probeMs: 60_000,
};

export type Gate = 'closed' | 'open' | 'half-open';

export function gateOf(state: BreakerState | undefined, now: number): Gate {
  if (!state || state.openUntil === null) return 'closed';
  return now < state.openUntil ? 'open' : 'half-open';
}

export function afterFailure(
  state: BreakerState | undefined,
  now: number,
  policy: BreakerPolicy = BREAKER_POLICY,
): BreakerState {
  const failures = (state?.failures ?? 0) + 1;
  if (failures < policy.threshold) return { failures, openUntil: null };
  const cooldown = Math.min(
    policy.maxCooldownMs,
    policy.cooldownMs * 2 ** (failures - policy.threshold),
  );
  return { failures, openUntil: now + cooldown };
}

export const afterSuccess = (): BreakerState => ({ failures: 0, openUntil: null });

/** The breaker state of each named provider for one org (absent = never failed). */
export async function loadBreakers(
  db: Db,
  orgId: string,
  providers: string[],
): Promise<Map<string, BreakerState>> {
  if (!providers.length) return new Map();
  const rows = await db
    .select()
    .from(aiProviderHealth)
    .where(orgScope(orgId).where(aiProviderHealth, inArray(aiProviderHealth.provider, providers)));
  return new Map(
    rows.map((r) => [
      r.provider,
      { failures: r.failures, openUntil: r.openUntil ? r.openUntil.getTime() : null },
    ]),
  );
}

export async function saveBreaker(db: Db, orgId: string, provider: string, state: BreakerState) {
  const values = {
    failures: state.failures,
    openUntil: state.openUntil === null ? null : new Date(state.openUntil),
    probeUntil: null,
    updatedAt: new Date(),
  };
  await db
    .insert(aiProviderHealth)
    .values({ orgId, provider, ...values })
    .onConflictDoUpdate({
      target: [aiProviderHealth.orgId, aiProviderHealth.provider],
      set: values,
    });
}

/**
 * Claims the half-open probe for a provider whose cool-down has passed. One statement, so of
 * several callers arriving together exactly one gets `true` until the probe window lapses.
 */
export async function claimProbe(
  db: Db,
  orgId: string,
  provider: string,
  now: number,
  policy: BreakerPolicy = BREAKER_POLICY,
): Promise<boolean> {
  const at = new Date(now);
  const claimed = await db
    .update(aiProviderHealth)
    .set({ probeUntil: new Date(now + policy.probeMs) })
    .where(
      orgScope(orgId).where(
        aiProviderHealth,
        eq(aiProviderHealth.provider, provider),
        lte(aiProviderHealth.openUntil, at),
        or(isNull(aiProviderHealth.probeUntil), lte(aiProviderHealth.probeUntil, at)),
      ),
    )
    .returning({ provider: aiProviderHealth.provider });
  return claimed.length === 1;
}
