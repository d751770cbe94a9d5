/**
 * The AI studio and credits in the browser, on the sandbox providers: an image generation shows
 * its estimate, a live progress bar, lands in the history, and the header balance drops by exactly
 * what was charged; text streams into the page piece by piece; a credit pack bought through the
 * sandbox checkout (in another tab) raises the balance live, without reloading the app.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { choose, newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

/** "1.234" (pt-BR) → 1234. */
const count = (text: string | null) => Number((text ?? '').replace(/\D/g, ''));

const headerCredits = async (page: Page) =>
  count(await page.getByTestId('credits-available').textContent());

async function waitForHeaderCredits(page: Page, expected: number) {
  await page.waitForFunction(
    (n) =>
      document.querySelector('[data-testid=credits-available]')?.textContent?.replace(/\D/g, '') ===
      String(n),
    expected,
    { timeout: 15_000 },
  );
}

/** Records every status and percent the result panel shows, from before the click on. */
async function recordProgress(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { progressSeen: string[] }).progressSeen = seen;
    const note = () => {
      const status = document.querySelector('[data-testid=generation-status]')?.textContent ?? '';
      const bar = document.querySelector('[data-testid=generation-result] [role=progressbar]');
      const entry = `${status.trim()}|${bar ? (bar.getAttribute('aria-valuenow') ?? 'indeterminate') : 'no-bar'}`;
      if (seen.at(-1) !== entry) seen.push(entry);
    };
    new MutationObserver(note).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

const progressSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);

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
  await choose(page, 'Provedor', 'Sandbox (offline, deterministic)');
  const estimate = page.getByTestId('estimate').getByText(/Custo estimado: até \d+ créditos/);
  await estimate.waitFor();
  const estimated = count(await estimate.textContent());
  assert.ok(estimated > 0, 'the cost is shown before running');

  await recordProgress(page);
  await page.getByRole('button', { name: `Gerar · ${estimated} créditos` }).click();
  const result = page.getByTestId('generation-result');
  await result.getByRole('progressbar').waitFor();
  await result.getByTestId('generation-image').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => {
    const img = document.querySelector<HTMLImageElement>('[data-testid=generation-image]');
    return !!img?.complete && img.naturalWidth > 0;
  });
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

test('text streams into the page as it is generated', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, { name: 'Tito Texto', email: uniqueEmail('text'), orgName: 'Agência Texto' });
  await page.goto('/studio');
  await page
    .getByRole('textbox', { name: 'Prompt' })
    .fill('Escreva uma legenda sobre o novo café gelado da Padaria Central');
  await page
    .getByTestId('estimate')
    .getByText(/Custo estimado/)
    .waitFor();
  await page.evaluate(() => {
    const lengths: number[] = [];
    (window as unknown as { textLengths: number[] }).textLengths = lengths;
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=generation-text]')?.textContent ?? '';
      if (lengths.at(-1) !== text.length) lengths.push(text.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await page.getByRole('button', { name: /^Gerar/ }).click();
  const result = page.getByTestId('generation-result');
  await result.getByTestId('generation-status').getByText('Pronto').waitFor({ timeout: 30_000 });
  const finalText = (await result.getByTestId('generation-text').textContent())!;
  assert.match(finalText, /café gelado/);
  const lengths = await page.evaluate(
    () => (window as unknown as { textLengths: number[] }).textLengths,
  );
  const partial = lengths.filter((n) => n > 0 && n < finalText.length);
  assert.ok(
    partial.length >= 3,
    `the text grew in steps before it was complete: ${lengths.join(', ')} of ${finalText.length}`,
  );
  await context.close();
});

test('buying a pack through the sandbox checkout raises the balance live, without a reload', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, {
    name: 'Bia Compras',
    email: uniqueEmail('buyer'),
    orgName: 'Agência Compras',
  });
  await page.goto('/credits');
  await page.getByTestId('balance-available').getByText('200').waitFor();
  // A reload would lose this mark.
  await page.evaluate(() => {
    (window as unknown as { sameDocument: boolean }).sameDocument = true;
  });

  const checkoutTab = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Comprar 500 créditos por R$ 49,00' }).click();
  const checkout = await checkoutTab;
  await checkout.getByRole('heading', { name: 'Checkout (sandbox)' }).waitFor();
  await page.getByText('Aguardando o pagamento na outra aba.').waitFor();
  await checkout.getByRole('button', { name: 'Pay' }).click();

  await page.getByTestId('balance-available').getByText('700').waitFor({ timeout: 15_000 });
  await waitForHeaderCredits(page, 700);
  assert.equal(
    await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument),
    true,
    'the balance rose in the same page, with no reload',
  );
  await page.getByRole('tab', { name: 'Extrato' }).click();
  await page.getByTestId('statement-row').filter({ hasText: 'Compra' }).getByText('+500').waitFor();
  await context.close();
});

test('a spend limit set on the credits page refuses a generation with a clear message', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, {
    name: 'Lia Limite',
    email: uniqueEmail('limit'),
    orgName: 'Agência Limite',
  });
  await page.goto('/credits?tab=settings');
  await page.getByRole('spinbutton', { name: 'Limite da organização' }).fill('2');
  await page.getByRole('button', { name: 'Salvar alterações' }).click();
  await page.getByText('Configurações de créditos salvas.').waitFor();

  await page.goto('/studio');
  await page.getByRole('tab', { name: 'Imagem' }).click();
  await page
    .getByRole('textbox', { name: 'Prompt' })
    .fill('Banner de Black Friday com fundo escuro');
  await choose(page, 'Provedor', 'Sandbox (offline, deterministic)');
  await page
    .getByTestId('estimate')
    .getByText(/Custo estimado: até 3 créditos/)
    .waitFor();
  await page.getByRole('button', { name: 'Gerar · 3 créditos' }).click();
  await page
    .getByRole('alert')
    .filter({ hasText: 'A organização atingiu o limite mensal de 2 créditos: restam 2 este mês.' })
    .waitFor();
  assert.equal(await page.getByTestId('history-item').count(), 0, 'nothing was queued');
  assert.equal(await headerCredits(page), 200, 'nothing was held');
  await context.close();
});
