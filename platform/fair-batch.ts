/**
 * @module Fair scheduling of one queue batch. A batch is a window onto the queue: its messages are
 * taken round-robin by org, so every org present gets a turn before any org gets a second one.
 * The consumer starts them in that order, a bounded number at a time, and puts back what it did
 * not start; the put-back messages return in waves, each due one batch-duration after the one
 * before, so an org's burst comes back at the pace the consumer runs it instead of sitting in
 * front of the next org's message.
 */

/** The batch's messages in turn order: each org's first, then each org's second, and so on. */
export function roundRobinByOrg<M>(messages: readonly M[], orgOf: (message: M) => string): M[] {
  const byOrg = new Map<string, M[]>();
  for (const message of messages) {
    const org = orgOf(message);
    const own = byOrg.get(org);
    if (own) own.push(message);
    else byOrg.set(org, [message]);
  }
  const turns: M[] = [];
  const queues = [...byOrg.values()];
  for (let turn = 0; turns.length < messages.length; turn++)
    for (const own of queues) if (turn < own.length) turns.push(own[turn]!);
  return turns;
}

/**
 * Delays for `count` put-back messages, in turn order: waves as large as what the batch ran, the
 * first due at once, each next one `batchSeconds` later (whole seconds, at most `maxSeconds`).
 */
export function putBackDelays(
  count: number,
  ranInBatch: number,
  batchSeconds: number,
  maxSeconds: number,
): number[] {
  const wave = Math.max(1, ranInBatch);
  return Array.from({ length: count }, (_, rank) =>
    Math.min(maxSeconds, Math.round(Math.floor(rank / wave) * batchSeconds)),
  );
}
