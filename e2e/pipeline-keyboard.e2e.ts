/**
 * The Kanban without a mouse: a card is picked up, moved across stages and within one, and
 * dropped with the keyboard alone, every step announced; Escape puts it back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';
import {
  addLead,
  card,
  column,
  DEMO,
  openBoardAs,
  stageNames,
  uniqueName,
  waitLive,
} from './pipeline.ts';

const browser = useBrowser();

const announced = (page: Page, text: string | RegExp) =>
  page.getByTestId('kanban-announcer').filter({ hasText: text }).waitFor();

/**
 * The card keeps focus as it travels, but focus follows it on the next frame: wait for that
 * frame before the next key, or the key lands on the page instead of the card.
 */
const focusFollows = (page: Page, name: string) =>
  page.waitForFunction(
    `document.activeElement?.dataset.testid === 'lead-card' &&
      document.activeElement.textContent.includes(${JSON.stringify(name)})`,
    undefined,
    { timeout: 2000 },
  );

test('keyboard only: pick up, move across and within stages, drop, cancel — all announced', async () => {
  const context = await newPersonContext(browser());
  const page = await openBoardAs(context, DEMO);
  const [first, second] = await stageNames(page);
  const name = uniqueName('Teclado');
  await addLead(page, name, first!);

  await card(page, name).focus();
  await page.keyboard.press('Space');
  await announced(page, new RegExp(`${name} pego\\. Em ${first}, posição`));
  assert.equal(await card(page, name).getAttribute('aria-pressed'), 'true');

  await page.keyboard.press('ArrowRight');
  await announced(page, new RegExp(`Agora em ${second}, posição \\d+ de`));
  await page.keyboard.press('Home');
  await announced(page, `Agora em ${second}, posição 1 de`);
  await focusFollows(page, name);
  await page.keyboard.press('Enter');
  await announced(page, `${name} solto em ${second}, posição 1 de`);
  await card(column(page, second!), name).waitFor();
  assert.equal(
    await column(page, second!)
      .getByTestId('lead-card')
      .first()
      .textContent()
      .then((t) => t?.includes(name)),
    true,
    'dropped at the top of the stage',
  );

  // Escape cancels: the card goes back where it was.
  await page.keyboard.press('Space');
  await page.keyboard.press('ArrowLeft');
  await announced(page, `Agora em ${first}`);
  await focusFollows(page, name);
  await page.keyboard.press('Escape');
  await announced(page, `Movimento cancelado. ${name} voltou para ${second}, posição 1`);
  await card(column(page, second!), name).waitFor();
  assert.equal(await card(column(page, first!), name).count(), 0);

  // "O" opens the lead's drawer.
  await card(page, name).focus();
  await page.keyboard.press('o');
  await page.getByTestId('lead-drawer').getByRole('heading', { name }).waitFor();
  await context.close();
});

test('in English the moves are announced in English', async () => {
  const context = await newPersonContext(browser());
  const page = await openBoardAs(context, DEMO);
  await page.evaluate("localStorage.setItem('gl-locale', 'en')");
  await page.reload();
  await waitLive(page);
  const [first] = await stageNames(page);
  const name = uniqueName('Keyboard');
  await page.getByRole('button', { name: 'New lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'New lead' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create lead' }).click();
  await card(page, name).focus();
  await page.keyboard.press('Enter');
  await announced(page, new RegExp(`Picked up ${name}\\. In ${first}, position`));
  await page.keyboard.press('Escape');
  await announced(page, `Move cancelled. ${name} is back in ${first}`);
  await context.close();
});
