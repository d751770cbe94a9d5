/**
 * One person goes offline and keeps editing (rename, keyboard move) while the other adds a lead;
 * after reconnecting both see both edits.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, useBrowser } from './browser.ts';
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
