/**
 * @module Fair scheduling of one queue batch. A batch is a window onto the queue: its messages are
 * taken round-robin by org, so every org present gets a slot before any org gets a second one,
 * and at most `concurrency` of them run now. The rest are put back on the queue in waves of
 * `concurrency`, each wave due one batch-duration after the one before, so an org's burst returns
 * at the pace the consumer can run it instead of sitting in front of the next org's message.
 */

export interface FairBatchPlan<M> {
  /** Run in this invocation, all at once. */
  runNow: M[];
  /** Sent back to the queue; wave 0 is due at once, wave n after n batch-durations. */
  later: { message: M; wave: number }[];
}

export function planFairBatch<M>(
  messages: readonly M[],
  orgOf: (message: M) => string,
  concurrency: number,
): FairBatchPlan<M> {
  const byOrg = new Map<string, M[]>();
  for (const message of messages) {
    const org = orgOf(message);
    const own = byOrg.get(org);
    if (own) own.push(message);
    else byOrg.set(org, [message]);
  }
  // Round-robin over the orgs in the order they first appear in the batch.
  const rotation: M[] = [];
  const queues = [...byOrg.values()];
  for (let turn = 0; rotation.length < messages.length; turn++)
    for (const own of queues) if (turn < own.length) rotation.push(own[turn]!);
  const limit = Math.max(1, concurrency);
  return {
    runNow: rotation.slice(0, limit),
    later: rotation
      .slice(limit)
      .map((message, rank) => ({ message, wave: Math.floor(rank / limit) })),
  };
}
