import { createExecutionContext, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { call, signUp } from '../../test/helpers.ts';
import worker from '../index.ts';

const TOKEN = 'test-dev-token';

/** A request to the Worker as `wrangler dev` runs it: development, with a dev token set. */
async function devCall(path: string, body: unknown) {
  const res = await worker.fetch(
    new Request(`http://localhost${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-dev-seed-token': TOKEN },
      body: JSON.stringify(body),
    }),
    { ...env, DEV_SEED_TOKEN: TOKEN },
    createExecutionContext(),
  );
  return { status: res.status, json: (await res.json()) as any };
}

describe('the queue benchmark’s job routes', () => {
  it('do not exist without the local dev token, and queue nothing', async () => {
    const owner = await signUp();
    for (const path of ['noop', 'summary']) {
      const res = await call(`/api/dev/jobs/${path}`, {
        body: { orgId: owner.org.id, count: 5, kind: 'bench.noop' },
        headers: { 'x-dev-seed-token': 'guess' },
      });
      expect(res.status, path).toBe(404);
    }
    const queued = await env.DB.prepare('select count(*) as n from jobs where org_id = ?')
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(queued!.n).toBe(0);
  });

  it('queue no-op jobs that the real consumer runs, and sum them up by status', async () => {
    const owner = await signUp();
    const queued = await devCall('/api/dev/jobs/noop', { orgId: owner.org.id, count: 12 });
    expect(queued.status).toBe(200);
    expect(new Set(queued.json.jobIds).size).toBe(12);
    const until = Date.now() + 15_000;
    let summary = await devCall('/api/dev/jobs/summary', {
      orgId: owner.org.id,
      kind: 'bench.noop',
    });
    while (summary.json.byStatus.done !== 12 && Date.now() < until) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      summary = await devCall('/api/dev/jobs/summary', { orgId: owner.org.id, kind: 'bench.noop' });
    }
    expect(summary.json.byStatus).toEqual({ done: 12 });
    expect(summary.json.lastUpdatedAt).toBeGreaterThanOrEqual(summary.json.firstCreatedAt);
  });
});
