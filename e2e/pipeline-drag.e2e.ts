/** Two people on the demo board: a card dragged with the mouse in one browser moves in the other. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, useBrowser } from './browser.ts';
import {
  addLead,
  CARLA,
  card,
  column,
  DEMO,
  dragWithMouse,
  openBoardAs,
  stageNames,
  uniqueName,
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

  await dragWithMouse(a, card(a, name), column(a, second).getByTestId('stage-list'));

  await card(column(a, second), name).waitFor();
  assert.equal(await card(column(a, first), name).count(), 0, 'the card never jumps back');
  await card(column(b, second), name).waitFor({ timeout: 5000 });
  assert.equal(await card(column(b, first), name).count(), 0);
  await Promise.all([contextA.close(), contextB.close()]);
});
