/**
 * @module The one unwrap of Durable Object answers: the value, or the problem+json a room's refusal
 * stands for (a missing lead 404, a bad field 422, credits or a spend limit short 402 saying how
 * much, a closed hold or a reused key 409). Routes, services and queues call every room through it.
 */
import type { RoomRefusal, RoomResult } from '../domain/room-result.ts';
import { conflict, invalid, notFound, Problem } from './problem.ts';

export function refusalProblem(refusal: RoomRefusal): Problem {
  switch (refusal.code) {
    case 'lead_not_found':
      return notFound('Lead');
    case 'not_initialized':
    case 'other_org':
      return notFound('Board');
    case 'stage_not_found':
      if (refusal.field === 'id') return notFound('Stage');
      return invalid([{ path: refusal.field, message: 'No such stage on this board.' }]);
    case 'stage_not_empty':
      return conflict('The stage has leads: name a stage to move them to.', [
        { path: refusal.field, message: refusal.message },
      ]);
    case 'index_out_of_range':
    case 'same_stage':
    case 'too_long':
      return invalid([{ path: refusal.field, message: refusal.message }]);
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
    default:
      // A code added to a room without its problem here: a bug, not the caller's fault.
      return new Problem(
        500,
        'Internal error',
        `Unexpected refusal: ${(refusal as RoomRefusal).code}`,
      );
  }
}

/** The room's answer, or throws the problem its refusal stands for. */
export function unwrap<R extends RoomResult<unknown>>(
  result: R,
): Extract<R, { ok: true }>['value'] {
  if (!result.ok) throw refusalProblem(result.refusal);
  return result.value as Extract<R, { ok: true }>['value'];
}
