/**
 * @module The OpenAPI 3.1 document, built from the mounted routes: the same valibot schemas that
 * validate each request and describe each answer are written here, with every error status the
 * route can answer, every header it reads, and links from what a POST creates to where it is read.
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import * as v from 'valibot';
import type { MountedRoute, ResponseDoc } from './router.ts';
import { type JsonSchema as Sample, sampleFor } from './schema-samples.ts';

type JsonSchema = ReturnType<typeof toJsonSchema>;

/** What each tag's operations are about, in the order readers meet them. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  Health: 'Whether the API and its database answer.',
  Auth: 'Registering, signing in (password or Google), refreshing and switching organization.',
  Organization: 'The organization, its settings and its members.',
  Invitations: 'Inviting people into an organization and accepting an invitation.',
  'API keys': 'Keys for outside clients, each limited to its scopes.',
  'Audit log': 'Who did what, when, in the organization.',
  Jobs: 'Background work started by another request, and its progress.',
  Alerts: 'Notices for the organization (spend caps, failures, low credits).',
  Rooms: 'Tickets for the live rooms (boards, campaigns, the org hub) over WebSocket.',
  Credits: 'The credit balance, holds, history, usage and spend limits.',
  Billing: 'Buying credits and plans, and the billing details on invoices.',
  Webhooks: 'Calls from outside services, each proved by its signature.',
  'AI studio': 'Text, image and speech generation paid in credits, templates and settings.',
  Autopilot: 'The ads autopilot: its decisions, settings and the conversions it learns from.',
  'Ad results': 'Campaign insights and the daily report.',
  Products: 'Products to advertise: import, scouting, qualification and approval.',
  Creatives: 'Headlines, texts, calls to action and images for a product’s ads.',
  Campaigns: 'Ad campaigns: drafts, publishing and their state on the platform.',
  'Ad platforms': 'The organization’s ad accounts (Meta, TikTok, sandbox).',
  Pipelines: 'Kanban boards and their stages.',
  Leads: 'Leads on the boards: create, change, move, notes and timeline.',
  'Lead intake': 'Scoring, assignment, web-form capture, duplicates and merging.',
  'Lead imports': 'Importing leads from a CSV file, with the refused lines to download.',
  Docs: 'This document and the page that renders it.',
};

/** JSON Schema for a valibot schema, as requests send it (input) or answers carry it. */
const schemaOf = (schema: v.GenericSchema): JsonSchema => {
  const { $schema: _, ...rest } = toJsonSchema(asDocumented(schema), {
    target: 'draft-2020-12',
    typeMode: 'input',
    errorMode: 'ignore',
    overrideSchema: ({ valibotSchema }) =>
      (valibotSchema as { declaredJson?: JsonSchema }).declaredJson,
  });
  return rest;
};

type Node = v.GenericSchema & Record<string, unknown>;

/**
 * The schema as the document should describe it, where valibot's input type says less than the
 * check does: a pipe with a `metadata({ jsonSchema })` action is that JSON Schema (a query number
 * read from text), and a `JsonObject` (a "plain object, not an array" check, then the object's
 * schema) is its object schema. Everything else is walked and kept as it is.
 */
function asDocumented(schema: v.GenericSchema): v.GenericSchema {
  const node = schema as Node;
  const pipe = node.pipe as Node[] | undefined;
  if (pipe) {
    const declared = pipe.find(
      (item) => item.type === 'metadata' && (item.metadata as { jsonSchema?: unknown })?.jsonSchema,
    );
    // A schema with no pipe of its own, so the converter asks `overrideSchema` about it.
    if (declared)
      return Object.assign(v.unknown(), {
        declaredJson: (declared.metadata as { jsonSchema: JsonSchema }).jsonSchema,
      });
    const [first, second] = pipe;
    if (first?.type === 'custom' && second?.kind === 'schema') return asDocumented(second);
    return { ...node, pipe: [asDocumented(pipe[0]!), ...pipe.slice(1)] } as v.GenericSchema;
  }
  const copy: Node = { ...node };
  const isSchema = (value: unknown) =>
    typeof value === 'object' && value !== null && (value as Node).kind === 'schema';
  // Picklists keep their options (strings), schemas are walked.
  const each = (value: unknown) =>
    isSchema(value) ? asDocumented(value as v.GenericSchema) : value;
  if (node.entries)
    copy.entries = Object.fromEntries(
      Object.entries(node.entries as Record<string, unknown>).map(([k, e]) => [k, each(e)]),
    );
  for (const key of ['wrapped', 'item', 'key', 'value', 'rest'] as const)
    if (isSchema(node[key])) copy[key] = each(node[key]);
  // A declared JSON Schema says its own default (in its own type, not the query's text).
  if (
    (copy.wrapped as { declaredJson?: { default?: unknown } })?.declaredJson?.default !== undefined
  )
    delete copy.default;
  if (Array.isArray(node.options)) copy.options = node.options.map(each);
  if (Array.isArray(node.items)) copy.items = node.items.map(each);
  return copy;
}

const problemSchema = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail', 'errors'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: {
          path: { type: 'string', description: 'The field, e.g. `email`, `query.limit`.' },
          message: { type: 'string' },
          code: { type: 'string', description: 'A stable code the web translates.' },
          params: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
        },
      },
    },
  },
};

/** The error answers, shared by every operation that can give them. */
const ERRORS: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The body is not valid JSON or not UTF-8.' },
  401: { name: 'Unauthorized', description: 'Missing, expired or invalid credentials.' },
  403: { name: 'Forbidden', description: 'The role or the API key’s scopes do not allow this.' },
  404: { name: 'NotFound', description: 'No such resource in this organization.' },
  409: { name: 'Conflict', description: 'The resource’s state does not allow this now.' },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than this route accepts.' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not of a type this route reads.' },
  422: { name: 'Invalid', description: 'Invalid input; `errors` names each field.' },
  429: { name: 'TooManyRequests', description: 'Too many requests; wait `Retry-After` seconds.' },
};

const problemContent = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

const errorResponses = Object.fromEntries(
  Object.values(ERRORS).map(({ name, description }) => [
    name,
    {
      description,
      content: problemContent,
      ...(name === 'TooManyRequests'
        ? {
            headers: {
              'Retry-After': {
                description: 'Seconds until the next window opens.',
                schema: { type: 'integer', minimum: 1 },
              },
            },
          }
        : {}),
    },
  ]),
);

type Route = MountedRoute['spec'];

/** The shared answer for a status, or the route's own words for it (still problem+json). */
function errorResponse(status: number, spec: Route) {
  const declared = spec.responses[status];
  const known = ERRORS[status];
  const description = typeof declared === 'string' ? declared : declared?.description;
  if (known && !description) return { $ref: `#/components/responses/${known.name}` };
  return {
    ...(known ? errorResponses[known.name] : { content: problemContent }),
    description: description ?? String(status),
  };
}

/** Every error status a route can answer, from what it reads and who may call it. */
function errorStatuses(spec: Route): number[] {
  const statuses = new Set<number>();
  // A JSON body is read by the router: malformed, too large, the wrong type, or invalid. Routes
  // that read their own body (CSV, forms, signed webhooks) declare what else they answer.
  if (spec.body) for (const s of [400, 413, 415, 422]) statuses.add(s);
  if (spec.rawBody) for (const s of [413, 422]) statuses.add(s);
  if (spec.query || spec.params || spec.headers) statuses.add(422);
  if (spec.params) statuses.add(404);
  if (spec.auth !== 'public') for (const s of [401, 403, 429]) statuses.add(s);
  if (spec.limit) statuses.add(429);
  for (const status of Object.keys(spec.responses).map(Number))
    if (status >= 400) statuses.add(status);
  return [...statuses].sort();
}

function parametersFrom(schema: v.GenericSchema | undefined, where: 'path' | 'query' | 'header') {
  if (!schema) return [];
  const json = schemaOf(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name: where === 'header' ? headerName(name) : name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/** `idempotency-key` → `Idempotency-Key`, as the header is written in documentation. */
const headerName = (name: string) =>
  name.replace(/(^|-)([a-z])/g, (_, dash, ch) => dash + ch.toUpperCase());

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

const operationId = (method: string, path: string) =>
  method +
  path
    .replace(/^\/api(\/v1)?/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) =>
      part.startsWith(':') ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2)}` : part,
    )
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');

const withExample = (schema: JsonSchema) => ({
  schema,
  example: sampleFor(schema as Sample),
});

const locationHeader = {
  Location: { description: 'Where the browser goes next.', schema: { type: 'string' } },
};

function successResponse(status: number, response: ResponseDoc) {
  if (typeof response === 'string')
    return { description: response, ...(status >= 300 ? { headers: locationHeader } : {}) };
  if ('schema' in response)
    return {
      description: response.description,
      content: { 'application/json': withExample(schemaOf(response.schema)) },
    };
  return {
    description: response.description,
    content: Object.fromEntries(
      [response.media].flat().map((media) => [media, { schema: { type: 'string' } }]),
    ),
  };
}

function securityOf(auth: Route['auth']) {
  if (auth === 'public') return [];
  if (auth === 'user') return [{ bearerJwt: [] }];
  return [{ bearerJwt: [] }, { apiKey: [auth] }];
}

/**
 * Links from an operation that creates something (201 with an `id`) to the GET one level below
 * its path, which reads it back.
 */
function linksFor(method: string, path: string, getPaths: Set<string>) {
  if (method !== 'post') return undefined;
  const read = [...getPaths].find((p) => new RegExp(`^${escapeRegExp(path)}/\\{\\w+\\}$`).test(p));
  if (!read) return undefined;
  const names = [...read.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const created = names.at(-1)!;
  return {
    [`read${created.charAt(0).toUpperCase()}${created.slice(1)}`]: {
      operationId: operationId('get', read.replace(/\{(\w+)\}/g, ':$1')),
      parameters: Object.fromEntries(
        names.map((n) => [n, n === created ? '$response.body#/id' : `$request.path.${n}`]),
      ),
    },
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function openApiDocument(routes: MountedRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  const getPaths = new Set(
    routes.filter((r) => r.method === 'get').map((r) => openApiPath(r.fullPath)),
  );
  for (const { method, fullPath, tag, spec } of routes) {
    const path = openApiPath(fullPath);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(spec.responses))
      if (Number(status) < 400) responses[status] = successResponse(Number(status), response);
    const links = linksFor(method, path, getPaths);
    const created = Object.keys(responses).find((s) => s === '201');
    if (links && created) (responses[created] as Record<string, unknown>).links = links;
    for (const status of errorStatuses(spec)) responses[status] = errorResponse(status, spec);
    paths[path] ??= {};
    paths[path][method] = {
      operationId: operationId(method, fullPath),
      tags: [tag],
      summary: spec.summary,
      ...(spec.description ? { description: spec.description } : {}),
      security: securityOf(spec.auth),
      ...(spec.auth === 'public'
        ? {}
        : { 'x-permission': spec.auth === 'user' ? 'signed-in user' : spec.auth }),
      parameters: [
        ...parametersFrom(spec.params, 'path'),
        ...parametersFrom(spec.query, 'query'),
        ...parametersFrom(spec.headers, 'header'),
      ],
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': withExample(schemaOf(spec.body)) },
            },
          }
        : spec.rawBody
          ? {
              // The route reads this body itself (a file, a form, a signed payload).
              'x-raw-body': true,
              requestBody: {
                required: true,
                content: Object.fromEntries(
                  Object.entries(spec.rawBody).map(([media, schema]) => [
                    media,
                    withExample(schemaOf(schema)),
                  ]),
                ),
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
    // Relative: the API answers on whatever origin serves this document.
    servers: [{ url: '/', description: 'The origin that served this document.' }],
    security: [{ bearerJwt: [] }, { apiKey: [] }],
    tags: [...new Set(routes.map((r) => r.tag))].map((name) => ({
      name,
      description: TAG_DESCRIPTIONS[name] ?? '',
    })),
    paths,
    components: {
      securitySchemes: {
        bearerJwt: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'An access token from sign-in, register, refresh or switch-org (15 minutes).',
        },
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'gl_live_…',
          description:
            'An organization API key, sent as `Authorization: Bearer gl_live_…`; it may call ' +
            'the operations whose permission is among its scopes.',
        },
      },
      responses: errorResponses,
      schemas: { Problem: problemSchema },
    },
  };
}
