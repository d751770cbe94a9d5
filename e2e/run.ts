/**
 * `npm run test:e2e`: builds the SPA, starts `wrangler dev` on a free port with a fresh local
 * D1 in a temporary folder, seeds the demo org, runs the browser scenarios (node:test +
 * playwright-core with Debian chromium), and always stops what it started.
 * `node e2e/run.ts studio credits` runs only the scenarios whose file name contains a word given.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureDevVars } from '../scripts/dev-secrets.ts';
import {
  buildSpa,
  freePort,
  migrateLocal,
  type RunningWorker,
  startWorker,
} from '../scripts/dev-stack.ts';
import { seedDemo } from '../scripts/seed.ts';

const root = resolve(import.meta.dirname, '..');
const only = process.argv.slice(2);
const scenarios = readdirSync(import.meta.dirname)
  .filter((name) => name.endsWith('.e2e.ts'))
  .filter((name) => only.length === 0 || only.some((word) => name.includes(word)))
  .sort()
  .map((name) => join('e2e', name));
if (scenarios.length === 0) {
  // node --test with no files would run every test file in the repository instead.
  console.error(`e2e: no scenario file matches ${only.join(', ')}`);
  process.exit(2);
}

const persistTo = mkdtempSync(join(tmpdir(), 'gestorlead-e2e-'));
let worker: RunningWorker | undefined;
let exitCode = 1;
const stop = async () => {
  await worker?.stop();
  rmSync(persistTo, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, async () => {
    await stop();
    process.exit(130);
  });

try {
  const started = Date.now();
  ensureDevVars(resolve(root, '.dev.vars'));
  buildSpa();
  migrateLocal(persistTo);
  worker = await startWorker({ port: await freePort(), persistTo, quiet: true });
  await seedDemo(worker.url, resolve(root, '.dev.vars'));
  console.log(
    `e2e: stack ready at ${worker.url} in ${Math.round((Date.now() - started) / 1000)} s`,
  );

  exitCode = await new Promise<number>((done) => {
    const child = spawn(
      process.execPath,
      [
        '--test',
        '--test-concurrency=1',
        '--test-timeout=420000',
        '--test-reporter=spec',
        ...scenarios,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, E2E_BASE_URL: worker!.url } },
    );
    child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
} catch (err) {
  console.error(err);
  exitCode = 1;
} finally {
  await stop();
}
process.exit(exitCode);
