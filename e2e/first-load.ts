/**
 * What a first visit downloads, as the browser itself reports it: every script of the page with
 * its compressed and uncompressed size (Resource Timing), on a fresh context with the cache off
 * and the service worker blocked, so nothing comes from a cache or a precache. Shared by the
 * first-load scenario (the budgets) and `npm run bench:first-load` (the figures).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO } from './pipeline.ts';

/** The goals of issue 10, in compressed bytes (1 KB = 1,000 bytes, as vite's build report counts). */
export const FIRST_LOAD_GOALS = { signIn: 80_000, board: 150_000 };

export interface ScriptLoad {
  path: string;
  /** Bytes on the wire: the body as the Worker sent it (gzip). */
  encodedBytes: number;
  decodedBytes: number;
}

/** Every script the page fetched so far. */
function scriptsLoaded(page: Page): Promise<ScriptLoad[]> {
  return page.evaluate<ScriptLoad[]>(`performance.getEntriesByType('resource')
    .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
    .map((entry) => ({
      path: new URL(entry.name).pathname,
      encodedBytes: entry.encodedBodySize,
      decodedBytes: entry.decodedBodySize,
    }))`);
}

/** A fresh person's first visit: nothing cached, no service worker to answer from its precache. */
export async function firstVisit(
  browser: Browser,
  baseURL: string,
  viewport = { width: 1366, height: 800 },
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL,
    locale: 'pt-BR',
    viewport,
    serviceWorkers: 'block',
    // Sign-in is limited per client address: each visit comes from its own.
    extraHTTPHeaders: {
      'cf-connecting-ip': `198.19.${process.pid % 250}.${Math.floor(Math.random() * 250)}`,
    },
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  return { context, page };
}

/** The scripts once none has started for `quietMs`, so chunks fetched just after the first paint count too. */
export async function scriptsWhenSettled(page: Page, quietMs = 1000): Promise<ScriptLoad[]> {
  let last = -1;
  for (;;) {
    const scripts = await scriptsLoaded(page);
    if (scripts.length === last) {
      if (scripts.some((s) => s.encodedBytes === 0 && s.decodedBytes > 0))
        throw new Error('a script came from a cache: the sizes would be wrong');
      return scripts.sort((a, b) => b.encodedBytes - a.encodedBytes);
    }
    last = scripts.length;
    await page.waitForTimeout(quietMs);
  }
}

/** The sign-in page, signed out. */
export async function openSignIn(page: Page) {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Entrar', exact: true }).waitFor();
}

/**
 * The board, signed in through the API first (the refresh cookie lands in the context), so the
 * visit is the board's own first load, not the sign-in page's followed by the board's.
 */
export async function openBoardSignedIn(context: BrowserContext, page: Page) {
  const login = await context.request.post('/api/v1/auth/login', { data: DEMO });
  if (!login.ok()) throw new Error(`demo sign-in failed: HTTP ${login.status()}`);
  await page.goto('/pipeline');
  await page.getByTestId('lead-card').first().waitFor({ timeout: 30_000 });
}

export const totalEncoded = (scripts: ScriptLoad[]) =>
  scripts.reduce((sum, s) => sum + s.encodedBytes, 0);
export const totalDecoded = (scripts: ScriptLoad[]) =>
  scripts.reduce((sum, s) => sum + s.decodedBytes, 0);
