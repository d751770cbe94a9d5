/**
 * What the fake AI services share: state per tenant, so test files running in parallel never see
 * each other's requests or failure modes. A tenant is the path prefix `/t/<tenant>`; under it,
 * `POST /__control` sets failures (`{fail: {status, times, retryAfter?}}` or `{hang: true}`) and
 * `GET /__requests` lists the requests received (headers and parsed bodies). A fake that needs
 * data of its own per tenant (an ad platform's reports, its quota usage) keeps it in `data`;
 * `{data: {...}}` in a control request merges into it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

export interface TenantState {
  requests: RecordedRequest[];
  fail: { status: number; times: number; retryAfter?: number } | null;
  hang: boolean;
  data: Record<string, unknown>;
}

export interface FakeCall {
  req: IncomingMessage;
  res: ServerResponse;
  /** The path under the tenant, e.g. `/v1/chat/completions`. */
  path: string;
  query: URLSearchParams;
  rawBody: string;
  tenant: TenantState;
}

export async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/**
 * Starts a fake whose `handle` sees only real API calls: control requests, failures the test asked
 * for, and hangs are dealt with here. `failure` renders an error the way the real service does.
 */
export async function startFakeService(
  handle: (call: FakeCall) => Promise<void> | void,
  failure: (res: ServerResponse, status: number, retryAfter?: number) => void,
): Promise<{ url: string; close(): Promise<void> }> {
  const tenants = new Map<string, TenantState>();
  const open = new Set<ServerResponse>();
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const match = url.pathname.match(/^\/t\/([\w-]+)(\/.*)$/);
    if (!match) return sendJson(res, 404, { error: 'use /t/<tenant>/…' });
    const [, name, path] = match as unknown as [string, string, string];
    let tenant = tenants.get(name);
    if (!tenant) {
      tenant = { requests: [], fail: null, hang: false, data: {} };
      tenants.set(name, tenant);
    }
    const rawBody = await readBody(req);
    if (path === '/__control' && req.method === 'POST') {
      const control = JSON.parse(rawBody || '{}') as Partial<TenantState>;
      tenant.fail = control.fail ?? null;
      tenant.hang = control.hang ?? false;
      Object.assign(tenant.data, control.data);
      return sendJson(res, 200, { ok: true });
    }
    if (path === '/__requests') return sendJson(res, 200, tenant.requests);

    let body: unknown = rawBody;
    try {
      body = rawBody ? JSON.parse(rawBody) : null;
    } catch {}
    tenant.requests.push({
      method: req.method ?? 'GET',
      path,
      query: Object.fromEntries(url.searchParams),
      headers: Object.fromEntries(
        Object.entries(req.headers).map(([k, value]) => [k, String(value)]),
      ),
      body,
    });
    if (tenant.hang) {
      // Never answer; the client's timeout must end the call.
      open.add(res);
      res.on('close', () => open.delete(res));
      return;
    }
    if (tenant.fail && tenant.fail.times > 0) {
      tenant.fail.times--;
      return failure(res, tenant.fail.status, tenant.fail.retryAfter);
    }
    await handle({ req, res, path, query: url.searchParams, rawBody, tenant });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
      }),
  };
}
