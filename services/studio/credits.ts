/**
 * @module The studio's side of the credit ledger. Its keys are namespaced per operation, so no
 * client's Idempotency-Key can ever equal a capture or release key of some generation; and it
 * keeps the ledger's raw results, so a closed hold is told apart from a ledger that did not answer.
 */

import type { studioGenerations } from '../../schema/studio.ts';
import type { CaptureInput, HoldInput, ReleaseInput } from '../credits/ledger-api.ts';
import type { ledgerOf } from '../credits/ledger-client.ts';

/**
 * The ledger operations a generation uses, answering the ledger's raw results (a closed hold is
 * told apart from a ledger that did not answer): the org's CreditLedger, wrapped in crash tests.
 */
export interface GenerationLedger {
  hold(input: HoldInput): Promise<Answer<'hold'>>;
  capture(input: CaptureInput): Promise<Answer<'capture'>>;
  release(input: ReleaseInput): Promise<Answer<'release'>>;
}
type Answer<M extends 'hold' | 'capture' | 'release'> = Awaited<
  ReturnType<ReturnType<typeof ledgerOf>[M]>
>;

type Generation = Pick<typeof studioGenerations.$inferSelect, 'id'>;

export const holdKey = (idempotencyKey: string) => `studio-hold:${idempotencyKey}`;
export const captureKey = (generation: Generation) => `studio-capture:${generation.id}`;
export const releaseKey = (generation: Generation) => `studio-release:${generation.id}`;
