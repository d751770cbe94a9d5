import { env } from 'cloudflare:test';
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { signRoomTicket, signToken } from '../../platform/tokens.ts';
import { call, signUp } from '../../test/helpers.ts';

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

describe('bearer tokens', () => {
  it('refuses a missing or malformed Authorization header with 401 and WWW-Authenticate', async () => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Basic Zm9vOmJhcg==' },
      { authorization: 'Bearer' },
      { authorization: 'Bearer a b' },
    ];
    for (const headers of variants) {
      const res = await call('/api/v1/org', { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
  });

  it('refuses alg:none, another key, expired, and tokens minted for another purpose', async () => {
    const person = await signUp();
    const claims = {
      org: person.org.id,
      role: 'owner',
      iss: 'gestorlead',
      aud: 'api',
      sub: person.user.id,
    };
    const now = Math.floor(Date.now() / 1000);
    const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, iat: now, exp: now + 600 })}.`;
    const otherKey = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode('not-our-secret-not-our-secret-not-our'));
    const expired = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now - 3600)
      .setExpirationTime(now - 1800)
      .sign(new TextEncoder().encode(env.JWT_SECRET));
    const roomTicket = await signRoomTicket(env.JWT_SECRET, person.user.id, {
      org: person.org.id,
      room: 'org-hub',
      id: person.org.id,
      role: 'owner',
      name: 'x',
    });
    const [header, payload, signature] = person.token.split('.');
    const tamperedPayload = b64url({
      ...JSON.parse(atob(payload!.replace(/-/g, '+').replace(/_/g, '/'))),
      role: 'owner',
      org: crypto.randomUUID(),
    });
    const tampered = `${header}.${tamperedPayload}.${signature}`;

    for (const [name, token] of Object.entries({
      unsigned,
      otherKey,
      expired,
      roomTicket,
      tampered,
    })) {
      const res = await call('/api/v1/me', { token });
      expect(res.status, name).toBe(401);
      expect(res.headers.get('content-type'), name).toBe('application/problem+json');
    }
    expect((await call('/api/v1/me', { token: person.token })).status).toBe(200);
  });

  it('refuses a validly signed token naming an org the person does not belong to', async () => {
    const person = await signUp();
    const other = await signUp();
    const forged = await signToken(
      env.JWT_SECRET,
      'api',
      person.user.id,
      { org: other.org.id, role: 'owner' },
      600,
    );
    const res = await call('/api/v1/org', { token: forged });
    expect(res.status).toBe(403);
  });
});
