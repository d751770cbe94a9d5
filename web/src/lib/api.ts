/**
 * The API client: JSON in and out under /api/v1, the bearer token attached, one silent refresh
 * and retry after a 401, and problem+json errors turned into `ApiError` with per-field messages.
 */
import { currentAccessToken, refreshAccessToken, type SessionBody } from './access-token.ts';

/** A field's problem from the API: English `message`, and a `code` with `params` to translate. */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
  params?: Record<string, string | number>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  /** Field path (e.g. `email`) → the server's English message for it (the first one). */
  readonly fields: Record<string, string>;
  /** Every field problem as sent, codes included: `fieldErrorsOf` words them for people. */
  readonly errors: FieldError[];
  /** The problem's other members, e.g. `missing` credits on a 402. */
  readonly extra: Record<string, unknown>;

  constructor(
    status: number,
    title: string,
    detail: string,
    errors: FieldError[] = [],
    extra: Record<string, unknown> = {},
  ) {
    super(detail || title);
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.errors = errors;
    this.fields = Object.fromEntries(errors.toReversed().map((e) => [e.path, e.message]));
    this.extra = extra;
  }
}

/** Status 0: the request never reached the server (offline, DNS, connection refused). */
export const isOffline = (err: unknown) => err instanceof ApiError && err.status === 0;

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** JSON, or a file (a `Blob`) sent as it is, with its own type. */
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | undefined | null>;
  /** Public routes go without a token and never trigger a refresh. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

type AuthHooks = {
  /** Refresh failed after a 401: the session is over. */
  onSessionLost(): void;
  /** A 403: the role may have changed since the page loaded. */
  onForbidden(): void;
};
let hooks: AuthHooks = { onSessionLost() {}, onForbidden() {} };
export function setAuthHooks(next: AuthHooks) {
  hooks = next;
}

export async function api<T = unknown>(path: string, options: RequestOptions = {}): Promise<T> {
  return read<T>(await authorizedFetch(path, options));
}

/** A binary answer (a generated image or audio file): the bearer token cannot ride on `<img src>`. */
export async function apiBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
  const res = await authorizedFetch(path, options);
  if (!res.ok) throw await toApiError(res);
  return res.blob();
}

async function authorizedFetch(path: string, options: RequestOptions): Promise<Response> {
  const url = withQuery(`/api/v1${path}`, options.query);
  if (options.anonymous) return send(url, options, null);
  let token = currentAccessToken();
  let refreshed = false;
  if (!token) {
    token = await freshToken();
    refreshed = true;
  }
  let res = await send(url, options, token);
  if (res.status === 401 && !refreshed) {
    token = await freshToken();
    res = await send(url, options, token);
  }
  if (res.status === 401) hooks.onSessionLost();
  if (res.status === 403) hooks.onForbidden();
  return res;
}

async function read<T>(res: Response): Promise<T> {
  if (!res.ok) throw await toApiError(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A new access token; a refused refresh ends the session, an unreachable server does not. */
async function freshToken(): Promise<string> {
  let body: SessionBody | null;
  try {
    body = await refreshAccessToken();
  } catch {
    throw new ApiError(0, 'Offline', 'The server could not be reached.');
  }
  if (!body) {
    hooks.onSessionLost();
    throw new ApiError(401, 'Unauthorized', 'Your session has ended. Sign in again.');
  }
  return body.accessToken;
}

async function send(url: string, options: RequestOptions, token: string | null | undefined) {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  const file = options.body instanceof Blob ? options.body : null;
  if (file) headers['content-type'] = file.type || 'application/octet-stream';
  else if (options.body !== undefined) headers['content-type'] = 'application/json';
  try {
    return await fetch(url, {
      method: options.method ?? 'GET',
      headers,
      body: file ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if ((err as Error)?.name === 'AbortError') throw err;
    throw new ApiError(0, 'Offline', 'The server could not be reached.');
  }
}

async function toApiError(res: Response): Promise<ApiError> {
  try {
    const { title, detail, errors, ...extra } = (await res.json()) as {
      title?: string;
      detail?: string;
      errors?: FieldError[];
      [member: string]: unknown;
    };
    return new ApiError(res.status, title ?? res.statusText, detail ?? '', errors ?? [], extra);
  } catch {
    return new ApiError(res.status, res.statusText, '');
  }
}

function withQuery(path: string, query: RequestOptions['query']) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {}))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}
