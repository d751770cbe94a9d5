/**
 * @module The OpenAPI 3.1 document, built from the mounted routes: the same valibot schemas that
 * validate each request describe it here.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import type * as v from 'valibot';
import type { MountedRoute } from './router.ts';

type JsonSchema = ReturnType<typeof toJsonSchema>;

const schemaOf = (schema: v.GenericSchema): JsonSchema => {
  const { $schema: _, ...rest } = toJsonSchema(schema, {
    target: 'draft-2020-12',
    typeMode: 'input',
    errorMode: 'ignore',
  });
  return rest;
};

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'errors'],
  properties: {
    type: { type: 'string' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' } },
      },
    },
  },
};

function parametersFrom(schema: v.GenericSchema | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const operationId = (method: string, path: string) =>
  method +
  path
    .replace(/^\/api(\/v1)?/, '')
    .split(/[/-]/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith(':') ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2)}` : part,
    )
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

export function openApiDocument(routes: MountedRoute[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, fullPath, tag, spec } of routes) {
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses)) {
      const { description, schema } =
        typeof response === 'string' ? { description: response, schema: undefined } : response;
      const isError = Number(status) >= 400;
      responses[status] = {
        description,
        ...(schema || isError
          ? {
              content: isError
                ? {
                    'application/problem+json': {
                      schema: { $ref: '#/components/schemas/Problem' },
                    },
                  }
                : { 'application/json': { schema: schemaOf(schema as v.GenericSchema) } },
            }
          : {}),
      };
    }
    if (spec.body || spec.query || spec.params)
      responses['422'] ??= {
        description: 'Invalid input; `errors` names each field.',
        content: {
          'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
        },
      };
    if (spec.auth !== 'public') {
      responses['401'] ??= { description: 'Missing, expired or invalid credentials.' };
      if (spec.auth !== 'user') responses['403'] ??= { description: `Requires "${spec.auth}".` };
    }
    const path = openApiPath(fullPath);
    paths[path] ??= {};
    paths[path][method] = {
      operationId: operationId(method, fullPath),
      tags: [tag],
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      ...(spec.auth === 'public'
        ? { security: [] }
        : { 'x-permission': spec.auth === 'user' ? 'signed-in user' : spec.auth }),
      parameters: [...parametersFrom(spec.params, 'path'), ...parametersFrom(spec.query, 'query')],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(spec.body) } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'GestorLead API',
      version: '1.0.0',
      description:
        'The growth workspace API. Authenticate with `Authorization: Bearer <token>`: an access ' +
        'token from sign-in, or an organization API key (`gl_live_…`) limited to its scopes. Errors ' +
        'are `application/problem+json`. Limits: per API key and per organization per minute; a ' +
        '429 carries `Retry-After`.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'An access JWT or an API key.',
        },
      },
      schemas: { Problem: problemSchema },
    },
  };
}
