/** Helpers for the AI studio's integration tests: requesting, waiting, credits, provider setup. */
import { env } from 'cloudflare:test';
import { ledgerOf } from '../services/credits/ledger-client.ts';
import { call, type TestUser } from './helpers.ts';

export function generate(
  user: TestUser,
  body: Record<string, unknown>,
  key: string | null = crypto.randomUUID(),
) {
  return call('/api/v1/studio/generations', {
    token: user.token,
    body,
    headers: key === null ? {} : { 'idempotency-key': key },
  });
}

/** Polls the generation until its job has finished (the real queue consumer runs it). */
export async function waitForGeneration(user: TestUser, id: string, timeoutMs = 20_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await call(`/api/v1/studio/generations/${id}`, { token: user.token });
    if (res.status !== 200) throw new Error(`generation ${id}: ${res.status} ${res.text}`);
    if (res.json.status === 'done' || res.json.status === 'failed') return res.json;
    if (Date.now() > until) throw new Error(`generation ${id} still ${res.json.status}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const balanceOf = (orgId: string) => ledgerOf(env, orgId).balance();

/** Gives the org a provider (key and endpoint) and, optionally, chains. */
export async function setUpProvider(
  owner: TestUser,
  provider: string,
  access: { apiKey?: string; baseUrl?: string },
  chains?: Record<string, string[]>,
) {
  const res = await call('/api/v1/studio/settings', {
    method: 'PATCH',
    token: owner.token,
    body: { providers: { [provider]: access }, ...(chains ? { chains } : {}) },
  });
  if (res.status !== 200) throw new Error(`settings: ${res.status} ${res.text}`);
  return res.json;
}

/** The Worker's env with the generation queue's sends swallowed: the test delivers messages itself. */
export const envWithoutQueueDelivery = (): typeof env => ({
  ...env,
  GENERATION_QUEUE: {
    ...env.GENERATION_QUEUE,
    send: async () => {},
    sendBatch: async () => {},
  } as unknown as typeof env.GENERATION_QUEUE,
});

/** Waits until every studio job of the org has finished; returns the credits they were charged. */
export async function studioJobsSettled(orgId: string, timeoutMs = 20_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { results } = await env.DB.prepare(
      `select j.status, g.credits_charged as charged from studio_generations g
       left join jobs j on j.org_id = g.org_id and j.id = g.job_id where g.org_id = ?`,
    )
      .bind(orgId)
      .all<{ status: string | null; charged: number | null }>();
    if (results.every((r) => r.status === 'done' || r.status === 'failed'))
      return results.reduce((n, r) => n + (r.charged ?? 0), 0);
    if (Date.now() > until) throw new Error(`studio jobs of ${orgId} still running`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
