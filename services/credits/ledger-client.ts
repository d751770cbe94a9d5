/**
 * @module How the rest of the Worker reaches an org's CreditLedger: `ledgerOf(env, orgId)` gives
 * the ledger's operations with refusals turned into problems (402 when credits or a spend limit
 * fall short, saying how much is missing; 409 for a closed hold or a reused key), so a route can
 * simply await them. Also the welcome grant every new organization receives once.
 */

import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import type { Env } from '../../platform/env.ts';
import { log } from '../../platform/log.ts';
import { conflict, notFound, Problem } from '../../platform/problem.ts';
import type {
  AdjustInput,
  CaptureInput,
  GrantInput,
  HoldInput,
  LedgerResult,
  PurchaseInput,
  RefundInput,
  Refusal,
  ReleaseInput,
} from '../../rooms/credit-ledger.ts';

export function ledgerStub(env: Env, orgId: string) {
  return env.CREDIT_LEDGER.get(env.CREDIT_LEDGER.idFromName(orgId));
}

export function refusalProblem(refusal: Refusal): Problem {
  switch (refusal.code) {
    case 'insufficient_credits':
      return new Problem(
        402,
        'Insufficient credits',
        `This needs ${refusal.missing} more credit${refusal.missing === 1 ? '' : 's'} than are available (${refusal.available}).`,
        [],
        {},
        { missing: refusal.missing, available: refusal.available },
      );
    case 'spend_limit':
      return new Problem(
        402,
        'Spend limit reached',
        `The ${refusal.scope === 'org' ? 'organization' : 'member'}'s monthly limit of ${refusal.limit} credits allows only ${refusal.remaining} more this month.`,
        [],
        {},
        { scope: refusal.scope, limit: refusal.limit, remaining: refusal.remaining },
      );
    case 'hold_not_found':
      return notFound('Hold');
    case 'hold_closed':
      return conflict(`The hold is already ${refusal.status}.`);
    case 'over_hold':
      return conflict(`A capture may take at most the ${refusal.held} credits held.`, [
        { path: 'credits', message: `At most ${refusal.held}.` },
      ]);
    case 'key_reused':
      return conflict('This idempotency key was already used for a different request.', [
        { path: 'key', message: 'Already used with other arguments.' },
      ]);
  }
}

function unwrap<T>(result: LedgerResult<T>): T {
  if (!result.ok) throw refusalProblem(result.refusal);
  return result.value;
}

/** The org's ledger; each write throws a Problem when the ledger refuses it. */
export function ledgerOf(env: Env, orgId: string) {
  const ledger = ledgerStub(env, orgId);
  return {
    hold: async (input: HoldInput) => unwrap(await ledger.hold(input)),
    capture: async (input: CaptureInput) => unwrap(await ledger.capture(input)),
    release: async (input: ReleaseInput) => unwrap(await ledger.release(input)),
    grant: async (input: GrantInput) => unwrap(await ledger.grant(input)),
    purchase: async (input: PurchaseInput) => unwrap(await ledger.purchase(input)),
    refund: async (input: RefundInput) => unwrap(await ledger.refund(input)),
    adjust: async (input: AdjustInput) => unwrap(await ledger.adjust(input)),
    balance: () => ledger.balance(),
  };
}

/**
 * Welcome credits for a new org, once (the key is fixed per org), on its statement before the
 * sign-up answers. A failure is logged, not raised: the org exists either way, and calling this
 * again grants at most once.
 */
export async function grantWelcomeCredits(env: Env, orgId: string): Promise<void> {
  try {
    await ledgerOf(env, orgId).grant({
      key: 'welcome',
      credits: WELCOME_CREDITS,
      reason: 'welcome',
    });
    await ledgerStub(env, orgId).mirrorNow();
  } catch (err) {
    log(env, 'error', 'welcome credits not granted', { orgId, error: String(err) });
  }
}
