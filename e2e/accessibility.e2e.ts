/**
 * axe-core finds nothing serious or critical on the main screens, in the states people meet them
 * (a lead's drawer open, every credits tab, the new-campaign dialog with its product list open),
 * on a laptop and on a phone, and the walk logs no console error (a page using words from a
 * dictionary it did not load says so there); a select's options inside a dialog reach the
 * accessibility tree.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe.ts';
import { newPersonContext, useBrowser } from './browser.ts';
import { settled } from './dialogs.ts';
import { DEMO, signIn } from './pipeline.ts';

const browser = useBrowser();

const SIZES = [
  { name: 'laptop', viewport: { width: 1366, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
];

/** Each screen state, reached from the one before, with what axe found there. */
async function auditScreens(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const check = async (state: string) => {
    found[state] = await seriousViolations(page);
  };

  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Entrar', exact: true }).waitFor();
  await check('sign-in');

  await signIn(page, DEMO);
  await page.getByTestId('lead-card').first().waitFor();
  await check('pipeline');
  await page.getByTestId('lead-card').first().click();
  await page.getByTestId('lead-drawer').waitFor();
  // The drawer's own content (history, insights) settles after it opens.
  await page.waitForTimeout(500);
  await check('pipeline, lead drawer open');

  await page.goto('/studio');
  await page.getByRole('tab').first().waitFor();
  for (const tab of await page.getByRole('tab').all()) {
    await tab.click();
    await check(`studio, ${await tab.textContent()} tab`);
  }

  for (const tab of ['overview', 'statement', 'settings', 'prices']) {
    await page.goto(`/credits?tab=${tab}`);
    await page.getByTestId('balance-available').waitFor();
    await page.getByRole('tabpanel').waitFor();
    await page.waitForLoadState('networkidle');
    await check(`credits, ${tab} tab`);
  }

  await page.goto('/campaigns');
  const firstCampaign = page.locator('a[href^="/campaigns/"]:not([href$="/results"])').first();
  await firstCampaign.waitFor();
  const editorPath = (await firstCampaign.getAttribute('href'))!;
  await check('campaigns');
  await page.getByRole('button', { name: 'Nova campanha' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nova campanha' });
  // Measured once it has faded in: halfway through, its text is rightly too faint.
  await settled(dialog);
  await check('campaigns, new campaign dialog');
  await dialog.getByRole('button', { name: 'Produto' }).click();
  await page.locator('[role=listbox] [role=option]').first().waitFor();
  await page.waitForTimeout(500);
  await check('campaigns, new campaign dialog, product list open');

  await page.goto(editorPath);
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.waitForLoadState('networkidle');
  await check('campaign editor');
  return found;
}

for (const size of SIZES) {
  test(`no serious accessibility violation on the main screens (${size.name})`, async () => {
    const context = await newPersonContext(browser(), { viewport: size.viewport });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(error.message));
    const found = await auditScreens(page).catch(async (err) => {
      await page.screenshot({ path: `/tmp/e2e-accessibility-${size.name}.png` });
      throw err;
    });
    const failing = Object.entries(found).filter(([, violations]) => violations.length);
    assert.deepEqual(
      failing.map(([state, violations]) => `${state}:\n    ${violations.join('\n    ')}`),
      [],
      `${failing.length} of ${Object.keys(found).length} screens have serious violations`,
    );
    assert.deepEqual(consoleErrors, [], 'no console error on the way');
    await context.close();
  });

  test(`a select inside a dialog announces its options (${size.name})`, async () => {
    const context = await newPersonContext(browser(), { viewport: size.viewport });
    const page = await context.newPage();
    await signIn(page, DEMO);
    await page.goto('/campaigns');
    await page.getByRole('button', { name: 'Nova campanha' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Nova campanha' });
    const product = dialog.getByRole('button', { name: 'Produto' });
    // The empty choice shows by its name (Kobalte took an empty value for "nothing chosen").
    assert.equal((await product.textContent())?.trim(), 'Sem produto');
    await product.click();
    const inDom = page.locator('[role=listbox] [role=option]');
    await inDom.first().waitFor();
    // aria-hidden is set a frame or two after the list opens: give it the time to happen.
    await page.waitForTimeout(500);
    const shown = await inDom.count();
    assert.ok(shown > 1, 'the demo org has products to choose from');
    const list = await page.getByRole('listbox').boundingBox();
    assert.ok(
      list && list.x >= 0 && list.x + list.width <= size.viewport.width,
      'the list fits the screen (long product names wrap)',
    );
    assert.equal(
      await page.getByRole('listbox', { name: 'Produto' }).getByRole('option').count(),
      shown,
      'every option on screen is in the accessibility tree',
    );
    // Still a working choice: the option after the selected one, picked by keyboard, is chosen.
    const next = (await inDom.nth(1).textContent())!.trim();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    assert.equal(
      (await dialog.getByRole('button', { name: 'Produto' }).textContent())?.trim(),
      next,
    );
    await context.close();
  });
}
