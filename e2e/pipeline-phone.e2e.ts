/**
 * On a phone the board scrolls sideways through its stages, the page itself does not, and a tap
 * opens a lead. On a touch screen a card is dragged by resting a finger on it first, while a quick
 * swipe over it moves nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser } from './browser.ts';
import {
  apiAs,
  card,
  column,
  DEMO,
  dragWithFinger,
  newBoard,
  openBoard,
  openBoardAs,
  stageNames,
  uniqueName,
} from './pipeline.ts';

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

test('on a touch screen a card held briefly follows the finger to another stage; a swipe does not drag', async () => {
  const api = await apiAs(DEMO);
  const board = await newBoard(api, uniqueName('Toque'));
  const { first, second } = board;
  const name = uniqueName('Tocado');
  const lead = await api<{ id: string }>('POST', '/leads', {
    boardId: board.id,
    stageId: first.id,
    name,
  });
  const stageOfLead = async () =>
    (await api<{ stageId: string }>('GET', `/leads/${lead.id}`)).stageId;

  const context = await browser().newContext({
    baseURL: process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8787',
    locale: 'pt-BR',
    viewport: { width: 1024, height: 768 },
    hasTouch: true,
    isMobile: true,
    extraHTTPHeaders: { 'cf-connecting-ip': `10.99.${process.pid % 250}.8` },
  });
  const page = await openBoardAs(context, DEMO);
  await openBoard(page, board.id);
  await card(column(page, first.name), name).waitFor();
  /** From the card's middle to the other stage's list, resting `hold` ms first. */
  const slide = async (hold: number) => {
    await page
      .getByTestId('kanban')
      .evaluate((el) => el.scrollTo({ left: 0, behavior: 'instant' }));
    await dragWithFinger(
      page,
      card(column(page, first.name), name),
      column(page, second.name).getByTestId('stage-list'),
      hold,
    );
  };

  // A swipe without resting first is a scroll, not a drag: the lead stays where it was.
  await slide(0);
  await page.waitForTimeout(500);
  assert.equal(await card(column(page, second.name), name).count(), 0, 'a swipe moved the card');
  assert.equal(await stageOfLead(), first.id);

  // Resting on the card picks it up; it lands in the other stage, and the room has it there.
  await slide(450);
  await card(column(page, second.name), name).waitFor();
  assert.equal(await card(column(page, first.name), name).count(), 0, 'the card never jumps back');
  assert.equal(await stageOfLead(), second.id);
  await context.close();
});
