/**
 * @module How the rest of the Worker reaches an org's CreditLedger: `ledgerOf(env, orgId)` is the
 * one way to its Durable Object; its writes answer the one room result shape, which callers turn
 * into the value or a problem (402 when credits or a spend limit fall short, saying how much is
 * missing; 409 for a closed hold or a reused key) with `unwrap` from platform/room-refusal.ts.
 * Also the welcome grant every new organization receives once.
 */

import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import type { Env } from '../../platform/env.ts';
import { log } from '../../platform/log.ts';
import { unwrap } from '../../platform/room-refusal.ts';

/** The org's CreditLedger (one per org, named by its id). */
export function ledgerOf(env: Env, orgId: string) {
  return env.CREDIT_LEDGER.getByName(orgId);
}

/**
 * Welcome credits for a new org, once (the key is fixed per org), on its statement before the
 * sign-up answers. A failure is logged, not raised: the org exists either way, and calling this
 * again grants at most once.
 */
export async function grantWelcomeCredits(env: Env, orgId: string): Promise<void> {
  try {
    const ledger = ledgerOf(env, orgId);
    unwrap(await ledger.grant({ key: 'welcome', credits: WELCOME_CREDITS, reason: 'welcome' }));
    await ledger.mirrorNow();
  } catch (err) {
    log(env, 'error', 'welcome credits not granted', { orgId, error: String(err) });
  }
}
