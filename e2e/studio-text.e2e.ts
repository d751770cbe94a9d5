/** Text from the sandbox provider streams into the studio page piece by piece, then settles. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

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
  await page.evaluate(`(() => {
    const lengths = (window.textLengths = []);
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid=generation-text]')?.textContent ?? '';
      if (lengths.at(-1) !== text.length) lengths.push(text.length);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);
  await page.getByRole('button', { name: /^Gerar/ }).click();
  const result = page.getByTestId('generation-result');
  await result.getByTestId('generation-status').getByText('Pronto').waitFor({ timeout: 30_000 });
  const finalText = (await result.getByTestId('generation-text').textContent())!;
  assert.match(finalText, /café gelado/);
  const lengths = await page.evaluate<number[]>('window.textLengths');
  const partial = lengths.filter((n) => n > 0 && n < finalText.length);
  assert.ok(
    partial.length >= 3,
    `the text grew in steps before it was complete: ${lengths.join(', ')} of ${finalText.length}`,
  );
  await context.close();
});
