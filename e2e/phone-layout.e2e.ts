/**
 * The app laid out for a phone (390×844, pt-BR), and the same labels on a laptop: the first lead
 * card shows without scrolling (the filters fold behind a "Filtros" button that counts the active
 * ones), no label is cut short, "Comprar créditos" is above the fold, the audit log and the API
 * keys read without sideways scrolling, and the bottom bar leads only to sections that are built.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { newPersonContext, useBrowser } from './browser.ts';
import { apiAs, DEMO, signIn, uniqueName } from './pipeline.ts';

const browser = useBrowser();
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 800 };

/**
 * The texts inside `scope` that do not fit their box: an element whose text overflows it (cut by
 * an ellipsis or clipped), a select whose chosen option is wider than the select, and a tab list
 * that hides tabs past its edge.
 */
async function cutTexts(scope: Locator): Promise<string[]> {
  return scope.evaluate((root) => {
    const win = root.ownerDocument.defaultView!;
    const cut: string[] = [];
    const visible = (el: typeof root) =>
      el.getClientRects().length > 0 && win.getComputedStyle(el).visibility !== 'hidden';
    const canvas = root.ownerDocument.createElement('canvas').getContext('2d')!;
    for (const el of [root, ...root.querySelectorAll<typeof root>('*')]) {
      // Left out: the board's cards (they clip long names on purpose) and what is not on screen.
      if (!visible(el) || el.closest('[data-testid=kanban], .sr-only, [aria-hidden=true]'))
        continue;
      const style = win.getComputedStyle(el);
      if (el.tagName === 'SELECT') {
        const select = el as unknown as { selectedOptions: { textContent: string }[] };
        const text = select.selectedOptions[0]?.textContent ?? '';
        canvas.font = style.font;
        // A native select draws its arrow inside the padding box: about 24px in chromium.
        const arrow = style.appearance === 'none' ? 0 : 24;
        const room =
          el.clientWidth -
          Number.parseFloat(style.paddingLeft) -
          Number.parseFloat(style.paddingRight) -
          arrow;
        if (canvas.measureText(text).width > room) cut.push(`select: ${text}`);
        continue;
      }
      if (el.getAttribute('role') === 'tablist') {
        if (el.scrollWidth > el.clientWidth + 1) cut.push(`tabs: ${el.textContent}`);
        continue;
      }
      const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim());
      if (ownText && style.overflowX !== 'visible' && el.scrollWidth > el.clientWidth + 1)
        cut.push(el.textContent?.trim() ?? '');
    }
    return cut;
  });
}

async function signedInPage(viewport: { width: number; height: number }): Promise<Page> {
  const context = await newPersonContext(browser(), { viewport });
  const page = await context.newPage();
  await signIn(page, DEMO);
  await page.getByTestId('lead-card').first().waitFor();
  return page;
}

/** How far down the page is covered by the phone's bottom bar (0 when there is none). */
async function bottomBarTop(page: Page): Promise<number> {
  const bar = page.getByRole('navigation', { name: 'Navegação rápida' });
  const box = (await bar.isVisible()) ? await bar.boundingBox() : null;
  return box ? box.y : page.viewportSize()!.height;
}

test('phone: the first card shows without scrolling; filters fold behind a button that counts them', async () => {
  const page = await signedInPage(PHONE);
  assert.equal(await page.evaluate('window.scrollY'), 0);
  const card = await page.getByTestId('lead-card').first().boundingBox();
  assert.ok(card, 'a card is on the board');
  const fold = await bottomBarTop(page);
  assert.ok(
    card.y + card.height <= fold,
    `the first card ends at ${card.y + card.height}px, below the fold at ${fold}px`,
  );

  const toggle = page.getByRole('button', { name: /^Filtros/ });
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  assert.equal(await page.getByLabel('Etiqueta').isVisible(), false, 'filters start folded');
  await toggle.click();
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
  const tag = page.getByLabel('Etiqueta');
  await tag.selectOption({ index: 1 });
  const minimum = page.getByRole('spinbutton', { name: 'Pontuação mínima' });
  await minimum.fill('10');
  await minimum.press('Tab');
  assert.deepEqual(await cutTexts(page.locator('search')), [], 'no filter label is cut');
  await toggle.click();
  assert.equal(await tag.isVisible(), false, 'folded again');
  assert.equal((await page.getByTestId('active-filter-count').textContent())?.trim(), '2');
  await page.context().close();
});

test('phone: no label in the header, bottom bar, filters or tabs is cut short', async () => {
  const page = await signedInPage(PHONE);
  const cut: string[] = [];
  cut.push(...(await cutTexts(page.getByRole('banner'))));
  cut.push(...(await cutTexts(page.getByRole('navigation', { name: 'Navegação rápida' }))));
  // Unfolded, where they fold (the scenario above checks the folding itself).
  const filters = page.getByRole('button', { name: /^Filtros/ });
  if (await filters.count()) await filters.click();
  cut.push(...(await cutTexts(page.locator('search'))));
  for (const path of ['/credits', '/studio']) {
    await page.goto(path);
    await page.getByRole('tablist').first().waitFor();
    cut.push(...(await cutTexts(page.locator('main'))));
  }
  assert.deepEqual(cut, []);
  await page.context().close();
});

test('laptop: the board filters show their choices whole', async () => {
  const page = await signedInPage(LAPTOP);
  assert.deepEqual(await cutTexts(page.locator('search')), []);
  assert.deepEqual(await cutTexts(page.getByRole('banner')), []);
  await page.context().close();
});

test('phone: "Comprar créditos" and the first pack to buy are above the fold', async () => {
  const page = await signedInPage(PHONE);
  await page.goto('/credits');
  const heading = page.getByRole('heading', { name: 'Comprar créditos' });
  const firstPack = page.getByRole('button', { name: /^Comprar [\d.]+ créditos por/ }).first();
  await firstPack.waitFor();
  await page.getByTestId('balance-available').waitFor();
  assert.equal(await page.evaluate('window.scrollY'), 0);
  const fold = await bottomBarTop(page);
  for (const [what, locator] of [
    ['the heading', heading],
    ['the first pack', firstPack],
  ] as const) {
    const box = await locator.boundingBox();
    assert.ok(
      box && box.y + box.height <= fold,
      `${what} ends at ${box && box.y + box.height}px, fold ${fold}px`,
    );
  }
  await page.context().close();
});

/** The lists that are tables on a laptop, a row of each, and what puts a row there. */
const LISTS = [
  { path: '/audit-log', row: 'audit-row', setup: async () => {} },
  {
    path: '/api-keys',
    row: 'api-key-row',
    // The demo has no key: one with a long name and many scopes, the widest a row gets.
    setup: async () => {
      const api = await apiAs(DEMO);
      await api('POST', '/org/api-keys', {
        name: uniqueName('Integração com o site institucional da agência'),
        scopes: ['leads:read', 'leads:write', 'org:read', 'members:read', 'audit:read'],
      });
    },
  },
];

for (const list of LISTS)
  test(`phone: ${list.path} reads without sideways scrolling`, async () => {
    await list.setup();
    const page = await signedInPage(PHONE);
    await page.goto(list.path);
    const entry = page.getByTestId(list.row).first();
    await entry.waitFor();
    const overflowing = await page
      .locator('main')
      .evaluate((main) =>
        [main, ...main.querySelectorAll<typeof main>('*')]
          .filter(
            (el) =>
              el.scrollWidth > el.clientWidth + 1 &&
              ['auto', 'scroll'].includes(
                main.ownerDocument.defaultView!.getComputedStyle(el).overflowX,
              ),
          )
          .map((el) => `${el.tagName}.${el.className}`),
      );
    assert.deepEqual(overflowing, [], 'nothing in the page scrolls sideways');
    assert.ok(
      (await page.evaluate<number>('document.documentElement.scrollWidth')) <= PHONE.width,
      'the page itself does not scroll sideways',
    );
    const box = await entry.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, 'the entry fits the screen');
    assert.deepEqual(await cutTexts(entry), [], 'its texts are whole');
    await page.context().close();
  });

test('phone: every slot of the bottom bar leads to a section that is built', async () => {
  const page = await signedInPage(PHONE);
  const bar = page.getByRole('navigation', { name: 'Navegação rápida' });
  const links = await bar.getByRole('link').all();
  assert.ok(links.length >= 3, 'the bar has its sections');
  for (const link of links) {
    const name = (await link.textContent())!.trim();
    const path = (await link.getAttribute('href'))!;
    await link.click();
    await page.waitForURL(`**${path}`);
    await page.getByRole('heading', { level: 1, name }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(
      await page.getByTestId('section-preview').count(),
      0,
      `"${name}" leads to a section still being built`,
    );
  }
  await page.context().close();
});
