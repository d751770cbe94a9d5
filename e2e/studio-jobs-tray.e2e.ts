/**
 * The jobs tray and the studio: while a generation runs on the studio page, the tray does not sit
 * on its generate button or result (the result shows the job itself); its progress is a moving bar
 * while the text streams, not a share of the token limit; on another page the tray reports it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

/** Records, on every change, the result's progress bar value and whether the tray covers the button or result. */
async function watchStudio(page: Page) {
  await page.evaluate(`(() => {
    const seen = (window.studioSeen = []);
    const box = (el) => el && el.getBoundingClientRect();
    const hit = (a, b) => a && b && a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    new MutationObserver(() => {
      const tray = box(document.querySelector('[data-testid=jobs-tray]'));
      const button = [...document.querySelectorAll('button')].find((b) => /^Gerar/.test(b.textContent.trim()));
      const result = document.querySelector('[data-testid=generation-result]');
      const bar = result?.querySelector('[role=progressbar]');
      const text = result?.querySelector('[data-testid=generation-text]')?.textContent ?? '';
      seen.push({
        covers: !!(hit(tray, box(button)) || hit(tray, box(result))),
        value: bar ? bar.getAttribute('aria-valuenow') : 'none',
        textLength: text.length,
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  })()`);
}

for (const viewport of [
  { width: 1366, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`the tray never covers the studio's generate button or result, and text progress follows the stream (${viewport.width}px)`, async () => {
    const context = await newPersonContext(browser(), { viewport });
    const page = await context.newPage();
    await signUp(page, {
      name: 'Tânia Tarefa',
      email: uniqueEmail('tray'),
      orgName: 'Agência Tarefa',
    });
    await page.goto('/studio');
    await page
      .getByRole('textbox', { name: 'Prompt' })
      .fill('Escreva um post curto sobre a promoção de inverno da Loja Moda Bella');
    await page
      .getByTestId('estimate')
      .getByText(/Custo estimado/)
      .waitFor();
    await watchStudio(page);
    await page.getByRole('button', { name: /^Gerar/ }).click();
    const result = page.getByTestId('generation-result');
    await result.getByTestId('generation-status').getByText('Pronto').waitFor({ timeout: 30_000 });
    const seen =
      await page.evaluate<{ covers: boolean; value: string | null; textLength: number }[]>(
        'window.studioSeen',
      );
    assert.equal(seen.filter((s) => s.covers).length, 0, 'the tray never covered them');
    const whileStreaming = seen.filter((s) => s.textLength > 0 && s.value !== 'none');
    assert.ok(whileStreaming.length > 0, 'the text streamed with the bar shown');
    assert.deepEqual(
      [...new Set(whileStreaming.map((s) => s.value))],
      [null],
      'no percentage while the text streams: the bar moves without a value',
    );
    await context.close();
  });
}

test('on another page the tray reports a running generation', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, { name: 'Ulisses Uno', email: uniqueEmail('tray'), orgName: 'Agência Uno' });
  // Record, from the start, every moment the tray shows and on which page.
  await page.evaluate(`(() => {
    const seen = (window.traySeen = []);
    new MutationObserver(() => {
      if (document.querySelector('[data-testid=jobs-tray]')) seen.push(location.pathname);
    }).observe(document.body, { subtree: true, childList: true });
  })()`);
  // Started from the studio page; a few moments later the person is elsewhere in the app.
  await page.getByRole('link', { name: 'Estúdio' }).first().click();
  await page.getByRole('tab', { name: 'Imagem' }).click();
  await page.getByRole('textbox', { name: 'Prompt' }).fill('Vitrine de inverno com casacos');
  await page
    .getByTestId('estimate')
    .getByText(/Custo estimado/)
    .waitFor();
  await page.getByRole('button', { name: /^Gerar/ }).click();
  await page.getByTestId('generation-result').waitFor();
  await page.getByRole('link', { name: 'Pipeline' }).first().click();
  await page.waitForURL('**/pipeline**');
  await page.waitForFunction(
    'window.traySeen.some((path) => path.startsWith("/pipeline"))',
    undefined,
    {
      timeout: 10_000,
    },
  );
  const seen = await page.evaluate<string[]>('window.traySeen');
  assert.equal(
    seen.filter((path) => path.startsWith('/studio')).length,
    0,
    'not on the page that shows the generation itself',
  );
  await context.close();
});
