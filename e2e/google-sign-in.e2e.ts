/**
 * "Continue with Google" through the Worker's offline sandbox provider, back into the app: a new
 * account is asked for its agency's name before the organization exists.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { newPersonContext, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

test('a new Google account names its agency, then lands in that organization', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  const email = uniqueEmail('google');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Continuar com Google' }).click();
  await page.waitForURL(/\/api\/sandbox\/oidc\/authorize/);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=name]').fill('Gabriela Google');
  await page.locator('form[action=authorize] button[type=submit]').click();
  await page.getByRole('heading', { name: 'Como se chama sua agência?' }).waitFor();
  await page.getByText('Olá, Gabriela Google!').waitFor();
  await page.getByLabel('Nome da agência').fill('Agência Maré Alta');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.waitForURL('**/pipeline');
  await page.getByRole('heading', { name: 'Pipeline', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Menu da conta' }).getByText(email).waitFor();
  await page.getByTestId('org-switcher').getByText('Agência Maré Alta').waitFor();
  assert.equal(
    await page.getByTestId('org-switcher').getByText('Gabriela Google').count(),
    0,
    'the organization is not named after the person',
  );

  // Signing in again with Google goes straight in: the question is asked once.
  await page.getByRole('button', { name: 'Menu da conta' }).click();
  await page.getByRole('menuitem', { name: 'Sair' }).click();
  await page.waitForURL('**/sign-in**');
  await page.getByRole('link', { name: 'Continuar com Google' }).click();
  await page.locator('input[name=email]').fill(email);
  await page.locator('form[action=authorize] button[type=submit]').click();
  await page.waitForURL('**/pipeline');
  await page.getByTestId('org-switcher').getByText('Agência Maré Alta').waitFor();
  await context.close();
});

test('a refused Google sign-in comes back to the sign-in page with a message', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await page.goto('/sign-in?error=google_denied');
  await page.getByRole('alert').filter({ hasText: 'O login com Google foi cancelado.' }).waitFor();
  await context.close();
});
