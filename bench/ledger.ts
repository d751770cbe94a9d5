/**
 * `npm run bench:ledger [-- --url http://127.0.0.1:8787] [--duration 10] [--clients 100] [--json]`
 *
 * One org's CreditLedger under load, over HTTP. Each of `--clients` concurrent clients does what
 * a job does: hold a few credits, then capture part of them (the rest is released), again and
 * again. Beside it, in the same run, the floor: the same clients calling a no-op through the same
 * router and the same Durable Object. Prints operations/s (a hold or a capture is one operation),
 * p50/p99 latency and the ratio to the floor, then checks the final balance is exact: what was
 * granted minus every capture the clients saw succeed, with nothing left held.
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
    duration: { type: 'string', default: '10' },
    clients: { type: 'string', default: '100' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => {
  if (!args.json) console.log(line);
};
const GRANTED = 100_000_000;

ensureDevVars();
const devToken =
  /^DEV_SEED_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim() ?? '';

async function post(
  url: string,
  path: string,
  body: unknown,
): Promise<{ status: number; json: any }> {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-dev-seed-token': devToken },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() };
}

interface Figures {
  operations: number;
  operationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]! : 0;

/** Runs `clients` loops of `step` for the duration; each step reports its operations' latencies. */
async function drive(
  step: (client: number, n: number) => Promise<number[] | null>,
): Promise<Figures> {
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + Number(args.duration) * 1000;
  await Promise.all(
    Array.from({ length: Number(args.clients) }, async (_, client) => {
      for (let n = 0; performance.now() < deadline; n++) {
        const timings = await step(client, n);
        if (timings) latencies.push(...timings);
        else errors++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    operations: latencies.length,
    operationsPerSecond: Math.round(latencies.length / seconds),
    p50Ms: Number(percentile(latencies, 50).toFixed(2)),
    p99Ms: Number(percentile(latencies, 99).toFixed(2)),
    errors,
  };
}

async function timed(request: () => Promise<{ status: number; json: any }>) {
  const t = performance.now();
  const res = await request();
  return { ...res, ms: performance.now() - t };
}

const worker = await benchWorker({ url: args.url, quiet: args.json });
const { url } = worker;
if (worker.started) say(`started a Worker at ${url}`);
try {
  const register = await fetch(`${url}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'cf-connecting-ip': '198.18.200.1' },
    body: JSON.stringify({
      email: `bench-ledger-${Date.now()}@bench.gestorlead.dev`,
      password: 'benchmark password 123',
      name: 'Bench',
      orgName: 'Bench Ledger Org',
    }),
  });
  if (register.status !== 201)
    throw new Error(`register: ${register.status} ${await register.text()}`);
  const session = (await register.json()) as { accessToken: string; org: { id: string } };
  const orgId = session.org.id;
  const readBalance = async () =>
    (await (
      await fetch(`${url}/api/v1/credits`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      })
    ).json()) as { balance: number; held: number; available: number };
  const initial = (await readBalance()).balance;
  const grant = await post(url, '/api/dev/ledger/grant', {
    orgId,
    key: 'bench-grant',
    credits: GRANTED,
  });
  if (grant.status !== 200) throw new Error(`grant: ${grant.status} ${JSON.stringify(grant.json)}`);

  say(`load: ${args.clients} clients × ${args.duration} s each, against one org's ledger`);
  // Warm the Durable Object and connections before measuring anything.
  await Promise.all(Array.from({ length: 50 }, () => post(url, '/api/dev/ledger/noop', { orgId })));

  const floor = await drive(async () => {
    const res = await timed(() => post(url, '/api/dev/ledger/noop', { orgId }));
    return res.status === 200 ? [res.ms] : null;
  });

  let captured = 0;
  let pairs = 0;
  const ledger = await drive(async (client, n) => {
    const credits = 1 + ((client + n) % 5);
    const hold = await timed(() =>
      post(url, '/api/dev/ledger/hold', { orgId, key: `h-${client}-${n}`, credits }),
    );
    if (hold.status !== 200) return null;
    const use = credits - (n % 2);
    const capture = await timed(() =>
      post(url, '/api/dev/ledger/capture', {
        orgId,
        key: `c-${client}-${n}`,
        holdId: hold.json.holdId,
        credits: use,
      }),
    );
    if (capture.status !== 200) return null;
    captured += capture.json.captured;
    pairs++;
    return [hold.ms, capture.ms];
  });

  const final = await readBalance();
  const expected = initial + GRANTED - captured;
  const balanceErrors = Math.abs(final.balance - expected) + final.held;
  const ratio = Number((ledger.operationsPerSecond / floor.operationsPerSecond).toFixed(3));
  const result = {
    url,
    clients: Number(args.clients),
    durationSeconds: Number(args.duration),
    floor,
    ledger: { ...ledger, pairs, pairsPerSecond: Math.round(ledger.operationsPerSecond / 2) },
    ratioToFloor: ratio,
    balance: { expected, actual: final.balance, held: final.held, capturedCredits: captured },
    balanceErrors,
    goalMet: ratio >= 0.5 && balanceErrors === 0,
  };

  if (args.json) console.log(JSON.stringify(result));
  else {
    console.table([
      {
        run: 'no-op (floor)',
        'ops/s': floor.operationsPerSecond,
        'p50 ms': floor.p50Ms,
        'p99 ms': floor.p99Ms,
        errors: floor.errors,
      },
      {
        run: 'hold + capture',
        'ops/s': ledger.operationsPerSecond,
        'p50 ms': ledger.p50Ms,
        'p99 ms': ledger.p99Ms,
        errors: ledger.errors,
      },
    ]);
    say(`ratio to floor: ${ratio} (goal ≥ 0.5) · ${pairs} hold+capture pairs`);
    say(
      `balance: expected ${expected}, actual ${final.balance}, held ${final.held} → ${balanceErrors === 0 ? 'exact' : 'WRONG'}`,
    );
  }
  if (balanceErrors || ledger.errors || floor.errors) process.exitCode = 1;
} finally {
  await worker.stop();
}
