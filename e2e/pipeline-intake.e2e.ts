/**
 * How leads come in and are understood, in the lead drawer and the import dialog: the score and
 * its reasons following a field the board's rules count, a near-duplicate merged with both
 * timelines kept, a CSV import followed live to its counts and refused rows, and a note added to
 * the timeline. Each test works on a board of its own, set up through the API.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';
import {
  apiAs,
  card,
  column,
  DEMO,
  openBoard,
  openDrawer,
  signIn,
  stageNames,
  uniqueName,
  valueBecomes,
} from './pipeline.ts';

const browser = useBrowser();

/** A fresh board of the demo org, and the owner's page on it. */
async function ownBoard(title: string) {
  const api = await apiAs(DEMO);
  const board = await api<{ id: string }>('POST', '/boards', { name: uniqueName(title) });
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signIn(page, DEMO);
  const open = () => openBoard(page, board.id);
  return { api, boardId: board.id, context, page, open };
}

/** Waits until the element's whole text is `text` (after trimming). */
const textBecomes = (locator: Locator, text: string) =>
  locator.filter({ hasText: new RegExp(`^\\s*${text}\\s*$`) }).waitFor({ timeout: 10_000 });

test('the drawer explains the score, and score and reasons follow a field the rules count', async () => {
  const { api, boardId, context, page, open } = await ownBoard('Pontuação');
  await api('PATCH', `/boards/${boardId}/settings`, {
    scoring: { sources: { parceiro: 40 }, fields: { phone: 25 }, recency: [], custom: [] },
  });
  const name = uniqueName('Pontuado');
  await api('POST', '/leads', { boardId, name, company: 'Ótica Central' });
  await open();

  const drawer = await openDrawer(page, name);
  const score = drawer.getByTestId('score-value');
  const reasons = drawer.getByTestId('score-reasons');
  await textBecomes(score, '0');
  await reasons.getByText('Nenhuma regra deu pontos a este lead ainda.').waitFor();

  await drawer.getByLabel('Telefone').fill('(11) 98765-4321');
  await textBecomes(score, '25');
  await reasons.locator('li', { hasText: 'Campo preenchido: Telefone' }).getByText('+25').waitFor();

  await drawer.getByLabel('Origem').fill('parceiro');
  await textBecomes(score, '65');
  await reasons.locator('li', { hasText: 'Origem: parceiro' }).getByText('+40').waitFor();
  assert.equal(await reasons.locator('li').count(), 2);
  // The card on the board shows the same score.
  await textBecomes(card(page, name).getByTestId('lead-score'), '65');
  await context.close();
});

test('a near duplicate is offered, merged away from the board, and both timelines are kept', async () => {
  const { api, boardId, context, page, open } = await ownBoard('Duplicados');
  const name = uniqueName('Renata Figueiredo');
  const first = await api<{ id: string }>('POST', '/leads', {
    boardId,
    name,
    company: 'Ótica Central',
    email: 'renata@otica-central.dev',
  });
  const second = await api<{ id: string }>('POST', '/leads', {
    boardId,
    name,
    company: 'Ótica Central',
    email: 'renata.figueiredo@gmail.dev',
  });
  await api('POST', `/leads/${first.id}/notes`, { text: 'Primeiro contato pelo site.' });
  await api('POST', `/leads/${second.id}/notes`, { text: 'Pediu orçamento pelo WhatsApp.' });
  await open();
  assert.equal(await card(page, name).count(), 2);

  const drawer = await openDrawer(page, name);
  const suggestion = drawer.getByTestId('duplicates').locator('li', { hasText: name });
  await suggestion.getByText(/% parecido/).waitFor();
  await suggestion.getByRole('button', { name: 'Mesclar' }).click();
  await page.getByText(`${name} foi mesclado a este lead.`).waitFor();

  // The other card leaves the board; the drawer's lead stays, with both timelines.
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-testid="lead-card"]')]
      .filter((el) => el.textContent.includes(${JSON.stringify(name)})).length === 1`,
  );
  const timeline = drawer.getByTestId('timeline');
  await timeline
    .locator('li[data-kind="merged"]', { hasText: 'Mesclado com outro lead' })
    .waitFor();
  await timeline.getByText('Nota: Primeiro contato pelo site.').waitFor();
  await timeline.getByText('Nota: Pediu orçamento pelo WhatsApp.').waitFor();
  assert.equal(await timeline.locator('li[data-kind="created"]').count(), 2);
  await drawer.getByTestId('duplicates').getByText('Nenhum lead parecido.').waitFor();
  await context.close();
});

/** Records every value the import's progress bar shows, from before it exists to the result. */
async function recordImportProgress(page: Page) {
  // A string, as it runs in the page (this file is type-checked without the DOM's types).
  await page.evaluate(`(() => {
    const seen = (window.importProgress = []);
    new MutationObserver(() => {
      const bar = document.querySelector('[data-testid="import-progress"] [role="progressbar"]');
      const value = bar?.getAttribute('aria-valuenow');
      if (value != null && seen.at(-1) !== Number(value)) seen.push(Number(value));
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  return () => page.evaluate<number[]>('window.importProgress');
}

const ROWS = 700;

/**
 * An Excel pt-BR export: BOM, `;`, decimal commas. Row 100 is the board's existing lead by
 * e-mail (in other case), rows 200 and 300 are invalid (an e-mail without @, a value that is
 * not an amount).
 */
function excelExport() {
  const lines = ['Nome;E-mail;Empresa;Valor (R$);Observações'];
  for (let i = 1; i <= ROWS; i++) {
    const n = String(i).padStart(4, '0');
    if (i === 100) lines.push('Cliente Antigo (planilha);ANTIGO@E2E.DEV;Loja Antiga;"2.000,00";');
    else if (i === 200)
      lines.push(`Importado ${n};sem-arroba.e2e.dev;Empresa ${i % 20};"1.500,00";`);
    else if (i === 300) lines.push(`Importado ${n};importado${n}@e2e.dev;Empresa 3;abc;`);
    else
      lines.push(
        `Importado ${n};importado${n}@e2e.dev;Empresa ${i % 20};"1.500,00";"Veio da feira; quer demo"`,
      );
  }
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

test('a CSV import: preview and mapping, live progress to the end, counts, refused rows, new cards', async () => {
  const { api, boardId, context, page, open } = await ownBoard('Importação');
  await api('POST', '/leads', { boardId, name: 'Cliente Antigo', email: 'antigo@e2e.dev' });
  await open();
  const [firstStage] = await stageNames(page);
  await textBecomes(column(page, firstStage!).getByTestId('stage-count'), '1');

  await page.getByRole('button', { name: 'Importar CSV' }).click();
  const dialog = page.getByTestId('import-dialog');
  await dialog.locator('input[type=file]').setInputFiles({
    name: 'exportacao-excel.csv',
    mimeType: 'text/csv',
    buffer: excelExport(),
  });
  await dialog.getByText(`${ROWS} linhas encontradas`).waitFor();
  const preview = dialog.getByTestId('import-preview');
  await preview.getByRole('cell', { name: 'Importado 0001', exact: true }).waitFor();
  await preview.getByRole('cell', { name: 'Veio da feira; quer demo' }).first().waitFor();
  const mapped = (header: string) => dialog.getByLabel(`Campo para a coluna ${header}`);
  assert.equal(await mapped('Nome').inputValue(), 'name');
  assert.equal(await mapped('E-mail').inputValue(), 'email');
  assert.equal(await mapped('Empresa').inputValue(), 'company');
  assert.equal(await mapped('Valor (R$)').inputValue(), 'value');
  assert.equal(await mapped('Observações').inputValue(), 'notes');

  const progress = await recordImportProgress(page);
  await dialog.getByRole('button', { name: 'Importar', exact: true }).click();
  const result = dialog.getByTestId('import-result');
  await result.waitFor({ timeout: 60_000 });
  const seen = await progress();
  assert.deepEqual(
    seen,
    [...seen].sort((a, b) => a - b),
    `never backwards: ${seen}`,
  );
  assert.equal(seen.at(-1), 100, `reached the end: ${seen}`);
  // 700 rows are two chunks: the bar stops between them on its way.
  assert.ok(
    seen.some((value) => value > 0 && value < 100),
    `advanced in steps: ${seen}`,
  );

  const stat = (label: string) => result.locator(`dt:text-is("${label}") + dd`);
  await textBecomes(stat('Importados'), String(ROWS - 3));
  await textBecomes(stat('Mesclados'), '1');
  await textBecomes(stat('Recusados'), '2');
  await result.getByRole('row', { name: /201 E-mail/ }).waitFor();
  await result.getByRole('row', { name: /301 Valor \(R\$\)/ }).waitFor();

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('button', { name: 'Baixar linhas recusadas' }).click(),
  ]);
  const rejected = await readFile((await download.path())!, 'utf8');
  const lines = rejected.split('\r\n').filter(Boolean);
  assert.equal(lines[0], '\uFEFFNome;E-mail;Empresa;Valor (R$);Observações;linha;problemas');
  assert.equal(lines.length, 3);
  assert.match(lines[1]!, /^Importado 0200;sem-arroba\.e2e\.dev;.*;201;E-mail: .+$/);
  assert.match(
    lines[2]!,
    /^Importado 0300;importado0300@e2e\.dev;Empresa 3;abc;;301;Valor \(R\$\): .+$/,
  );

  await result.getByRole('button', { name: 'Fechar' }).click();
  await textBecomes(column(page, firstStage!).getByTestId('stage-count'), String(1 + (ROWS - 3)));
  await page.getByLabel('Buscar leads').fill('Importado 0700');
  await card(page, 'Importado 0700').waitFor();
  await page.getByLabel('Buscar leads').fill('Cliente Antigo');
  assert.equal(await card(page, 'Cliente Antigo').count(), 1, 'the duplicate row was merged');
  await context.close();
});

test('a note added to the timeline shows at once with its author and time; the limit is clear', async () => {
  const { api, boardId, context, page, open } = await ownBoard('Notas');
  const name = uniqueName('Com nota');
  const lead = await api<{ id: string }>('POST', '/leads', { boardId, name });
  await open();

  const drawer = await openDrawer(page, name);
  const composer = drawer.getByTestId('note-composer');
  const box = composer.getByLabel('Adicionar nota ao histórico');
  const timeline = drawer.getByTestId('timeline');
  await timeline.locator('li[data-kind="created"]').waitFor();
  await box.fill('Ligou pedindo desconto; retornar na quinta.');
  await box.press('Control+Enter');
  const newest = timeline.locator('li').first();
  await newest.getByText('Nota: Ligou pedindo desconto; retornar na quinta.').waitFor();
  assert.match((await newest.textContent()) ?? '', /Ana Demo · .*\d{2}:\d{2}/);
  await valueBecomes(box, '');

  // Over the limit: counted as it is typed, said plainly, and not sent.
  await box.fill('x'.repeat(10_050));
  await composer
    .getByTestId('note-too-long')
    .getByText('A nota passa 50 caracteres do limite de 10.000.', { exact: false })
    .waitFor();
  await composer.getByTestId('note-count').getByText('10.050 de 10.000 caracteres').waitFor();
  assert.equal(await composer.getByRole('button', { name: 'Adicionar nota' }).isDisabled(), true);
  await box.press('Control+Enter');
  await box.fill('Segunda nota, pelo botão.');
  await composer.getByRole('button', { name: 'Adicionar nota' }).click();
  await timeline.locator('li').first().getByText('Nota: Segunda nota, pelo botão.').waitFor();

  // What the server kept: both notes once each, by Ana, nothing from the refused one.
  const saved = await api<{ items: { kind: string; author: { name: string }; payload: any }[] }>(
    'GET',
    `/leads/${lead.id}/timeline`,
  );
  const notes = saved.items.filter((event) => event.kind === 'note');
  assert.deepEqual(
    notes.map((note) => [note.payload.text, note.author.name]),
    [
      ['Segunda nota, pelo botão.', 'Ana Demo'],
      ['Ligou pedindo desconto; retornar na quinta.', 'Ana Demo'],
    ],
  );
  await context.close();
});
