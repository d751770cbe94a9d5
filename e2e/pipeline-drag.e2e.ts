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
