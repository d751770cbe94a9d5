/**
 * @module The job protocol every queue follows. A job row is written (unique per org and
 * idempotency key) before its message is sent; the consumer claims the row before acting, skips
 * jobs already finished, and records the outcome. Redelivery never repeats a finished job.
 * Progress reaches the org's open tabs through its OrgHub.
 *
 * Concurrency and fairness: a batch's jobs run at once (up to JOB_CONCURRENCY), taken in turns by
 * org; what does not start within a short window goes back to the queue, paced (fair-batch.ts). The batch is the
 * scheduling window, so the fair share is counted inside one invocation and needs no shared
 * counter: what keeps an org waiting behind another's burst is its place in the queue, and
 * putting the burst back quickly is what frees that place. A claim is exclusive (a lease renewed
 * by a heartbeat), so two deliveries of one job never run it at the same time.
 */
import { and, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { newId } from '../domain/ids.ts';
import { jobs } from '../schema/jobs.ts';
import { database, orgScope } from './db.ts';
import type { Env } from './env.ts';
import { putBackDelays, roundRobinByOrg } from './fair-batch.ts';
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

/** Jobs one consumer invocation runs at once. */
export const JOB_CONCURRENCY = 5;
/**
 * After this long into a batch no further job starts (beyond the first JOB_CONCURRENCY); the rest
 * goes back to the queue. A batch then lasts about this long or one job's length, whichever is
 * more, which bounds how long another org's message can wait behind it; short jobs still run many
 * per batch.
 */
export const JOB_START_WINDOW_MS = 1000;
/**
 * How long a claim holds without a heartbeat. A job found running under a live claim is not run
 * again (that would be a twin); once the claim has lapsed, its runner is taken for dead.
 */
export const JOB_LEASE_MS = 120_000;
const HEARTBEAT_MS = JOB_LEASE_MS / 4;
/** The longest a put-back message waits before it is due again. */
const MAX_PUT_BACK_SECONDS = 300;

/**
 * Runs a batch fairly (see fair-batch.ts): its messages in turns by org, JOB_CONCURRENCY at a
 * time, starting new ones only within JOB_START_WINDOW_MS; the rest is sent back to the queue,
 * paced at the rate this batch ran. Each message is acked or retried alone. A put-back is a new
 * message sent before the old one is acked, so it costs no retry and cannot be lost; if the
 * invocation dies in between, the twin is harmless (claims are exclusive).
 */
export async function consumeJobs(
  batch: MessageBatch<QueueMessage>,
  env: Env,
  handlers: Record<string, JobHandler>,
): Promise<void> {
  const queue = batch.queue;
  const turns = roundRobinByOrg(batch.messages, (m) => m.body?.orgId ?? '');
  const started = Date.now();
  let next = 0;
  const mayStart = () =>
    next < turns.length && (next < JOB_CONCURRENCY || Date.now() - started < JOB_START_WINDOW_MS);
  await Promise.all(
    Array.from({ length: Math.min(JOB_CONCURRENCY, turns.length) }, async () => {
      while (mayStart()) {
        const message = turns[next++]!;
        await aloneOnFailure(env, queue, message, () =>
          runJobMessage(message, queue, env, handlers),
        );
      }
    }),
  );
  const rest = turns.slice(next);
  if (!rest.length) return;
  const delays = putBackDelays(
    rest.length,
    next,
    (Date.now() - started) / 1000,
    MAX_PUT_BACK_SECONDS,
  );
  await putBack(
    env,
    queue,
    rest.map((message, i) => ({ message, delaySeconds: delays[i]! })),
  );
  log(env, 'info', 'queue batch shared out', { queue, ran: next, putBack: rest.length });
}

/** Whatever goes wrong with one message (D1, the hub, a bug) retries that message, not the batch. */
async function aloneOnFailure(
  env: Env,
  queue: string,
  message: Message<QueueMessage>,
  work: () => Promise<void>,
) {
  try {
    await work();
  } catch (err) {
    log(env, 'error', 'job message failed; retrying it', {
      queue,
      jobId: message.body?.jobId,
      orgId: message.body?.orgId,
      attempt: message.attempts,
      error: String((err as Error)?.stack ?? err),
    });
    message.retry({ delaySeconds: backoffSeconds(message.attempts) });
  }
}

/** Sends each message again with its delay, then acks the original; a failed send retries them. */
async function putBack(
  env: Env,
  queue: string,
  deferred: { message: Message<QueueMessage>; delaySeconds: number }[],
) {
  const binding = QUEUE_BINDING[queue as QueueName];
  try {
    if (!binding) throw new Error(`no producer for queue ${queue}`);
    await env[binding].sendBatch(
      deferred.map(({ message, delaySeconds }) => ({ body: message.body, delaySeconds })),
    );
  } catch (err) {
    log(env, 'error', 'could not put messages back; retrying them', {
      queue,
      count: deferred.length,
      error: String(err),
    });
    for (const { message } of deferred)
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    return;
  }
  for (const { message } of deferred) message.ack();
}

/** Claims a queued job, or a running one whose runner stopped renewing its lease. */
function claimJob(env: Env, jobId: string, orgId: string) {
  const lapsed = new Date(Date.now() - JOB_LEASE_MS);
  return database(env.DB)
    .update(jobs)
    .set({ status: 'running', attempts: sql`${jobs.attempts} + 1`, updatedAt: new Date() })
    .where(
      orgScope(orgId).where(
        jobs,
        eq(jobs.id, jobId),
        or(
          eq(jobs.status, 'queued'),
          and(eq(jobs.status, 'running'), or(isNull(jobs.updatedAt), lt(jobs.updatedAt, lapsed))),
        ),
      ),
    )
    .returning()
    .get();
}

/** A message whose job could not be claimed: finished (ack), or running elsewhere (wait for it). */
async function notClaimed(env: Env, queue: string, message: Message<QueueMessage>) {
  const { jobId = '', orgId = '' } = message.body ?? {};
  const row = await database(env.DB)
    .select({ status: jobs.status, updatedAt: jobs.updatedAt })
    .from(jobs)
    .where(orgScope(orgId).where(jobs, eq(jobs.id, jobId)))
    .get();
  if (!row || row.status === 'done' || row.status === 'failed') {
    log(env, 'info', 'job skipped: unknown or already finished', { queue, jobId, orgId });
    message.ack();
    return;
  }
  // Another delivery holds it (a twin, or a redelivery racing a live runner). Come back when its
  // lease would have lapsed: by then the job is finished, or its runner is gone and we take over.
  const lapsesAt = (row.updatedAt?.getTime() ?? 0) + JOB_LEASE_MS;
  const delaySeconds = Math.max(1, Math.ceil((lapsesAt - Date.now()) / 1000));
  log(env, 'info', 'job held by another delivery; checking again later', {
    queue,
    jobId,
    orgId,
    delaySeconds,
  });
  await putBack(env, queue, [{ message, delaySeconds }]);
}

async function runJobMessage(
  message: Message<QueueMessage>,
  queue: string,
  env: Env,
  handlers: Record<string, JobHandler>,
) {
  const { jobId = '', orgId = '' } = message.body ?? {};
  const db = database(env.DB);
  const scope = orgScope(orgId);
  const claimed = await claimJob(env, jobId, orgId);
  if (!claimed) return notClaimed(env, queue, message);
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
  const running = scope.where(jobs, eq(jobs.id, jobId), eq(jobs.status, 'running'));
  // The lease is renewed while the handler works, however long it goes without progress.
  const heartbeat = setInterval(() => {
    db.update(jobs)
      .set({ updatedAt: new Date() })
      .where(running)
      .catch((err) => log(env, 'warn', 'job heartbeat failed', { ...fields, error: String(err) }));
  }, HEARTBEAT_MS);
  try {
    const result = await handler(claimed, {
      env,
      progress: async (percent) => {
        const progress = Math.max(0, Math.min(100, Math.round(percent)));
        await db.update(jobs).set({ progress, updatedAt: new Date() }).where(running);
        await publishToOrg(env, orgId, {
          type: 'job',
          jobId,
          kind: claimed.kind,
          status: 'running',
          progress,
        });
      },
    });
    clearInterval(heartbeat);
    await finishJob(env, claimed, { status: 'done', progress: 100, result: result ?? null });
    log(env, 'info', 'job done', fields);
    message.ack();
  } catch (err) {
    clearInterval(heartbeat);
    if (err instanceof RetryLater) {
      // Back to queued: the claim is given up, so the retried message can take it at once.
      await db.update(jobs).set({ status: 'queued', updatedAt: new Date() }).where(running);
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
