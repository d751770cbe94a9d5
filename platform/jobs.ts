/**
 * @module The job protocol every queue follows. A job row is written (unique per org and
 * idempotency key) before its message is sent; the consumer claims the row before acting, skips
 * jobs already finished, and records the outcome. Redelivery never repeats a finished job.
 * Progress reaches the org's open tabs through its OrgHub.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { newId } from '../domain/ids.ts';
import { jobs } from '../schema/jobs.ts';
import { database, orgScope } from './db.ts';
import type { Env } from './env.ts';
import { publishToOrg } from './live-events.ts';
import { log } from './log.ts';

export type QueueName = (typeof jobs.$inferSelect)['queue'];
export type Job = typeof jobs.$inferSelect;

/** A queue message only points at its job row; the row is the truth. */
export interface QueueMessage {
  jobId: string;
  orgId: string;
}

export interface JobContext {
  env: Env;
  /** Reports progress (0–100) to the job row and to the org's live events. */
  progress(percent: number): Promise<void>;
}

export type JobHandler = (
  job: Job,
  ctx: JobContext,
) => Promise<Record<string, unknown> | undefined>;

/** Throw to have the message retried later (with backoff) instead of failing the job. */
export class RetryLater extends Error {}

const QUEUE_BINDING = {
  generation: 'GENERATION_QUEUE',
  messaging: 'MESSAGING_QUEUE',
  ads: 'ADS_QUEUE',
  imports: 'IMPORTS_QUEUE',
} as const satisfies Record<QueueName, keyof Env>;

export interface NewJob {
  /** Given when the caller must record the job's id before the job exists; new otherwise. */
  id?: string;
  orgId: string;
  kind: string;
  idempotencyKey: string;
  input?: Record<string, unknown>;
  createdBy?: string | null;
}

/**
 * Records the job and sends its message. The same idempotency key returns the existing job; a job
 * still queued is sent again, since the first send may be what failed (consumers tolerate twins).
 */
export async function enqueueJob(env: Env, queue: QueueName, job: NewJob): Promise<Job> {
  const db = database(env.DB);
  const inserted = await db
    .insert(jobs)
    .values({ ...job, id: job.id ?? newId(), queue, status: 'queued' })
    .onConflictDoNothing()
    .returning()
    .get();
  const row =
    inserted ??
    (await db
      .select()
      .from(jobs)
      .where(orgScope(job.orgId).where(jobs, eq(jobs.idempotencyKey, job.idempotencyKey)))
      .get());
  if (!row) throw new Error('job vanished after insert');
  if (row.status === 'queued')
    await env[QUEUE_BINDING[queue]].send({ jobId: row.id, orgId: row.orgId });
  return row;
}

/** Exponential backoff for retried messages: 2 s, 4 s, 8 s … capped at 5 minutes. */
export const backoffSeconds = (attempts: number) => Math.min(300, 2 ** Math.max(1, attempts));

export async function consumeJobs(
  batch: MessageBatch<QueueMessage>,
  env: Env,
  handlers: Record<string, JobHandler>,
): Promise<void> {
  for (const message of batch.messages) {
    await runJobMessage(message, batch.queue, env, handlers);
  }
}

async function runJobMessage(
  message: Message<QueueMessage>,
  queue: string,
  env: Env,
  handlers: Record<string, JobHandler>,
) {
  const { jobId, orgId } = message.body ?? ({} as QueueMessage);
  const db = database(env.DB);
  const scope = orgScope(orgId ?? '');
  const claimed = await db
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, updatedAt: new Date() })
    .where(scope.where(jobs, eq(jobs.id, jobId ?? ''), inArray(jobs.status, ['queued', 'running'])))
    .returning()
    .get();
  if (!claimed) {
    log(env, 'info', 'job skipped: unknown or already finished', { queue, jobId, orgId });
    message.ack();
    return;
  }
  const handler = handlers[claimed.kind];
  const fields = { queue, jobId, orgId, kind: claimed.kind, attempt: message.attempts };
  if (!handler) {
    await finishJob(env, claimed, {
      status: 'failed',
      error: `Unknown job kind "${claimed.kind}".`,
    });
    log(env, 'error', 'job failed: unknown kind', fields);
    message.ack();
    return;
  }
  log(env, 'info', 'job started', fields);
  await publishToOrg(env, orgId, {
    type: 'job',
    jobId,
    kind: claimed.kind,
    status: 'running',
    progress: claimed.progress,
  });
  try {
    const result = await handler(claimed, {
      env,
      progress: async (percent) => {
        const progress = Math.max(0, Math.min(100, Math.round(percent)));
        await db
          .update(jobs)
          .set({ progress, updatedAt: new Date() })
          .where(scope.where(jobs, eq(jobs.id, jobId)));
        await publishToOrg(env, orgId, {
          type: 'job',
          jobId,
          kind: claimed.kind,
          status: 'running',
          progress,
        });
      },
    });
    await finishJob(env, claimed, { status: 'done', progress: 100, result: result ?? null });
    log(env, 'info', 'job done', fields);
    message.ack();
  } catch (err) {
    if (err instanceof RetryLater) {
      log(env, 'warn', 'job will retry', { ...fields, error: err.message });
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
      return;
    }
    await finishJob(env, claimed, {
      status: 'failed',
      error: String((err as Error)?.message ?? err),
    });
    log(env, 'error', 'job failed', { ...fields, error: String((err as Error)?.stack ?? err) });
    message.ack();
  }
}

export async function finishJob(
  env: Env,
  job: Pick<Job, 'id' | 'orgId' | 'kind'>,
  outcome: {
    status: 'done' | 'failed';
    progress?: number;
    result?: Record<string, unknown> | null;
    error?: string;
  },
) {
  await database(env.DB)
    .update(jobs)
    .set({ ...outcome, updatedAt: new Date() })
    .where(
      orgScope(job.orgId).where(
        jobs,
        eq(jobs.id, job.id),
        inArray(jobs.status, ['queued', 'running']),
      ),
    );
  await publishToOrg(env, job.orgId, {
    type: 'job',
    jobId: job.id,
    kind: job.kind,
    status: outcome.status,
    progress: outcome.progress ?? null,
    error: outcome.error ?? null,
  });
}
