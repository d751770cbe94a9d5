/**
 * `npm run bench:queues [-- --url http://127.0.0.1:8787] [--burst 200] [--json]`
 *
 * Fairness and throughput of the generation queue on a real local stack (`wrangler dev`: workerd,
 * local Queues, D1, Durable Objects), with the sandbox AI at its normal pace.
 * - Fairness: org B's one studio generation, enqueue → done, on an idle queue (the median of three)
 *   and again right after org A has enqueued `--burst` generations. Goal: burst ≤ 2 × idle.
 * - Throughput: A's burst in jobs/s (first job queued → last job finished, by the database's
 *   clock), beside the same count of no-op jobs through the same queue and consumer (the floor).
 * Then checks that every job finished and no credit is left held. `--json` prints one object:
 * `{fairness:{burstMs, idleMs, ratio}, throughput:{jobsPerSec, floorJobsPerSec, ratio}}`.
 * Without `--url` it starts a fresh Worker on its own storage and stops it afterwards; with one,
 * that Worker must run with this checkout's `.dev.vars` (the dev routes check its token).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ensureDevVars } from '../scripts/dev-secrets.ts';
import { benchWorker } from '../scripts/dev-stack.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    burst: { type: 'string', default: '200' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => {
  if (!args.json) console.log(line);
};
const BURST = Number(args.burst);
const STUDIO_KIND = 'studio.generate';
const NOOP_KIND = 'bench.noop';
/** Requests A keeps open at once while it enqueues its burst, as a busy integration would. */
const ENQUEUE_CLIENTS = 20;

ensureDevVars();
const devToken =
  /^DEV_SEED_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim() ?? '';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The Worker under test: set once it is up. */
let url = '';
let ipCounter = 0;

async function request(
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, {
    method: options.body === undefined ? 'GET' : 'POST',
    headers: {
      'content-type': 'application/json',
      'x-dev-seed-token': devToken,
      // Each sign-up from its own address, so the per-IP sign-in limit is not what is measured.
      'cf-connecting-ip': `198.18.${(ipCounter >> 8) & 255}.${ipCounter++ & 255}`,
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

async function expectOk<T = any>(what: string, pending: Promise<{ status: number; json: any }>) {
  const res = await pending;
  if (res.status < 200 || res.status > 299)
    throw new Error(`${what}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json as T;
}

interface Org {
  id: string;
  token: string;
}

async function newOrg(name: string): Promise<Org> {
  const session = await expectOk(
    'register',
    request('/api/v1/auth/register', {
      body: {
        email: `bench-queues-${name}-${Date.now()}@bench.gestorlead.dev`,
        password: 'benchmark password 123',
        name: `Bench ${name}`,
        orgName: `Bench Queues ${name}`,
      },
    }),
  );
  const org = { id: session.org.id as string, token: session.accessToken as string };
  await expectOk(
    'grant',
    request('/api/dev/ledger/grant', {
      body: { orgId: org.id, key: `bench-queues-${name}`, credits: 1_000_000 },
    }),
  );
  return org;
}

/** Asks for one text generation; distinct prompts, so no answer comes from the cache. */
function generate(org: Org, prompt: string) {
  return expectOk(
    'generate',
    request('/api/v1/studio/generations', {
      token: org.token,
      body: { modality: 'text', prompt },
      headers: { 'idempotency-key': crypto.randomUUID() },
    }),
  );
}

/** Milliseconds from asking for one generation to seeing it done. */
async function timeOneGeneration(org: Org, prompt: string): Promise<number> {
  const started = performance.now();
  const { id } = await generate(org, prompt);
  for (;;) {
    const generation = await expectOk(
      'poll',
      request(`/api/v1/studio/generations/${id}`, { token: org.token }),
    );
    if (generation.status === 'done') return performance.now() - started;
    if (generation.status === 'failed') throw new Error(`generation failed: ${generation.error}`);
    await sleep(50);
  }
}

interface Summary {
  byStatus: Record<string, number>;
  firstCreatedAt: number;
  lastUpdatedAt: number;
}

/** Waits until `count` jobs of the kind are finished; jobs/s by the database's own timestamps. */
async function jobsPerSecond(org: Org, kind: string, count: number, timeoutMs = 600_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const summary = await expectOk<Summary>(
      'summary',
      request('/api/dev/jobs/summary', { body: { orgId: org.id, kind } }),
    );
    const finished = (summary.byStatus.done ?? 0) + (summary.byStatus.failed ?? 0);
    if (finished >= count) {
      if (summary.byStatus.failed)
        throw new Error(`${summary.byStatus.failed} ${kind} jobs failed`);
      const seconds = (summary.lastUpdatedAt - summary.firstCreatedAt) / 1000;
      return { jobsPerSec: Number((count / seconds).toFixed(2)), seconds };
    }
    if (Date.now() > until) throw new Error(`${kind}: ${finished}/${count} finished in time`);
    await sleep(250);
  }
}

async function inParallel<T>(count: number, clients: number, task: (i: number) => Promise<T>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

const worker = await benchWorker({ url: args.url, quiet: args.json });
url = worker.url;
if (worker.started) say(`started a Worker at ${url}`);
try {
  const [orgA, orgB, orgFloor] = [await newOrg('a'), await newOrg('b'), await newOrg('floor')];

  // The floor first, on an idle queue: the same count of jobs that do nothing.
  await expectOk(
    'noop',
    request('/api/dev/jobs/noop', { body: { orgId: orgFloor.id, count: BURST } }),
  );
  const floor = await jobsPerSecond(orgFloor, NOOP_KIND, BURST);
  say(`floor: ${BURST} no-op jobs at ${floor.jobsPerSec} jobs/s`);

  // B alone: warm once (first compile of every path), then three timed runs on an idle queue.
  await timeOneGeneration(orgB, 'Post sobre café especial, aquecimento');
  const idleRuns: number[] = [];
  for (let i = 1; i <= 3; i++)
    idleRuns.push(await timeOneGeneration(orgB, `Post sobre café especial, rodada ${i}`));
  const idleMs = Math.round(median(idleRuns));
  say(`org B on an idle queue: ${idleRuns.map(Math.round).join(', ')} ms (median ${idleMs})`);

  // A's burst, then B's one generation right behind it.
  await inParallel(BURST, ENQUEUE_CLIENTS, (i) =>
    generate(orgA, `Post sobre tênis de corrida, peça ${i + 1}`),
  );
  const burstMs = Math.round(await timeOneGeneration(orgB, 'Post sobre café especial, na fila'));
  say(`org B behind org A's ${BURST}: ${burstMs} ms`);
  const burst = await jobsPerSecond(orgA, STUDIO_KIND, BURST);
  say(`org A's burst: ${BURST} generations at ${burst.jobsPerSec} jobs/s`);

  const credits = await expectOk('credits', request('/api/v1/credits', { token: orgA.token }));
  if (credits.held !== 0) throw new Error(`org A still has ${credits.held} credits held`);

  const fairnessRatio = Number((burstMs / idleMs).toFixed(2));
  const throughputRatio = Number((burst.jobsPerSec / floor.jobsPerSec).toFixed(3));
  const result = {
    fairness: { burstMs, idleMs, ratio: fairnessRatio },
    throughput: {
      jobsPerSec: burst.jobsPerSec,
      floorJobsPerSec: floor.jobsPerSec,
      ratio: throughputRatio,
    },
  };
  if (args.json) console.log(JSON.stringify(result));
  else {
    console.table([
      { measure: 'org B, enqueue → done (ms)', 'behind the burst': burstMs, 'idle queue': idleMs },
      {
        measure: 'jobs/s',
        'behind the burst': burst.jobsPerSec,
        'idle queue': `${floor.jobsPerSec} (no-op floor)`,
      },
    ]);
    say(
      `fairness ratio: ${fairnessRatio} (goal ≤ 2) · throughput ratio to floor: ${throughputRatio}`,
    );
    say(`org A: every job done, no credit left held (${credits.balance} credits left)`);
  }
  if (fairnessRatio > 2) process.exitCode = 1;
} finally {
  await worker.stop();
}
