/**
 * @module Dead-letter consumer: a message that exhausted its retries lands here. Its job is marked
 * failed and the org gets an alert, so nothing fails silently.
 */

import { raiseAlert } from '../platform/alerts.ts';
import type { Env } from '../platform/env.ts';
import { finishJob, type QueueMessage } from '../platform/jobs.ts';
import { log } from '../platform/log.ts';
import { adsDeadLetterHooks } from './ads.ts';

/** Per source queue: what else a dead letter means, beyond a failed job and an alert. */
const DEAD_LETTER_HOOKS: Record<
  string,
  ((env: Env, jobId: string, orgId: string) => Promise<void>)[]
> = {
  ads: adsDeadLetterHooks,
};

export async function consumeDeadLetters(batch: MessageBatch<QueueMessage>, env: Env) {
  const source = batch.queue.replace(/-dlq$/, '');
  for (const message of batch.messages) {
    const { jobId, orgId } = message.body ?? ({} as QueueMessage);
    if (jobId && orgId) {
      await finishJob(
        env,
        { id: jobId, orgId, kind: source },
        {
          status: 'failed',
          error: 'Gave up after repeated failures.',
        },
      );
      await raiseAlert(env, {
        orgId,
        kind: 'job.dead_letter',
        severity: 'warning',
        title: `A ${source} job failed after several attempts`,
        detail: `Job ${jobId} was retried and still failed. It will not run again.`,
        dedupKey: `dead-letter:${jobId}`,
        data: { jobId, queue: source },
      });
      for (const hook of DEAD_LETTER_HOOKS[source] ?? []) await hook(env, jobId, orgId);
    }
    log(env, 'error', 'dead letter', { queue: batch.queue, jobId, orgId });
    message.ack();
  }
}
