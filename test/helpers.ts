/** Helpers for integration tests: requests through the real Worker, and signed-up people. */
import { SELF } from 'cloudflare:test';

export const ORIGIN = 'http://localhost';
let ipCounter = 0;

/** A distinct client IP per caller, so the per-IP sign-in limit only bites where a test wants it. */
export const nextIp = () =>
  `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`;

export interface CallOptions {
  method?: string;
  body?: unknown;
  token?: string;
  cookie?: string;
  ip?: string;
  headers?: Record<string, string>;
}

export async function call(path: string, options: CallOptions = {}) {
  const headers: Record<string, string> = {
    'cf-connecting-ip': options.ip ?? nextIp(),
    ...options.headers,
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await SELF.fetch(`${ORIGIN}${path}`, {
    method: options.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body,
    redirect: 'manual',
  });
  const text = await response.text();
  let json: any = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, json, text };
}

/** `name=value` of the refresh cookie a response set, ready for a Cookie header. */
export function refreshCookieFrom(headers: Headers): string {
  const set = headers.getSetCookie().find((c) => c.startsWith('gl_refresh='));
  if (!set) throw new Error('no refresh cookie set');
  return set.split(';')[0]!;
}

let userCounter = 0;

export interface TestUser {
  token: string;
  cookie: string;
  user: { id: string; email: string; name: string };
  org: { id: string; name: string; slug: string };
  password: string;
}

export async function signUp(
  overrides: Partial<{ email: string; name: string; orgName: string }> = {},
): Promise<TestUser> {
  const n = userCounter++;
  const password = 'correct horse battery staple';
  const res = await call('/api/v1/auth/register', {
    body: {
      email: overrides.email ?? `person${n}-${crypto.randomUUID().slice(0, 8)}@example.com`,
      password,
      name: overrides.name ?? `Person ${n}`,
      orgName: overrides.orgName ?? `Org ${n}`,
    },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${res.text}`);
  return {
    ...res.json,
    token: res.json.accessToken,
    cookie: refreshCookieFrom(res.headers),
    password,
  };
}

/** Invites `email` into `owner`'s org with `role`, signs that person up and has them accept. */
export async function addMember(
  owner: TestUser,
  role: 'admin' | 'member' | 'viewer' | 'owner',
): Promise<TestUser> {
  const person = await signUp();
  const invite = await call('/api/v1/org/invitations', {
    token: owner.token,
    body: { email: person.user.email, role },
  });
  if (invite.status !== 201) throw new Error(`invite failed: ${invite.status} ${invite.text}`);
  const accepted = await call(`/api/v1/invitations/${invite.json.token}/accept`, {
    method: 'POST',
    token: person.token,
  });
  if (accepted.status !== 200)
    throw new Error(`accept failed: ${accepted.status} ${accepted.text}`);
  const switched = await call('/api/v1/auth/switch-org', {
    token: person.token,
    cookie: person.cookie,
    body: { orgId: owner.org.id },
  });
  if (switched.status !== 200)
    throw new Error(`switch failed: ${switched.status} ${switched.text}`);
  return {
    ...person,
    token: switched.json.accessToken,
    cookie: refreshCookieFrom(switched.headers),
    org: owner.org,
  };
}

async function dataTables(): Promise<{ name: string; hasOrgId: boolean }[]> {
  const { env } = await import('cloudflare:test');
  const { results } = await env.DB.prepare(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_cf_%' and name != 'd1_migrations'",
  ).all<{ name: string }>();
  return Promise.all(
    results.map(async ({ name }) => {
      const cols = await env.DB.prepare(`pragma table_info(${name})`).all<{ name: string }>();
      return { name, hasOrgId: cols.results.some((c) => c.name === 'org_id') };
    }),
  );
}

/** Row counts of every table: equal before and after means nothing was written. */
export async function tableCounts(): Promise<Record<string, number>> {
  const { env } = await import('cloudflare:test');
  const counts: Record<string, number> = {};
  for (const { name } of await dataTables()) {
    counts[name] = (await env.DB.prepare(`select count(*) as n from ${name}`).first<{
      n: number;
    }>())!.n;
  }
  return counts;
}

/** Every row that belongs to one org, across all tables, as comparable JSON. */
export async function orgRows(orgId: string): Promise<string> {
  const { env } = await import('cloudflare:test');
  const out: Record<string, unknown[]> = {};
  for (const { name, hasOrgId } of await dataTables()) {
    if (!hasOrgId) continue;
    out[name] = (
      await env.DB.prepare(`select * from ${name} where org_id = ? order by rowid`)
        .bind(orgId)
        .all()
    ).results;
  }
  return JSON.stringify(out);
}

/** Rate-limit windows are whole clock minutes; a test that fills one starts early in a fresh one. */
export async function atStartOfRateWindow(neededSeconds: number) {
  const intoWindow = (Date.now() / 1000) % 60;
  if (intoWindow > 60 - neededSeconds)
    await new Promise((ok) => setTimeout(ok, (60 - intoWindow) * 1000 + 50));
}

/**
 * The org's live events as an open tab receives them (its OrgHub, through a room ticket):
 * `events` fills as they arrive; `ws` for tests that wait on one.
 */
export async function listenToOrgHub(person: TestUser) {
  const ticket = await call('/api/v1/rooms/tickets', {
    token: person.token,
    body: { room: 'org-hub', id: person.org.id },
  });
  const socket = await SELF.fetch(`${ORIGIN}${ticket.json.url}`, {
    headers: { upgrade: 'websocket' },
  });
  const ws = socket.webSocket!;
  ws.accept();
  const events: any[] = [];
  ws.addEventListener('message', (e) => events.push(JSON.parse(e.data as string)));
  return { ws, events, close: () => ws.close(1000) };
}
