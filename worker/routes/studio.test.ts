import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import { database } from '../../platform/db.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { PRICE_BOOK } from '../../providers/ai/price-book.ts';
import { ledgerOf } from '../../services/credits/ledger-client.ts';
import { requestGeneration } from '../../services/studio/generations.ts';
import { creditsForUsage, markupFor, priceAt } from '../../services/studio/pricing.ts';
import { fakeTenant } from '../../test/ai-fakes.ts';
import { call, listenToOrgHub, orgRows, signUp, type TestUser } from '../../test/helpers.ts';
import {
  balanceOf,
  envWithoutQueueDelivery,
  generate,
  setUpProvider,
  waitForGeneration,
} from '../../test/studio.ts';

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

describe('a sandbox image, end to end', { timeout: 20_000 }, () => {
  it('is accepted with credits held, runs on the queue, is stored in R2 and charged what was shown', async () => {
    const owner = await signUp();
    const body = {
      modality: 'image',
      prompt: 'Pão de queijo quentinho',
      params: { size: '512x512' },
    };
    const estimate = await call('/api/v1/studio/estimate', { token: owner.token, body });
    expect(estimate.status).toBe(200);
    expect(estimate.json).toMatchObject({
      credits: 2,
      chain: [
        {
          provider: 'sandbox',
          model: 'sandbox-painter',
          priceVersion: 'sandbox/sandbox-painter@2026-11-01',
        },
      ],
    });

    const accepted = await generate(owner, body);
    expect(accepted.status).toBe(202);
    expect(accepted.json).toEqual({
      id: expect.any(String),
      jobId: expect.any(String),
      status: 'queued',
      creditsHeld: 2,
    });

    const done = await waitForGeneration(owner, accepted.json.id);
    expect(done).toMatchObject({
      status: 'done',
      progress: 100,
      provider: 'sandbox',
      model: 'sandbox-painter',
      cached: false,
      creditsHeld: 2,
      creditsCharged: 2,
      priceVersion: 'sandbox/sandbox-painter@2026-11-01',
      output: {
        mimeType: 'image/png',
        url: `/api/v1/studio/generations/${accepted.json.id}/output`,
      },
    });
    expect(await balanceOf(owner.org.id)).toEqual({
      balance: WELCOME_CREDITS - 2,
      held: 0,
      available: WELCOME_CREDITS - 2,
    });

    const output = await SELF.fetch(`http://localhost${done.output.url}`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(output.status).toBe(200);
    expect(output.headers.get('content-type')).toBe('image/png');
    expect(output.headers.get('content-disposition')).toMatch(
      /^inline; filename="generation-.+\.png"$/,
    );
    const bytes = new Uint8Array(await output.arrayBuffer());
    expect([...bytes.slice(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(bytes.byteLength).toBe(done.output.bytes);

    const download = await SELF.fetch(`http://localhost${done.output.url}?download=1`, {
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    await download.arrayBuffer();
  });

  it('serves its output to its own org only', async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const accepted = await generate(owner, { modality: 'speech', prompt: 'Olá, tudo bem?' });
    const done = await waitForGeneration(owner, accepted.json.id);
    expect(done.output.mimeType).toBe('audio/wav');
    expect((await call(done.output.url, { token: stranger.token })).status).toBe(404);
    expect(
      (await call(`/api/v1/studio/generations/${done.id}`, { token: stranger.token })).status,
    ).toBe(404);
  });
});

describe('the Idempotency-Key', { timeout: 20_000 }, () => {
  it('is required, and naming it is how the refusal reads', async () => {
    const owner = await signUp();
    const before = await orgRows(owner.org.id);
    const res = await generate(owner, { modality: 'text', prompt: 'oi' }, null);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      expect.objectContaining({
        path: 'headers.idempotency-key',
        message: 'This field is required.',
        code: 'required',
      }),
    ]);
    expect(await orgRows(owner.org.id)).toBe(before);
  });

  it('returns the same generation for a repeat, and holds and charges once', async () => {
    const owner = await signUp();
    const body = {
      modality: 'image',
      prompt: 'Um cachorro de óculos',
      params: { size: '512x512' },
    };
    const first = await generate(owner, body, 'repeat-me');
    const second = await generate(owner, body, 'repeat-me');
    expect(second.status).toBe(202);
    expect(second.json.id).toBe(first.json.id);
    expect(second.json.jobId).toBe(first.json.jobId);
    await waitForGeneration(owner, first.json.id);
    const third = await generate(owner, body, 'repeat-me');
    expect(third.json).toMatchObject({ id: first.json.id, status: 'done' });
    const list = await call('/api/v1/studio/generations', { token: owner.token });
    expect(list.json.items).toHaveLength(1);
    expect((await balanceOf(owner.org.id)).balance).toBe(WELCOME_CREDITS - 2);
  });

  it('holds once when the same request races itself', async () => {
    const owner = await signUp();
    const body = {
      modality: 'image',
      prompt: 'Corrida de bicicletas',
      params: { size: '512x512' },
    };
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => generate(owner, body, 'race')),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(6).fill(202));
    expect(new Set(answers.map((a) => a.json.id)).size).toBe(1);
    await waitForGeneration(owner, answers[0]!.json.id);
    expect(await balanceOf(owner.org.id)).toEqual({
      balance: WELCOME_CREDITS - 2,
      held: 0,
      available: WELCOME_CREDITS - 2,
    });
  });

  it('refuses the same key for a different request', async () => {
    const owner = await signUp();
    await generate(owner, { modality: 'text', prompt: 'primeiro' }, 'k');
    const res = await generate(owner, { modality: 'text', prompt: 'segundo' }, 'k');
    expect(res.status).toBe(409);
    expect(res.json.errors[0].path).toBe('headers.idempotency-key');
  });
});

describe('credits', { timeout: 20_000 }, () => {
  it('a request the org cannot cover is refused with 402 saying how much is missing, writing nothing', async () => {
    const owner = await signUp();
    unwrap(
      await ledgerOf(env, owner.org.id).hold({
        key: 'leave-one',
        credits: WELCOME_CREDITS - 1,
        memberId: null,
        reason: 'test: most credits busy elsewhere',
      }),
    );
    const before = await orgRows(owner.org.id);
    const res = await generate(owner, {
      modality: 'image',
      prompt: 'um barco',
      params: { size: '1024x1024' },
    });
    expect(res.status).toBe(402);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 402, missing: 2, available: 1 });
    expect(await orgRows(owner.org.id)).toBe(before);
  });

  it('captures the actual cost and releases the rest of the hold', async () => {
    const owner = await signUp();
    const fake = fakeTenant('openai');
    await setUpProvider(owner, 'openai', { apiKey: 'sk-test-studio-1', baseUrl: fake.baseUrl });
    const prompt = 'Escreva um slogan para uma padaria';
    const accepted = await generate(owner, {
      modality: 'text',
      prompt,
      provider: 'openai',
      model: 'gpt-4.1',
      params: { maxTokens: 4000 },
    });
    expect(accepted.status).toBe(202);
    const done = await waitForGeneration(owner, accepted.json.id);
    const [request] = await fake.requests();
    expect(request!.headers.authorization).toBe('Bearer sk-test-studio-1');
    expect(request!.body).toMatchObject({ model: 'gpt-4.1', max_tokens: 4000, stream: true });

    // What the fake reported, priced by the version recorded on the generation.
    const price = priceAt(PRICE_BOOK, 'openai', 'gpt-4.1', new Date())!;
    const expected = creditsForUsage(price, await usageOf(done.id), markupFor('free'));
    expect(done.creditsHeld).toBeGreaterThan(expected);
    expect(done.creditsCharged).toBe(expected);
    expect(await balanceOf(owner.org.id)).toEqual({
      balance: WELCOME_CREDITS - expected,
      held: 0,
      available: WELCOME_CREDITS - expected,
    });
  });

  it('a provider refusing the key fails the job and gives every held credit back', async () => {
    const owner = await signUp();
    const fake = fakeTenant('openai');
    await setUpProvider(owner, 'openai', { apiKey: 'revoked-key-0000', baseUrl: fake.baseUrl });
    const accepted = await generate(owner, { modality: 'text', prompt: 'oi', provider: 'openai' });
    const done = await waitForGeneration(owner, accepted.json.id);
    expect(done).toMatchObject({ status: 'failed', creditsCharged: 0, output: null });
    expect(done.error).toMatch(/401/);
    expect(await balanceOf(owner.org.id)).toEqual({
      balance: WELCOME_CREDITS,
      held: 0,
      available: WELCOME_CREDITS,
    });
  });
});

async function usageOf(id: string) {
  const row = await env.DB.prepare('select usage from studio_generations where id = ?')
    .bind(id)
    .first<{ usage: string }>();
  return JSON.parse(row!.usage);
}

describe('live progress and streamed text', { timeout: 20_000 }, () => {
  it('reach the org’s open tabs through its OrgHub, token by token', async () => {
    const owner = await signUp();
    const { events, close } = await listenToOrgHub(owner);

    const accepted = await generate(owner, {
      modality: 'text',
      prompt: 'Lançamento da coleção de verão da loja',
    });
    const done = await waitForGeneration(owner, accepted.json.id);
    const until = Date.now() + 5000;
    while (!events.some((e) => e.type === 'job' && e.status === 'done') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    close();

    const text = events.filter((e) => e.type === 'studio.text' && e.generationId === done.id);
    // Paced like a provider (2 ms a word here), each word goes out on its own; under load a few
    // may share an event, never all of them.
    const words = (await usageOf(done.id)).outputTokens;
    expect(words).toBeGreaterThan(10);
    expect(text.length).toBeGreaterThanOrEqual(Math.ceil(words / 2));
    expect(text.map((e) => e.seq)).toEqual(text.map((_, i) => i));
    expect(text.map((e) => e.delta).join('')).toBe(done.output.text);
    const statuses = events
      .filter((e) => e.type === 'job' && e.jobId === done.jobId)
      .map((e) => e.status);
    expect(statuses[0]).toBe('running');
    expect(statuses.at(-1)).toBe('done');
  });

  it('a text reports no percentage while it streams: the stream is its progress', async () => {
    const owner = await signUp();
    const { events, close } = await listenToOrgHub(owner);
    // A small token limit: a share of it would have climbed well past 10% as the words came.
    const accepted = await generate(owner, {
      modality: 'text',
      prompt: 'Legenda curta para a vitrine de inverno',
      params: { maxTokens: 60 },
    });
    const done = await waitForGeneration(owner, accepted.json.id);
    const until = Date.now() + 5000;
    while (!events.some((e) => e.type === 'job' && e.status === 'done') && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    close();
    expect(events.some((e) => e.type === 'studio.text' && e.generationId === done.id)).toBe(true);
    const running = events.filter(
      (e) => e.type === 'job' && e.jobId === done.jobId && e.status === 'running',
    );
    expect(running.length).toBeGreaterThan(0);
    expect(running.map((e) => e.progress ?? 0)).toEqual(running.map(() => 0));
    expect(events.find((e) => e.type === 'job' && e.status === 'done')?.progress).toBe(100);
  });
});

describe('history', { timeout: 20_000 }, () => {
  async function seed(owner: TestUser) {
    const ids: string[] = [];
    for (const body of [
      { modality: 'text', prompt: 'Legenda sobre café 100% arábica' },
      { modality: 'image', prompt: 'Xícara de café na mesa', params: { size: '512x512' } },
      { modality: 'speech', prompt: 'Bom dia, cliente' },
    ]) {
      const res = await generate(owner, body);
      ids.push(res.json.id);
      await waitForGeneration(owner, res.json.id);
    }
    return ids;
  }

  it('filters by modality, favorites and text, newest first, by cursor', async () => {
    const owner = await signUp();
    const [textId, imageId, speechId] = await seed(owner);
    const list = (query = '') => call(`/api/v1/studio/generations${query}`, { token: owner.token });

    expect((await list()).json.items.map((g: any) => g.id)).toEqual([speechId, imageId, textId]);
    expect((await list('?modality=image')).json.items.map((g: any) => g.id)).toEqual([imageId]);
    expect((await list('?q=cara')).json.items.map((g: any) => g.id)).toEqual([imageId]);
    expect((await list('?q=100%25')).json.items.map((g: any) => g.id)).toEqual([textId]);
    expect((await list('?q=%25')).json.items.map((g: any) => g.id)).toEqual([textId]);

    const favorite = await call(`/api/v1/studio/generations/${imageId}/favorite`, {
      token: owner.token,
      body: { favorite: true },
    });
    expect(favorite.status).toBe(204);
    expect((await list('?favorite=true')).json.items.map((g: any) => g.id)).toEqual([imageId]);
    expect((await list('?favorite=false')).json.items).toHaveLength(2);

    const first = await list('?limit=2');
    expect(first.json.items).toHaveLength(2);
    expect(first.json.nextCursor).toBe(imageId);
    const second = await list(`?limit=2&cursor=${first.json.nextCursor}`);
    expect(second.json.items.map((g: any) => g.id)).toEqual([textId]);
    expect(second.json.nextCursor).toBeNull();
  });

  it('a deleted generation is gone with its output and its cache entry', async () => {
    const owner = await signUp();
    const body = { modality: 'image', prompt: 'Girassóis', params: { size: '512x512' } };
    const accepted = await generate(owner, body);
    const done = await waitForGeneration(owner, accepted.json.id);
    const prefix = `orgs/${owner.org.id}/studio/${done.id}/`;
    expect((await env.MEDIA.list({ prefix })).objects).toHaveLength(1);

    expect(
      (
        await call(`/api/v1/studio/generations/${done.id}`, {
          method: 'DELETE',
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    expect(
      (await call(`/api/v1/studio/generations/${done.id}`, { token: owner.token })).status,
    ).toBe(404);
    expect((await call(done.output.url, { token: owner.token })).status).toBe(404);
    expect((await env.MEDIA.list({ prefix })).objects).toHaveLength(0);
    // The same request is generated afresh, not served from a cache of deleted output.
    const again = await waitForGeneration(owner, (await generate(owner, body)).json.id);
    expect(again.cached).toBe(false);
  });

  it('a generation still queued cannot be deleted', async () => {
    const owner = await signUp();
    const { generation } = await requestGeneration({
      env: envWithoutQueueDelivery(),
      db: database(env.DB),
      c: null,
      who: { kind: 'user', userId: owner.user.id, orgId: owner.org.id, role: 'owner' },
      orgId: owner.org.id,
      input: { modality: 'text', prompt: 'na fila', params: {} },
      idempotencyKey: 'queued',
      ledger: ledgerOf(env, owner.org.id),
    });
    const res = await call(`/api/v1/studio/generations/${generation.id}`, {
      method: 'DELETE',
      token: owner.token,
    });
    expect(res.status).toBe(409);
  });
});
