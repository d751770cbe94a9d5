/**
 * HTTP hygiene every answer keeps: 405 with `Allow` for a known path asked with the wrong method,
 * `no-store` and `nosniff` on every answer, ids in one canonical form, text without control
 * characters or broken Unicode, validation messages in the app's own words, and the CORS rule
 * (only web-form capture answers other origins).
 */
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { call, nextIp, ORIGIN, signUp, type TestUser, tableCounts } from '../test/helpers.ts';

let owner: TestUser;
let board: { id: string; stages: { id: string }[] };

beforeAll(async () => {
  owner = await signUp();
  board = (await call('/api/v1/boards', { token: owner.token, body: { name: 'Higiene' } })).json;
});

const expectHygiene = (res: { headers: Headers }, what: string) => {
  expect(res.headers.get('x-content-type-options'), what).toBe('nosniff');
  expect(res.headers.get('cache-control'), what).toBe('no-store');
};

describe('a known path asked with the wrong method', () => {
  it.each([
    ['PUT', '/api/v1/leads', 'GET, HEAD, POST'],
    ['DELETE', '/api/v1/boards', 'GET, HEAD, POST'],
    ['GET', '/api/v1/auth/login', 'POST'],
    ['POST', '/api/v1/leads/0190f3c4-5a6b-7c8d-9e0f-a1b2c3d4e5f6', 'GET, HEAD, PATCH, DELETE'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const res = await call(path, { method, token: owner.token });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')?.split(', ').sort()).toEqual(allow.split(', ').sort());
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json).toMatchObject({ status: 405, title: 'Method not allowed' });
    expectHygiene(res, path);
  });

  it('an unknown path is still 404', async () => {
    const res = await call('/api/v1/nothing-here', { method: 'PUT' });
    expect(res.status).toBe(404);
    expect(res.headers.get('allow')).toBeNull();
    expectHygiene(res, '404');
  });
});

describe('every answer', { timeout: 20_000 }, () => {
  it('carries no-store and nosniff: public, signed in, secret-bearing, refused, and media', async () => {
    const login = await call('/api/v1/auth/login', {
      body: { email: owner.user.email, password: owner.password },
    });
    expect(login.status).toBe(200);
    expectHygiene(login, 'login (a token)');
    expectHygiene(await call('/api/health'), 'health');
    expectHygiene(await call('/api/v1/leads', { token: owner.token }), 'leads');
    expectHygiene(await call('/api/v1/leads'), '401');
    const secret = await call(`/api/v1/boards/${board.id}/capture-secret`, {
      method: 'POST',
      token: owner.token,
    });
    expect(secret.status).toBe(201);
    expectHygiene(secret, 'capture secret');
    const csv = await call(`/api/v1/boards/${board.id}/imports?name=x.csv`, {
      token: owner.token,
      body: 'nome\nAna\n',
      headers: { 'content-type': 'text/csv' },
    });
    expectHygiene(csv, 'upload');
  });
});

describe('ids', { timeout: 20_000 }, () => {
  const canonical = '0190f3c4-5a6b-7c8d-9e0f-a1b2c3d4e5f6';
  it.each([
    ['upper case', canonical.toUpperCase()],
    ['braced', `{${canonical}}`],
    ['without hyphens', canonical.replaceAll('-', '')],
  ])('are refused %s, in the path and in a body, naming the field', async (_, id) => {
    const inPath = await call(`/api/v1/boards/${encodeURIComponent(id)}`, { token: owner.token });
    expect(inPath.status).toBe(422);
    expect(inPath.json.errors.map((e: { path: string }) => e.path)).toEqual(['params.id']);
    const inBody = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: id, stageId: board.stages[0]!.id, name: 'Ana' },
    });
    expect(inBody.status).toBe(422);
    expect(inBody.json.errors.map((e: { path: string }) => e.path)).toEqual(['boardId']);
  });

  it('the real board, in the canonical form, is found', async () => {
    expect((await call(`/api/v1/boards/${board.id}`, { token: owner.token })).status).toBe(200);
  });
});

describe('text', { timeout: 20_000 }, () => {
  it.each([
    ['a NUL', 'Ana\u0000'],
    ['a bell', 'Ana\u0007'],
    ['a lone high surrogate', 'Ana \ud83d'],
    ['a lone low surrogate', '\ude00 Ana'],
  ])('with %s is refused with 422 naming the field, nothing written', async (_, name) => {
    const before = await tableCounts();
    const res = await call('/api/v1/leads', {
      token: owner.token,
      body: JSON.stringify({ boardId: board.id, stageId: board.stages[0]!.id, name }),
    });
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([expect.objectContaining({ path: 'name', code: 'invalid' })]);
    expect(await tableCounts()).toEqual(before);
  });

  it('keeps tabs, line breaks and emoji', async () => {
    const res = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, stageId: board.stages[0]!.id, name: 'Ana 😀', notes: 'a\n\tb' },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ name: 'Ana 😀', notes: 'a\n\tb' });
  });

  it('is refused in the query too', async () => {
    const res = await call(`/api/v1/leads?q=${encodeURIComponent('a\u0001')}`, {
      token: owner.token,
    });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain('query.q');
  });
});

describe('validation messages', () => {
  it('are the app’s own words where a schema has none of its own', async () => {
    const res = await call('/api/v1/leads', {
      token: owner.token,
      body: { boardId: board.id, stageId: board.stages[0]!.id, name: 'Ana', tags: 'quente' },
    });
    expect(res.status).toBe(422);
    for (const error of res.json.errors)
      expect(error.message).not.toMatch(/Invalid (type|key|length|value)|but received/);
  });
});

describe('CORS', () => {
  const preflight = (path: string) =>
    SELF.fetch(`${ORIGIN}${path}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://loja.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, x-capture-secret',
        'cf-connecting-ip': nextIp(),
      },
    });

  it('web-form capture answers any origin: the preflight, then the post', async () => {
    const pre = await preflight(`/api/v1/capture/${board.id}`);
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'x-capture-secret',
    );
    expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    const posted = await SELF.fetch(`${ORIGIN}/api/v1/capture/${board.id}`, {
      method: 'POST',
      headers: {
        origin: 'https://loja.example.com',
        'content-type': 'application/json',
        'x-capture-secret': 'wrong',
        'cf-connecting-ip': nextIp(),
      },
      body: JSON.stringify({ nome: 'Ana' }),
    });
    expect(posted.status).toBe(401);
    expect(posted.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('every other path answers no other origin', async () => {
    const pre = await preflight('/api/v1/leads');
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const get = await SELF.fetch(`${ORIGIN}/api/v1/leads`, {
      headers: {
        origin: 'https://evil.example.com',
        authorization: `Bearer ${owner.token}`,
        'cf-connecting-ip': nextIp(),
      },
    });
    expect(get.status).toBe(200);
    expect(get.headers.get('access-control-allow-origin')).toBeNull();
  });
});
