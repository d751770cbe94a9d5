/**
 * A board this device already holds opens from its local copy (IndexedDB) at once and syncs
 * after: on a second visit the cards show while the board list and the room are still on their
 * way (held back here, as on a slow network), with the badge saying it is syncing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page, Route } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';
import { DEMO, openBoardAs, waitLive } from './pipeline.ts';

const browser = useBrowser();

/** Page-side: when the first card and the live state appeared, in the page's own clock. */
const MARK_MOMENTS = `
  window.__moments = {};
  new MutationObserver(() => {
    const moments = window.__moments;
    if (!moments.card && document.querySelector('[data-testid=lead-card]'))
      moments.card = performance.now();
    if (!moments.live && document.querySelector('[data-testid=connection-state][data-state=live]'))
      moments.live = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true });
`;

interface Moments {
  firstPaint: number;
  card: number;
  live: number;
}

const readMoments = (page: Page) =>
  page.evaluate(`({
    ...window.__moments,
    firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0,
  })`) as Promise<Moments>;

/** Holds back every request `route` sees until `release()`: a slow network, on demand. */
function holdBack() {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const hold = async (route: Route) => {
    await released;
    await route.continue().catch(() => {});
  };
  return { hold, release };
}

/** The board's content stored by y-indexeddb on this device: how many updates it holds. */
async function cachedUpdates(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name).filter((n) => n.startsWith('gl-board:'));
    let total = 0;
    for (const name of names) {
      const db = await new Promise((ok, fail) => {
        const open = indexedDB.open(name);
        open.onsuccess = () => ok(open.result);
        open.onerror = () => fail(open.error);
      });
      total += await new Promise((ok) => {
        const count = db.transaction('updates').objectStore('updates').count();
        count.onsuccess = () => ok(count.result);
      });
      db.close();
    }
    return total;
  })()`);
}

for (const viewport of [
  { width: 1366, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`a board held on this device shows its cards before the live sync (${viewport.width}×${viewport.height})`, async () => {
    const context = await newPersonContext(browser(), { viewport });
    await context.addInitScript(MARK_MOMENTS);
    const page = await openBoardAs(context, DEMO);
    await page.getByTestId('lead-card').first().waitFor();
    // y-indexeddb stores what the first visit synced.
    const deadline = Date.now() + 5000;
    while ((await cachedUpdates(page)) === 0 && Date.now() < deadline)
      await page.waitForTimeout(100);
    assert.ok((await cachedUpdates(page)) > 0, 'the first visit left the board on this device');

    // Second visit, on a network that has not yet answered the board list nor the board's room.
    const network = holdBack();
    await page.route('**/api/v1/boards', network.hold);
    await page.route('**/api/v1/rooms/tickets', (route) =>
      route.request().postData()?.includes('pipeline-board')
        ? network.hold(route)
        : route.continue(),
    );
    await page.reload();
    try {
      await page.getByTestId('lead-card').first().waitFor({ timeout: 10_000 });
      assert.equal(
        await page.getByTestId('connection-state').getAttribute('data-state'),
        'syncing',
        'the board says it is syncing while it shows the local copy',
      );
    } finally {
      network.release();
    }
    await waitLive(page);
    const moments = await readMoments(page);
    console.log(
      `${viewport.width}×${viewport.height}: first card ${Math.round(moments.card - moments.firstPaint)} ms after the first paint, ` +
        `${Math.round(moments.live - moments.card)} ms before the sync (held back on purpose)`,
    );
    assert.ok(moments.card < moments.live, 'the cards came before the live sync');

    // The same on an ordinary network, for the record: how long the first card takes.
    await page.unrouteAll({ behavior: 'ignoreErrors' });
    await page.reload();
    await waitLive(page);
    const plain = await readMoments(page);
    console.log(
      `${viewport.width}×${viewport.height}, network not held: first card ${Math.round(plain.card - plain.firstPaint)} ms after the first paint, ` +
        `live sync ${Math.round(plain.live - plain.firstPaint)} ms after it`,
    );
    await context.close();
  });
}
