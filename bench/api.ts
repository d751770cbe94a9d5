/**
 * `npm run bench:api [-- --url http://127.0.0.1:8787] [--duration 10] [--connections 50] [--json]`
 *
 * Drives the running Worker with many concurrent connections: `/api/health` (the baseline: routing
 * plus one D1 query), an authenticated `/api/v1/me`, the API-key list a signed-in admin sees, and a
 * list called with an API key. Prints requests/s and p50/p99 latency for each and each one's ratio
 * to `/api/health` in the same run. With no Worker on the URL it starts a fresh one and stops it.
 *
 * The load is spread over many tenants, as production load is: each org and key has its own rate
 * limit, and one tenant hammering the API would only measure 429s. Any non-2xx answer is reported.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ensureDevVars } from '../scripts/dev-secrets.ts';
import { freePort, migrateLocal, type RunningWorker, startWorker } from '../scripts/dev-stack.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:8787' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    tenants: { type: 'string', default: '40' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => {
  if (!args.json) console.log(line);
};

async function reachable(url: string) {
  try {
    return (await fetch(`${url}/api/health`)).ok;
  } catch {
    return false;
  }
}

interface Tenant {
  accessToken: string;
  apiKey: string;
}

async function createTenant(url: string, n: number): Promise<Tenant> {
  // Each tenant signs up from its own address: sign-up is limited per client IP.
  const ip = `198.18.${n >> 8}.${n & 255}`;
  const register = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': ip },
    body: JSON.stringify({
      email: `bench-${Date.now()}-${n}@bench.gestorlead.dev`,
      password: 'benchmark password 123',
      name: `Bench ${n}`,
      orgName: `Bench Org ${n}`,
    }),
  });
  if (register.status !== 201)
    throw new Error(`register: ${register.status} ${await register.text()}`);
  const { accessToken } = (await register.json()) as { accessToken: string };
  const key = await fetch(`${url}/api/v1/org/api-keys`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ name: 'bench', scopes: ['members:read'] }),
  });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${await key.text()}`);
  return { accessToken, apiKey: ((await key.json()) as { key: string }).key };
}

interface Figures {
  path: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  non2xx: number;
  errors: number;
}

async function load(url: string, path: string, tokens: string[]): Promise<Figures> {
  const result = await autocannon({
    url,
    connections: Number(args.connections),
    duration: Number(args.duration),
    requests: tokens.length
      ? tokens.map((token) => ({
          method: 'GET',
          path,
          headers: { authorization: `Bearer ${token}` },
        }))
      : [{ method: 'GET', path }],
  });
  return {
    path,
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

let started: RunningWorker | undefined;
let persistTo: string | undefined;
let url = args.url!;
try {
  if (!(await reachable(url))) {
    persistTo = mkdtempSync(join(tmpdir(), 'gestorlead-bench-'));
    ensureDevVars();
    migrateLocal(persistTo);
    started = await startWorker({ port: await freePort(), persistTo, quiet: true });
    url = started.url;
    say(`started a Worker at ${url}`);
  }
  say(`setting up ${args.tenants} tenants…`);
  const tenants: Tenant[] = [];
  for (let n = 0; n < Number(args.tenants); n++) tenants.push(await createTenant(url, n));

  say(`load: ${args.connections} connections × ${args.duration} s per endpoint`);
  const health = await load(url, '/api/health', []);
  const runs = [
    { name: 'health', figures: health },
    {
      name: 'me (access token)',
      figures: await load(
        url,
        '/api/v1/me',
        tenants.map((t) => t.accessToken),
      ),
    },
    {
      name: 'api-key list (access token)',
      figures: await load(
        url,
        '/api/v1/org/api-keys',
        tenants.map((t) => t.accessToken),
      ),
    },
    {
      name: 'members list (API key)',
      figures: await load(
        url,
        '/api/v1/org/members',
        tenants.map((t) => t.apiKey),
      ),
    },
  ].map(({ name, figures }) => ({
    name,
    ...figures,
    throughputRatioToHealth: Number(
      (figures.requestsPerSecond / health.requestsPerSecond).toFixed(3),
    ),
    p50RatioToHealth: Number((figures.p50Ms / Math.max(health.p50Ms, 0.001)).toFixed(3)),
  }));

  if (args.json) {
    console.log(
      JSON.stringify({
        url,
        connections: Number(args.connections),
        durationSeconds: Number(args.duration),
        tenants: tenants.length,
        results: runs,
      }),
    );
  } else {
    console.table(
      runs.map((r) => ({
        endpoint: r.name,
        'req/s': r.requestsPerSecond,
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        'req/s ÷ health': r.throughputRatioToHealth,
        'p50 ÷ health': r.p50RatioToHealth,
        'non-2xx': r.non2xx,
        errors: r.errors,
      })),
    );
  }
  if (runs.some((r) => r.non2xx || r.errors)) {
    console.error('some requests failed: the figures above are not clean');
    process.exitCode = 1;
  }
} finally {
  await started?.stop();
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
}
