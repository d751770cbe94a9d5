/**
 * Putting a generation's streamed text back together from its live events. Each event carries the
 * provider attempt and a sequence number within it: a later attempt (the chain fell back to
 * another provider) starts the text over, and a delta that arrives early waits for the ones before it.
 */
export interface TextDelta {
  attempt: number;
  seq: number;
  delta: string;
}

export interface AssembledText {
  attempt: number;
  nextSeq: number;
  text: string;
  /** Deltas that arrived before one they follow. */
  waiting: Record<number, string>;
}

export const emptyText = (): AssembledText => ({ attempt: 0, nextSeq: 0, text: '', waiting: {} });

/** The text after one more delta; pure, so the page can keep it in a signal. */
export function receiveDelta(current: AssembledText, event: TextDelta): AssembledText {
  if (event.attempt < current.attempt) return current;
  const state =
    event.attempt > current.attempt ? { ...emptyText(), attempt: event.attempt } : current;
  if (event.seq < state.nextSeq) return state; // Delivered twice.
  const waiting = { ...state.waiting, [event.seq]: event.delta };
  let { nextSeq, text } = state;
  while (waiting[nextSeq] !== undefined) {
    text += waiting[nextSeq];
    delete waiting[nextSeq];
    nextSeq++;
  }
  return { attempt: state.attempt, nextSeq, text, waiting };
}
