/**
 * @module Where each queue's batches go. Every job queue runs through `consumeJobs`: a batch's
 * jobs run concurrently, in turns by org, each message acked or retried alone, and what does not
 * start soon goes back to the queue paced, so one org's burst never starves another org
 * (platform/jobs.ts and platform/fair-batch.ts say how and why).
 */
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
