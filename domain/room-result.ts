/**
 * @module The one answer shape of Durable Object methods that can refuse: `{ ok: true, value }` or
 * `{ ok: false, refusal }`, the refusal a code with its parameters. Rooms answer instead of
 * throwing because an error crossing RPC loses its fields, and the API needs the code and field to
 * answer problem+json; `platform/room-refusal.ts` turns a refusal into that problem, for every room.
 */
import type { BoardDocErrorCode } from './pipeline/board-doc.ts';

export type RoomResult<T, R extends RoomRefusal = RoomRefusal> =
  | { ok: true; value: T }
  | { ok: false; refusal: R };

/** Why a board room refused: a lead or stage that is not there, a field out of bounds. */
export interface BoardRefusal {
  code: BoardDocErrorCode | 'not_initialized' | 'other_org' | 'too_long';
  field: string;
  message: string;
}

/** Why the credit ledger refused: credits or a limit fall short, a hold is gone, a key reused. */
export type LedgerRefusal =
  | { code: 'insufficient_credits'; missing: number; available: number }
  | { code: 'spend_limit'; scope: 'org' | 'member'; limit: number; remaining: number }
  | { code: 'hold_not_found' }
  | { code: 'hold_closed'; status: string }
  | { code: 'over_hold'; held: number }
  | { code: 'key_reused' };

export type RoomRefusal = BoardRefusal | LedgerRefusal;

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const refuse = <R extends RoomRefusal>(refusal: R): { ok: false; refusal: R } => ({
  ok: false,
  refusal,
});
