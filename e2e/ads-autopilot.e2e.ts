/**
 * The ads loop in the browser: a product is created and qualified, its creatives are generated
 * through the studio, a campaign is built in the live editor (the publish check names the missing
 * landing URL beside its field) and published on the sandbox platform in APPROVAL mode; the
 * sandbox market is moved four days ahead, the hourly insights and six-hourly decision crons are
 * fired for that time, a budget raise is approved in the queue with its justification, and the
 * new budget shows on the campaign's results.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { BASE_URL, newPersonContext, signUp, uniqueEmail, useBrowser } from './browser.ts';

const browser = useBrowser();
/** Where the scenario is, so a timeout says which step hung. */
const step = (name: string) => console.log(`  · ${name}`);
const HOUR = 3_600_000;
/** Ad sets in the campaign: enough that at least one is a winner in the simulated market. */
const AD_SETS = 10;

const devToken = () =>
  /^DEV_SEED_TOKEN=(.*)$/m.exec(readFileSync('.dev.vars', 'utf8'))?.[1]?.trim() ?? '';

async function fireCron(cron: string, at: number) {
  const res = await fetch(
    `${BASE_URL}/cdn-cgi/local/scheduled?cron=${encodeURIComponent(cron)}&time=${at}`,
  );
  assert.equal(res.status, 200, `cron ${cron}: ${await res.text()}`);
}

/** The bearer token the page uses, read off one of its API calls. */
async function accessTokenOf(page: Page, trigger: () => Promise<unknown>): Promise<string> {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.url().includes('/api/v1/') && !!r.headers().authorization),
    trigger(),
  ]);
  return request.headers().authorization!;
}

test('product → creatives → campaign published → crons → approved raise with its justification', {
  timeout: 420_000,
}, async () => {
  const context = await newPersonContext(browser());
  const page = await context.newPage();
  await signUp(page, {
    name: 'Paula Piloto',
    email: uniqueEmail('ads'),
    orgName: 'Agência Anúncios',
  });

  step('product');
  // A product by hand, judged at once; approved with a note whatever the rules said.
  await page.goto('/products');
  await page.getByText('Nenhum produto aqui').waitFor();
  await page.getByRole('button', { name: 'Novo produto' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Título').fill('Garrafa térmica inox 1L');
  await dialog.getByLabel('Categoria').fill('kitchen');
  await dialog.getByLabel('Custo do fornecedor').fill('25,00');
  await dialog.getByLabel('Preço de venda').fill('99,90');
  await dialog.getByLabel('Palavras-chave').fill('garrafa, térmica, inox');
  await dialog.getByRole('button', { name: 'Criar e avaliar' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('link', { name: 'Garrafa térmica inox 1L' }).click();
  await page.getByRole('list', { name: 'Motivos da avaliação' }).waitFor();
  const approve = page.getByRole('button', { name: 'Aprovar', exact: true });
  if (await approve.isVisible()) {
    await approve.click();
    const decide = page.getByRole('dialog');
    await decide.getByRole('textbox').fill('Produto campeão de vendas no nosso cliente.');
    await decide.getByRole('button', { name: 'Aprovar' }).click();
    await decide.waitFor({ state: 'hidden' });
  }
  await page.getByText('Qualificado', { exact: true }).first().waitFor();

  step('creatives');
  // Creatives through the studio: progress while the jobs run, then the texts by kind.
  await page.getByRole('button', { name: 'Gerar criativos' }).click();
  await page.waitForFunction(
    "document.querySelectorAll('[data-creative-kind]').length >= 11 && !document.body.textContent.includes('Gerando…')",
    undefined,
    { timeout: 60_000 },
  );
  assert.ok((await page.locator('[data-creative-kind=headline]').count()) >= 5, 'five headlines');
  assert.equal(await page.locator('[data-creative-kind=body]').count(), 3, 'a body per style');

  step('settings');
  // Autopilot settings for a short simulated test: lenient targets, room under the caps.
  await page.goto('/autopilot');
  const settings = page.getByRole('form', { name: 'Configurações do piloto automático' });
  await settings.getByLabel('ROAS mínimo (×)').fill('0');
  await settings.getByLabel('CTR mínimo (%)').fill('0');
  await settings.getByLabel('CVR mínimo (%)').fill('0');
  await settings.getByLabel('CPA máximo (% do ticket médio)').fill('100');
  await settings.getByLabel('Limite diário').fill('5000');
  await settings.getByLabel('Limite semanal').fill('50000');
  await settings
    .getByRole('group', { name: 'Dados mínimos para julgar um conjunto' })
    .getByLabel(/Gasto/)
    .fill('50');
  await settings.getByRole('button', { name: 'Salvar' }).click();
  await page.getByText('Configurações salvas.').waitFor();

  step('campaign');
  // A campaign for the product, built in the live editor.
  await page.goto('/products');
  await page.getByRole('link', { name: 'Garrafa térmica inox 1L' }).click();
  await page.getByRole('link', { name: 'Criar campanha' }).click();
  const create = page.getByRole('dialog');
  await create.getByLabel('Nome da campanha').fill('Garrafa — verão');
  await create.getByRole('button', { name: 'Criar rascunho' }).click();
  await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
  const campaignId = page.url().split('/').pop()!;
  await page.getByRole('button', { name: 'Adicionar conjunto de anúncios' }).click();
  const adSet = page.getByTestId('ad-set-editor').first();
  await adSet.getByTestId('daily-budget').fill('80,00');
  await adSet.getByTestId('daily-budget').blur();
  const ad = adSet.getByTestId('ad-editor').first();
  const pickFirst = async (label: string) => {
    await ad.getByRole('button', { name: label }).click();
    await page.getByRole('option').nth(1).click();
  };
  await pickFirst('Título do produto');
  await pickFirst('Texto do produto');
  await pickFirst('Imagem do produto');
  assert.notEqual(
    await ad.locator('textarea').first().inputValue(),
    '',
    'headline from a creative',
  );

  step('publish check');
  // Publishing without a landing page: the check names the field beside it, nothing published.
  await page.getByRole('button', { name: 'Publicar', exact: true }).click();
  await ad.locator('[data-testid=landing-url][aria-invalid=true]').waitFor();
  await ad.getByText('Campo obrigatório.').waitFor();
  await ad.getByTestId('landing-url').fill('https://loja.example/garrafa');
  await ad.getByTestId('landing-url').blur();
  await ad.getByTestId('utm-preview').getByText(`utm_campaign=${campaignId}`).waitFor();

  step('more ad sets');
  // More audiences through the REST API: the editor shows them at once (same room).
  const auth = await accessTokenOf(page, () => page.reload());
  type DraftJson = { name: string; objective: string; productId: string; adSets: AdSetJson[] };
  type AdSetJson = { id?: string; name: string; ads: { id?: string }[] };
  const draft = (await (
    await fetch(`${BASE_URL}/api/v1/campaigns/${campaignId}/draft`, {
      headers: { authorization: auth },
    })
  ).json()) as DraftJson;
  const first = draft.adSets[0]!;
  draft.adSets = Array.from({ length: AD_SETS }, (_, n) => ({
    ...first,
    id: n === 0 ? first.id : undefined,
    name: `Público ${n + 1}`,
    ads: first.ads.map((a) => ({ ...a, id: n === 0 ? a.id : undefined })),
  }));
  const put = await fetch(`${BASE_URL}/api/v1/campaigns/${campaignId}/draft`, {
    method: 'PUT',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: draft.name,
      objective: draft.objective,
      productId: draft.productId,
      adSets: draft.adSets,
    }),
  });
  assert.equal(put.status, 200, await put.text());
  await page.waitForFunction(
    `document.querySelectorAll('[data-testid=ad-set-editor]').length === ${AD_SETS}`,
  );

  await page.getByRole('button', { name: 'Publicar', exact: true }).click();
  await page.getByText('Campanha publicada e ativa na plataforma.').waitFor({ timeout: 60_000 });

  step('crons');
  // Four simulated days of delivery, then the crons for that time.
  const orgId = JSON.parse((await page.evaluate(() => localStorage.getItem('gl-profile')))!)
    .activeOrg.id as string;
  const decideAt = Math.ceil((Date.now() + 96 * HOUR) / (6 * HOUR)) * 6 * HOUR + 60_000;
  const advanced = await fetch(`${BASE_URL}/api/dev/ads/sandbox/advance`, {
    method: 'POST',
    headers: { 'x-dev-seed-token': devToken(), 'content-type': 'application/json' },
    body: JSON.stringify({ orgId, until: new Date(decideAt).toISOString() }),
  });
  assert.equal(advanced.status, 200, await advanced.text());
  await fireCron('0 * * * *', decideAt - 48 * HOUR);
  await new Promise((r) => setTimeout(r, 4000));
  await fireCron('0 * * * *', decideAt);
  await new Promise((r) => setTimeout(r, 4000));
  await fireCron('0 */6 * * *', decideAt);

  step('approval');
  // The raise waits in the queue with its justification; approve it.
  await page.goto('/autopilot');
  const raise = page
    .getByTestId('decision')
    .filter({ hasText: 'Aumentar o orçamento diário' })
    .first();
  for (let i = 0; i < 30 && !(await raise.isVisible()); i++) {
    await new Promise((r) => setTimeout(r, 2000));
    await page.getByRole('button', { name: 'Atualizar' }).click();
  }
  await raise.waitFor();
  await raise.getByText('Métricas no momento da decisão').waitFor();
  await raise.getByRole('table').getByText('ROAS').waitFor();
  assert.match(
    (await raise.getByTestId('expected-result').textContent())!,
    /orçamento diário R\$\s?96,00/,
  );
  await raise.getByRole('button', { name: 'Aprovar' }).click();

  step('results');
  // Executed through the queue: the results page shows the new budget and the decision's why.
  await page.goto(`/campaigns/${campaignId}/results`);
  const budgets = page.getByTestId('ad-set-budget');
  for (
    let i = 0;
    i < 20 &&
    !(await budgets
      .filter({ hasText: /R\$\s96,00/ })
      .first()
      .isVisible());
    i++
  ) {
    await new Promise((r) => setTimeout(r, 1500));
    await page.reload();
  }
  await budgets
    .filter({ hasText: /R\$\s96,00/ })
    .first()
    .waitFor();
  const executed = page
    .getByTestId('decision')
    .filter({ hasText: 'Aumentar o orçamento diário' })
    .first();
  await executed.locator('[data-decision-status=executed]').waitFor();
  await executed.getByText('Vencedor: atinge todas as metas').waitFor();
  await context.close();
});
