/**
 * @module How a route is declared. Each route states its auth (public, any signed-in user, or a
 * permission from the one permission table) and its valibot schemas; `mount` wires the Hono
 * handler with authentication, rate limits and validation, and records the same spec for the
 * OpenAPI document, so the docs cannot drift from what the route accepts.
 */
import type { Context, Hono } from 'hono';
import * as v from 'valibot';
import type { Permission } from '../domain/permissions.ts';
import { type Db, database, type OrgScope, orgScope } from '../platform/db.ts';
import type { Env } from '../platform/env.ts';
import type { OrgPrincipal, UserPrincipal } from '../platform/principal.ts';
import { badRequest, forbidden, invalid, Problem } from '../platform/problem.ts';
import {
  badTextIssues,
  type FieldIssue,
  fieldIssueOf,
  messageOfIssue,
} from '../schema/inputs/issues.ts';
import { authenticate } from './middleware/authenticate.ts';
import { limitApiTraffic, limitAuthAttempts } from './middleware/rate-limit.ts';

export type AppEnv = { Bindings: Env; Variables: { requestId: string; orgId?: string } };
export type AppContext = Context<AppEnv>;

type Schema = v.GenericSchema;
type Auth = 'public' | 'user' | Permission;
type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** JSON bodies above this are refused with 413 before they are parsed. */
export const MAX_JSON_BYTES = 1024 * 1024;

/**
 * One documented answer. A JSON answer names its schema (the contract test validates every real
 * answer against it); an answer with another body names its media type; a bare description is an
 * answer without a body (204, a redirect) or an error (problem+json).
 */
export type ResponseDoc =
  | string
  | { description: string; schema: Schema }
  | { description: string; media: string | string[] };

export interface RouteSpec<
  A extends Auth,
  B extends Schema | undefined,
  Q extends Schema | undefined,
  P extends Schema | undefined,
  H extends Schema | undefined = undefined,
> {
  summary: string;
  description?: string;
  auth: A;
  body?: B;
  query?: Q;
  params?: P;
  /**
   * For routes that read their own body (CSV, forms, signed webhooks): each media type it accepts
   * and the body's schema, for the document only.
   */
  rawBody?: Record<string, Schema>;
  /** Request headers the route reads, by lower-case name; validated like the query. */
  headers?: H;
  /** Status → what the route answers with it. */
  responses: Record<number, ResponseDoc>;
  /** Sign-in style routes are limited per client IP. */
  limit?: 'auth';
  maxBodyBytes?: number;
}

type Out<S> = S extends Schema ? v.InferOutput<S> : undefined;

type Who<A> = A extends 'public' ? null : A extends 'user' ? UserPrincipal : OrgPrincipal;

export interface RouteInput<A, B, Q, P, H = undefined> {
  c: AppContext;
  env: Env;
  db: Db;
  body: Out<B>;
  query: Out<Q>;
  params: Out<P>;
  headers: Out<H>;
  who: Who<A>;
  /** The org scope for permission routes; every org-owned query goes through it. */
  org: A extends Permission ? OrgScope : undefined;
}

type Handler<A, B, Q, P, H = undefined> = (
  input: RouteInput<A, B, Q, P, H>,
) => Response | Promise<Response>;

export interface RouteDefinition {
  method: Method;
  path: string;
  tag: string;
  // biome-ignore lint/suspicious/noExplicitAny: specs of every shape live in one list.
  spec: RouteSpec<Auth, any, any, any, any>;
  // biome-ignore lint/suspicious/noExplicitAny: handlers are typed where they are declared.
  handler: Handler<any, any, any, any, any>;
}

/** A group of routes for one domain, declared once and mounted under a base path. */
export class Routes {
  readonly definitions: RouteDefinition[] = [];
  readonly tag: string;

  constructor(tag: string) {
    this.tag = tag;
  }

  private add(method: Method) {
    return <
      A extends Auth,
      B extends Schema | undefined = undefined,
      Q extends Schema | undefined = undefined,
      P extends Schema | undefined = undefined,
      H extends Schema | undefined = undefined,
    >(
      path: string,
      spec: RouteSpec<A, B, Q, P, H>,
      handler: Handler<A, B, Q, P, H>,
    ): this => {
      this.definitions.push({ method, path, tag: this.tag, spec, handler });
      return this;
    };
  }

  get = this.add('get');
  post = this.add('post');
  patch = this.add('patch');
  put = this.add('put');
  delete = this.add('delete');
}

export interface MountedRoute extends RouteDefinition {
  fullPath: string;
}

/** Registers each route on the app and returns them with full paths, for the OpenAPI document. */
export function mount(app: Hono<AppEnv>, base: string, routes: Routes): MountedRoute[] {
  return routes.definitions.map((def) => {
    const fullPath = `${base}${def.path}`;
    app.on(def.method.toUpperCase(), fullPath, (c) => runRoute(c, def));
    return { ...def, fullPath };
  });
}

async function runRoute(c: AppContext, def: RouteDefinition): Promise<Response> {
  const { spec } = def;
  if (spec.limit === 'auth') await limitAuthAttempts(c);
  const who = spec.auth === 'public' ? null : await authenticate(c, spec.auth);
  if (who) {
    c.set('orgId', 'orgId' in who ? who.orgId : who.activeOrgId);
    await limitApiTraffic(c, who);
  }
  // A body that cannot be read answers 400/413/415 at once; then every part is checked and one
  // 422 names every field at fault, wherever it is.
  const raw = spec.body ? await readJson(c, spec.maxBodyBytes) : undefined;
  const issues: FieldIssue[] = [
    ...badTextIssues(c.req.param(), 'params'),
    ...badTextIssues(c.req.query(), 'query'),
    ...badTextIssues(raw),
  ];
  const params = check(spec.params, c.req.param(), 'params', issues);
  const query = check(spec.query, c.req.query(), 'query', issues);
  const headers = check(spec.headers, c.req.header(), 'headers', issues);
  const body = check(spec.body, raw, '', issues);
  if (issues.length) throw invalid(issues);
  const env = c.env;
  return def.handler({
    c,
    env,
    db: database(env.DB),
    body,
    query,
    params,
    headers,
    who,
    org: who && 'orgId' in who ? orgScope(who.orgId) : undefined,
  });
}

function check(
  schema: Schema | undefined,
  value: unknown,
  where: string,
  issues: FieldIssue[],
): unknown {
  if (!schema) return undefined;
  const result = v.safeParse(schema, value, { message: messageOfIssue });
  if (result.success) return result.output;
  issues.push(...result.issues.map((issue) => fieldIssueOf(issue, where)));
  return undefined;
}

/** Reads a JSON body with a hard size cap, whatever Content-Length claims. */
export async function readJson(c: AppContext, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/([a-z.+-]+\+)?json\b/i.test(type))
    throw new Problem(415, 'Unsupported media type', 'Send the body as application/json.');
  const text = await readCapped(c.req.raw, maxBytes);
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest('The body is not valid JSON.', [{ path: '', message: 'Malformed JSON' }]);
  }
}

export async function readCapped(req: Request, maxBytes: number): Promise<string> {
  const bytes = await readCappedBytes(req, maxBytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw badRequest('The body is not valid UTF-8.');
  }
}

/** The raw body, refused with 413 past `maxBytes` whatever Content-Length claims. */
export async function readCappedBytes(req: Request, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () =>
    new Problem(413, 'Payload too large', `The body must be at most ${maxBytes} bytes.`);
  const declared = Number(req.headers.get('content-length') ?? 0);
  if (declared > maxBytes) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** For routes whose permission depends on the row they touch (e.g. only owners make owners). */
export function requireThat(condition: boolean, detail?: string): asserts condition {
  if (!condition) throw forbidden(detail);
}
