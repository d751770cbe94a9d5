/** The theme menu and the language menu change what is shown, and both are remembered. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';

const browser = useBrowser();

// Page-side code as strings: the root tsconfig (shared with the Worker) has no DOM types.
const isDark = (page: Page) =>
  page.evaluate<boolean>("document.documentElement.classList.contains('dark')");
const canvasColor = (page: Page) =>
  page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
const pageLang = (page: Page) => page.evaluate<string>('document.documentElement.lang');

test('switching to English and to dark mode changes the page and survives a reload', async () => {
  const context = await newPersonContext(browser(), { colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('heading', { name: 'Entrar' }).waitFor();
  assert.equal(await pageLang(page), 'pt-BR');

  await page.getByRole('button', { name: 'Idioma' }).click();
  await page.getByRole('menuitemradio', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await page
    .getByRole('button', { name: 'Continue with Google' })
    .or(page.getByRole('link', { name: 'Continue with Google' }))
    .waitFor();
  assert.equal(await pageLang(page), 'en');

  assert.equal(await isDark(page), false);
  const lightCanvas = await canvasColor(page);
  await page.getByRole('button', { name: 'Theme' }).click();
  await page.getByRole('menuitemradio', { name: 'Dark' }).click();
  assert.equal(await isDark(page), true);
  assert.notEqual(await canvasColor(page), lightCanvas);

  await page.reload();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await isDark(page), true);

  await page.getByRole('button', { name: 'Theme' }).click();
  await page.getByRole('menuitemradio', { name: 'Light' }).click();
  assert.equal(await isDark(page), false);
  await context.close();
});

test('"follow the system" tracks the operating system’s dark mode', async () => {
  const context = await newPersonContext(browser(), { colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByRole('heading', { name: 'Entrar' }).waitFor();
  assert.equal(await isDark(page), true);
  await page.emulateMedia({ colorScheme: 'light' });
  await page.waitForFunction("!document.documentElement.classList.contains('dark')");
  await context.close();
});
