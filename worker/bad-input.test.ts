/**
 * Every route in the OpenAPI document, fed bad input: malformed JSON, wrong content types,
 * oversized bodies, and each body and query field given values of the wrong shape. Each must get a
 * 4xx problem+json (naming the field where there is one), never a 500, and nothing may be written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { call, signUp, type TestUser, tableCounts } from '../test/helpers.ts';
import { routes } from './app.ts';
import { openApiDocument } from './openapi.ts';
import { MAX_JSON_BYTES } from './router.ts';
import { type JsonSchema, wrongValuesFor } from './schema-samples.ts';

interface Operation {
  method: string;
  path: string;
  auth: string;
  body?: JsonSchema;
  query: { name: string; schema: JsonSchema }[];
  headers: { name: string; required: boolean }[];
}

const document = openApiDocument(routes);
const operations: Operation[] = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, any>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    auth: op['x-permission'] ?? 'public',
    // Bodies the router reads; routes that read their own (CSV, forms, webhooks) have own tests.
    body: op['x-raw-body'] ? undefined : op.requestBody?.content['application/json'].schema,
    query: op.parameters.filter((p: any) => p.in === 'query'),
    headers: op.parameters.filter((p: any) => p.in === 'header'),
  })),
);

/** Path parameters get well-formed ids of rows that do not exist. */
const concretePath = (path: string) =>
  path.replace(/\{(\w+)\}/g, (_, name: string) =>
    name === 'token' ? 'a'.repeat(32) : crypto.randomUUID(),
  );

let owner: TestUser;
let before: Record<string, number>;

beforeAll(async () => {
  owner = await signUp();
  before = await tableCounts();
});

const send = (op: Operation, init: { body?: string; contentType?: string; query?: string }) =>
  call(`${concretePath(op.path)}${init.query ?? ''}`, {
    method: op.method,
    token: op.auth === 'public' ? undefined : owner.token,
    body: init.body,
    headers: init.contentType ? { 'content-type': init.contentType } : {},
  });

function expectProblem(res: Awaited<ReturnType<typeof call>>, what: string) {
  expect(res.status, `${what}: ${res.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
  expect(res.status, what).toBeLessThan(500);
  expect(res.headers.get('content-type'), what).toBe('application/problem+json');
  expect(res.json, what).toMatchObject({
    status: res.status,
    title: expect.any(String),
    errors: expect.any(Array),
  });
}

describe.each(operations.filter((op) => op.body))('$method $path body', (op) => {
  it.each([
    ['malformed JSON', '{"email": "a@b.co",'],
    ['an empty body', ''],
    ['JSON null', 'null'],
    ['a JSON array', '[]'],
    ['a JSON string', '"text"'],
    ['a JSON number', '42'],
  ])('refuses %s', async (_, body) => {
    expectProblem(
      await send(op, { body, contentType: 'application/json' }),
      `${op.method} ${op.path}`,
    );
  });

  it('refuses a body that is not JSON (415)', async () => {
    const res = await send(op, {
      body: 'email=a@b.co',
      contentType: 'application/x-www-form-urlencoded',
    });
    expectProblem(res, op.path);
    expect(res.status).toBe(415);
  });

  it('refuses an oversized body (413)', async () => {
    const res = await send(op, {
      body: JSON.stringify({ padding: 'x'.repeat(MAX_JSON_BYTES) }),
      contentType: 'application/json',
    });
    expectProblem(res, op.path);
    expect(res.status).toBe(413);
  });

  const fields = Object.entries(op.body?.properties ?? {});
  it.each(
    fields.flatMap(([field, schema]) =>
      wrongValuesFor(schema).map((value) => [field, value] as const),
    ),
  )('names the field when %s is %j', async (field, value) => {
    const res = await send(op, {
      body: JSON.stringify({ [field]: value }),
      contentType: 'application/json',
    });
    expectProblem(res, `${op.path} ${field}=${JSON.stringify(value)}`);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
  });
});

describe.each(operations.filter((op) => op.query.length))('$method $path query', (op) => {
  it.each(
    op.query.flatMap(({ name, schema }) =>
      ['not-a-number-or-id', 'x'.repeat(5000), '-1']
        .filter((value) => schemaRefuses(schema, value))
        .map((value) => [name, value] as const),
    ),
  )('names ?%s=%s', async (name, value) => {
    const res = await send(op, { query: `?${name}=${encodeURIComponent(value)}` });
    expectProblem(res, `${op.path}?${name}`);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(`query.${name}`);
  });
});

/** Query values arrive as strings; only test values the documented schema cannot accept. */
function schemaRefuses(schema: JsonSchema, value: string): boolean {
  if (schema.enum) return !schema.enum.includes(value);
  if (schema.format === 'uuid') return true;
  if (schema.type === 'string' && schema.maxLength !== undefined)
    return value.length > schema.maxLength;
  if (schema.type === 'string' && schema.pattern) return !new RegExp(schema.pattern).test(value);
  return false;
}

describe.each(operations.filter((op) => op.path.includes('{id}') || op.path.includes('{userId}')))(
  '$method $path path parameter',
  (op) => {
    it('refuses an id that is not a UUID, naming it', async () => {
      const res = await call(op.path.replace(/\{\w+\}/, 'not-a-uuid'), {
        method: op.method,
        token: owner.token,
        body: op.body ? {} : undefined,
      });
      expectProblem(res, op.path);
      expect(res.json.errors[0].path).toMatch(/^params\./);
    });
  },
);

describe.each(
  operations.filter((op) => op.headers.some((h) => h.name === 'Idempotency-Key' && h.required)),
)('$method $path Idempotency-Key', (op) => {
  it('answers a missing key as every route does: 422 naming the header', async () => {
    const res = await send(op, { body: '{}', contentType: 'application/json' });
    expectProblem(res, op.path);
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(
      'headers.idempotency-key',
    );
  });
});

describe('all of the above', () => {
  it('wrote nothing', async () => {
    expect(await tableCounts()).toEqual(before);
  });
});
