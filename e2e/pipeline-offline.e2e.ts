/**
 * One person goes offline and keeps editing (rename, keyboard move) while the other adds a lead;
 * after reconnecting both see both edits. And a lead opened offline before the app is saved on the
 * device (its drawer's code not there yet) leaves the board as it was and says why.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, serviceWorkerReady, useBrowser } from './browser.ts';
import {
  addLead,
  CARLA,
  card,
  column,
  DEMO,
  openBoardAs,
  stageNames,
  uniqueName,
  waitLive,
} from './pipeline.ts';

const browser = useBrowser();

test('offline edits on one side and live edits on the other both survive the reconnect', async () => {
  const [contextA, contextB] = await Promise.all([
    newPersonContext(browser()),
    newPersonContext(browser()),
  ]);
  const a = await openBoardAs(contextA, DEMO);
  const b = await openBoardAs(contextB, CARLA);
  const [first, second] = await stageNames(a);
  const fromA = uniqueName('Online');
  const offlineName = uniqueName('Offline');
  await addLead(a, offlineName, first!);
  await card(b, offlineName).waitFor();

  // As a person who works offline: the app has been saved on the device (the service worker
  // precaches every chunk, the lead drawer's included, in the first seconds of a first visit).
  await serviceWorkerReady(b);
  await contextB.setOffline(true);
  await b.locator('[data-testid="connection-state"][data-state="offline"]').waitFor();

  // B, offline: renames the lead and moves it by keyboard.
  await card(b, offlineName).click();
  const drawer = b.getByTestId('lead-drawer');
  const renamed = `${offlineName} editado offline`;
  await drawer.getByTestId('lead-name').fill(renamed);
  await b.keyboard.press('Escape');
  await card(b, renamed).focus();
  await b.keyboard.press('Space');
  await b.keyboard.press('ArrowRight');
  await b.keyboard.press('Space');
  await card(column(b, second!), renamed).waitFor();

  // A, online meanwhile: adds a lead B has not seen.
  await addLead(a, fromA, first!);
  await b.waitForTimeout(300);
  assert.equal(await card(b, fromA).count(), 0, 'B is really offline');
  assert.equal(await card(a, renamed).count(), 0, 'A has not seen the offline edits yet');

  await contextB.setOffline(false);
  await waitLive(b);
  await card(b, fromA).waitFor({ timeout: 10_000 });
  await card(column(a, second!), renamed).waitFor({ timeout: 10_000 });
  await card(column(b, second!), renamed).waitFor();
  await Promise.all([contextA.close(), contextB.close()]);
});

test('a lead opened offline before the app is saved on the device leaves the board and says why', async () => {
  // No service worker: the moment before it has precached the app, when only what the board
  // itself needed has arrived.
  const context = await newPersonContext(browser(), { serviceWorkers: 'block' });
  const page = await openBoardAs(context, DEMO);
  const [first] = await stageNames(page);
  const leadId = await page.getByTestId('lead-card').first().getAttribute('data-lead-id');
  const lead = page.locator(`[data-testid="lead-card"][data-lead-id="${leadId}"]`);
  await context.setOffline(true);
  await page.locator('[data-testid="connection-state"][data-state="offline"]').waitFor();

  await lead.click();
  await page.getByText('Isto precisa de conexão').waitFor();
  assert.equal(await page.getByTestId('section-unavailable').count(), 0, 'the board stays');
  await column(page, first!).waitFor();
  assert.equal(await page.getByTestId('lead-drawer').count(), 0);

  // Back online, the same card opens (the board was told the drawer closed; its code is fetched again).
  await context.setOffline(false);
  await waitLive(page);
  await lead.click();
  await page.getByTestId('lead-drawer').getByTestId('lead-name').waitFor();
  await context.close();
});
