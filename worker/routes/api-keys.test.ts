import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { raiseAlert } from '../../platform/alerts.ts';
import { atStartOfRateWindow, call, signUp } from '../../test/helpers.ts';

async function createKey(token: string, scopes: string[], extra: Record<string, unknown> = {}) {
  return call('/api/v1/org/api-keys', { token, body: { name: 'Zapier', scopes, ...extra } });
}

describe('API keys', () => {
  it('are shown once, stored hashed, and work on the routes their scopes allow', async () => {
    const owner = await signUp();
    const created = await createKey(owner.token, ['members:read', 'audit:read']);
    expect(created.status).toBe(201);
    expect(created.json.key).toMatch(/^gl_live_[A-Za-z0-9_-]{32}$/);
    expect(created.json.key.startsWith(created.json.prefix)).toBe(true);

    const listed = await call('/api/v1/org/api-keys', { token: owner.token });
    expect(JSON.stringify(listed.json)).not.toContain(created.json.key);
    const stored = await env.DB.prepare('select key_hash from api_keys where id = ?')
      .bind(created.json.id)
      .first<{ key_hash: string }>();
    expect(stored!.key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored!.key_hash).not.toContain(created.json.key);

    const members = await call('/api/v1/org/members', { token: created.json.key });
    expect(members.status).toBe(200);
    expect(members.json.items[0].userId).toBe(owner.user.id);
    const outOfScope = await call('/api/v1/org', { token: created.json.key });
    expect(outOfScope.status).toBe(403);
    expect(outOfScope.json.detail).toContain('org:read');
  });

  it('cannot be given scopes that manage keys or people, nor unknown scopes', async () => {
    const owner = await signUp();
    const res = await createKey(owner.token, ['org:read', 'api_keys:manage', 'everything']);
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['scopes.1', 'scopes.2']);
  });

  it('stop working the moment they are revoked, and when they expire', async () => {
    const owner = await signUp();
    const key = (await createKey(owner.token, ['org:read'])).json;
    expect((await call('/api/v1/org', { token: key.key })).status).toBe(200);
    expect(
      (await call(`/api/v1/org/api-keys/${key.id}`, { method: 'DELETE', token: owner.token }))
        .status,
    ).toBe(204);
    expect((await call('/api/v1/org', { token: key.key })).status).toBe(401);
    expect(
      (await call(`/api/v1/org/api-keys/${key.id}`, { method: 'DELETE', token: owner.token }))
        .status,
    ).toBe(404);

    const short = (await createKey(owner.token, ['org:read'], { expiresInDays: 1 })).json;
    await env.DB.prepare('update api_keys set expires_at = ? where id = ?')
      .bind(Date.now() - 1, short.id)
      .run();
    expect((await call('/api/v1/org', { token: short.key })).status).toBe(401);
  });

  it('are refused on routes meant for people', async () => {
    const owner = await signUp();
    const key = (await createKey(owner.token, ['org:read'])).json;
    expect((await call('/api/v1/me', { token: key.key })).status).toBe(403);
    expect(
      (
        await call('/api/v1/rooms/tickets', {
          token: key.key,
          body: { room: 'org-hub', id: owner.org.id },
        })
      ).status,
    ).toBe(403);
  });

  it('are rate limited per key with 429 and Retry-After', { timeout: 60_000 }, async () => {
    const owner = await signUp();
    const key = (await createKey(owner.token, ['org:read'])).json;
    await atStartOfRateWindow(20);
    // The test runtime limits a key to 60 requests a minute (vitest.config.ts).
    const results = await Promise.all(
      Array.from({ length: 70 }, () => call('/api/v1/org', { token: key.key })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(60);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10);
    const refused = results.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // The org's people are not locked out by one busy key.
    expect((await call('/api/v1/org', { token: owner.token })).status).toBe(200);
  });

  it('write audit entries that name the key as the actor', async () => {
    const owner = await signUp();
    const key = (await createKey(owner.token, ['alerts:update', 'audit:read'])).json;
    await raiseAlert(env, {
      orgId: owner.org.id,
      kind: 'test',
      severity: 'info',
      title: 'T',
      dedupKey: 'k',
    });
    const alert = (await call('/api/v1/alerts', { token: owner.token })).json.items[0];
    expect(
      (
        await call(`/api/v1/alerts/${alert.id}/read`, {
          method: 'POST',
          token: key.key,
          ip: '198.51.100.7',
        })
      ).status,
    ).toBe(204);
    const res = await call('/api/v1/org/audit-log', { token: key.key });
    expect(res.json.items[0]).toMatchObject({
      action: 'alert.read',
      actorType: 'api_key',
      actorId: key.id,
      targetId: alert.id,
      ip: '198.51.100.7',
    });
  });
});
