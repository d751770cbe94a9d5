/**
 * Running an organization: an API key is created with a scope and shown once, works against the
 * API, is revoked after a confirmation and stops working; the audit log lists it all, newest
 * first, and filters by action.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BASE_URL, choose, newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();

const readOrgWith = (key: string) =>
  fetch(`${BASE_URL}/api/v1/org`, { headers: { authorization: `Bearer ${key}` } });

test('API key shown once, used, revoked; the audit log records it', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, { name: 'Ana Admin', email: uniqueEmail('admin'), orgName: 'Agência Chave' });

  await page.goto('/api-keys');
  await page.getByText('Nenhuma chave de API').waitFor();
  await page.getByRole('button', { name: 'Criar chave' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Nome').fill('Site da agência');
  await dialog.getByRole('button', { name: 'Criar chave' }).click();
  await dialog.getByText('Campo obrigatório.').waitFor();
  await dialog.getByText('Ler os dados da organização', { exact: true }).click();
  await dialog.getByRole('button', { name: 'Criar chave' }).click();
  await dialog.getByRole('heading', { name: 'Copie sua chave agora' }).waitFor();
  const key = (await dialog.getByTestId('new-api-key').textContent())!.trim();
  assert.match(key, /^gl_/);
  await dialog.getByRole('button', { name: 'Já copiei' }).click();

  const row = page.getByTestId('api-key-row').filter({ hasText: 'Site da agência' });
  await row.getByText('Nunca usada').waitFor();
  const shownPrefix = (await row.locator('code').textContent())!.replace('…', '');
  assert.ok(key.startsWith(shownPrefix), 'the list shows the key’s prefix');
  assert.equal(await page.getByText(key).count(), 0, 'the key itself is never shown again');

  assert.equal((await readOrgWith(key)).status, 200);

  await row.getByRole('button', { name: 'Revogar' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Revogar' }).click();
  await row.getByText('Revogada').waitFor();
  assert.equal((await readOrgWith(key)).status, 401);

  await page.goto('/audit-log');
  const firstRow = page.getByTestId('audit-row').first();
  await firstRow.getByText('Chave de API revogada').waitFor();
  await page.getByTestId('audit-row').filter({ hasText: 'Organização criada' }).waitFor();
  await choose(page, 'Filtrar por ação', 'Chave de API criada');
  await page.waitForFunction("document.querySelectorAll('[data-testid=audit-row]').length === 1");
  await firstRow.getByText('Chave de API criada').waitFor();
  await context.close();
});
