/** On a phone the board scrolls sideways through its stages, the page itself does not, and a tap opens a lead. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser } from './browser.ts';
import { DEMO, openBoardAs, stageNames } from './pipeline.ts';

const browser = useBrowser();

test('on a phone the board scrolls sideways through its stages and a tap opens a lead', async () => {
  const context = await browser().newContext({
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8787',
    locale: 'pt-BR',
    viewport: { width: 390, height: 780 },
    hasTouch: true,
    isMobile: true,
    extraHTTPHeaders: { 'cf-connecting-ip': `10.99.${process.pid % 250}.7` },
  });
  const page = await openBoardAs(context, DEMO);
  const board = page.getByTestId('kanban');
  const sizes = await board.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(sizes.scroll > sizes.client, 'the stages overflow sideways');
  // The page itself does not scroll sideways: only the board does.
  const pageOverflow = await page.evaluate(
    'document.documentElement.scrollWidth - window.innerWidth',
  );
  assert.ok((pageOverflow as number) <= 1, `page overflows by ${pageOverflow}px`);

  const names = await stageNames(page);
  await board.evaluate((el) => el.scrollBy({ left: el.clientWidth, behavior: 'instant' }));
  const lastColumn = page.locator('section[data-column]').filter({
    has: page.getByRole('heading', { name: names[1]!, exact: true }),
  });
  const box = await lastColumn.boundingBox();
  assert.ok(
    box && box.x < 390 && box.x + box.width > 0,
    'the second stage is in view after scrolling',
  );

  const first = page.getByTestId('lead-card').first();
  await first.scrollIntoViewIfNeeded();
  await first.tap();
  await page.getByTestId('lead-drawer').waitFor();
  await context.close();
});
