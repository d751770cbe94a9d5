/**
 * The generation job under retries and crashes. Here the test plays the queue: generations are
 * requested with the queue's sends swallowed, and each delivery is handed to the consumer by hand,
 * so a test decides exactly when a "crashed" attempt is redelivered.
 */

import { createMessageBatch, env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import { database } from '../../platform/db.ts';
import { consumeJobs, type Job, type QueueMessage } from '../../platform/jobs.ts';
import type { GenerationInput } from '../../schema/inputs/studio.ts';
import { type FakeTenant, fakeTenant } from '../../test/ai-fakes.ts';
import { call, signUp, type TestUser } from '../../test/helpers.ts';
import {
  balanceOf,
  envWithoutQueueDelivery,
  generate,
  setUpProvider,
  waitForGeneration,
} from '../../test/studio.ts';
import { ledgerOf } from '../credits/ledger-client.ts';
import type { GenerationLedger } from './credits.ts';
import { requestGeneration } from './generations.ts';
import { cachedCredits, defaultRunOptions, GENERATION_JOB_KIND, runGeneration } from './run.ts';

const db = database(env.DB);

async function owner(): Promise<{ person: TestUser; fake: FakeTenant }> {
  const person = await signUp();
  const fake = fakeTenant('openai');
  await setUpProvider(person, 'openai', { apiKey: 'sk-test-run', baseUrl: fake.baseUrl });
  return { person, fake };
}

/** A generation whose job row exists but whose message the test delivers itself. */
async function requested(person: TestUser, input: Partial<GenerationInput> = {}) {
  const { generation, job } = await requestGeneration({
    env: envWithoutQueueDelivery(),
    db,
    c: null,
    who: { kind: 'user', userId: person.user.id, orgId: person.org.id, role: 'owner' },
    orgId: person.org.id,
    input: {
      modality: 'text',
      prompt: 'Post sobre a promoção de inverno',
      provider: 'openai',
      params: { maxTokens: 400 },
      ...input,
    } as GenerationInput,
    idempotencyKey: crypto.randomUUID(),
    ledger: ledgerOf(env, person.org.id),
  });
  return { generation, job };
}

let delivery = 0;
async function deliver(job: Job, ledger: GenerationLedger, attempts = 1) {
  const batch = createMessageBatch<QueueMessage>('generation', [
    {
      id: `m${delivery++}`,
      timestamp: new Date(),
      attempts,
      body: { jobId: job.id, orgId: job.orgId },
    },
  ]);
  // A delivery put back for later (a twin of a running job) is swallowed; the test redelivers.
  await consumeJobs(batch, envWithoutQueueDelivery(), {
    [GENERATION_JOB_KIND]: (claimed, ctx) =>
      runGeneration(claimed, ctx, {
        ...defaultRunOptions(env, claimed.orgId),
        backoffMs: 10,
        ledger,
      }),
  });
}

const rowOf = (table: string, id: string) =>
  env.DB.prepare(`select * from ${table} where id = ?`).bind(id).first<Record<string, any>>();

describe('a consumer crash between the provider call and the capture', { timeout: 20_000 }, () => {
  it('is retried without a second provider call or a second charge', async () => {
    const { person, fake } = await owner();
    const { generation, job } = await requested(person);
    const real = ledgerOf(env, person.org.id);
    let crashes = 1;
    const crashing: GenerationLedger = {
      hold: (input) => real.hold(input),
      release: (input) => real.release(input),
      capture: async (input) => {
        if (crashes-- > 0) throw new Error('isolate terminated');
        return real.capture(input);
      },
    };

    await deliver(job, crashing, 1);
    expect(await fake.requests()).toHaveLength(1);
    const afterCrash = await rowOf('studio_generations', generation.id);
    expect(afterCrash).toMatchObject({ provider: 'openai', settled_at: null });
    expect(afterCrash!.checkpointed_at).not.toBeNull();
    expect((await rowOf('jobs', job.id))!.status).toBe('queued');
    expect(await balanceOf(person.org.id)).toMatchObject({ held: generation.creditsHeld });

    await deliver(job, crashing, 2);
    expect(await fake.requests()).toHaveLength(1);
    const settled = await rowOf('studio_generations', generation.id);
    expect((await rowOf('jobs', job.id))!.status).toBe('done');
    expect(settled!.credits_charged).toBeGreaterThan(0);
    expect(await balanceOf(person.org.id)).toEqual({
      balance: WELCOME_CREDITS - settled!.credits_charged,
      held: 0,
      available: WELCOME_CREDITS - settled!.credits_charged,
    });
  });

  it('a crash right after the capture landed does not charge again on retry', async () => {
    const { person, fake } = await owner();
    const { generation, job } = await requested(person);
    const real = ledgerOf(env, person.org.id);
    let crashes = 1;
    const capturedThenCrashed: GenerationLedger = {
      hold: (input) => real.hold(input),
      release: (input) => real.release(input),
      capture: async (input) => {
        const captured = await real.capture(input);
        if (crashes-- > 0) throw new Error('isolate terminated after the capture');
        return captured;
      },
    };
    await deliver(job, capturedThenCrashed, 1);
    const charged = (await balanceOf(person.org.id)).balance;
    expect(charged).toBeLessThan(WELCOME_CREDITS);
    await deliver(job, capturedThenCrashed, 2);
    await deliver(job, capturedThenCrashed, 3); // a stray redelivery of the finished job
    expect(await fake.requests()).toHaveLength(1);
    const settled = await rowOf('studio_generations', generation.id);
    expect(await balanceOf(person.org.id)).toEqual({
      balance: WELCOME_CREDITS - settled!.credits_charged,
      held: 0,
      available: WELCOME_CREDITS - settled!.credits_charged,
    });
    expect(charged).toBe(WELCOME_CREDITS - settled!.credits_charged);
  });
});

describe('two deliveries of one generation at the same moment', { timeout: 20_000 }, () => {
  it('call the provider once and charge once; the twin comes back and finds it done', async () => {
    const { person, fake } = await owner();
    const { generation, job } = await requested(person);
    const ledger = ledgerOf(env, person.org.id);
    await Promise.all([deliver(job, ledger, 1), deliver(job, ledger, 1)]);
    await deliver(job, ledger, 1); // the twin, put back, arrives after the run
    expect(await fake.requests()).toHaveLength(1);
    expect(await rowOf('jobs', job.id)).toMatchObject({ status: 'done', attempts: 1 });
    const settled = await rowOf('studio_generations', generation.id);
    expect(settled!.credits_charged).toBeGreaterThan(0);
    expect(await balanceOf(person.org.id)).toEqual({
      balance: WELCOME_CREDITS - settled!.credits_charged,
      held: 0,
      available: WELCOME_CREDITS - settled!.credits_charged,
    });
  });
});

describe('a hold that expired before the job finished', { timeout: 20_000 }, () => {
  it('keeps the output, charges nothing and says so in an alert', async () => {
    const { person } = await owner();
    const { generation, job } = await requested(person);
    const ledger = ledgerOf(env, person.org.id);
    // What expiry does: the hold is closed and its credits are available again.
    expect((await ledger.release({ key: 'expired-meanwhile', holdId: generation.holdId })).ok).toBe(
      true,
    );
    await deliver(job, ledger);
    expect((await rowOf('jobs', job.id))!.status).toBe('done');
    expect(await rowOf('studio_generations', generation.id)).toMatchObject({ credits_charged: 0 });
    expect((await rowOf('studio_generations', generation.id))!.output_text).toMatch(/^Fake reply/);
    const alert = await env.DB.prepare('select kind, severity from alerts where org_id = ?')
      .bind(person.org.id)
      .first();
    expect(alert).toEqual({ kind: 'studio.uncharged', severity: 'warning' });
    expect(await balanceOf(person.org.id)).toEqual({
      balance: WELCOME_CREDITS,
      held: 0,
      available: WELCOME_CREDITS,
    });
  });
});

describe('a chain that keeps failing', { timeout: 20_000 }, () => {
  it('is retried by the queue, then given up with every credit released', async () => {
    const { person, fake } = await owner();
    await fake.control({ fail: { status: 503, times: 100 } });
    const { generation, job } = await requested(person);
    const ledger = ledgerOf(env, person.org.id);
    await deliver(job, ledger, 1);
    await deliver(job, ledger, 2);
    expect((await rowOf('jobs', job.id))!.status).toBe('queued');
    expect(await balanceOf(person.org.id)).toMatchObject({ held: generation.creditsHeld });
    await deliver(job, ledger, 3);
    expect(await rowOf('jobs', job.id)).toMatchObject({ status: 'failed' });
    expect((await rowOf('jobs', job.id))!.error).toMatch(/No provider could serve this/);
    expect(await fake.requests()).toHaveLength(3);
    expect(await balanceOf(person.org.id)).toEqual({
      balance: WELCOME_CREDITS,
      held: 0,
      available: WELCOME_CREDITS,
    });
  });

  it('falls back to the next provider of the org’s chain within one attempt', async () => {
    const { person, fake } = await owner();
    const backup = fakeTenant('openai');
    await setUpProvider(
      person,
      'openrouter',
      { apiKey: 'sk-test-backup', baseUrl: backup.baseUrl },
      { text: ['openai', 'openrouter'] },
    );
    await fake.control({ fail: { status: 429, times: 1 } });
    const { generation, job } = await requested(person, { provider: undefined });
    expect(generation.chain.map((s) => s.provider)).toEqual(['openai', 'openrouter']);
    await deliver(job, ledgerOf(env, person.org.id));
    expect(await rowOf('studio_generations', generation.id)).toMatchObject({
      provider: 'openrouter',
      model: 'openai/gpt-4o-mini',
    });
    expect((await rowOf('jobs', job.id))!.status).toBe('done');
    expect(await backup.requests()).toHaveLength(1);
  });
});

describe('the exact-match cache', { timeout: 20_000 }, () => {
  const body = {
    modality: 'text',
    provider: 'openai',
    prompt: 'Três ideias de post para uma pizzaria',
    params: { maxTokens: 300 },
  };

  it('serves a repeat in the same org without a provider call, charged by the org’s policy', async () => {
    const { person, fake } = await owner();
    const first = await waitForGeneration(person, (await generate(person, body)).json.id);
    expect(first).toMatchObject({ status: 'done', cached: false });
    const full = first.creditsCharged;

    const free = await waitForGeneration(person, (await generate(person, body)).json.id);
    expect(free).toMatchObject({ status: 'done', cached: true, creditsCharged: 0 });
    expect(free.output.text).toBe(first.output.text);
    expect(await fake.requests()).toHaveLength(1);

    await call('/api/v1/studio/settings', {
      method: 'PATCH',
      token: person.token,
      body: { cachePolicy: 'full' },
    });
    const paid = await waitForGeneration(person, (await generate(person, body)).json.id);
    expect(paid).toMatchObject({ cached: true, creditsCharged: full });
    expect(await fake.requests()).toHaveLength(1);
    expect((await balanceOf(person.org.id)).balance).toBe(WELCOME_CREDITS - 2 * full);

    // Different parameters are a different request.
    const longer = await waitForGeneration(
      person,
      (await generate(person, { ...body, params: { maxTokens: 301 } })).json.id,
    );
    expect(longer.cached).toBe(false);
    expect(await fake.requests()).toHaveLength(2);
  });

  it('never serves one org another org’s result', async () => {
    const a = await owner();
    const b = await signUp();
    // B reaches the very same provider endpoint with the very same request.
    await setUpProvider(b, 'openai', { apiKey: 'sk-test-run-b', baseUrl: a.fake.baseUrl });
    await waitForGeneration(a.person, (await generate(a.person, body)).json.id);
    const fromB = await waitForGeneration(b, (await generate(b, body)).json.id);
    expect(fromB).toMatchObject({ status: 'done', cached: false });
    const requests = await a.fake.requests();
    expect(requests.map((r) => r.headers.authorization)).toEqual([
      'Bearer sk-test-run',
      'Bearer sk-test-run-b',
    ]);
  });

  it.each([
    ['free', 7, 0],
    ['half', 7, 4],
    ['half', 1, 1],
    ['full', 7, 7],
  ] as const)(
    'a hit under the %s policy for a %i-credit result costs %i',
    (policy, full, credits) => {
      expect(cachedCredits(policy, full)).toBe(credits);
    },
  );
});
