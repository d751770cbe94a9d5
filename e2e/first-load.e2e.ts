/**
 * A first visit stays light and clean: the sign-in page and the board load within their JS
 * budgets (gzip, as the Worker serves them) and the sign-in page carries no icon drawings it does
 * not show; hashed assets are cached for a year as immutable while the page and the service
 * worker are revalidated; and a signed-out visit logs no console error.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, newPersonContext, useBrowser } from './browser.ts';
import {
  FIRST_LOAD_GOALS,
  firstVisit,
  openBoardSignedIn,
  openSignIn,
  scriptsWhenSettled,
  totalEncoded,
} from './first-load.ts';

const browser = useBrowser();

/** Lucide's trash can, an icon the sign-in page never shows. */
const TRASH_DRAWING = 'M19 6v14c0 1-1 2-2 2H7c-1 0-2-1-2-2V6';

test('the sign-in page loads within its JS budget and no icon drawings it does not show', async () => {
  const { context, page } = await firstVisit(browser(), BASE_URL);
  await openSignIn(page);
  const scripts = await scriptsWhenSettled(page);
  for (const script of scripts) {
    const body = await (await context.request.get(script.path)).text();
    assert.ok(!body.includes(TRASH_DRAWING), `${script.path} carries the whole icon set`);
  }
  const total = totalEncoded(scripts);
  assert.ok(
    total <= FIRST_LOAD_GOALS.signIn,
    `sign-in loads ${total} bytes of gzip JS, budget ${FIRST_LOAD_GOALS.signIn}: ${scripts
      .map((s) => `${s.path} ${s.encodedBytes}`)
      .join(', ')}`,
  );
  await context.close();
});

test('the board loads within its JS budget', async () => {
  const { context, page } = await firstVisit(browser(), BASE_URL);
  await openBoardSignedIn(context, page);
  const scripts = await scriptsWhenSettled(page);
  const total = totalEncoded(scripts);
  assert.ok(
    total <= FIRST_LOAD_GOALS.board,
    `the board loads ${total} bytes of gzip JS, budget ${FIRST_LOAD_GOALS.board}: ${scripts
      .map((s) => `${s.path} ${s.encodedBytes}`)
      .join(', ')}`,
  );
  await context.close();
});

test('hashed assets are cached for a year as immutable; the page and the service worker revalidate', async () => {
  const html = await (await fetch(`${BASE_URL}/sign-in`)).text();
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  assert.ok(assets.some((path) => path.endsWith('.js')) && assets.some((p) => p.endsWith('.css')));
  for (const path of assets) {
    const cacheControl = (await fetch(`${BASE_URL}${path}`)).headers.get('cache-control') ?? '';
    assert.match(cacheControl, /max-age=31536000/, `${path}: ${cacheControl}`);
    assert.match(cacheControl, /immutable/, `${path}: ${cacheControl}`);
  }
  for (const path of ['/', '/sign-in', '/pipeline', '/index.html', '/sw.js']) {
    const cacheControl = (await fetch(`${BASE_URL}${path}`)).headers.get('cache-control') ?? '';
    assert.doesNotMatch(cacheControl, /immutable/, `${path}: ${cacheControl}`);
    assert.match(cacheControl, /max-age=0|no-cache/, `${path}: ${cacheControl}`);
  }
});

test('a signed-out visit logs no console error', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto('/');
  await page.waitForURL('**/sign-in**');
  await page.getByRole('button', { name: 'Entrar', exact: true }).waitFor();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(errors, []);
  await context.close();
});
