/** "Continue with Google" through the Worker's offline sandbox provider, back into the app. */
import { test } from 'node:test';
import { newPersonContext, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

test('signs in with Google via the sandbox provider and lands in a new organization', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  const email = uniqueEmail('google');
  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Continuar com Google' }).click();
  await page.waitForURL(/\/api\/sandbox\/oidc\/authorize/);
  await page.locator('input[name=email]').fill(email);
  await page.locator('input[name=name]').fill('Gabriela Google');
  await page.getByRole('button', { name: 'Continuar' }).click();
  await page.waitForURL('**/pipeline');
  await page.getByRole('heading', { name: 'Pipeline', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Menu da conta' }).getByText(email).waitFor();
  // Google sign-up names the first organization after the person.
  await page.getByTestId('org-switcher').getByText('Gabriela Google').waitFor();
  await context.close();
});

test('a refused Google sign-in comes back to the sign-in page with a message', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await page.goto('/sign-in?error=google_denied');
  await page.getByRole('alert').filter({ hasText: 'O login com Google foi cancelado.' }).waitFor();
  await context.close();
});
