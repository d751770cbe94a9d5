import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { database } from '../../platform/db.ts';
import { AdPlatformError } from '../../providers/ads/types.ts';
import { adAccountFor } from '../../services/ads/accounts.ts';
import { addMember, call, signUp, tableCounts } from '../../test/helpers.ts';

const TOKEN = 'EAAtestSecretTokenabcdefghijkl9XYZ';

const update = (token: string, body: unknown) =>
  call('/api/v1/ads/platforms', { method: 'PATCH', token, body });
const connect = (token: string, platform: string, connection: Record<string, unknown>) =>
  update(token, { [platform]: connection });

const metaBody = {
  accountId: 'act_123456789',
  accessToken: TOKEN,
  publisherId: '1122334455',
  pixelId: '998877',
};

describe('ad platform connections', () => {
  it('list the sandbox as always connected, in the org’s currency and time zone', async () => {
    const owner = await signUp();
    const res = await call('/api/v1/ads/platforms', { token: owner.token });
    expect(res.status).toBe(200);
    expect(res.json.items).toEqual([
      expect.objectContaining({
        platform: 'sandbox',
        connected: true,
        currency: 'BRL',
        timeZone: 'America/Sao_Paulo',
      }),
      expect.objectContaining({ platform: 'meta', connected: false, tokenLast4: null }),
      expect.objectContaining({ platform: 'tiktok', connected: false }),
    ]);
  });

  it('store the token sealed and never return it; the adapter account gets it decrypted', async () => {
    const owner = await signUp();
    const res = await connect(owner.token, 'meta', metaBody);
    expect(res.status).toBe(200);
    expect(res.text).not.toContain('abcdefghijkl');
    expect(res.json.items.find((p: any) => p.platform === 'meta')).toMatchObject({
      connected: true,
      accountId: '123456789',
      publisherId: '1122334455',
      pixelId: '998877',
      tokenLast4: '9XYZ',
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
    });

    const row = await env.DB.prepare(
      "select encrypted_access_token from ad_platform_accounts where org_id = ? and platform = 'meta'",
    )
      .bind(owner.org.id)
      .first<{ encrypted_access_token: string }>();
    expect(row!.encrypted_access_token).not.toContain('abcdefghijkl');
    expect(await adAccountFor(env, database(env.DB), owner.org.id, 'meta')).toEqual({
      platform: 'meta',
      orgId: owner.org.id,
      currency: 'BRL',
      timeZone: 'America/Sao_Paulo',
      accessToken: TOKEN,
      adAccountId: '123456789',
      pageId: '1122334455',
      pixelId: '998877',
    });

    const audit = await call('/api/v1/org/audit-log', { token: owner.token });
    expect(audit.text).not.toContain('abcdefghijkl');
    expect(audit.json.items.find((e: any) => e.action === 'ads.platforms.updated')).toMatchObject({
      data: { meta: { accountId: '123456789', currency: 'BRL' } },
    });
  });

  it('take the currency and time zone from the platform’s own account (TikTok here)', async () => {
    const owner = await signUp();
    const res = await connect(owner.token, 'tiktok', {
      accountId: '8001234567890',
      accessToken: 'tt-test-along_enough_token_0001',
      publisherId: '7000000000000000001',
    });
    expect(res.status).toBe(200);
    expect(await adAccountFor(env, database(env.DB), owner.org.id, 'tiktok')).toMatchObject({
      platform: 'tiktok',
      advertiserId: '8001234567890',
      identityId: '7000000000000000001',
      pixelId: null,
      currency: 'USD',
      timeZone: 'America/New_York',
    });
  });

  it('refuse bad input naming the field, and write nothing', async () => {
    const owner = await signUp();
    const before = await tableCounts();
    const cases: [unknown, string][] = [
      [{ google: metaBody }, 'google'],
      [{ meta: { ...metaBody, accountId: 'minha conta' } }, 'meta.accountId'],
      [{ meta: { ...metaBody, accessToken: 'short' } }, 'meta.accessToken'],
      [{ meta: { ...metaBody, publisherId: 'page' } }, 'meta.publisherId'],
      [{ meta: { ...metaBody, pixelId: 'px' } }, 'meta.pixelId'],
      // What Meta itself refuses: a token it does not accept, an account it does not know or
      // that is disabled. One bad platform keeps the good one from being written too.
      [
        { tiktok: metaBody, meta: { ...metaBody, accessToken: 'EAAwrong-token-123456789' } },
        'meta.accessToken',
      ],
      [{ meta: { ...metaBody, accountId: '987654' } }, 'meta.accountId'],
      [{ meta: { ...metaBody, accountId: '2233' } }, 'meta.accountId'],
      [
        { tiktok: { ...metaBody, accessToken: 'tt-test-valid_but_not_for_it', accountId: '9001' } },
        'tiktok.accessToken',
      ],
    ];
    for (const [body, field] of cases) {
      const res = await update(owner.token, body);
      expect(res.status, field).toBeGreaterThanOrEqual(400);
      expect(res.status, field).toBeLessThan(500);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.errors.map((e: any) => e.path)).toContain(field);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('are managed by admins only; members and viewers see them', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    const viewer = await addMember(owner, 'viewer');
    const before = await tableCounts();
    expect((await connect(member.token, 'meta', metaBody)).status).toBe(403);
    expect((await connect(viewer.token, 'meta', metaBody)).status).toBe(403);
    expect((await update(member.token, { meta: null })).status).toBe(403);
    expect(await tableCounts()).toEqual(before);
    expect((await call('/api/v1/ads/platforms', { token: viewer.token })).status).toBe(200);
    const admin = await addMember(owner, 'admin');
    expect((await connect(admin.token, 'meta', metaBody)).status).toBe(200);
  });

  it('answer 503 when the platform cannot be reached to check the account, and store nothing', async () => {
    const owner = await signUp();
    const control = (body: unknown) =>
      fetch(`${env.META_API_URL}/__control`, { method: 'POST', body: JSON.stringify(body) });
    await control({ fail: { status: 500, times: 1 } });
    const res = await connect(owner.token, 'meta', metaBody);
    await control({});
    expect(res.status).toBe(503);
    expect(res.json.title).toBe('Platform unavailable');
    expect(
      (await call('/api/v1/ads/platforms', { token: owner.token })).json.items[1].connected,
    ).toBe(false);
  });

  it('belong to one org: another org sees nothing of them', async () => {
    const owner = await signUp();
    await connect(owner.token, 'meta', metaBody);
    const stranger = await signUp();
    const res = await call('/api/v1/ads/platforms', { token: stranger.token });
    expect(res.json.items.find((p: any) => p.platform === 'meta')).toMatchObject({
      connected: false,
      accountId: null,
    });
    await expect(adAccountFor(env, database(env.DB), stranger.org.id, 'meta')).rejects.toThrow(
      AdPlatformError,
    );
  });

  it('null disconnects, deleting the token; the platform then fails as auth until reconnected', async () => {
    const owner = await signUp();
    await connect(owner.token, 'meta', metaBody);
    const res = await update(owner.token, { meta: null });
    expect(res.status).toBe(200);
    expect(res.json.items.find((p: any) => p.platform === 'meta').connected).toBe(false);
    const err = await adAccountFor(env, database(env.DB), owner.org.id, 'meta').catch((e) => e);
    expect(err).toBeInstanceOf(AdPlatformError);
    expect(err.kind).toBe('auth');
    const audit = await call('/api/v1/org/audit-log', { token: owner.token });
    expect(audit.json.items[0]).toMatchObject({
      action: 'ads.platforms.updated',
      data: { meta: 'disconnected' },
    });
  });
});
