/** The seeded demo account signs in, survives a reload (silent session restore) and signs out. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, useBrowser } from './browser.ts';

const browser = useBrowser();

test('demo@gestorlead.dev signs in to Agência Demo, stays signed in on reload, signs out', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await page.goto('/members');
  await page.waitForURL('**/sign-in?next=%2Fmembers');
  await page.getByLabel('E-mail').fill('demo@gestorlead.dev');
  await page.getByLabel('Senha').fill('wrong-password-123');
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'E-mail ou senha incorretos.' }).waitFor();

  await page.getByLabel('Senha').fill('gestorlead-demo');
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL('**/members');
  await page.getByTestId('org-switcher').getByText('Agência Demo').waitFor();
  await page.getByTestId('member-row').filter({ hasText: 'Carla Vendas' }).waitFor();

  // The access token lives in memory only: a reload restores it from the refresh cookie.
  await page.reload();
  await page.getByTestId('member-row').filter({ hasText: 'Carla Vendas' }).waitFor();
  assert.match(page.url(), /\/members$/);

  await page.getByRole('button', { name: 'Menu da conta' }).click();
  await page.getByRole('menuitem', { name: 'Sair' }).click();
  await page.waitForURL('**/sign-in');
  await page.goto('/pipeline');
  await page.waitForURL('**/sign-in?next=%2Fpipeline');
  await context.close();
});
