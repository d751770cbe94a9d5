/**
 * pt-BR everywhere: the demo owner walks every page that shows server data (pipeline and a lead,
 * studio with a generation and the jobs tray, products and a product, campaigns with the editor's
 * validation errors and the results, autopilot, every credits tab, members, API keys with the
 * scopes dialog, audit log, settings, alerts) and the sandbox checkout and Google sign-in pages.
 * The walk collects every leak text-leaks.ts finds (English, raw codes, English numbers, wrong
 * plurals, "há 0 dias") and fails once at the end listing all of them, so a run shows the whole
 * picture rather than the first slip.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { choose, count, newPersonContext, useBrowser } from './browser.ts';
import { apiAs, DEMO, signIn } from './pipeline.ts';
import { describeLeaks, findLeaks } from './text-leaks.ts';

const browser = useBrowser();
const step = (name: string) => console.log(`  · ${name}`);

/**
 * The text a person sees in `root`: its innerText, without the native selects widgets keep
 * hidden for forms (aria-hidden, clipped to nothing), whose options are values, not words.
 */
const visibleText = (root: Locator) =>
  // Runs in the page; typed loosely: this project's Node code has no DOM types.
  root.evaluate((element: any) => {
    const hidden: any[] = [...element.ownerDocument.querySelectorAll('[aria-hidden=true] select')];
    const before = hidden.map((select) => select.style.display);
    for (const select of hidden) select.style.display = 'none';
    // biome-ignore lint/performance/useDomNodeTextContent: only rendered text is seen.
    const text: string = element.innerText;
    hidden.forEach((select, i) => {
      select.style.display = before[i];
    });
    return text;
  });

/** Records, in the page, every text the jobs tray shows while it is open. */
const watchJobsTray = (page: Page) =>
  page.evaluate(`(() => {
    const seen = (window.traySeen = []);
    new MutationObserver(() => {
      const tray = document.querySelector('section[aria-label="Tarefas em andamento"]');
      const text = tray?.innerText?.trim();
      if (text && seen.at(-1) !== text) seen.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  })()`);

test('a pt-BR person meets no English, no raw codes, and Portuguese numbers, plurals and dates', {
  timeout: 420_000,
}, async () => {
  const context = await newPersonContext(browser(), { viewport: { width: 1366, height: 800 } });
  const page = await context.newPage();
  const leaks: string[] = [];
  const allow = [
    // The org's address is a name its owner chose, shown as they wrote it.
    'agencia-demo',
    // The demo seed's usage names a model no provider offers (the sandbox's is sandbox-painter);
    // a model's name is the vendor's, the same in every language.
    'sandbox-image',
  ];
  const check = async (where: string, scope: Locator | Page = page, alsoAllow: string[] = []) => {
    const root = 'goto' in scope ? scope.locator('body') : scope;
    leaks.push(
      ...describeLeaks(where, findLeaks(await visibleText(root), [...allow, ...alsoAllow])),
    );
  };

  step('sign-in and the sandbox Google page');
  await page.goto('/sign-in');
  await page.getByRole('heading', { name: 'Entrar' }).waitFor();
  await check('sign-in');
  await page.getByRole('link', { name: 'Continuar com Google' }).click();
  await page.waitForURL(/\/api\/sandbox\/oidc\/authorize/);
  await page.locator('input[name=email]').waitFor();
  await check('sandbox Google sign-in');
  await signIn(page, DEMO);

  step('pipeline and a lead');
  await page.getByTestId('lead-card').first().waitFor();
  await check('pipeline');
  await page.getByTestId('lead-card').first().click();
  const drawer = page.getByTestId('lead-drawer');
  await drawer.getByRole('heading').first().waitFor();
  await page.waitForTimeout(500);
  await check('lead drawer', drawer);

  step('studio and a generation');
  await page.goto('/studio');
  await page.getByRole('textbox', { name: 'Prompt' }).fill('Legenda curta para o Café Aurora');
  await page
    .getByTestId('estimate')
    .getByText(/Custo estimado/)
    .waitFor();
  await check('studio');
  await page.getByRole('button', { name: /^Gerar/ }).click();
  const result = page.getByTestId('generation-result');
  await result.getByTestId('generation-status').getByText('Pronto').waitFor({ timeout: 60_000 });
  await check('studio result');

  step('an image that reaches the monthly credit limit, followed in the jobs tray elsewhere');
  // The limit is set to this month's spend plus the image's hold, which the sandbox charges in
  // full: the capture reaches 100% of the limit and the ledger raises its alert. The tray shows
  // the job on the page the person goes to meanwhile (the studio shows its own progress).
  const asDemo = await apiAs(DEMO);
  await page.getByRole('tab', { name: 'Imagem' }).click();
  await page.getByRole('textbox', { name: 'Prompt' }).fill('Vitrine de padaria ao amanhecer');
  const generateImage = page.getByRole('button', { name: /^Gerar · \d+ créditos?$/ });
  const imageCredits = count(await generateImage.textContent());
  const { spend } = await asDemo('GET', '/credits/settings');
  const limits = (orgMonthly: number | null) =>
    asDemo('PUT', '/credits/settings', {
      spendLimits: { orgMonthly, memberMonthly: null, members: {} },
    });
  await limits(spend.org + imageCredits);
  await watchJobsTray(page);
  await generateImage.click();
  await page.getByRole('link', { name: 'Produtos' }).first().click();
  await page.getByRole('button', { name: /^Alertas não lidos/ }).waitFor({ timeout: 30_000 });
  await limits(null);
  const traySeen = await page.evaluate<string[]>('window.traySeen');
  assert.ok(traySeen.length > 0, 'the jobs tray showed the generation');
  for (const text of traySeen) leaks.push(...describeLeaks('jobs tray', findLeaks(text)));

  step('products and a product');
  await page.goto('/products');
  const productLink = page.getByRole('link', { name: 'Garrafa térmica inteligente' });
  await productLink.first().waitFor();
  await check('products');
  await page.getByRole('button', { name: 'Importar CSV' }).click();
  const importDialog = page.getByRole('dialog');
  await importDialog
    .getByLabel('Ou cole o conteúdo')
    .fill('Título;Categoria;Custo do fornecedor;Preço de venda\n;pets;abc;10');
  await importDialog.getByRole('button', { name: 'Importar', exact: true }).click();
  await importDialog
    .getByText(/^Linha 2:/)
    .first()
    .waitFor();
  await check('products: a CSV with a bad line', importDialog);
  await page.keyboard.press('Escape');
  await importDialog.waitFor({ state: 'hidden' });
  await productLink.first().click();
  await page.getByRole('list', { name: 'Motivos da avaliação' }).waitFor();
  await check('product');

  step('campaigns, results and the editor’s validation');
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'Resultados' }).first().waitFor();
  await check('campaigns');
  await page.getByRole('link', { name: 'Resultados' }).first().click();
  await page.waitForURL(/\/results$/);
  await page.getByTestId('kpi-spend').waitFor();
  await page.waitForTimeout(1000);
  // The demo ad set is named, as a person would, "Brasil, 25–54, feed e stories".
  await check('campaign results', page, ['feed', 'stories']);
  await page.goto('/campaigns');
  await page.getByRole('button', { name: 'Nova campanha' }).first().click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Nome da campanha').fill('Campanha sem nada');
  await create.getByRole('button', { name: 'Criar rascunho' }).click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  await page.getByRole('button', { name: 'Publicar', exact: true }).click();
  await page.getByRole('alert').first().waitFor();
  await check('editor: publishing an empty campaign');
  await page.getByRole('button', { name: 'Adicionar conjunto de anúncios' }).click();
  await page.getByTestId('ad-set-editor').first().waitFor();
  await page.getByRole('button', { name: 'Publicar', exact: true }).click();
  await page.getByTestId('ad-editor').first().locator('.error-text').first().waitFor();
  await check('editor: an ad with empty fields');

  step('autopilot');
  await page.goto('/autopilot');
  await page.getByRole('form', { name: 'Configurações do piloto automático' }).waitFor();
  await page.getByRole('heading', { name: 'Histórico de decisões' }).waitFor();
  await page.waitForTimeout(1000);
  await check('autopilot');

  step('credits: every tab, and the sandbox checkout');
  await page.goto('/credits');
  await page.getByRole('button', { name: /^Comprar 500 créditos/ }).waitFor();
  await page.getByText(/créditos usados nos últimos/).waitFor();
  await check('credits overview');
  const checkoutTab = context.waitForEvent('page');
  await page.getByRole('button', { name: /^Comprar 500 créditos/ }).click();
  const checkout = await checkoutTab;
  await checkout.getByRole('heading').first().waitFor();
  await check('sandbox checkout', checkout);
  await checkout.getByRole('button').first().click();
  await checkout.close();
  await page.getByRole('tab', { name: 'Extrato' }).click();
  await page
    .getByTestId('statement-row')
    .filter({ hasText: 'Compra' })
    .first()
    .waitFor({ timeout: 20_000 });
  await check('credits statement');
  await page.getByRole('tab', { name: 'Limites' }).click();
  await page.getByRole('heading', { name: 'Recarga automática' }).waitFor();
  await check('credits limits and recharge');
  await page.getByRole('tab', { name: 'Preços' }).click();
  await page.getByRole('table').first().waitFor();
  await check('credits prices');

  step('members, API keys, audit log, settings');
  await page.goto('/members');
  await page.getByText('carla@gestorlead.dev').waitFor();
  await check('members');
  await page.goto('/api-keys');
  await page.getByRole('button', { name: 'Criar chave' }).first().click();
  const keyDialog = page.getByRole('dialog');
  await keyDialog.getByLabel('Nome').fill('Planilha do cliente');
  await check('new API key', keyDialog);
  await keyDialog.getByText('Ler os dados da organização').click();
  await keyDialog.getByRole('button', { name: 'Criar chave' }).click();
  await keyDialog.getByRole('button', { name: 'Já copiei' }).click();
  await page.getByTestId('api-key-row').first().waitFor();
  await check('API keys');
  await page.goto('/audit-log');
  await page.getByTestId('audit-row').first().waitFor();
  await check('audit log');
  await choose(page, 'Filtrar por ação', 'Todas as ações');
  await page.goto('/settings');
  await page.getByLabel('Nome da organização').waitFor();
  await page.waitForTimeout(500);
  await check('settings');

  step('alerts');
  await page.getByRole('button', { name: /^Alertas/ }).click();
  const alertsPanel = page.getByRole('dialog').filter({ hasText: /limite mensal de créditos/ });
  await alertsPanel.waitFor();
  await check('alerts', alertsPanel);

  const unique = [...new Set(leaks)];
  assert.equal(unique.length, 0, `${unique.length} leaks on pt-BR pages:\n${unique.join('\n')}`);
  await context.close();
});
