/**
 * `npm run bench:first-load [-- --url http://127.0.0.1:8787] [--json]`
 *
 * The JavaScript a first visit downloads, measured in Debian chromium with the cache off and the
 * service worker blocked (so every script comes over the network, compressed as the Worker serves
 * it): the sign-in page signed out, and the board signed in up to its first card. For each page:
 * the compressed bytes of its scripts (Resource Timing's `encodedBodySize`) beside the goal from
 * issue 10 (sign-in ≤ 80 KB gzip, board ≤ 150 KB gzip) and the uncompressed size. Without `--url`
 * it builds the SPA and starts a fresh stack itself (seeded with the demo org), and stops it after.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/browser.ts';
import {
  FIRST_LOAD_GOALS,
  firstVisit,
  openBoardSignedIn,
  openSignIn,
  type ScriptLoad,
  scriptsWhenSettled,
  totalDecoded,
  totalEncoded,
} from '../e2e/first-load.ts';
import { ensureDevVars } from '../scripts/dev-secrets.ts';
import {
  buildSpa,
  freePort,
  migrateLocal,
  type RunningWorker,
  startWorker,
} from '../scripts/dev-stack.ts';
import { seedDemo } from '../scripts/seed.ts';

const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    json: { type: 'boolean', default: false },
  },
});
const say = (line: string) => {
  if (!args.json) console.log(line);
};
const devVars = join(import.meta.dirname, '..', '.dev.vars');

function summarize(page: string, scripts: ScriptLoad[], goalBytes: number) {
  const encodedBytes = totalEncoded(scripts);
  return {
    page,
    scripts: scripts.length,
    encodedBytes,
    decodedBytes: totalDecoded(scripts),
    goalBytes,
    withinGoal: encodedBytes <= goalBytes,
    files: scripts,
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

let started: RunningWorker | undefined;
let persistTo: string | undefined;
let browser: Browser | undefined;
try {
  let url = args.url;
  if (!url) {
    say('building the SPA and starting a fresh stack…');
    ensureDevVars(devVars);
    buildSpa();
    persistTo = mkdtempSync(join(tmpdir(), 'gestorlead-bench-first-load-'));
    migrateLocal(persistTo, true);
    started = await startWorker({ port: await freePort(), persistTo, quiet: true });
    await seedDemo(started.url, devVars);
    url = started.url;
  }
  browser = await launchBrowser();

  const signIn = await firstVisit(browser, url);
  await openSignIn(signIn.page);
  const signInScripts = await scriptsWhenSettled(signIn.page);
  await signIn.context.close();

  const board = await firstVisit(browser, url);
  await openBoardSignedIn(board.context, board.page);
  const boardScripts = await scriptsWhenSettled(board.page);
  await board.context.close();

  const results = [
    summarize('sign-in (signed out)', signInScripts, FIRST_LOAD_GOALS.signIn),
    summarize('board (signed in, first card)', boardScripts, FIRST_LOAD_GOALS.board),
  ];
  if (args.json) console.log(JSON.stringify({ url, results }));
  else {
    console.table(
      results.map((r) => ({
        page: r.page,
        scripts: r.scripts,
        'JS transferred (gzip)': kb(r.encodedBytes),
        goal: `≤ ${kb(r.goalBytes)}`,
        'within goal': r.withinGoal ? 'yes' : 'NO',
        'JS uncompressed': kb(r.decodedBytes),
      })),
    );
    for (const r of results) {
      say(`\n${r.page}, largest scripts:`);
      for (const file of r.files.slice(0, 6))
        say(`  ${kb(file.encodedBytes).padStart(9)}  ${file.path}`);
    }
  }
  if (results.some((r) => !r.withinGoal)) process.exitCode = 1;
} finally {
  await browser?.close();
  await started?.stop();
  if (persistTo) rmSync(persistTo, { recursive: true, force: true });
}
