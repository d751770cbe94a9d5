/**
 * A new owner's first minutes on the pipeline: offered to create the first board (not told to
 * ask an admin), an empty board that says what to do next, a site form connected that drops a
 * lead on the board live, a deal lost with its reason, and a lead's phone and e-mail as links.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { BASE_URL, newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';
import { card, openDrawer, waitLive } from './pipeline.ts';

const browser = useBrowser();

/** The lost column, found by its heading text: an open drawer hides the board from the a11y tree. */
const lostColumn = (page: Page) =>
  page
    .locator('section[data-column]')
    .filter({ has: page.locator('h2', { hasText: /^Perdido$/ }) });

/** A brand-new owner on their (empty) pipeline. */
async function newOwner(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await signUp(page, { name, email: uniqueEmail('first'), orgName: `Agência ${name}` });
  return page;
}

/** A new owner with a first (empty) board, adding its first lead from the empty board's button. */
async function ownerWithFirstLead(
  context: BrowserContext,
  owner: string,
  lead: string,
  stage?: string,
) {
  const page = await newOwner(context, owner);
  await createFirstBoard(page);
  await page.getByTestId('empty-board').getByRole('button', { name: 'Novo lead' }).click();
  const dialog = page.getByRole('dialog', { name: 'Novo lead' });
  await dialog.getByLabel('Nome').fill(lead);
  if (stage) await dialog.getByLabel('Etapa').selectOption({ label: stage });
  await dialog.getByRole('button', { name: 'Criar lead' }).click();
  await card(page, lead).waitFor();
  return page;
}

async function createFirstBoard(page: Page) {
  await page.getByRole('heading', { name: 'Crie seu primeiro quadro' }).waitFor();
  await page.getByRole('button', { name: 'Criar quadro' }).click();
  const dialog = page.getByRole('dialog', { name: 'Novo quadro' });
  await dialog.getByLabel('Nome do quadro').fill('Vendas');
  await dialog.getByRole('button', { name: 'Criar quadro' }).click();
  await waitLive(page);
}

for (const viewport of [
  { width: 1366, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`a new owner creates the first board, sees what to do next, and a site form fills it (${viewport.width}px)`, async () => {
    const context = await newPersonContext(browser(), { viewport });
    const page = await newOwner(context, `Iara ${viewport.width}`);
    assert.equal(
      await page.getByText('Peça a um administrador').count(),
      0,
      'the owner is not told to ask an admin',
    );
    await createFirstBoard(page);

    const empty = page.getByTestId('empty-board');
    await empty.getByRole('heading', { name: 'Nenhum lead neste quadro ainda' }).waitFor();
    for (const next of ['Novo lead', 'Importar CSV', 'Conectar um formulário'])
      await empty.getByRole('button', { name: next }).waitFor();

    await empty.getByRole('button', { name: 'Conectar um formulário' }).click();
    const dialog = page.getByRole('dialog', { name: 'Conectar o formulário do seu site' });
    await dialog.getByRole('button', { name: 'Gerar o formulário' }).click();
    const html = (await dialog.getByTestId('capture-form-html').textContent()) ?? '';
    const action = /action="([^"]+)"/.exec(html)?.[1];
    const secret = /name="secret" value="([^"]+)"/.exec(html)?.[1];
    assert.ok(action?.startsWith(`${BASE_URL}/api/v1/capture/`), html);
    assert.ok(secret?.startsWith('cap_'), html);

    // The site's visitor submits the form exactly as pasted.
    const posted = await fetch(action!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        secret: secret!,
        nome: 'Lívia Prado',
        email: 'livia@padariaprado.com.br',
        telefone: '(11) 98765-4321',
        _gotcha: '',
      }),
    });
    assert.ok(posted.ok, `capture answered ${posted.status}`);
    await page.keyboard.press('Escape');
    await card(page, 'Lívia Prado').waitFor({ timeout: 15_000 });
    await empty.waitFor({ state: 'detached' });
    await context.close();
  });
}

test('a lead dropped on the lost stage asks why, and the reason stays', async () => {
  const context = await newPersonContext(browser());
  const page = await ownerWithFirstLead(context, 'Joana', 'Rui Tavares', 'Negociação');
  const stages = await page.locator('section[data-column] h2').allTextContents();
  assert.deepEqual(stages, ['Novo', 'Qualificado', 'Proposta', 'Negociação', 'Ganho', 'Perdido']);

  // Keyboard move: pick up, two stages to the right (past Ganho), drop on Perdido.
  // The card keeps focus as it travels (focus follows it on the next frame).
  const announced = async (text: RegExp) => {
    await page.getByTestId('kanban-announcer').filter({ hasText: text }).waitFor();
    await page.waitForFunction(
      `document.activeElement?.dataset.testid === 'lead-card' &&
        document.activeElement.textContent.includes('Rui Tavares')`,
      undefined,
      { timeout: 2000 },
    );
  };
  await card(page, 'Rui Tavares').focus();
  await page.keyboard.press('Space');
  await announced(/Rui Tavares pego/);
  await page.keyboard.press('ArrowRight');
  await announced(/Agora em Ganho,/);
  await page.keyboard.press('ArrowRight');
  await announced(/Agora em Perdido,/);
  await page.keyboard.press('Space');
  await page
    .getByTestId('kanban-announcer')
    .filter({ hasText: /solto em Perdido/ })
    .waitFor();
  await card(lostColumn(page), 'Rui Tavares').waitFor();

  // The drawer opens by itself, in the loss reason.
  const reason = page.getByTestId('lead-drawer').getByTestId('lost-reason');
  await reason.waitFor();
  await page.waitForFunction(
    "document.activeElement?.getAttribute('data-testid') === 'lost-reason'",
  );
  await page.keyboard.type('Escolheu a concorrência');
  await page.waitForTimeout(500);

  await page.reload();
  await waitLive(page);
  const reopened = await openDrawer(page, 'Rui Tavares');
  assert.equal(await reopened.getByTestId('lost-reason').inputValue(), 'Escolheu a concorrência');
  await context.close();
});

test('moving a lead to the lost stage from its drawer shows where to say why', async () => {
  const context = await newPersonContext(browser());
  const page = await ownerWithFirstLead(context, 'Lara', 'Sérgio Dias');
  const drawer = await openDrawer(page, 'Sérgio Dias');
  assert.equal(await drawer.getByTestId('lost-reason').count(), 0, 'no loss reason in play');
  await drawer.getByLabel('Etapa').selectOption({ label: 'Perdido' });
  await drawer.getByTestId('lost-reason').fill('Preço');
  await card(lostColumn(page), 'Sérgio Dias').waitFor();
  await context.close();
});

test('a lead’s phone opens WhatsApp or a call, its e-mail a new message', async () => {
  const context = await newPersonContext(browser());
  const page = await ownerWithFirstLead(context, 'Kátia', 'Otávio Reis');
  const drawer = await openDrawer(page, 'Otávio Reis');
  await drawer.getByLabel('Telefone').fill('(11) 98765-4321');
  await drawer.getByLabel('E-mail').fill('otavio@oticareis.com.br');
  const links = drawer.getByTestId('contact-links');
  const href = (name: string) => links.getByRole('link', { name }).getAttribute('href');
  assert.equal(await href('WhatsApp'), 'https://wa.me/5511987654321');
  assert.equal(await href('Ligar'), 'tel:+5511987654321');
  assert.equal(await href('Enviar e-mail'), 'mailto:otavio@oticareis.com.br');
  assert.equal(
    await links.getByRole('link', { name: 'WhatsApp' }).getAttribute('target'),
    '_blank',
  );
  await context.close();
});
