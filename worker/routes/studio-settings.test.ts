import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { openSecret } from '../../platform/secret-box.ts';
import { PRICE_BOOK } from '../../providers/ai/price-book.ts';
import { addMember, call, signUp } from '../../test/helpers.ts';

const settings = (token: string, body?: unknown) =>
  call(
    '/api/v1/studio/settings',
    body === undefined ? { token } : { method: 'PATCH', token, body },
  );

describe('provider keys', () => {
  it('are stored sealed and never returned: only whether one is set and its last four characters', async () => {
    const owner = await signUp();
    const key = 'sk-live-abcdefghijklmnop-WXYZ';
    const res = await settings(owner.token, { providers: { openai: { apiKey: key } } });
    expect(res.status).toBe(200);
    const openai = res.json.providers.find((p: any) => p.id === 'openai');
    expect(openai).toMatchObject({ keySet: true, keyLast4: 'WXYZ', usable: true });
    expect(res.text).not.toContain('abcdefgh');

    const member = await addMember(owner, 'member');
    const seen = await settings(member.token);
    expect(seen.text).not.toContain('abcdefgh');
    expect(seen.json.providers.find((p: any) => p.id === 'openai').keyLast4).toBe('WXYZ');

    const row = await env.DB.prepare(
      "select encrypted_key, key_last4 from ai_provider_keys where org_id = ? and provider = 'openai'",
    )
      .bind(owner.org.id)
      .first<{ encrypted_key: string; key_last4: string }>();
    expect(row!.encrypted_key).not.toContain('abcdefgh');
    expect(await openSecret(env.ENCRYPTION_KEY, row!.encrypted_key, `${owner.org.id}/openai`)).toBe(
      key,
    );

    const audit = await call('/api/v1/org/audit-log', { token: owner.token });
    expect(audit.text).not.toContain('abcdefgh');
    expect(audit.json.items.find((e: any) => e.action === 'studio.settings.updated')).toMatchObject(
      {
        data: { providers: { openai: { apiKey: 'set' } } },
      },
    );
  });

  it('are cleared with null, after which the provider is no longer usable', async () => {
    const owner = await signUp();
    await settings(owner.token, { providers: { elevenlabs: { apiKey: 'el-live-123456789' } } });
    const cleared = await settings(owner.token, { providers: { elevenlabs: { apiKey: null } } });
    expect(cleared.json.providers.find((p: any) => p.id === 'elevenlabs')).toMatchObject({
      keySet: false,
      keyLast4: null,
      usable: false,
    });
    const res = await call('/api/v1/studio/estimate', {
      token: owner.token,
      body: { modality: 'speech', prompt: 'oi', provider: 'elevenlabs' },
    });
    expect(res.status).toBe(422);
    expect(res.json.errors[0].path).toBe('provider');
  });

  it('a self-hosted server needs its own endpoint, no key', async () => {
    const owner = await signUp();
    const before = await settings(owner.token);
    expect(before.json.providers.find((p: any) => p.id === 'self-hosted')).toMatchObject({
      usable: false,
      baseUrl: null,
    });
    const after = await settings(owner.token, {
      providers: { 'self-hosted': { baseUrl: 'http://localhost:11434/v1' } },
    });
    expect(after.json.providers.find((p: any) => p.id === 'self-hosted')).toMatchObject({
      usable: true,
      customBaseUrl: true,
      baseUrl: 'http://localhost:11434/v1',
    });
  });

  it('refuses unknown providers, keys for the sandbox, and chains a provider cannot serve', async () => {
    const owner = await signUp();
    const bad = await settings(owner.token, {
      providers: { nope: { apiKey: 'whatever-123' }, sandbox: { apiKey: 'whatever-123' } },
      chains: { image: ['elevenlabs', 'sandbox', 'sandbox'] },
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: any) => e.path).sort()).toEqual([
      'chains.image',
      'chains.image.0',
      'providers.nope',
      'providers.sandbox',
    ]);
    const unchanged = await settings(owner.token);
    expect(unchanged.json.chains.image).toEqual(['sandbox']);
  });

  it('chains and the cache policy change, and plans follow the chain', async () => {
    const owner = await signUp();
    const res = await settings(owner.token, {
      chains: { text: ['openai', 'sandbox'] },
      cachePolicy: 'half',
      cacheTtlHours: 48,
    });
    expect(res.json).toMatchObject({
      chains: { text: ['openai', 'sandbox'], image: ['sandbox'], speech: ['sandbox'] },
      cachePolicy: 'half',
      cacheTtlHours: 48,
    });
    // OpenAI has no key yet, so the plan skips it.
    const estimate = await call('/api/v1/studio/estimate', {
      token: owner.token,
      body: { modality: 'text', prompt: 'oi' },
    });
    expect(estimate.json.chain.map((s: any) => s.provider)).toEqual(['sandbox']);
  });

  it('are changed by admins only', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    const res = await settings(member.token, { cachePolicy: 'full' });
    expect(res.status).toBe(403);
  });
});

describe('the price table', () => {
  it('lists every version with what it costs this org in credits, for admins', async () => {
    const owner = await signUp();
    const res = await call('/api/v1/studio/prices', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ plan: 'free', markupBps: 5000, nanoUsdPerCredit: 10_000_000 });
    expect(res.json.rows).toHaveLength(PRICE_BOOK.length);
    expect(
      res.json.rows.find((r: any) => r.versionId === 'sandbox/sandbox-painter@2026-11-01'),
    ).toMatchObject({
      current: true,
      nanoUsd: { image: { '512x512': 10_000_000, '1024x1024': 20_000_000 } },
      credits: { perImage: { '512x512': 2, '1024x1024': 3 } },
      perGeneration: { text: null, image: { '512x512': 2, '1024x1024': 3 }, speechMinute: null },
    });
    const member = await addMember(owner, 'member');
    expect((await call('/api/v1/studio/prices', { token: member.token })).status).toBe(403);
  });
});
