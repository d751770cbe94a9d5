/**
 * @module The studio's side of the credit ledger. Its keys are namespaced per operation, so no
 * client's Idempotency-Key can ever equal a capture or release key of some generation; and it
 * keeps the ledger's raw results, so a closed hold is told apart from a ledger that did not answer.
 */

import type { Env } from '../../platform/env.ts';
import type {
  Captured,
  CaptureInput,
  HoldInput,
  HoldPlaced,
  LedgerResult,
  Released,
  ReleaseInput,
} from '../../rooms/credit-ledger.ts';
import type { studioGenerations } from '../../schema/studio.ts';
import { ledgerStub } from '../credits/ledger-client.ts';

/** The ledger operations a generation uses; the org's CreditLedger, wrapped in crash tests. */
export interface GenerationLedger {
  hold(input: HoldInput): Promise<LedgerResult<HoldPlaced>>;
  capture(input: CaptureInput): Promise<LedgerResult<Captured>>;
  release(input: ReleaseInput): Promise<LedgerResult<Released>>;
}

export function generationLedger(env: Env, orgId: string): GenerationLedger {
  const ledger = ledgerStub(env, orgId);
  return {
    hold: (input) => ledger.hold(input) as Promise<LedgerResult<HoldPlaced>>,
    capture: (input) => ledger.capture(input) as Promise<LedgerResult<Captured>>,
    release: (input) => ledger.release(input) as Promise<LedgerResult<Released>>,
  };
}

type Generation = Pick<typeof studioGenerations.$inferSelect, 'id'>;

export const holdKey = (idempotencyKey: string) => `studio-hold:${idempotencyKey}`;
export const captureKey = (generation: Generation) => `studio-capture:${generation.id}`;
export const releaseKey = (generation: Generation) => `studio-release:${generation.id}`;
