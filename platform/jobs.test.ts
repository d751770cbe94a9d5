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
import { backoffSeconds, consumeJobs, enqueueJob, type QueueMessage, RetryLater } from './jobs.ts';

const jobRow = (id: string) =>
  env.DB.prepare('select * from jobs where id = ?').bind(id).first<Record<string, any>>();

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
    expect(await jobRow(flaky.id)).toMatchObject({ status: 'running' });
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
