import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { signUp } from '../test/helpers.ts';
import worker from '../worker/index.ts';
import {
  backoffSeconds,
  consumeJobs,
  enqueueJob,
  JOB_CONCURRENCY,
  JOB_LEASE_MS,
  JOB_START_WINDOW_MS,
  type QueueMessage,
  RetryLater,
} from './jobs.ts';

const jobRow = (id: string) =>
  env.DB.prepare('select * from jobs where id = ?').bind(id).first<Record<string, any>>();

/** The Worker's env with the generation queue's sends recorded instead of delivered. */
function recordingQueue() {
  const sent: { body: QueueMessage; delaySeconds?: number }[] = [];
  const queue = {
    send: async (body: QueueMessage, options?: { delaySeconds?: number }) => {
      sent.push({ body, delaySeconds: options?.delaySeconds });
    },
    sendBatch: async (messages: { body: QueueMessage; delaySeconds?: number }[]) => {
      sent.push(...messages);
    },
  };
  return { env: { ...env, GENERATION_QUEUE: queue } as unknown as typeof env, sent };
}

/** Enqueues `count` jobs of `kind` for the org, their messages swallowed. */
async function queuedJobs(orgId: string, kind: string, count: number) {
  const quiet = recordingQueue().env;
  const made = [];
  for (let i = 0; i < count; i++)
    made.push(
      await enqueueJob(quiet, 'generation', {
        orgId,
        kind,
        idempotencyKey: `${kind}-${i}-${crypto.randomUUID()}`,
      }),
    );
  return made;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function batchOf(queue: string, jobs: { id: string; orgId: string }[], attempts = 1) {
  return createMessageBatch<QueueMessage>(
    queue,
    jobs.map((job, i) => ({
      id: `m${i}`,
      timestamp: new Date(),
      attempts,
      body: { jobId: job.id, orgId: job.orgId },
    })),
  );
}

describe('the job protocol', () => {
  it('records a job once per idempotency key', async () => {
    const { org } = await signUp();
    const first = await enqueueJob(env, 'generation', {
      orgId: org.id,
      kind: 'echo',
      idempotencyKey: 'k1',
      input: { n: 1 },
    });
    const second = await enqueueJob(env, 'generation', {
      orgId: org.id,
      kind: 'echo',
      idempotencyKey: 'k1',
      input: { n: 2 },
    });
    expect(second.id).toBe(first.id);
    expect(second.input).toEqual({ n: 1 });
  });

  it('runs a job once, however often its message is delivered', async () => {
    const { org } = await signUp();
    const job = await enqueueJob(env, 'generation', {
      orgId: org.id,
      kind: 'count',
      idempotencyKey: 'once',
    });
    let runs = 0;
    const handlers = {
      count: async (_job: unknown, ctx: { progress(p: number): Promise<void> }) => {
        runs++;
        await ctx.progress(50);
        return { runs };
      },
    };
    for (let delivery = 0; delivery < 3; delivery++) {
      const batch = batchOf('generation', [job]);
      const ctx = createExecutionContext();
      await consumeJobs(batch, env, handlers);
      expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(['m0']);
    }
    expect(runs).toBe(1);
    expect(await jobRow(job.id)).toMatchObject({
      status: 'done',
      progress: 100,
      attempts: 1,
      result: JSON.stringify({ runs: 1 }),
    });
  });

  it('retries with backoff when asked, and fails for good on other errors', async () => {
    const { org } = await signUp();
    const flaky = await enqueueJob(env, 'ads', {
      orgId: org.id,
      kind: 'flaky',
      idempotencyKey: 'f',
    });
    const broken = await enqueueJob(env, 'ads', {
      orgId: org.id,
      kind: 'broken',
      idempotencyKey: 'b',
    });
    const handlers = {
      flaky: async () => {
        throw new RetryLater('platform busy');
      },
      broken: async () => {
        throw new Error('bad input');
      },
    };
    const batch = batchOf('ads', [flaky, broken], 2);
    const ctx = createExecutionContext();
    await consumeJobs(batch, env, handlers);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m0']);
    expect(result.explicitAcks).toEqual(['m1']);
    // Waiting for its retry, the job is queued again: its claim was given up for the next delivery.
    expect(await jobRow(flaky.id)).toMatchObject({ status: 'queued' });
    expect(await jobRow(broken.id)).toMatchObject({ status: 'failed', error: 'bad input' });
  });

  it('fails a job of an unknown kind instead of retrying it forever', async () => {
    const { org } = await signUp();
    const job = await enqueueJob(env, 'messaging', {
      orgId: org.id,
      kind: 'nobody-handles-this',
      idempotencyKey: 'u',
    });
    const batch = batchOf('messaging', [job]);
    await worker.queue(batch, env);
    expect(await jobRow(job.id)).toMatchObject({ status: 'failed' });
  });

  it('a dead letter fails its job and raises one alert', async () => {
    const { org } = await signUp();
    const job = await enqueueJob(env, 'generation', {
      orgId: org.id,
      kind: 'doomed',
      idempotencyKey: 'd',
    });
    for (let i = 0; i < 2; i++) await worker.queue(batchOf('generation-dlq', [job]), env);
    expect(await jobRow(job.id)).toMatchObject({
      status: 'failed',
      error: 'Gave up after repeated failures.',
    });
    const alerts = await env.DB.prepare('select kind, severity from alerts where org_id = ?')
      .bind(org.id)
      .all();
    expect(alerts.results).toEqual([{ kind: 'job.dead_letter', severity: 'warning' }]);
  });
});

describe('a batch under concurrency', () => {
  it('runs a batch’s jobs at the same time, never more than the bound at once', async () => {
    const { org } = await signUp();
    const made = await queuedJobs(org.id, 'overlap', 2 * JOB_CONCURRENCY);
    let inFlight = 0;
    let most = 0;
    const handlers = {
      overlap: async () => {
        most = Math.max(most, ++inFlight);
        // Long enough for a bound's worth of jobs to start if they run together.
        for (let i = 0; i < 20 && inFlight < JOB_CONCURRENCY; i++) await sleep(10);
        inFlight--;
        return {};
      },
    };
    const batch = batchOf('generation', made);
    const queue = recordingQueue();
    const ctx = createExecutionContext();
    await consumeJobs(batch, queue.env, handlers);
    expect(most).toBe(JOB_CONCURRENCY);
    // Short jobs: the whole batch ran in this invocation, nothing was put back.
    expect(queue.sent).toEqual([]);
    expect((await getQueueResult(batch, ctx)).explicitAcks).toHaveLength(2 * JOB_CONCURRENCY);
    for (const job of made) expect(await jobRow(job.id)).toMatchObject({ status: 'done' });
  });

  it('one message that cannot be processed is retried alone; the others are acked', async () => {
    const { org } = await signUp();
    const made = await queuedJobs(org.id, 'fine', 3);
    const poisoned = made[1]!.id;
    // D1 fails on every statement about one job (as a transient storage error would).
    const failingDb = {
      prepare(query: string) {
        const statement = env.DB.prepare(query);
        return {
          bind(...values: unknown[]) {
            if (values.includes(poisoned)) throw new Error('D1_ERROR: storage was reset');
            return statement.bind(...values);
          },
        };
      },
      batch: (statements: D1PreparedStatement[]) => env.DB.batch(statements),
    };
    const batch = batchOf('generation', made, 2);
    const ctx = createExecutionContext();
    await consumeJobs(
      batch,
      { ...env, DB: failingDb as unknown as D1Database },
      {
        fine: async () => ({}),
      },
    );
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual(['m1']);
    expect(result.explicitAcks.sort()).toEqual(['m0', 'm2']);
    expect(result.retryBatch.retry).toBe(false);
    expect(await jobRow(made[0]!.id)).toMatchObject({ status: 'done' });
    expect(await jobRow(poisoned)).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await jobRow(made[2]!.id)).toMatchObject({ status: 'done' });
  });

  it('one org’s burst does not starve another org’s job; the burst is put back, not lost', async () => {
    const burst = await signUp();
    const single = await signUp();
    const burstJobs = await queuedJobs(burst.org.id, 'work', 25);
    const [singleJob] = await queuedJobs(single.org.id, 'work', 1);
    const started: string[] = [];
    const handlers = {
      work: async (job: { id: string }) => {
        started.push(job.id);
        // Longer than the start window: no job starts after the first round.
        await sleep(JOB_START_WINDOW_MS + 50);
        return {};
      },
    };
    // The other org's message comes last in the batch, behind the whole burst.
    const batch = batchOf('generation', [...burstJobs, singleJob!]);
    const queue = recordingQueue();
    const ctx = createExecutionContext();
    await consumeJobs(batch, queue.env, handlers);

    expect(started).toHaveLength(JOB_CONCURRENCY);
    expect(started.slice(0, 2)).toContain(singleJob!.id);
    expect(await jobRow(singleJob!.id)).toMatchObject({ status: 'done' });
    // Every message is acked: the ones that ran, and the ones sent back for later.
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(26);
    expect(result.retryMessages).toEqual([]);
    const ran = new Set(started);
    const putBack = queue.sent.map((m) => m.body.jobId);
    expect(new Set([...ran, ...putBack])).toEqual(
      new Set([...burstJobs, singleJob!].map((j) => j.id)),
    );
    expect(putBack.filter((id) => ran.has(id))).toEqual([]);
    // Paced in waves: the first wave is due at once, later ones no sooner.
    const delays = queue.sent.map((m) => m.delaySeconds ?? 0);
    expect(delays.slice(0, JOB_CONCURRENCY)).toEqual(Array(JOB_CONCURRENCY).fill(0));
    expect(delays).toEqual([...delays].sort((a, b) => a - b));
    // Put back costs no attempt: the jobs are queued as they were.
    for (const id of putBack)
      expect(await jobRow(id)).toMatchObject({ status: 'queued', attempts: 0 });
  });

  it('a second delivery while the job runs does not run it again, and comes back for it later', async () => {
    const { org } = await signUp();
    const [job] = await queuedJobs(org.id, 'slow', 1);
    let runs = 0;
    let finish = () => {};
    const handlers = {
      slow: async () => {
        runs++;
        await new Promise<void>((resolve) => {
          finish = resolve;
        });
        return {};
      },
    };
    const first = consumeJobs(batchOf('generation', [job!]), env, handlers);
    while (runs === 0) await sleep(5);

    const twin = batchOf('generation', [job!]);
    const queue = recordingQueue();
    const ctx = createExecutionContext();
    await consumeJobs(twin, queue.env, handlers);
    expect(runs).toBe(1);
    expect((await getQueueResult(twin, ctx)).explicitAcks).toEqual(['m0']);
    expect(queue.sent).toHaveLength(1);
    expect(queue.sent[0]!.body).toEqual({ jobId: job!.id, orgId: org.id });
    // It comes back once the first runner's claim would have lapsed.
    expect(queue.sent[0]!.delaySeconds).toBeGreaterThan(JOB_LEASE_MS / 1000 - 10);

    finish();
    await first;
    await consumeJobs(batchOf('generation', [job!]), env, handlers);
    expect(runs).toBe(1);
    expect(await jobRow(job!.id)).toMatchObject({ status: 'done', attempts: 1 });
  });

  it('a job whose runner died (its claim lapsed) is taken over by the next delivery', async () => {
    const { org } = await signUp();
    const [job] = await queuedJobs(org.id, 'revive', 1);
    await env.DB.prepare(
      "update jobs set status = 'running', attempts = 1, updated_at = ? where id = ?",
    )
      .bind(Date.now() - JOB_LEASE_MS - 1000, job!.id)
      .run();
    let runs = 0;
    await consumeJobs(batchOf('generation', [job!], 2), env, {
      revive: async () => ({ runs: ++runs }),
    });
    expect(runs).toBe(1);
    expect(await jobRow(job!.id)).toMatchObject({ status: 'done', attempts: 2 });
  });
});

it('backs off exponentially, capped at five minutes', () => {
  expect([1, 2, 3, 4, 8, 9, 20].map(backoffSeconds)).toEqual([2, 4, 8, 16, 256, 300, 300]);
});

describe('cron triggers', () => {
  it('the daily run deletes refresh tokens that can never be used again, keeping recent ones', async () => {
    const person = await signUp();
    const now = Date.now();
    const day = 24 * 3600 * 1000;
    await env.DB.prepare(
      `insert into refresh_tokens (id, user_id, family_id, token_hash, org_id, expires_at, used_at, created_at) values
       ('t-expired', ?1, 'f', 'h1', ?2, ?3, null, ?3), ('t-used-long-ago', ?1, 'f', 'h2', ?2, ?4, ?5, ?5), ('t-used-recently', ?1, 'f', 'h3', ?2, ?4, ?6, ?6)`,
    )
      .bind(person.user.id, person.org.id, now - day, now + 30 * day, now - 8 * day, now - day)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled!(
      createScheduledController({ cron: '0 0 * * *', scheduledTime: now }),
      env,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    const left = await env.DB.prepare("select id from refresh_tokens where id like 't-%'").all<{
      id: string;
    }>();
    expect(left.results.map((r) => r.id)).toEqual(['t-used-recently']);
  });
});
