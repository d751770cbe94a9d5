/**
 * A viewer on a live board: invited through the API with the viewer role, they see the cards and
 * every change the owner makes as it happens, but cannot drag cards (pointer or keyboard) or edit
 * a field, and nothing they try — even with the page's controls forced open — reaches the owner.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, PASSWORD, uniqueEmail, useBrowser } from './browser.ts';
import {
  addLead,
  apiAs,
  card,
  column,
  DEMO,
  newBoard,
  openBoard,
  openDrawer,
  signIn,
  stageNames,
  uniqueName,
} from './pipeline.ts';

const browser = useBrowser();

test('a viewer sees the owner’s live changes but cannot move or edit anything', async () => {
  const api = await apiAs(DEMO);
  const board = await newBoard(api, uniqueName('Leitura'));
  const { first, second } = board;
  const watched = uniqueName('Observado');
  const lead = await api<{ id: string }>('POST', '/leads', {
    boardId: board.id,
    name: watched,
    company: 'Padaria Pão Quente',
    stageId: first.id,
  });

  const email = uniqueEmail('viewer');
  const invitation = await api<{ token: string }>('POST', '/org/invitations', {
    email,
    role: 'viewer',
  });
  const [ownerContext, viewerContext] = await Promise.all([
    newPersonContext(browser()),
    newPersonContext(browser()),
  ]);
  const viewer = await viewerContext.newPage();
  await viewer.goto(`/invite/${invitation.token}`);
  await viewer.getByLabel('Seu nome').fill('Vera Leitora');
  await viewer.getByLabel('Senha').fill(PASSWORD);
  await viewer.getByRole('button', { name: 'Criar conta e aceitar' }).click();
  await viewer.waitForURL('**/pipeline');
  await viewer.getByTestId('org-switcher').getByText('Leitor').waitFor();
  await openBoard(viewer, board.id);

  const owner = await ownerContext.newPage();
  await signIn(owner, DEMO);
  await openBoard(owner, board.id);
  assert.deepEqual((await stageNames(viewer)).slice(0, 2), [first.name, second.name]);

  // Sees the cards, read-only, without the owner's write buttons.
  await card(column(viewer, first.name), watched).waitFor();
  await viewer.getByText('Você pode ver este quadro, mas não editá-lo.').waitFor();
  for (const button of ['Novo lead', 'Importar CSV'])
    assert.equal(await viewer.getByRole('button', { name: button }).count(), 0, button);

  // The owner's changes arrive live: a new card, then a move.
  const added = uniqueName('Novo do dono');
  await addLead(owner, added, first.name);
  await card(column(viewer, first.name), added).waitFor({ timeout: 5000 });
  await api('POST', `/leads/${lead.id}/move`, { stageId: second.id, index: 0 });
  await card(column(viewer, second.name), watched).waitFor({ timeout: 5000 });
  await card(column(owner, second.name), watched).waitFor();

  // A pointer drag goes nowhere…
  const from = await card(viewer, added).boundingBox();
  const to = await column(viewer, second.name).getByTestId('stage-list').boundingBox();
  assert.ok(from && to);
  await viewer.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await viewer.mouse.down();
  await viewer.mouse.move(from.x + from.width / 2 + 20, from.y + from.height / 2 + 10, {
    steps: 4,
  });
  await viewer.mouse.move(to.x + to.width / 2, to.y + 30, { steps: 12 });
  await viewer.mouse.up();
  // …and so does the keyboard: Space does not pick the card up.
  await viewer.keyboard.press('Escape');
  await card(viewer, added).focus();
  await viewer.keyboard.press('Space');
  assert.notEqual(await card(viewer, added).getAttribute('aria-pressed'), 'true');
  await viewer.keyboard.press('ArrowRight');
  await viewer.keyboard.press('Space');
  await viewer.keyboard.press('Escape');
  await card(column(viewer, first.name), added).waitFor();
  assert.equal(await card(column(viewer, second.name), added).count(), 0);

  // The drawer: every field disabled or read-only, no merge, no delete, no new note.
  const drawer = await openDrawer(viewer, watched);
  const name = drawer.getByTestId('lead-name');
  assert.equal(await name.isDisabled(), true);
  assert.equal(await drawer.getByLabel('Telefone').isDisabled(), true);
  assert.equal(await drawer.getByTestId('lead-notes').isEditable(), false);
  const noteBox = drawer.getByLabel('Adicionar nota ao histórico');
  assert.equal(await noteBox.isDisabled(), true);
  assert.equal(await drawer.getByRole('button', { name: 'Adicionar nota' }).isDisabled(), true);
  assert.equal(await drawer.getByRole('button', { name: 'Excluir lead' }).count(), 0);
  await drawer.getByTestId('lead-notes').press('a');
  assert.equal(await drawer.getByTestId('lead-notes').inputValue(), '');

  // Forcing the fields open in the page: the edit leaves the browser, the board drops it.
  await viewer.evaluate(
    `document.querySelector('[data-testid="lead-drawer"] fieldset').removeAttribute('disabled')`,
  );
  await name.fill('Mudado pelo leitor');
  await viewer.waitForTimeout(2000);
  assert.equal(await card(owner, 'Mudado pelo leitor').count(), 0);
  await card(column(owner, second.name), watched).waitFor();
  await card(column(owner, first.name), added).waitFor();
  const saved = await api<{ name: string; stageId: string }>('GET', `/leads/${lead.id}`);
  assert.equal(saved.name, watched);
  assert.equal(saved.stageId, second.id);
  // The owner's timeline has no change from the viewer: created, then the owner's move.
  const timeline = await api<{ items: { kind: string }[] }>('GET', `/leads/${lead.id}/timeline`);
  assert.deepEqual(timeline.items.map((event) => event.kind).sort(), ['created', 'stage_change']);

  await Promise.all([ownerContext.close(), viewerContext.close()]);
});
