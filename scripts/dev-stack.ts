/**
 * The local stack as code, shared by `npm start`, the end-to-end tests and the benchmarks:
 * apply D1 migrations, build the SPA, run `wrangler dev` (workerd with local D1, DOs, Queues,
 * R2, crons) on a port, wait until healthy, and stop it with every child process.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const bin = (name: string) => resolve(root, 'node_modules/.bin', name);

/**
 * No internet here: wrangler must not try to fetch `Request.cf` data or send metrics. The
 * project's Node 22 comes first on PATH, also when a script is run without npm.
 */
export const offlineEnv = {
  ...process.env,
  PATH: `${resolve(root, 'node_modules/.bin')}:${process.env.PATH}`,
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  WRANGLER_SEND_METRICS: 'false',
};

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Applies pending migrations to the local D1 (in `persistTo`, or wrangler's default folder).
 * `quiet` keeps wrangler's report off stdout, for tools that print JSON there.
 */
export function migrateLocal(persistTo?: string, quiet = false) {
  execFileSync(
    bin('wrangler'),
    [
      'd1',
      'migrations',
      'apply',
      'DB',
      '--local',
      ...(persistTo ? ['--persist-to', persistTo] : []),
    ],
    { cwd: root, env: offlineEnv, stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'] },
  );
}

export function buildSpa() {
  execFileSync(bin('vite'), ['build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    env: offlineEnv,
    stdio: 'inherit',
  });
}

export interface RunningWorker {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function startWorker(options: {
  port: number;
  persistTo?: string;
  /** Extra `--var NAME:value` overrides. */
  vars?: Record<string, string>;
  quiet?: boolean;
}): Promise<RunningWorker> {
  const args = [
    'dev',
    '--port',
    String(options.port),
    '--ip',
    '127.0.0.1',
    '--inspector-port',
    String(await freePort()),
    '--test-scheduled',
    '--show-interactive-dev-session=false',
    ...(options.persistTo ? ['--persist-to', options.persistTo] : []),
    ...Object.entries(options.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}:${v}`]),
  ];
  // Own process group, so stopping it also stops workerd (killing wrangler alone leaves it running).
  const child = spawn(bin('wrangler'), args, {
    cwd: root,
    env: offlineEnv,
    detached: true,
    stdio: options.quiet ? ['ignore', 'ignore', 'inherit'] : ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${options.port}`;
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise((ok) => child.once('exit', ok));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {}
    const timeout = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, 5000);
    await exited;
    clearTimeout(timeout);
  };
  try {
    await waitForHealth(url, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, process: child, stop };
}

/**
 * The Worker a benchmark measures: the one at `url` when given, else a fresh one on its own
 * storage (the SPA built first if missing: `wrangler dev` refuses to start without it). `stop`
 * stops and removes only what this started. `quiet` keeps wrangler's reports off stdout.
 */
export async function benchWorker(options: { url?: string; quiet?: boolean }) {
  if (options.url) return { url: options.url, started: false, stop: async () => {} };
  if (!existsSync(resolve(root, 'dist'))) buildSpa();
  const persistTo = mkdtempSync(join(tmpdir(), 'gestorlead-bench-'));
  const remove = () => rmSync(persistTo, { recursive: true, force: true });
  try {
    migrateLocal(persistTo, options.quiet);
    const worker = await startWorker({ port: await freePort(), persistTo, quiet: true });
    return {
      url: worker.url,
      started: true,
      stop: async () => {
        await worker.stop();
        remove();
      },
    };
  } catch (err) {
    remove();
    throw err;
  }
}

/**
 * The same Worker as `startWorker` (wrangler's bundling, workerd, the same bindings and local
 * state), started through wrangler's API so that the URL of workerd itself is known: `wrangler
 * dev` puts a proxy worker in front of it (for reloads), one more hop per WebSocket message that a
 * deployed Worker does not have. `url` is workerd's own address; for latency benchmarks.
 */
export async function startWorkerDirect(options: { persistTo: string }): Promise<{
  url: string;
  stop(): Promise<void>;
}> {
  Object.assign(process.env, offlineEnv);
  const { unstable_DevEnv: DevEnv } = await import('wrangler');
  const devEnv = new DevEnv();
  const workerd = new Promise<{ hostname: string; port: string }>((ok) =>
    devEnv.once(
      'reloadComplete',
      (event: { proxyData: { userWorkerUrl: { hostname: string; port: string } } }) =>
        ok(event.proxyData.userWorkerUrl),
    ),
  );
  const worker = await devEnv.startWorker({
    config: resolve(root, 'wrangler.toml'),
    dev: {
      server: { hostname: '127.0.0.1', port: await freePort() },
      inspector: false,
      persist: options.persistTo,
      watch: false,
      logLevel: 'warn',
    },
  });
  await worker.ready;
  const { hostname, port } = await workerd;
  const url = `http://${hostname}:${port}`;
  await waitForHealth(url);
  return { url, stop: () => worker.dispose() };
}

export async function waitForHealth(url: string, child?: ChildProcess, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null)
      throw new Error(`wrangler dev exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {}
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`${url} did not become healthy within ${timeoutMs / 1000} s`);
}
