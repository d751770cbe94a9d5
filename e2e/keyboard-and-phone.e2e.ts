/** The shell works from the keyboard (skip link, Escape closes dialogs) and on a phone (drawer, bottom bar). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';

const browser = useBrowser();

async function signInAsDemo(page: Page) {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill('demo@gestorlead.dev');
  await page.getByLabel('Senha').fill('gestorlead-demo');
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL('**/pipeline');
}

test('skip link jumps to the content; Escape closes a dialog', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signInAsDemo(page);
  await page.goto('/api-keys');
  await page.getByRole('heading', { name: 'Chaves de API', level: 1 }).waitFor();

  await page.keyboard.press('Tab');
  const skipLink = page.getByRole('link', { name: 'Pular para o conteúdo' });
  assert.equal(await skipLink.evaluate((el) => el === el.ownerDocument.activeElement), true);
  await page.keyboard.press('Enter');
  await page.waitForFunction("document.activeElement?.id === 'main'");

  await page.getByRole('button', { name: 'Criar chave' }).first().click();
  await page.getByRole('dialog').waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog').waitFor({ state: 'detached' });
  await context.close();
});

test('on a phone the sidebar becomes a drawer and the sections sit in a bottom bar', async () => {
  const context = await newPersonContext(browser(), { viewport: { width: 390, height: 780 } });
  const page = await context.newPage();
  await signInAsDemo(page);
  const bottomBar = page.getByRole('navigation', { name: 'Navegação rápida' });
  await bottomBar.getByRole('link', { name: 'Campanhas' }).click();
  await page.getByRole('heading', { name: 'Campanhas', level: 1 }).waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Navegação principal' }).count(), 0);

  await page.getByRole('button', { name: 'Abrir menu' }).click();
  const drawer = page.getByRole('dialog', { name: 'Menu' });
  await drawer.getByRole('link', { name: 'Membros' }).click();
  await page.getByRole('heading', { name: 'Membros', level: 1 }).waitFor();
  await drawer.waitFor({ state: 'detached' });
  await context.close();
});
