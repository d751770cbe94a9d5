/** @module Where each queue's batches go. */
import type { Env } from '../platform/env.ts';
import { consumeJobs, type JobHandler, type QueueMessage } from '../platform/jobs.ts';
import { log } from '../platform/log.ts';
import { adsJobs } from './ads.ts';
import { consumeDeadLetters } from './dead-letters.ts';
import { generationJobs } from './generation.ts';
import { importJobs } from './imports.ts';
import { messagingJobs } from './messaging.ts';

const HANDLERS: Record<string, Record<string, JobHandler>> = {
  generation: generationJobs,
  messaging: messagingJobs,
  ads: adsJobs,
  imports: importJobs,
};

export async function consumeQueue(batch: MessageBatch<QueueMessage>, env: Env): Promise<void> {
  log(env, 'info', 'queue batch', { queue: batch.queue, size: batch.messages.length });
  if (batch.queue.endsWith('-dlq')) return consumeDeadLetters(batch, env);
  const handlers = HANDLERS[batch.queue];
  if (!handlers) {
    log(env, 'error', 'no consumer for queue', { queue: batch.queue });
    batch.retryAll();
    return;
  }
  return consumeJobs(batch, env, handlers);
}
