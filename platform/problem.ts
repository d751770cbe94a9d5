/**
 * @module Errors as `application/problem+json` (RFC 9457). Routes and services throw a
 * `Problem`; the app's error handler renders it. Anything else becomes a logged 500.
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { log } from './log.ts';

/**
 * A field's problem: its path, an English message, and (when one applies) a stable `code` with
 * `params` the web translates (schema/inputs/issues.ts for validation; services add their own).
 */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export class Problem extends Error {
  readonly status: ContentfulStatusCode;
  readonly title: string;
  readonly detail: string | undefined;
  readonly errors: FieldError[];
  readonly headers: Record<string, string>;
  /** Extra members for the body, e.g. how many credits are missing. */
  readonly extra: Record<string, unknown>;

  constructor(
    status: ContentfulStatusCode,
    title: string,
    detail?: string,
    errors: FieldError[] = [],
    headers: Record<string, string> = {},
    extra: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.headers = headers;
    this.extra = extra;
  }
}

export const badRequest = (detail: string, errors: FieldError[] = []) =>
  new Problem(400, 'Bad request', detail, errors);
export const invalid = (errors: FieldError[]) =>
  new Problem(
    422,
    'Invalid input',
    errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; '),
    errors,
  );
export const unauthorized = (detail = 'Sign in to continue.') =>
  new Problem(401, 'Unauthorized', detail, [], { 'WWW-Authenticate': 'Bearer' });
export const forbidden = (detail = 'You do not have permission to do this.') =>
  new Problem(403, 'Forbidden', detail);
export const notFound = (what = 'Resource') => new Problem(404, 'Not found', `${what} not found.`);
export const conflict = (detail: string, errors: FieldError[] = []) =>
  new Problem(409, 'Conflict', detail, errors);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new Problem(429, 'Too many requests', `Try again in ${retryAfterSeconds} s.`, [], {
    'Retry-After': String(retryAfterSeconds),
  });

const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function problemResponse(p: Problem, instance?: string): Response {
  const body = {
    type: `https://gestorlead.dev/problems/${slug(p.title)}`,
    title: p.title,
    status: p.status,
    detail: p.detail ?? p.title,
    errors: p.errors,
    ...(instance ? { instance } : {}),
    ...p.extra,
  };
  return new Response(JSON.stringify(body), {
    status: p.status,
    headers: { 'Content-Type': 'application/problem+json', ...p.headers },
  });
}

/** Hono's `onError`: problems as they are, anything unexpected as an opaque 500. */
export function renderError(err: Error, c: Context): Response {
  if (err instanceof Problem) return problemResponse(err, c.req.path);
  // Hono's own HTTPException (e.g. from bodyLimit) carries a status we keep.
  if ('getResponse' in err && typeof err.getResponse === 'function' && 'status' in err) {
    const status = err.status as ContentfulStatusCode;
    return problemResponse(new Problem(status, err.message || 'Request error'), c.req.path);
  }
  log(c.env, 'error', 'unhandled error', {
    requestId: c.get('requestId'),
    path: c.req.path,
    error: String(err?.stack ?? err),
  });
  return problemResponse(
    new Problem(500, 'Internal error', 'Something went wrong on our side. It has been logged.'),
    c.req.path,
  );
}
