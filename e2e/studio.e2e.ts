/**
 * The AI studio in the browser, on the sandbox image provider: the estimate shows before running,
 * a live progress bar while the job runs, the image lands in the history, and the header balance
 * drops by exactly what was charged. (One scenario per file: the runner gives each file 90 s.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  choose,
  count,
  headerCredits,
  newPersonContext,
  signUp,
  uniqueEmail,
  useBrowser,
  waitForHeaderCredits,
} from './browser.ts';

const browser = useBrowser();

/** Records every status and percent the result panel shows, from before the click on. */
async function recordProgress(page: Page) {
  // Runs in the page (a string: this project's Node code has no DOM types).
  await page.evaluate(`(() => {
    const seen = (window.progressSeen = []);
    const note = () => {
      const status = document.querySelector('[data-testid=generation-status]')?.textContent ?? '';
      const bar = document.querySelector('[data-testid=generation-result] [role=progressbar]');
      const entry = status.trim() + '|' + (bar ? (bar.getAttribute('aria-valuenow') ?? 'indeterminate') : 'no-bar');
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true, childList: true, characterData: true, attributes: true,
    });
  })()`);
}

const progressSeen = (page: Page) => page.evaluate<string[]>('window.progressSeen');

test('an image from the sandbox: estimate, live progress, history, balance drops by the charge', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, {
    name: 'Iara Imagem',
    email: uniqueEmail('image'),
    orgName: 'Agência Imagem',
  });
  await waitForHeaderCredits(page, 200); // The welcome credits.

  await page.getByRole('link', { name: 'Estúdio' }).first().click();
  await page.getByRole('tab', { name: 'Imagem' }).click();
  const prompt = 'Foto de produto: copo de café gelado sobre fundo pastel';
  await page.getByRole('textbox', { name: 'Prompt' }).fill(prompt);
  await choose(page, 'Provedor', 'Sandbox');
  const estimate = page.getByTestId('estimate').getByText(/Custo estimado: até \d+ créditos/);
  await estimate.waitFor();
  const estimated = count(await estimate.textContent());
  assert.ok(estimated > 0, 'the cost is shown before running');

  await recordProgress(page);
  await page.getByRole('button', { name: `Gerar · ${estimated} créditos` }).click();
  const result = page.getByTestId('generation-result');
  await result.getByRole('progressbar').waitFor();
  await result.getByTestId('generation-image').waitFor({ timeout: 30_000 });
  await page.waitForFunction(
    "document.querySelector('[data-testid=generation-image]')?.naturalWidth > 0",
  );
  const seen = await progressSeen(page);
  assert.ok(
    seen.some((s) => /^(Na fila|Gerando)/.test(s) && !s.endsWith('no-bar')),
    `a progress bar showed while the job ran: ${seen.join(' → ')}`,
  );
  const percents = seen.map((s) => Number(s.split('|')[1])).filter((n) => !Number.isNaN(n));
  assert.deepEqual(
    percents,
    [...percents].sort((a, b) => a - b),
    'progress never goes back',
  );
  assert.match(seen.at(-1)!, /^Pronto/);

  const charged = count(await result.getByTestId('generation-charged').textContent());
  assert.ok(charged > 0 && charged <= estimated, `charged ${charged}, estimated ${estimated}`);
  await waitForHeaderCredits(page, 200 - charged);

  const item = page.getByTestId('history-item').filter({ hasText: prompt });
  await item.getByText('Pronto').waitFor();
  assert.equal(await page.getByTestId('history-item').count(), 1);
  await item.locator('img').waitFor();

  // The history survives a reload and finds the generation by search and by kind.
  await page.reload();
  await page.getByLabel('Buscar').fill('café gelado');
  await page.getByTestId('history-item').filter({ hasText: prompt }).waitFor();
  await page.getByLabel('Buscar').fill('nada parecido');
  await page.getByText('Nenhuma geração encontrada').waitFor();
  assert.equal(await headerCredits(page), 200 - charged);
  await context.close();
});
