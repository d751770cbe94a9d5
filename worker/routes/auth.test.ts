import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import {
  atStartOfRateWindow,
  call,
  nextIp,
  refreshCookieFrom,
  signUp,
} from '../../test/helpers.ts';

const count = async (table: string) =>
  (await env.DB.prepare(`select count(*) as n from ${table}`).first<{ n: number }>())!.n;

describe('register', () => {
  it('creates the user, an org they own, an access token and an httpOnly refresh cookie', async () => {
    const res = await call('/api/v1/auth/register', {
      body: {
        email: ' Maria@Example.com ',
        password: 'uma senha bem longa',
        name: 'Maria',
        orgName: 'Agência Sol',
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.user).toMatchObject({ email: 'maria@example.com', name: 'Maria' });
    expect(res.json.org).toMatchObject({ name: 'Agência Sol', slug: 'agencia-sol', role: 'owner' });
    expect(res.json.accessToken.split('.')).toHaveLength(3);
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('gl_refresh='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).not.toMatch(/Secure/i); // localhost only; any other host gets Secure
    const me = await call('/api/v1/me', { token: res.json.accessToken });
    expect(me.json.activeOrg).toMatchObject({ id: res.json.org.id, role: 'owner' });
  });

  it('marks the cookie Secure outside localhost', async () => {
    const res = await call('/api/v1/auth/register', {
      body: {
        email: 'secure@example.com',
        password: 'uma senha bem longa',
        name: 'S',
        orgName: 'S',
      },
      headers: {},
    });
    expect(res.status).toBe(201);
    const { SELF } = await import('cloudflare:test');
    const remote = await SELF.fetch('https://app.gestorlead.dev/api/v1/auth/register', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cf-connecting-ip': nextIp() },
      body: JSON.stringify({
        email: 'secure2@example.com',
        password: 'uma senha bem longa',
        name: 'S',
        orgName: 'S',
      }),
    });
    expect(remote.status).toBe(201);
    expect(remote.headers.getSetCookie().find((c) => c.startsWith('gl_refresh='))).toMatch(
      /Secure/i,
    );
  });

  it('refuses a weak password naming the field, and writes nothing', async () => {
    const before = await count('users');
    for (const password of ['short', '1234567890', 'aaaaaaaaaaaa', 'weakling-weakling']) {
      const res = await call('/api/v1/auth/register', {
        body: { email: 'weakling@example.com', password, name: 'W', orgName: 'W' },
      });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.json.errors[0].path).toBe('password');
    }
    expect(await count('users')).toBe(before);
    expect(await count('orgs')).toBeGreaterThanOrEqual(0);
  });

  it('lets exactly one of two simultaneous sign-ups with one e-mail through', async () => {
    const body = {
      email: 'twice@example.com',
      password: 'uma senha bem longa',
      name: 'T',
      orgName: 'T',
    };
    const results = await Promise.all([
      call('/api/v1/auth/register', { body }),
      call('/api/v1/auth/register', { body }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const again = await call('/api/v1/auth/register', { body });
    expect(again.status).toBe(409);
    expect(again.json.errors[0].path).toBe('email');
  });
});

describe('login', () => {
  it('answers an unknown e-mail exactly like a wrong password', async () => {
    const person = await signUp();
    const wrongPassword = await call('/api/v1/auth/login', {
      body: { email: person.user.email, password: 'not the password' },
    });
    const unknownEmail = await call('/api/v1/auth/login', {
      body: { email: 'nobody@example.com', password: 'not the password' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect({ ...wrongPassword.json, instance: undefined }).toEqual({
      ...unknownEmail.json,
      instance: undefined,
    });
    const ok = await call('/api/v1/auth/login', {
      body: { email: person.user.email, password: person.password },
    });
    expect(ok.status).toBe(200);
    expect(ok.json.org.id).toBe(person.org.id);
  });

  it('limits sign-in attempts per client IP with 429 and Retry-After', {
    timeout: 30_000,
  }, async () => {
    const ip = nextIp();
    await atStartOfRateWindow(5);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof call>> | undefined;
    for (let i = 0; i < 22; i++) {
      last = await call('/api/v1/auth/login', {
        ip,
        body: { email: 'x@example.com', password: 'whatever-here' },
      });
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(last!.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    // Another IP is unaffected.
    expect(
      (
        await call('/api/v1/auth/login', {
          body: { email: 'x@example.com', password: 'whatever-here' },
        })
      ).status,
    ).toBe(401);
  });
});

describe('refresh tokens', () => {
  it('rotate on every use; replaying a used one revokes the whole family', async () => {
    const person = await signUp();
    const first = await call('/api/v1/auth/refresh', { method: 'POST', cookie: person.cookie });
    expect(first.status).toBe(200);
    const second = refreshCookieFrom(first.headers);
    expect(second).not.toBe(person.cookie);

    const replay = await call('/api/v1/auth/refresh', { method: 'POST', cookie: person.cookie });
    expect(replay.status).toBe(401);
    // The thief's replay also ends the legitimate holder's session.
    expect((await call('/api/v1/auth/refresh', { method: 'POST', cookie: second })).status).toBe(
      401,
    );
  });

  it('allows only one of two concurrent refreshes with the same token', async () => {
    const person = await signUp();
    const results = await Promise.all([
      call('/api/v1/auth/refresh', { method: 'POST', cookie: person.cookie }),
      call('/api/v1/auth/refresh', { method: 'POST', cookie: person.cookie }),
    ]);
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
  });

  it('answer 204 to a browser without a refresh cookie (nobody signed in), 401 to a bad one', async () => {
    const none = await call('/api/v1/auth/refresh', { method: 'POST' });
    expect(none.status).toBe(204);
    expect(none.headers.getSetCookie()).toEqual([]);
    const bad = await call('/api/v1/auth/refresh', {
      method: 'POST',
      cookie: 'gl_refresh=made-up',
    });
    expect(bad.status).toBe(401);
  });

  it('stop working after logout', async () => {
    const person = await signUp();
    expect(
      (await call('/api/v1/auth/logout', { method: 'POST', cookie: person.cookie })).status,
    ).toBe(204);
    expect(
      (await call('/api/v1/auth/refresh', { method: 'POST', cookie: person.cookie })).status,
    ).toBe(401);
  });
});

describe('organizations of one person', () => {
  it('switches the active org and keeps it across refresh', async () => {
    const person = await signUp();
    const second = await call('/api/v1/orgs', {
      token: person.token,
      body: { name: 'Segunda Loja' },
    });
    expect(second.status).toBe(201);
    const switched = await call('/api/v1/auth/switch-org', {
      token: person.token,
      cookie: person.cookie,
      body: { orgId: second.json.id },
    });
    expect(switched.status).toBe(200);
    expect(switched.json.org).toMatchObject({ id: second.json.id, role: 'owner' });
    const refreshed = await call('/api/v1/auth/refresh', {
      method: 'POST',
      cookie: refreshCookieFrom(switched.headers),
    });
    expect(refreshed.json.org.id).toBe(second.json.id);
    const me = await call('/api/v1/me', { token: refreshed.json.accessToken });
    expect(me.json.memberships).toHaveLength(2);
    expect(me.json.activeOrg.id).toBe(second.json.id);
  });

  it('refuses switching into an org one does not belong to', async () => {
    const a = await signUp();
    const b = await signUp();
    const res = await call('/api/v1/auth/switch-org', {
      token: a.token,
      body: { orgId: b.org.id },
    });
    expect(res.status).toBe(403);
  });
});
