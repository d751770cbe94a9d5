/**
 * Issue 10's blocker: closing a lead's drawer (×, Escape or a click beside it) left it on the page,
 * a blank panel and a dim layer catching every click (on a phone, a white screen). On a desktop and
 * on a phone: open a lead (the board stays behind it while it loads) and close it each way, open
 * another lead and close it, then drag a card to another stage and add a lead through "Novo lead";
 * nothing of the drawer may stay behind.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, useBrowser } from './browser.ts';
import { assertFocused, assertNothingLeft, assertUncovered, SIZES, walkLayer } from './dialogs.ts';
import {
  addLead,
  apiAs,
  card,
  column,
  DEMO,
  dragWithFinger,
  dragWithMouse,
  newBoard,
  openBoard,
  openBoardAs,
  uniqueName,
} from './pipeline.ts';

const browser = useBrowser();

for (const size of SIZES) {
  test(`on a ${size.name}, a lead's drawer closed each way gives the board back: other leads open, cards drag, "Novo lead" adds`, async () => {
    const api = await apiAs(DEMO);
    const board = await newBoard(api, uniqueName('Gaveta'));
    const { first, second } = board;
    const [nameA, nameB] = [uniqueName('Lead A'), uniqueName('Lead B')];
    const leadA = await api<{ id: string }>('POST', '/leads', {
      boardId: board.id,
      stageId: first.id,
      name: nameA,
    });
    await api('POST', '/leads', { boardId: board.id, stageId: first.id, name: nameB });

    const context = await newPersonContext(browser(), size);
    const page = await openBoardAs(context, DEMO);
    await openBoard(page, board.id);
    const drawer = page.getByTestId('lead-drawer');
    const cardA = card(column(page, first.name), nameA);
    const cardB = card(column(page, first.name), nameB);
    const closeButton = drawer.getByRole('button', { name: 'Fechar', exact: true });

    // While the drawer loads the lead's score, duplicates and timeline, the board stays on the
    // page behind it (those loads used to swap the whole page for a progress bar until they ended).
    await page.evaluate(`(() => {
      const board = document.querySelector('[data-testid=kanban]');
      window.boardLeftPage = false;
      new MutationObserver(() => {
        if (!board.isConnected) window.boardLeftPage = true;
      }).observe(document.body, { childList: true, subtree: true });
    })()`);
    await cardA.click();
    for (const part of ['score-reasons', 'duplicates', 'timeline'])
      await drawer.getByTestId(part).waitFor();
    assert.equal(await page.evaluate('window.boardLeftPage'), false, 'the board left the page');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'detached', timeout: 3000 });

    // On a phone the drawer takes the whole width: there is nothing beside it to click.
    await walkLayer(page, {
      name: "the first lead's drawer",
      trigger: cardA,
      layer: drawer,
      close: size.name === 'phone' ? [closeButton, 'escape'] : [closeButton, 'escape', 'outside'],
    });

    await assertUncovered(cardB, 'the other card');
    await cardB.click();
    await drawer.getByRole('heading', { name: nameB }).waitFor();
    await closeButton.click();
    await drawer.waitFor({ state: 'detached', timeout: 3000 });
    await assertFocused(page, cardB, "the second lead's drawer closed by ×");
    await assertNothingLeft(page, "the second lead's drawer");

    // The board takes a drag again, and the room has the move.
    await assertUncovered(cardA, 'the card to drag');
    const target = column(page, second.name).getByTestId('stage-list');
    if (size.name === 'phone') await dragWithFinger(page, cardA, target, 450);
    else await dragWithMouse(page, cardA, target);
    await card(column(page, second.name), nameA).waitFor();
    assert.equal(await card(column(page, first.name), nameA).count(), 0, 'the card stays moved');
    const moved = await api<{ stageId: string }>('GET', `/leads/${leadA.id}`);
    assert.equal(moved.stageId, second.id);

    // And "Novo lead" adds a lead the board shows.
    const nameC = uniqueName('Lead C');
    await addLead(page, nameC);
    await assertNothingLeft(page, 'the "Novo lead" dialog');
    await assertUncovered(card(page, nameC), 'the new card');
    await context.close();
  });
}
