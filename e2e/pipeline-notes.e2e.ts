/**
 * Notes on a lead: the shared notes field typed by two people at once, and dated notes in the
 * history reaching a teammate's open drawer without reopening it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';
import {
  addLead,
  CARLA,
  card,
  DEMO,
  openBoardAs,
  openDrawer,
  uniqueName,
  valueBecomes,
} from './pipeline.ts';

const browser = useBrowser();

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

for (const viewport of [
  { width: 1366, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`a note added to a lead’s history appears in a teammate’s open drawer, once (${viewport.width}×${viewport.height})`, async () => {
    const [contextA, contextB] = await Promise.all([
      newPersonContext(browser(), { viewport }),
      newPersonContext(browser(), { viewport }),
    ]);
    const a = await openBoardAs(contextA, DEMO);
    const b = await openBoardAs(contextB, CARLA);
    const name = uniqueName('Histórico');
    await addLead(a, name);
    const drawerA = await openDrawer(a, name);
    const drawerB = await openDrawer(b, name);
    // Carla's drawer has read the history (the lead's creation) before the note is written.
    await drawerB.getByTestId('timeline').locator('li[data-kind=created]').waitFor();

    const text = `Pediu proposta até sexta (${name})`;
    const noteIn = (drawer: Locator) =>
      drawer.getByTestId('timeline').locator('li[data-kind=note]', { hasText: text });
    await drawerA.getByLabel('Adicionar nota ao histórico').fill(text);
    await drawerA.getByRole('button', { name: 'Adicionar nota' }).click();
    const started = Date.now();
    await noteIn(drawerB).waitFor({ timeout: 5000 });
    const seenAfter = Date.now() - started;
    console.log(`note seen in the teammate's open drawer after ${seenAfter} ms`);
    assert.ok(seenAfter < 2500, `the note took ${seenAfter} ms to reach the open drawer`);
    await noteIn(drawerA).waitFor();
    // The author's own answer and the live event both bring it: still one entry on each side.
    await a.waitForTimeout(1000);
    assert.equal(await noteIn(drawerA).count(), 1);
    assert.equal(await noteIn(drawerB).count(), 1);
    await Promise.all([contextA.close(), contextB.close()]);
  });
}
