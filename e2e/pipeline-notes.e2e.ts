import { test } from 'node:test';
import { newPersonContext, useBrowser } from './browser.ts';
import { addLead, CARLA, card, DEMO, openBoardAs, uniqueName, valueBecomes } from './pipeline.ts';

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
