/**
 * @module The CreditLedger's RPC interface: what each operation takes and answers, its settings,
 * and the hold time limits. Services import these types; the room (rooms/credit-ledger.ts)
 * implements them.
 */

import type { CREDIT_ENTRY_KINDS } from '../../domain/credits/entries.ts';
import type { AutoRecharge } from '../../domain/credits/rules.ts';
import type { LedgerRefusal, RoomResult } from '../../domain/room-result.ts';
import type { CreditUsage } from '../../schema/credits.ts';

export type EntryKind = (typeof CREDIT_ENTRY_KINDS)[number];
/** What a reason code's words need (a modality, a plan, an owner's note). */
export type ReasonParams = Record<string, string | number>;
export type Usage = CreditUsage;

export const DEFAULT_HOLD_TTL_SECONDS = 15 * 60;
export const MAX_HOLD_TTL_SECONDS = 24 * 3600;
export interface HoldInput {
  key: string;
  credits: number;
  memberId: string | null;
  reason: string;
  reasonParams?: ReasonParams;
  ttlSeconds?: number;
  meta?: Record<string, unknown>;
}
export interface CaptureInput {
  key: string;
  holdId: string;
  credits: number;
  usage?: Usage;
}
export interface ReleaseInput {
  key: string;
  holdId: string;
}
export interface GrantInput {
  key: string;
  credits: number;
  reason: string;
  reasonParams?: ReasonParams;
  /** ISO-8601; unspent credits of this grant leave the balance then, through an `expiry` entry. */
  expiresAt?: string;
  meta?: Record<string, unknown>;
}
export interface PurchaseInput {
  key: string;
  /** The payment (e.g. a Stripe PaymentIntent id) refunds will name. */
  paymentRef: string;
  credits: number;
  amountMinor: number;
  currency: string;
  reason: string;
  reasonParams?: ReasonParams;
  expiresAt?: string;
  meta?: Record<string, unknown>;
}
export interface RefundInput {
  key: string;
  paymentRef: string;
  /** A single refund of `refundedMinor`; without it, `refundedMinor` is the payment's cumulative refunded amount. */
  refundId?: string;
  refundedMinor: number;
  reason: string;
}
export interface AdjustInput {
  key: string;
  /** Signed: positive adds credits, negative removes them (never below what is available). */
  credits: number;
  reason: string;
  reasonParams?: ReasonParams;
  actorId: string;
}

export interface Balance {
  balance: number;
  held: number;
  available: number;
}
export interface HoldPlaced {
  holdId: string;
  credits: number;
  expiresAt: string;
  available: number;
}
export interface Captured {
  holdId: string;
  captured: number;
  released: number;
  balance: number;
  available: number;
}
export interface Released {
  holdId: string;
  released: number;
  available: number;
}
export interface Posted {
  /** Null when the operation changed nothing (e.g. a refund already taken back). */
  entryId: string | null;
  balance: number;
  available: number;
}
export interface OpenHold {
  holdId: string;
  credits: number;
  memberId: string | null;
  reason: string;
  createdAt: string;
  expiresAt: string;
}

export interface SpendLimits {
  /** Credits the whole org may spend per month; null for no limit. */
  orgMonthly: number | null;
  /** Credits each member may spend per month unless overridden below; null for no limit. */
  memberMonthly: number | null;
  /** Per-member overrides; null lifts the limit for that member. */
  members: Record<string, number | null>;
}
export interface LedgerSettings {
  spendLimits: SpendLimits;
  autoRecharge: AutoRecharge | null;
}

/** What the ledger answers (domain/room-result.ts). */
export type LedgerResult<T> = RoomResult<T, LedgerRefusal>;
