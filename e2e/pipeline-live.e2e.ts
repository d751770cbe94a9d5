/**
 * Two people on the demo board: a drag in one browser shows in the other; one goes offline,
 * both edit, and after reconnecting both see both edits; notes typed in the drawer reach the
 * other person.
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
  valueBecomes,
  waitLive,
} from './pipeline.ts';

const browser = useBrowser();

test('a card dragged in one browser moves in the other', async () => {
  const [contextA, contextB] = await Promise.all([
    newPersonContext(browser()),
    newPersonContext(browser()),
  ]);
  const a = await openBoardAs(contextA, DEMO);
  const b = await openBoardAs(contextB, CARLA);
  const [first, second] = await stageNames(a);
  assert.ok(first && second, 'the demo board has at least two stages');
  const name = uniqueName('Arrastado');
  await addLead(a, name, first);
  await card(column(b, first), name).waitFor();

  // A real pointer drag: press, move past the threshold, travel to the other column, release.
  const from = await card(a, name).boundingBox();
  const to = await column(a, second).getByTestId('stage-list').boundingBox();
  assert.ok(from && to);
  await a.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await a.mouse.down();
  await a.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, { steps: 4 });
  await a.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 12 });
  await a.waitForTimeout(100);
  await a.mouse.up();

  await card(column(a, second), name).waitFor();
  assert.equal(await card(column(a, first), name).count(), 0, 'the card never jumps back');
  await card(column(b, second), name).waitFor({ timeout: 5000 });
  assert.equal(await card(column(b, first), name).count(), 0);
  await Promise.all([contextA.close(), contextB.close()]);
});

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

test('notes typed in the drawer reach the other person, and both keep their text', async () => {
  const [contextA, contextB] = await Promise.all([
    newPersonContext(browser()),
    newPersonContext(browser()),
  ]);
  const a = await openBoardAs(contextA, DEMO);
  const b = await openBoardAs(contextB, CARLA);
  const name = uniqueName('Notas');
  await addLead(a, name);
  await card(a, name).click();
  await card(b, name).click();
  const notesA = a.getByTestId('lead-drawer').getByTestId('lead-notes');
  const notesB = b.getByTestId('lead-drawer').getByTestId('lead-notes');

  // Each sees the other has the card open.
  await a.getByTestId('drawer-viewers').getByRole('img', { name: 'Carla Vendas' }).waitFor();

  await notesA.click();
  await a.keyboard.type('Ligar na segunda.');
  await valueBecomes(notesB, 'Ligar na segunda.');
  // Both type at once, at different ends of the note.
  await notesB.focus();
  await b.keyboard.press('Control+Home');
  await Promise.all([a.keyboard.type(' Pediu proposta.'), b.keyboard.type('Cliente quente! ')]);
  const expected = 'Cliente quente! Ligar na segunda. Pediu proposta.';
  await valueBecomes(notesA, expected);
  await valueBecomes(notesB, expected);
  await Promise.all([contextA.close(), contextB.close()]);
});
