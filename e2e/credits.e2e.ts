/**
 * Buying credits in the browser: a pack bought through the sandbox checkout (in another tab)
 * raises the balance live, without reloading the app, and the purchase is on the statement.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  newPersonContext,
  signUp,
  uniqueEmail,
  useBrowser,
  waitForHeaderCredits,
} from './browser.ts';

const browser = useBrowser();

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
  await page.evaluate('window.sameDocument = true');

  const checkoutTab = context.waitForEvent('page');
  await page.getByRole('button', { name: 'Comprar 500 créditos por R$ 49,00' }).click();
  const checkout = await checkoutTab;
  await checkout.getByRole('heading', { name: 'Pagamento (sandbox)' }).waitFor();
  await page.getByText('Aguardando o pagamento na outra aba.').waitFor();
  await checkout.getByRole('button', { name: 'Pagar' }).click();

  await page.getByTestId('balance-available').getByText('700').waitFor({ timeout: 15_000 });
  await waitForHeaderCredits(page, 700);
  assert.equal(
    await page.evaluate<boolean | undefined>('window.sameDocument'),
    true,
    'the balance rose in the same page, with no reload',
  );
  await page.getByRole('tab', { name: 'Extrato' }).click();
  await page.getByTestId('statement-row').filter({ hasText: 'Compra' }).getByText('+500').waitFor();
  await context.close();
});
