/**
 * The OpenAPI document: valid 3.1, and truthful in the ways an outside fuzzer checks — every
 * answer described, every error status a route can give declared as problem+json, security and
 * tags on every operation, links from creates to reads, no hard-coded server.
 */
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { routes } from './app.ts';
import { openApiDocument } from './openapi.ts';

const document = openApiDocument(routes);
const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, any>).map(([method, op]) => ({ path, method, op })),
);

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every mounted route once, with a unique operation id', () => {
    expect(operations).toHaveLength(routes.length);
    expect(new Set(operations.map((o) => o.op.operationId)).size).toBe(operations.length);
  });

  it('describes every answer: JSON with a schema and an example, other bodies by media type, or none', () => {
    const bare = routes.flatMap((r) =>
      Object.entries(r.spec.responses)
        .filter(([status, doc]) => Number(status) < 400 && typeof doc === 'string')
        .filter(([status]) => status !== '204' && !status.startsWith('3'))
        .map(([status]) => `${r.method} ${r.fullPath} ${status}`),
    );
    expect(bare).toEqual([]);
    for (const { path, method, op } of operations)
      for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
        const json = response.content?.['application/json'];
        if (json) {
          expect(json.schema, `${method} ${path} ${status}`).toBeDefined();
          expect(json.example, `${method} ${path} ${status}`).toBeDefined();
        }
      }
  });

  it('declares every error status a route can answer, as problem+json, 429 with Retry-After', () => {
    for (const { path, method, op } of operations) {
      const statuses = Object.keys(op.responses);
      const what = `${method} ${path}`;
      const route = routes.find(
        (r) => r.method === method && r.fullPath.replace(/:(\w+)/g, '{$1}') === path,
      )!;
      if (route.spec.body)
        expect(statuses, what).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
      if (route.spec.rawBody)
        expect(statuses, what).toEqual(expect.arrayContaining(['413', '422']));
      if (op['x-permission'])
        expect(statuses, what).toEqual(expect.arrayContaining(['401', '403', '429']));
      if (path.includes('{'))
        expect(statuses, what).toEqual(expect.arrayContaining(['404', '422']));
      for (const status of statuses.filter((s) => Number(s) >= 400)) {
        const response = op.responses[status];
        const resolved = response.$ref
          ? (document.components.responses as any)[response.$ref.split('/').at(-1)]
          : response;
        expect(resolved.content?.['application/problem+json'], `${what} ${status}`).toBeDefined();
      }
    }
    expect(
      (document.components.responses as any).TooManyRequests.headers['Retry-After'],
    ).toBeDefined();
  });

  it('names its security schemes and says which operations need them', () => {
    expect(Object.keys(document.components.securitySchemes)).toEqual(['bearerJwt', 'apiKey']);
    for (const { path, method, op } of operations) {
      expect(op.security, `${method} ${path}`).toBeDefined();
      if (!op['x-permission']) expect(op.security).toEqual([]);
    }
    const leads = (document.paths['/api/v1/leads'] as any).get;
    expect(leads.security).toEqual([{ bearerJwt: [] }, { apiKey: ['leads:read'] }]);
  });

  it('describes every tag, and links what a create returns to where it is read', () => {
    for (const tag of document.tags) expect(tag.description, tag.name).not.toBe('');
    const created = (document.paths['/api/v1/boards'] as any).post.responses['201'];
    expect(created.links.readId).toEqual({
      operationId: 'getBoardsById',
      parameters: { id: '$response.body#/id' },
    });
    const imported = (document.paths['/api/v1/boards/{id}/imports'] as any).post.responses['201'];
    expect(imported.links.readImportId.parameters).toEqual({
      id: '$request.path.id',
      importId: '$response.body#/id',
    });
  });

  it('is served from wherever it is read, not a hard-coded host', () => {
    expect(document.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('describes request bodies from the same schemas the routes validate with', () => {
    const register = (document.paths['/api/v1/auth/register'] as any).post;
    const schema = register.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(
      expect.arrayContaining(['email', 'password', 'name', 'orgName']),
    );
    expect(schema.properties.email.format).toBe('email');
    const changeRole = (document.paths['/api/v1/org/members/{userId}'] as any).patch;
    expect(changeRole.requestBody.content['application/json'].schema.properties.role.enum).toEqual([
      'owner',
      'admin',
      'member',
      'viewer',
    ]);
    expect(changeRole['x-permission']).toBe('members:manage');
  });
});
