/**
 * The contract test: every documented route is called with valid input, in an order that makes
 * each one succeed (create before read, read before delete), and each real answer is checked
 * against the schema the route declares for its status. A route with no declared schema for a
 * JSON answer, an undeclared status, or a route this walk never reached fails the test, so a new
 * route cannot join the API without a described answer.
 */
import { env } from 'cloudflare:test';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlert } from '../platform/alerts.ts';
import { signStripePayload } from '../providers/payments/sandbox.ts';
import { signConversionPayload } from '../services/ads/conversion-signatures.ts';
import { runAutopilotCycle } from '../services/autopilot/cycle.ts';
import { adSet, QUALIFIABLE_PRODUCT } from '../test/ads-fixtures.ts';
import { HOUR, launchCampaign, writeInsights } from '../test/autopilot.ts';
import { call, nextIp, refreshCookieFrom, signUp, type TestUser } from '../test/helpers.ts';
import { studioJobsSettled, waitForGeneration } from '../test/studio.ts';
import { routes } from './app.ts';
import type { MountedRoute } from './router.ts';

type Answer = { status: number; headers: Headers; json: any; text: string };

const routeOf = new Map(routes.map((r) => [`${r.method.toUpperCase()} ${r.fullPath}`, r]));
const reached = new Set<string>();

/** Checks one real answer against what its route declares, and counts the route as reached. */
function expectDeclared(key: string, res: Answer) {
  const route = routeOf.get(key) as MountedRoute | undefined;
  expect(route, `${key} is not a mounted route`).toBeDefined();
  const declared = route!.spec.responses[res.status];
  expect(
    declared,
    `${key} answered ${res.status}, which it does not declare: ${res.text.slice(0, 300)}`,
  ).toBeDefined();
  expect.soft(res.status, `${key}: ${res.text.slice(0, 300)}`).toBeLessThan(400);
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('application/json')) {
    expect
      .soft(
        typeof declared === 'object' && 'schema' in declared,
        `${key} ${res.status} answers JSON but declares no schema: ${res.text.slice(0, 3000)}`,
      )
      .toBe(true);
    const schema = (declared as { schema?: v.GenericSchema }).schema ?? v.never();
    const result = v.safeParse(schema, res.json);
    expect
      .soft(
        result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ''}: ${i.message}`),
        `${key} ${res.status} does not match its schema: ${res.text.slice(0, 3000)}`,
      )
      .toEqual([]);
  } else if (typeof declared === 'object' && 'media' in declared) {
    expect
      .soft([declared.media].flat(), `${key} ${res.status} answers ${type}`)
      .toContain(type.split(';')[0]);
  } else {
    expect.soft(res.text, `${key} ${res.status} declares no body`).toBe('');
  }
  reached.add(key);
  return res;
}

/** Calls a route (named by its declared method and path) and checks the answer. */
async function hit(
  key: string,
  path: string,
  options: Parameters<typeof call>[1] = {},
): Promise<Answer> {
  const method = key.split(' ')[0]!;
  return expectDeclared(key, await call(path, { method, ...options }));
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let owner: TestUser;
let t: string;

beforeAll(async () => {
  owner = await signUp();
  t = owner.token;
});

describe('every route answers what it declares', { timeout: 120_000 }, () => {
  it('health, auth and the session', async () => {
    await hit('GET /api/health', '/api/health');
    const email = `contract-${crypto.randomUUID().slice(0, 8)}@example.com`;
    const password = 'correct horse battery staple';
    const registered = await hit('POST /api/v1/auth/register', '/api/v1/auth/register', {
      body: { email, password, name: 'Contrato', orgName: 'Contrato Ltda' },
    });
    const login = await hit('POST /api/v1/auth/login', '/api/v1/auth/login', {
      body: { email, password },
    });
    const cookie = refreshCookieFrom(login.headers);
    const refreshed = await hit('POST /api/v1/auth/refresh', '/api/v1/auth/refresh', { cookie });
    await hit('GET /api/v1/me', '/api/v1/me', { token: login.json.accessToken });
    const second = await hit('POST /api/v1/orgs', '/api/v1/orgs', {
      token: login.json.accessToken,
      body: { name: 'Segunda' },
    });
    await hit('POST /api/v1/auth/switch-org', '/api/v1/auth/switch-org', {
      token: login.json.accessToken,
      cookie: refreshCookieFrom(refreshed.headers),
      body: { orgId: second.json.id ?? registered.json.org.id },
    });
    await hit('POST /api/v1/auth/logout', '/api/v1/auth/logout', { cookie });
  });

  it('Google sign-in', async () => {
    const ip = nextIp();
    const start = await hit('GET /api/v1/auth/google/start', '/api/v1/auth/google/start', { ip });
    const flow = start.headers
      .getSetCookie()
      .find((c) => c.startsWith('gl_oidc='))!
      .split(';')[0];
    const consent = await fetch(start.headers.get('location')!, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location')!);
    await hit('GET /api/v1/auth/google/callback', `${back.pathname}${back.search}`, {
      ip,
      cookie: flow,
    });
  });

  it('the organization, its members and invitations', async () => {
    await hit('GET /api/v1/org', '/api/v1/org', { token: t });
    await hit('PATCH /api/v1/org', '/api/v1/org', { token: t, body: { name: 'Agência Contrato' } });
    await hit('GET /api/v1/org/members', '/api/v1/org/members', { token: t });
    const person = await signUp();
    const invite = await hit('POST /api/v1/org/invitations', '/api/v1/org/invitations', {
      token: t,
      body: { email: person.user.email, role: 'member' },
    });
    await hit('GET /api/v1/org/invitations', '/api/v1/org/invitations', { token: t });
    await hit('GET /api/v1/invitations/:token', `/api/v1/invitations/${invite.json.token}`);
    await hit(
      'POST /api/v1/invitations/:token/accept',
      `/api/v1/invitations/${invite.json.token}/accept`,
      { token: person.token },
    );
    await hit('PATCH /api/v1/org/members/:userId', `/api/v1/org/members/${person.user.id}`, {
      token: t,
      body: { role: 'admin' },
    });
    await hit('DELETE /api/v1/org/members/:userId', `/api/v1/org/members/${person.user.id}`, {
      token: t,
    });
    const other = await call('/api/v1/org/invitations', {
      token: t,
      body: { email: `x-${crypto.randomUUID().slice(0, 6)}@example.com`, role: 'viewer' },
    });
    await hit('DELETE /api/v1/org/invitations/:id', `/api/v1/org/invitations/${other.json.id}`, {
      token: t,
    });
  });

  it('API keys, the audit log, alerts and room tickets', async () => {
    const key = await hit('POST /api/v1/org/api-keys', '/api/v1/org/api-keys', {
      token: t,
      body: { name: 'Zapier', scopes: ['leads:read'] },
    });
    await hit('GET /api/v1/org/api-keys', '/api/v1/org/api-keys', { token: t });
    await hit('DELETE /api/v1/org/api-keys/:id', `/api/v1/org/api-keys/${key.json.id}`, {
      token: t,
    });
    await hit('GET /api/v1/org/audit-log', '/api/v1/org/audit-log?limit=5', { token: t });
    await raiseAlert(env, {
      orgId: owner.org.id,
      kind: 'test',
      severity: 'info',
      title: 'Contrato',
      dedupKey: 'contract',
    });
    const alerts = await hit('GET /api/v1/alerts', '/api/v1/alerts', { token: t });
    await hit('POST /api/v1/alerts/:id/read', `/api/v1/alerts/${alerts.json.items[0].id}/read`, {
      token: t,
    });
    await hit('POST /api/v1/rooms/tickets', '/api/v1/rooms/tickets', {
      token: t,
      body: { room: 'org-hub', id: owner.org.id },
    });
  });

  it('credits and billing', async () => {
    for (const path of ['', '/holds', '/entries', '/usage', '/settings'])
      await hit(`GET /api/v1/credits${path}`, `/api/v1/credits${path}`, { token: t });
    await hit('PUT /api/v1/credits/settings', '/api/v1/credits/settings', {
      token: t,
      body: { spendLimits: { orgMonthly: 5_000, memberMonthly: null } },
    });
    await hit('POST /api/v1/credits/adjustments', '/api/v1/credits/adjustments', {
      token: t,
      body: { credits: 10, reason: 'Cortesia' },
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    await hit('GET /api/v1/billing/catalog', '/api/v1/billing/catalog', { token: t });
    await hit('POST /api/v1/billing/checkout', '/api/v1/billing/checkout', {
      token: t,
      body: { packId: 'pack-500' },
    });
    await hit(
      'GET /api/v1/billing/checkout/return',
      '/api/v1/billing/checkout/return?status=success',
    );
    await hit('GET /api/v1/billing/details', '/api/v1/billing/details', { token: t });
    await hit('PUT /api/v1/billing/details', '/api/v1/billing/details', {
      token: t,
      body: {
        taxId: '11.222.333/0001-81',
        legalName: 'Agência Contrato Ltda',
        postalCode: '01310-100',
        street: 'Avenida Paulista',
        number: '1000',
        district: 'Bela Vista',
        city: 'São Paulo',
        state: 'SP',
      },
    });
    const body = JSON.stringify({
      id: `evt_contract_${crypto.randomUUID()}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type: 'customer.created',
      data: { object: { id: 'cus_x', object: 'customer' } },
    });
    await hit('POST /api/webhooks/stripe', '/api/webhooks/stripe', {
      body,
      headers: { 'stripe-signature': await signStripePayload(body, env.STRIPE_WEBHOOK_SECRET) },
    });
  });

  it('the AI studio', async () => {
    const request = { modality: 'text', prompt: 'Um slogan para uma padaria' };
    await hit('POST /api/v1/studio/estimate', '/api/v1/studio/estimate', {
      token: t,
      body: request,
    });
    const generation = await hit('POST /api/v1/studio/generations', '/api/v1/studio/generations', {
      token: t,
      body: request,
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    const id = generation.json.id;
    await waitForGeneration(owner, id);
    await hit('GET /api/v1/studio/generations', '/api/v1/studio/generations', { token: t });
    await hit('GET /api/v1/studio/generations/:id', `/api/v1/studio/generations/${id}`, {
      token: t,
    });
    await hit(
      'GET /api/v1/studio/generations/:id/output',
      `/api/v1/studio/generations/${id}/output`,
      { token: t },
    );
    await hit(
      'POST /api/v1/studio/generations/:id/favorite',
      `/api/v1/studio/generations/${id}/favorite`,
      { token: t, body: { favorite: true } },
    );
    await hit('DELETE /api/v1/studio/generations/:id', `/api/v1/studio/generations/${id}`, {
      token: t,
    });
    const template = await hit('POST /api/v1/studio/templates', '/api/v1/studio/templates', {
      token: t,
      body: {
        name: 'Slogan',
        modality: 'text',
        locale: 'pt-BR',
        prompt: 'Um slogan para {{negocio}}',
        variables: [{ name: 'negocio', label: 'Negócio', kind: 'text', required: true }],
      },
    });
    await hit('GET /api/v1/studio/templates', '/api/v1/studio/templates', { token: t });
    await hit(
      'PATCH /api/v1/studio/templates/:id',
      `/api/v1/studio/templates/${template.json.id}`,
      {
        token: t,
        body: { name: 'Slogan curto' },
      },
    );
    await hit(
      'DELETE /api/v1/studio/templates/:id',
      `/api/v1/studio/templates/${template.json.id}`,
      { token: t },
    );
    await hit('GET /api/v1/studio/settings', '/api/v1/studio/settings', { token: t });
    await hit('PATCH /api/v1/studio/settings', '/api/v1/studio/settings', {
      token: t,
      body: { cachePolicy: 'free' },
    });
    await hit('GET /api/v1/studio/prices', '/api/v1/studio/prices', { token: t });
  });

  let productId: string;
  let campaignId: string;

  it('products and creatives', async () => {
    await hit('GET /api/v1/ads/settings/viability', '/api/v1/ads/settings/viability', {
      token: t,
    });
    await hit('PUT /api/v1/ads/settings/viability', '/api/v1/ads/settings/viability', {
      token: t,
      body: { minScore: 10 },
    });
    const product = await hit('POST /api/v1/products', '/api/v1/products', {
      token: t,
      body: QUALIFIABLE_PRODUCT,
    });
    productId = product.json.id;
    await hit('GET /api/v1/products', '/api/v1/products', { token: t });
    await hit('GET /api/v1/products/:id', `/api/v1/products/${productId}`, { token: t });
    await hit('PATCH /api/v1/products/:id', `/api/v1/products/${productId}`, {
      token: t,
      body: { keywords: ['gato', 'fonte'] },
    });
    await hit('POST /api/v1/products/:id/qualify', `/api/v1/products/${productId}/qualify`, {
      token: t,
    });
    await hit('POST /api/v1/products/qualify', '/api/v1/products/qualify', {
      token: t,
      body: { ids: [productId] },
    });
    await hit('POST /api/v1/products/import', '/api/v1/products/import', {
      token: t,
      body: {
        csv: 'title;category;supplier_cost;market_price\r\nLuminária;casa;20,00;79,90\r\n;casa;1;2',
        qualify: false,
      },
    });
    const scout = await hit('POST /api/v1/products/scout', '/api/v1/products/scout', {
      token: t,
      body: { query: '', limit: 5 },
    });
    await until('the scout job', async () => {
      const job = await call(`/api/v1/jobs/${scout.json.jobId}`, { token: t });
      return ['done', 'failed'].includes(job.json?.status) ? job : undefined;
    });
    await hit('GET /api/v1/jobs/:id', `/api/v1/jobs/${scout.json.jobId}`, { token: t });
    const spare = await call('/api/v1/products', {
      token: t,
      body: {
        title: 'Outro produto',
        category: 'casa',
        supplierCostMinor: 1_000,
        marketPriceMinor: 5_000,
      },
    });
    await hit('POST /api/v1/products/:id/approve', `/api/v1/products/${productId}/approve`, {
      token: t,
      body: { note: 'Bom' },
    });
    await hit('POST /api/v1/products/:id/reject', `/api/v1/products/${spare.json.id}/reject`, {
      token: t,
      body: { note: 'Margem baixa' },
    });
    await hit('DELETE /api/v1/products/:id', `/api/v1/products/${spare.json.id}`, { token: t });

    await hit(
      'POST /api/v1/products/:id/creatives/generate',
      `/api/v1/products/${productId}/creatives/generate`,
      {
        token: t,
        body: { headlines: 1, ctas: 1, images: 1 },
        headers: { 'idempotency-key': crypto.randomUUID() },
      },
    );
    await studioJobsSettled(owner.org.id);
    const list = await hit(
      'GET /api/v1/products/:id/creatives',
      `/api/v1/products/${productId}/creatives`,
      { token: t },
    );
    const image = list.json.items.find((c: any) => c.kind === 'image' && c.status !== 'failed');
    const made = await hit(
      'POST /api/v1/products/:id/creatives',
      `/api/v1/products/${productId}/creatives`,
      { token: t, body: { kind: 'headline', text: 'Água fresca o dia todo' } },
    );
    await hit('GET /api/v1/creatives/:id', `/api/v1/creatives/${made.json.id}`, { token: t });
    await hit('PATCH /api/v1/creatives/:id', `/api/v1/creatives/${made.json.id}`, {
      token: t,
      body: { text: 'Água sempre fresca' },
    });
    await hit('GET /api/v1/creatives/:id/media', `/api/v1/creatives/${image.id}/media`, {
      token: t,
    });
    await hit('DELETE /api/v1/creatives/:id', `/api/v1/creatives/${made.json.id}`, { token: t });
  });

  it('campaigns and ad platforms', async () => {
    await hit('GET /api/v1/ads/platforms', '/api/v1/ads/platforms', { token: t });
    await hit('PATCH /api/v1/ads/platforms', '/api/v1/ads/platforms', {
      token: t,
      body: { meta: null },
    });
    const set = adSet();
    const created = await hit('POST /api/v1/campaigns', '/api/v1/campaigns', {
      token: t,
      body: { name: 'Fonte — BR', adSets: [set] },
    });
    campaignId = created.json.id;
    await hit('GET /api/v1/campaigns', '/api/v1/campaigns', { token: t });
    await hit('GET /api/v1/campaigns/:id', `/api/v1/campaigns/${campaignId}`, { token: t });
    const draft = await hit(
      'GET /api/v1/campaigns/:id/draft',
      `/api/v1/campaigns/${campaignId}/draft`,
      {
        token: t,
      },
    );
    await hit('PUT /api/v1/campaigns/:id/draft', `/api/v1/campaigns/${campaignId}/draft`, {
      token: t,
      body: { name: 'Fonte — Brasil', adSets: draft.json.adSets },
    });
    await hit('POST /api/v1/campaigns/:id/publish', `/api/v1/campaigns/${campaignId}/publish`, {
      token: t,
    });
    // Once published, the campaign answers with its ad sets, ads and publish attempts.
    await until('the campaign to go live', async () => {
      const res = await call(`/api/v1/campaigns/${campaignId}`, { token: t });
      return ['active', 'error'].includes(res.json?.status) ? res : undefined;
    });
    const live = await hit('GET /api/v1/campaigns/:id', `/api/v1/campaigns/${campaignId}`, {
      token: t,
    });
    expect(live.json.adSets[0].ads).toHaveLength(1);
    expect(live.json.publishAttempts.length).toBeGreaterThan(0);
    const throwaway = await call('/api/v1/campaigns', {
      token: t,
      body: { name: 'Rascunho', adSets: [set] },
    });
    await hit('DELETE /api/v1/campaigns/:id', `/api/v1/campaigns/${throwaway.json.id}`, {
      token: t,
    });
  });

  it('the autopilot and ad results', async () => {
    const T = Math.floor(Date.now() / HOUR) * HOUR;
    await hit('GET /api/v1/autopilot/settings', '/api/v1/autopilot/settings', { token: t });
    await hit('PATCH /api/v1/autopilot/settings', '/api/v1/autopilot/settings', {
      token: t,
      body: { mode: 'APPROVAL', caps: { dailyMinor: 1_000_000, weeklyMinor: 5_000_000 } },
    });
    const launched = await launchCampaign(owner.org.id, {
      launchedAt: T - 48 * HOUR,
      adSets: [
        { budgetMinor: 10_000, ads: 2 },
        { budgetMinor: 10_000, ads: 2 },
      ],
    });
    const [winner, loser] = launched.adSets;
    const hour = (conversions: number, revenueMinor: number, clicks: number) => ({
      impressions: 1_000,
      clicks,
      spendMinor: 1_000,
      conversions,
      revenueMinor,
    });
    for (const ad of winner!.ads)
      await writeInsights(owner.org.id, launched.campaignId, ad.id, hour(1, 3_000, 20), 30, T);
    for (const ad of loser!.ads)
      await writeInsights(owner.org.id, launched.campaignId, ad.id, hour(0, 0, 5), 30, T);
    await runAutopilotCycle(env, owner.org.id, 'decide', T);
    const proposed = await hit(
      'GET /api/v1/autopilot/decisions',
      '/api/v1/autopilot/decisions?status=proposed',
      {
        token: t,
      },
    );
    const [first, second] = proposed.json.items;
    await hit('GET /api/v1/autopilot/decisions/:id', `/api/v1/autopilot/decisions/${first.id}`, {
      token: t,
    });
    await hit(
      'POST /api/v1/autopilot/decisions/:id/approve',
      `/api/v1/autopilot/decisions/${first.id}/approve`,
      { token: t },
    );
    await hit(
      'POST /api/v1/autopilot/decisions/:id/reject',
      `/api/v1/autopilot/decisions/${second.id}/reject`,
      { token: t },
    );
    await hit(
      'GET /api/v1/campaigns/:id/insights',
      `/api/v1/campaigns/${launched.campaignId}/insights`,
      { token: t },
    );
    const today = new Date(T - 24 * HOUR).toISOString().slice(0, 10);
    const report = await hit('POST /api/v1/reports/daily', '/api/v1/reports/daily', {
      token: t,
      body: { date: today },
    });
    await hit('GET /api/v1/reports/daily', '/api/v1/reports/daily', { token: t });
    await hit(
      'GET /api/v1/reports/daily/:date/:format',
      report.json.links?.html ?? `/api/v1/reports/daily/${today}/html`,
      { token: t },
    );
    await hit('GET /api/v1/autopilot/conversions/secret', '/api/v1/autopilot/conversions/secret', {
      token: t,
    });
    const secret = await hit(
      'POST /api/v1/autopilot/conversions/secret/rotate',
      '/api/v1/autopilot/conversions/secret/rotate',
      { token: t },
    );
    const order = JSON.stringify({ orderId: 'o-contract', amountMinor: 9_990, currency: 'BRL' });
    await hit(
      'POST /api/webhooks/conversions/:orgId',
      `/api/webhooks/conversions/${owner.org.id}`,
      {
        body: order,
        headers: {
          [secret.json.signatureHeader ?? 'x-gestorlead-signature']: await signConversionPayload(
            secret.json.secret,
            order,
            Date.now(),
          ),
        },
      },
    );
  });

  it('boards, leads, intake and imports', async () => {
    const board = await hit('POST /api/v1/boards', '/api/v1/boards', {
      token: t,
      body: { name: 'Vendas' },
    });
    const boardId = board.json.id;
    const [firstStage, secondStage] = board.json.stages;
    await hit('GET /api/v1/boards', '/api/v1/boards', { token: t });
    await hit('GET /api/v1/boards/:id', `/api/v1/boards/${boardId}`, { token: t });
    await hit('PATCH /api/v1/boards/:id', `/api/v1/boards/${boardId}`, {
      token: t,
      body: { name: 'Vendas 2027' },
    });
    const stage = await hit('POST /api/v1/boards/:id/stages', `/api/v1/boards/${boardId}/stages`, {
      token: t,
      body: { name: 'Proposta' },
    });
    const stageId = stage.json.id ?? stage.json.stage?.id;
    await hit(
      'PATCH /api/v1/boards/:id/stages/:stageId',
      `/api/v1/boards/${boardId}/stages/${stageId}`,
      { token: t, body: { name: 'Proposta enviada' } },
    );
    await hit(
      'DELETE /api/v1/boards/:id/stages/:stageId',
      `/api/v1/boards/${boardId}/stages/${stageId}?targetStageId=${firstStage.id}`,
      { token: t },
    );
    await hit('GET /api/v1/boards/:id/storage', `/api/v1/boards/${boardId}/storage`, { token: t });

    const lead = await hit('POST /api/v1/leads', '/api/v1/leads', {
      token: t,
      body: { boardId, stageId: firstStage.id, name: 'José Silva', email: 'jose@example.com' },
    });
    const leadId = lead.json.id;
    const twin = await call('/api/v1/leads', {
      token: t,
      body: { boardId, stageId: firstStage.id, name: 'José da Silva', email: 'jose@example.com' },
    });
    await hit('GET /api/v1/leads', '/api/v1/leads', { token: t });
    await hit('GET /api/v1/leads/:id', `/api/v1/leads/${leadId}`, { token: t });
    await hit('PATCH /api/v1/leads/:id', `/api/v1/leads/${leadId}`, {
      token: t,
      body: { company: 'Padaria Silva', tags: ['quente'] },
    });
    await hit('POST /api/v1/leads/:id/move', `/api/v1/leads/${leadId}/move`, {
      token: t,
      body: { stageId: secondStage.id, index: 0 },
    });
    await hit('POST /api/v1/leads/:id/notes', `/api/v1/leads/${leadId}/notes`, {
      token: t,
      body: { text: 'Ligou pedindo orçamento.' },
    });
    await hit('GET /api/v1/leads/:id/timeline', `/api/v1/leads/${leadId}/timeline`, { token: t });
    await hit('GET /api/v1/leads/:id/duplicates', `/api/v1/leads/${leadId}/duplicates`, {
      token: t,
    });
    await hit('GET /api/v1/leads/:id/score', `/api/v1/leads/${leadId}/score`, { token: t });
    await hit('POST /api/v1/leads/:id/merge', `/api/v1/leads/${leadId}/merge`, {
      token: t,
      body: { otherId: twin.json.id },
    });

    await hit('GET /api/v1/boards/:id/settings', `/api/v1/boards/${boardId}/settings`, {
      token: t,
    });
    await hit('PATCH /api/v1/boards/:id/settings', `/api/v1/boards/${boardId}/settings`, {
      token: t,
      body: { assignment: { mode: 'off', memberIds: [] } },
    });
    const capture = await hit(
      'POST /api/v1/boards/:id/capture-secret',
      `/api/v1/boards/${boardId}/capture-secret`,
      { token: t },
    );
    await hit('POST /api/v1/capture/:boardId', `/api/v1/capture/${boardId}`, {
      body: new URLSearchParams({ nome: 'Maria', email: 'maria@example.com' }).toString(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-capture-secret': capture.json.secret,
      },
    });
    await hit('POST /api/v1/capture/:boardId', `/api/v1/capture/${boardId}`, {
      body: new URLSearchParams({
        nome: 'Ana',
        secret: capture.json.secret,
        _redirect: 'https://example.com/obrigado',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await hit(
      'DELETE /api/v1/boards/:id/capture-secret',
      `/api/v1/boards/${boardId}/capture-secret`,
      { token: t },
    );

    const upload = await hit(
      'POST /api/v1/boards/:id/imports',
      `/api/v1/boards/${boardId}/imports?name=leads.csv`,
      {
        token: t,
        body: 'nome,email\nCarla,carla@example.com\n,sem-nome@example.com\n',
        headers: { 'content-type': 'text/csv' },
      },
    );
    const importId = upload.json.id;
    await hit(
      'POST /api/v1/boards/:id/imports/:importId/start',
      `/api/v1/boards/${boardId}/imports/${importId}/start`,
      { token: t, body: { mapping: ['name', 'email'] } },
    );
    await until('the import', async () => {
      const res = await call(`/api/v1/boards/${boardId}/imports/${importId}`, { token: t });
      return ['done', 'failed'].includes(res.json?.status) ? res : undefined;
    });
    await hit('GET /api/v1/boards/:id/imports', `/api/v1/boards/${boardId}/imports`, { token: t });
    await hit(
      'GET /api/v1/boards/:id/imports/:importId',
      `/api/v1/boards/${boardId}/imports/${importId}`,
      { token: t },
    );
    await hit(
      'GET /api/v1/boards/:id/imports/:importId/rejected.csv',
      `/api/v1/boards/${boardId}/imports/${importId}/rejected.csv`,
      { token: t },
    );

    await hit('DELETE /api/v1/leads/:id', `/api/v1/leads/${leadId}`, { token: t });
    await hit('DELETE /api/v1/boards/:id', `/api/v1/boards/${boardId}`, { token: t });
  });
});

afterAll(() => {
  // Reported here too, so a failure above does not hide which routes were never reached.
  const missing = [...routeOf.keys()].filter((k) => !reached.has(k));
  if (missing.length) console.error(`routes not reached: ${missing.join(', ')}`);
});

describe('the walk', () => {
  it('reached every documented route', () => {
    expect([...routeOf.keys()].filter((k) => !reached.has(k))).toEqual([]);
  });
});
