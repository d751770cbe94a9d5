/** A spend limit set on the credits page refuses a studio generation with a message that says why. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  choose,
  headerCredits,
  newPersonContext,
  signUp,
  uniqueEmail,
  useBrowser,
} from './browser.ts';

const browser = useBrowser();

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
  await choose(page, 'Provedor', 'Sandbox');
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
