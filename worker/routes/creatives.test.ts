import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { ledgerOf } from '../../services/credits/ledger-client.ts';
import { QUALIFIABLE_PRODUCT } from '../../test/ads-fixtures.ts';
import { fakeTenant } from '../../test/ai-fakes.ts';
import { addMember, call, orgRows, signUp, type TestUser } from '../../test/helpers.ts';
import { balanceOf, setUpProvider, studioJobsSettled } from '../../test/studio.ts';

async function qualifiedProduct(owner: TestUser) {
  const created = await call('/api/v1/products', {
    token: owner.token,
    body: QUALIFIABLE_PRODUCT,
  });
  const judged = await call(`/api/v1/products/${created.json.id}/qualify`, {
    method: 'POST',
    token: owner.token,
  });
  expect(judged.json.status).toBe('qualified');
  return created.json.id as string;
}

const generate = (owner: TestUser, productId: string, body: object = {}, key?: string) =>
  call(`/api/v1/products/${productId}/creatives/generate`, {
    token: owner.token,
    body,
    headers: key ? { 'idempotency-key': key } : {},
  });

async function settledCreatives(owner: TestUser, productId: string) {
  await studioJobsSettled(owner.org.id);
  const res = await call(`/api/v1/products/${productId}/creatives`, { token: owner.token });
  return res.json.items as {
    id: string;
    kind: string;
    style: string | null;
    text: string | null;
    status: string;
    error: string | null;
    media: { url: string } | null;
  }[];
}

const generationCount = async (orgId: string) =>
  (await env.DB.prepare('select count(*) as n from studio_generations where org_id = ?')
    .bind(orgId)
    .first<{ n: number }>())!.n;

describe('generating creatives', { timeout: 30_000 }, () => {
  it('makes 5 headlines, 3 styled bodies, CTAs and images through the studio, paid in credits', async () => {
    const owner = await signUp();
    const productId = await qualifiedProduct(owner);
    const res = await generate(owner, productId, { images: 1 }, 'creatives-1');
    expect(res.status).toBe(202);
    expect(res.json.items).toHaveLength(5 + 3 + 3 + 1);
    expect(res.json.items.every((c: { status: string }) => c.status !== 'failed')).toBe(true);

    const items = await settledCreatives(owner, productId);
    expect(items.map((c) => c.status)).toEqual(items.map(() => 'ready'));
    const headlines = items.filter((c) => c.kind === 'headline');
    expect(headlines).toHaveLength(5);
    for (const h of headlines) expect(h.text!.length).toBeGreaterThan(0);
    for (const h of headlines) expect(h.text!.length).toBeLessThanOrEqual(40);
    expect(new Set(headlines.map((h) => h.text)).size).toBeGreaterThan(1);
    expect(
      items
        .filter((c) => c.kind === 'body')
        .map((c) => c.style)
        .sort(),
    ).toEqual(['informative', 'social_proof', 'urgency']);
    for (const cta of items.filter((c) => c.kind === 'cta'))
      expect(cta.text!.length).toBeLessThanOrEqual(25);
    const [image] = items.filter((c) => c.kind === 'image');
    const picture = await call(image!.media!.url, { token: owner.token });
    expect(picture.status).toBe(200);
    expect(picture.headers.get('content-type')).toBe('image/png');

    // Every generation was charged through the ledger, and nothing is left held.
    const charged = await env.DB.prepare(
      'select sum(credits_charged) as n from studio_generations where org_id = ?',
    )
      .bind(owner.org.id)
      .first<{ n: number }>();
    expect(charged!.n).toBeGreaterThan(0);
    expect(await balanceOf(owner.org.id)).toEqual({
      balance: WELCOME_CREDITS - charged!.n,
      held: 0,
      available: WELCOME_CREDITS - charged!.n,
    });

    // The same request again: the same creatives, no new generation, no new hold.
    const generations = await generationCount(owner.org.id);
    const again = await generate(owner, productId, { images: 1 }, 'creatives-1');
    expect(again.status).toBe(202);
    expect(again.json.items.map((c: { id: string }) => c.id).sort()).toEqual(
      items.map((c) => c.id).sort(),
    );
    expect(await generationCount(owner.org.id)).toBe(generations);
  });

  it('puts on the statement what each charge paid for: a creative of the product', async () => {
    const owner = await signUp();
    const productId = await qualifiedProduct(owner);
    await generate(owner, productId, { headlines: 1, ctas: 1, images: 0 }, 'creatives-ref');
    const creatives = await settledCreatives(owner, productId);
    await ledgerOf(env, owner.org.id).mirrorNow();
    const { json } = await call('/api/v1/credits/entries?kind=capture', { token: owner.token });
    expect(json.items.length).toBeGreaterThan(0);
    const ids = new Set(creatives.map((c) => c.id));
    for (const line of json.items) {
      expect(line.ref).toEqual({ kind: 'creative', id: expect.any(String), productId });
      expect(ids.has(line.ref.id)).toBe(true);
      expect(line.reason).toBe('studio.generation');
    }
  });

  it('marks a creative failed, with the reason, when its generation fails', async () => {
    const owner = await signUp();
    const fake = fakeTenant('openai');
    await setUpProvider(
      owner,
      'openai',
      { apiKey: 'revoked-key-0000', baseUrl: fake.baseUrl },
      { text: ['openai'] },
    );
    const productId = await qualifiedProduct(owner);
    const res = await generate(owner, productId, { headlines: 1, ctas: 1, images: 1 });
    expect(res.status).toBe(202);
    const items = await settledCreatives(owner, productId);
    const texts = items.filter((c) => c.kind !== 'image');
    expect(texts.map((c) => c.status)).toEqual(texts.map(() => 'failed'));
    expect(texts[0]!.error).toMatch(/401/);
    expect(items.find((c) => c.kind === 'image')!.status).toBe('ready');
    expect((await balanceOf(owner.org.id)).held).toBe(0);
  });

  it('refuses with 402 and writes nothing when the org cannot pay for them all', async () => {
    const owner = await signUp();
    const productId = await qualifiedProduct(owner);
    unwrap(
      await ledgerOf(env, owner.org.id).hold({
        key: 'busy',
        credits: WELCOME_CREDITS - 3,
        memberId: null,
        reason: 'test: credits busy elsewhere',
      }),
    );
    const before = await orgRows(owner.org.id);
    const res = await generate(owner, productId);
    expect(res.status).toBe(402);
    expect(res.json).toMatchObject({ available: 3 });
    expect(res.json.missing).toBeGreaterThan(0);
    expect(await orgRows(owner.org.id)).toBe(before);
  });

  it('only for qualified products, of the caller’s org, by writers', async () => {
    const owner = await signUp();
    const created = await call('/api/v1/products', {
      token: owner.token,
      body: { title: 'x', category: 'pets', supplierCostMinor: 1, marketPriceMinor: 2 },
    });
    const notYet = await generate(owner, created.json.id);
    expect(notYet.status).toBe(409);
    const productId = await qualifiedProduct(owner);
    const stranger = await signUp();
    expect((await generate(stranger, productId)).status).toBe(404);
    const viewer = await addMember(owner, 'viewer');
    expect((await generate(viewer, productId)).status).toBe(403);
    const bad = await generate(owner, productId, { headlines: 50, locale: 'fr' });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'headlines',
      'locale',
    ]);
  });
});

describe('editing creatives', { timeout: 30_000 }, () => {
  it('edits text within each kind’s limit and keeps other orgs out', async () => {
    const owner = await signUp();
    const productId = await qualifiedProduct(owner);
    const made = await call(`/api/v1/products/${productId}/creatives`, {
      token: owner.token,
      body: { kind: 'headline', text: 'Seu gato hidratado' },
    });
    expect(made.status).toBe(201);
    expect(made.json).toMatchObject({ status: 'ready', kind: 'headline', style: null });
    const tooLong = await call(`/api/v1/creatives/${made.json.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { text: 'x'.repeat(41) },
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.json.errors[0].path).toBe('text');
    const styled = await call(`/api/v1/creatives/${made.json.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { style: 'urgency' },
    });
    expect(styled.status).toBe(422);
    const edited = await call(`/api/v1/creatives/${made.json.id}`, {
      method: 'PATCH',
      token: owner.token,
      body: { text: 'Água fresca o dia todo' },
    });
    expect(edited.json.text).toBe('Água fresca o dia todo');

    const stranger = await signUp();
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { text: 'hack' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(`/api/v1/creatives/${made.json.id}`, {
        method,
        token: stranger.token,
        body,
      });
      expect(res.status, method).toBe(404);
    }
    const mine = await call(`/api/v1/creatives/${made.json.id}`, { token: owner.token });
    expect(mine.json.text).toBe('Água fresca o dia todo');
  });
});
