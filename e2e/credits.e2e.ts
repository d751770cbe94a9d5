/**
 * Buying credits in the browser: a pack bought through the sandbox checkout (in another tab)
 * raises the balance live, without reloading the app, and the purchase is on the statement; the
 * "waiting" note gives way to what happened; the payment tab ends on a small page, not a second
 * app. PIX and boleto are offered beside the card, a boleto credits only when the bank pays it;
 * packs show their price per credit and saving; the invoice details form checks CPF/CNPJ; the
 * price table speaks in credits per generation.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import {
  newPersonContext,
  signUp,
  uniqueEmail,
  useBrowser,
  waitForHeaderCredits,
} from './browser.ts';

const browser = useBrowser();

async function newBuyer(context: BrowserContext, name: string) {
  const page = await context.newPage();
  await signUp(page, { name, email: uniqueEmail('buyer'), orgName: `Agência ${name}` });
  await page.goto('/credits');
  await page.getByTestId('balance-available').getByText('200').waitFor();
  return page;
}

/** Clicks a pack's button and returns the checkout tab it opens. */
async function openCheckout(context: BrowserContext, page: Page, packLabel: string) {
  const checkoutTab = context.waitForEvent('page');
  await page.getByRole('button', { name: packLabel }).click();
  const checkout = await checkoutTab;
  await checkout.getByTestId('payment-methods').waitFor();
  return checkout;
}

/** Opens the checkout for a pack and picks a way to pay on it. */
async function payWith(context: BrowserContext, page: Page, packLabel: string, method: string) {
  const checkout = await openCheckout(context, page, packLabel);
  await checkout.locator(`button[name=method][value=${method}]`).click();
  return checkout;
}

const checkoutState = (page: Page, state: string) =>
  page.locator(`[data-testid=checkout-state][data-state=${state}]`).waitFor({ timeout: 15_000 });

test('buying a pack by card raises the balance live, clears the waiting note, and the tab ends on a page of its own', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Bia Compras');
  // A reload would lose this mark.
  await page.evaluate('window.sameDocument = true');

  const checkout = await openCheckout(context, page, 'Comprar 500 créditos por R$ 49,00');
  assert.deepEqual(
    await checkout
      .locator('button[name=method]')
      .evaluateAll((buttons) => buttons.map((b) => (b as unknown as { value: string }).value)),
    ['card', 'pix', 'boleto'],
    'card, PIX and boleto are offered',
  );
  await page.getByText('Aguardando o pagamento na outra aba.').waitFor();
  await checkout.locator('button[name=method][value=card]').click();

  await page.getByTestId('balance-available').getByText('700').waitFor({ timeout: 15_000 });
  await waitForHeaderCredits(page, 700);
  await checkoutState(page, 'paid');
  assert.equal(
    await page.getByText('Aguardando o pagamento na outra aba.').count(),
    0,
    'the waiting note is gone once the payment landed',
  );
  assert.equal(
    await page.evaluate<boolean | undefined>('window.sameDocument'),
    true,
    'the balance rose in the same page, with no reload',
  );

  // The payment tab: a short page saying it can be closed, no second copy of the app.
  await checkout.getByTestId('checkout-return').waitFor();
  await checkout.getByText('Pagamento concluído').waitFor();
  assert.equal(new URL(checkout.url()).pathname, '/api/v1/billing/checkout/return');
  assert.equal(await checkout.evaluate('document.scripts.length'), 0, 'no app scripts');

  await page.getByRole('tab', { name: 'Extrato' }).click();
  await page.getByTestId('statement-row').filter({ hasText: 'Compra' }).getByText('+500').waitFor();
  await context.close();
});

test('a boleto credits nothing until the bank pays it; the page says so at each step', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Caio Boleto');
  const checkout = await payWith(context, page, 'Comprar 2.000 créditos por R$ 179,00', 'boleto');
  await checkout.getByTestId('boleto-line').waitFor();

  await checkoutState(page, 'pending');
  await page.getByText('Boleto emitido.').waitFor();
  assert.equal(await page.getByTestId('balance-available').textContent(), '200');

  await checkout.getByTestId('simulate-boleto-paid').click();
  await page.getByTestId('balance-available').getByText('2.200').waitFor({ timeout: 15_000 });
  await checkoutState(page, 'paid');
  await context.close();
});

test('a boleto that lapses leaves the balance alone and says nothing was charged', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Duda Vencido');
  const checkout = await payWith(context, page, 'Comprar 500 créditos por R$ 49,00', 'boleto');
  await checkoutState(page, 'pending');
  await checkout.getByTestId('simulate-boleto-failed').click();
  await checkoutState(page, 'failed');
  await page.getByRole('alert').filter({ hasText: 'O boleto venceu sem pagamento.' }).waitFor();
  assert.equal(await page.getByTestId('balance-available').textContent(), '200');
  await context.close();
});

test('a PIX shows its code and credits once paid', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Eva Pix');
  const checkout = await payWith(context, page, 'Comprar 500 créditos por R$ 49,00', 'pix');
  assert.match((await checkout.getByTestId('pix-code').textContent()) ?? '', /br\.gov\.bcb\.pix/);
  await checkout.getByTestId('simulate-pix-paid').click();
  await page.getByTestId('balance-available').getByText('700').waitFor({ timeout: 15_000 });
  await checkoutState(page, 'paid');
  await context.close();
});

test('packs show the price per credit in reais and what bigger packs save', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Fábio Preço');
  const packs = page.getByTestId('credit-pack');
  const perCredit = (await packs.getByTestId('pack-per-credit').allTextContents()).map((s) =>
    s.replace(/\s/g, ' '),
  );
  assert.deepEqual(perCredit, [
    'R$ 0,098 por crédito',
    'R$ 0,0895 por crédito',
    'R$ 0,0799 por crédito',
  ]);
  assert.deepEqual(await packs.getByTestId('pack-saving').allTextContents(), [
    'Economize 8%',
    'Economize 18%',
  ]);
  await context.close();
});

test('invoice details refuse a CPF with wrong check digits and keep a valid CNPJ', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Gil Nota');
  const form = page.getByTestId('billing-details-form');
  await form.getByLabel('CPF ou CNPJ').fill('529.982.247-26');
  await form.getByLabel('Razão social ou nome completo').fill('Gil Nota Serviços Ltda');
  await form.getByLabel('CEP').fill('01310-100');
  await form.getByLabel('Endereço').fill('Avenida Paulista');
  await form.getByLabel('Número').fill('1000');
  await form.getByLabel('Bairro').fill('Bela Vista');
  await form.getByLabel('Cidade').fill('São Paulo');
  await form.getByLabel('Estado (UF)').selectOption('SP');
  await form.getByRole('button', { name: 'Salvar dados' }).click();
  await form.getByText('CPF ou CNPJ inválido: confira os dígitos.').waitFor();

  await form.getByLabel('CPF ou CNPJ').fill('11222333000181');
  await form.getByRole('button', { name: 'Salvar dados' }).click();
  await page.getByText('Dados da nota fiscal salvos.').waitFor();
  await page.reload();
  const taxId = page.getByTestId('billing-details-form').getByLabel('CPF ou CNPJ');
  await page.waitForFunction(
    (input) => (input as unknown as { value: string }).value !== '',
    await taxId.elementHandle(),
  );
  assert.equal(await taxId.inputValue(), '11.222.333/0001-81', 'kept, in the official mask');
  await context.close();
});

test('the price table speaks in credits per generation, not per thousand tokens', async () => {
  const context = await newPersonContext(browser());
  const page = await newBuyer(context, 'Hugo Tabela');
  await page.getByRole('tab', { name: 'Preços' }).click();
  await page.getByRole('columnheader', { name: 'Por texto (~250 palavras)' }).waitFor();
  await page.getByRole('columnheader', { name: 'Por minuto de áudio' }).waitFor();
  assert.equal(await page.getByText(/mil tokens/).count(), 0);
  const writer = page.getByTestId('price-row').filter({ hasText: 'sandbox-writer' });
  assert.equal(await writer.getByTestId('price-per-text').textContent(), '1');
  await context.close();
});
