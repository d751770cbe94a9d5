/**
 * After one visit, the service worker has the app shell and every section's code: the app opens
 * with the network off, each section from the menu shows its content or says it needs the
 * connection (never an endless progress bar), and the board opens from this device's copy.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  newPersonContext,
  serviceWorkerReady,
  signUp,
  uniqueEmail,
  useBrowser,
} from './browser.ts';
import { apiAs, DEMO, openBoardAs, uniqueName, waitLive } from './pipeline.ts';

const browser = useBrowser();

const OFFLINE_MESSAGE = 'Esta seção precisa de conexão';

/**
 * A section has settled when its heading shows and no progress bar is left: either its content
 * or the offline message. Answers which, or throws after `timeoutMs` saying what is still there.
 */
async function settledSection(page: Page, heading: string, timeoutMs = 8000) {
  const deadline = Date.now() + timeoutMs;
  const title = page.getByRole('heading', { name: heading, level: 1, exact: true });
  const bars = page.locator('[role=progressbar]:visible');
  const offline = page.getByText(OFFLINE_MESSAGE);
  while (Date.now() < deadline) {
    if ((await title.isVisible()) && (await bars.count()) === 0)
      return (await offline.isVisible()) ? 'offline message' : 'content';
    await page.waitForTimeout(100);
  }
  throw new Error(
    `${heading}: heading ${(await title.isVisible()) ? 'shown' : 'missing'}, ` +
      `${await bars.count()} progress bar(s) still running after ${timeoutMs} ms`,
  );
}

test('the app shell opens offline after a first visit', async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, {
    name: 'Otto Offline',
    email: uniqueEmail('offline'),
    orgName: 'Agência Sem Rede',
  });
  await serviceWorkerReady(page);

  await context.setOffline(true);
  await page.reload();
  await page.getByRole('navigation', { name: 'Navegação principal' }).waitFor();
  await page.getByTestId('offline-banner').waitFor();
  await page.getByTestId('org-switcher').getByText('Agência Sem Rede').waitFor();
  // A section not opened before comes from the precache too.
  await page.getByRole('link', { name: 'Relatórios' }).click();
  await page.getByRole('heading', { name: 'Relatórios', level: 1 }).waitFor();
  await context.setOffline(false);
  await context.close();
});

for (const viewport of [
  { width: 1366, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`offline, every section opens from the menu with its content or a clear message (${viewport.width}×${viewport.height})`, async () => {
    const context = await newPersonContext(browser(), { viewport });
    const page = await openBoardAs(context, DEMO);
    await page.getByTestId('lead-card').first().waitFor();
    await serviceWorkerReady(page);
    const phone = viewport.width < 768;
    const menu = page.getByRole('navigation', { name: 'Navegação principal' });
    const openMenu = async () => {
      if (phone) await page.getByRole('button', { name: 'Abrir menu' }).click();
    };
    await openMenu();
    const sections = (await menu.getByRole('link').allTextContents()).map((name) => name.trim());
    if (phone) await page.keyboard.press('Escape');
    assert.ok(sections.length >= 10, `the menu lists the sections (${sections.join(', ')})`);

    await context.setOffline(true);
    const outcomes: string[] = [];
    for (const section of sections) {
      await openMenu();
      await menu.getByRole('link', { name: section, exact: true }).click();
      outcomes.push(`${section}: ${await settledSection(page, section)}`);
    }
    console.log(`${viewport.width}×${viewport.height} offline → ${outcomes.join('; ')}`);
    // The studio cannot work without the server: it says so rather than load forever.
    assert.ok(outcomes.includes('Estúdio: offline message'), outcomes.join('; '));

    // The board opens from this device's copy.
    await openMenu();
    await menu.getByRole('link', { name: 'Pipeline', exact: true }).click();
    await page.getByTestId('lead-card').first().waitFor();
    assert.equal(await page.getByTestId('connection-state').getAttribute('data-state'), 'offline');
    await context.setOffline(false);
    await context.close();
  });
}

test('a section opened offline by its address says it needs the connection, and opens by itself once it is back', async () => {
  const context = await newPersonContext(browser(), { viewport: { width: 390, height: 844 } });
  const page = await openBoardAs(context, DEMO);
  await serviceWorkerReady(page);
  await context.setOffline(true);
  await page.goto('/studio');
  assert.equal(await settledSection(page, 'Estúdio'), 'offline message');
  // Trying again while still offline keeps the message, without a progress bar left running.
  await page.getByRole('button', { name: 'Tentar de novo' }).click();
  await page.waitForTimeout(500);
  assert.equal(await settledSection(page, 'Estúdio'), 'offline message');

  await context.setOffline(false);
  assert.equal(await settledSection(page, 'Estúdio', 15_000), 'content');
  await page.getByRole('tab', { name: 'Texto' }).waitFor();
  await context.close();
});

test('offline, the pipeline never opened here and a board never opened here say they need the connection', async () => {
  const api = await apiAs(DEMO);
  const unopened = await api<{ id: string; name: string }>('POST', '/boards', {
    name: uniqueName('Nunca aberto'),
  });
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  // Signed in on the studio: the pipeline has never listed the boards on this device.
  await page.goto('/sign-in?next=%2Fstudio');
  await page.getByLabel('E-mail').fill(DEMO.email);
  await page.getByLabel('Senha').fill(DEMO.password);
  await page.getByRole('button', { name: 'Entrar', exact: true }).click();
  await page.waitForURL('**/studio');
  await serviceWorkerReady(page);

  await context.setOffline(true);
  await page.getByRole('link', { name: 'Pipeline', exact: true }).click();
  assert.equal(await settledSection(page, 'Pipeline'), 'offline message');
  await context.setOffline(false);
  await page.getByTestId('lead-card').first().waitFor({ timeout: 15_000 });
  await waitLive(page);

  // The list is on the device now, but not that board's content.
  await context.setOffline(true);
  await page.getByTestId('board-switcher').selectOption({ label: unopened.name });
  await page.getByText('Este quadro ainda não está neste aparelho').waitFor();
  assert.equal(await page.locator('[role=progressbar]:visible').count(), 0);
  await context.setOffline(false);
  await waitLive(page);
  await page.locator('section[data-column]').first().waitFor();
  await context.close();
});
