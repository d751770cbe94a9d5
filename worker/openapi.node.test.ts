import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { routes } from './app.ts';
import { openApiDocument } from './openapi.ts';

describe('the OpenAPI document', () => {
  const document = openApiDocument(routes);

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('documents every mounted route once, with a unique operation id', () => {
    const operations = Object.values(document.paths).flatMap(
      (ops) => Object.values(ops) as { operationId: string }[],
    );
    expect(operations).toHaveLength(routes.length);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
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
