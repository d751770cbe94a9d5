/**
 * Tenancy, tried on every route in the OpenAPI document: the owner of org A aims each route at org
 * B's rows and is refused, and B's data is unchanged; a viewer is refused every write. A route
 * added later with a path parameter must be given one of B's rows here, or this test fails.
 */

import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../domain/permissions.ts';
import { raiseAlert } from '../platform/alerts.ts';
import { enqueueJob } from '../platform/jobs.ts';
import { unwrap } from '../platform/room-refusal.ts';
import { buildDailyReport } from '../services/ads/daily-report.ts';
import { runAutopilotCycle } from '../services/autopilot/cycle.ts';
import { ledgerOf } from '../services/credits/ledger-client.ts';
import { HOUR, launchCampaign, writeInsights } from '../test/autopilot.ts';
import { addMember, call, orgRows, signUp, type TestUser } from '../test/helpers.ts';
import { generate, waitForGeneration } from '../test/studio.ts';
import { routes } from './app.ts';
import { openApiDocument } from './openapi.ts';
import { sampleFor } from './schema-samples.ts';

const document = openApiDocument(routes);
const operations = Object.entries(document.paths).flatMap(([path, ops]) =>
  Object.entries(ops as Record<string, any>).map(([method, op]) => ({
    method: method.toUpperCase(),
    path,
    permission: op['x-permission'] as string | undefined,
    body: op['x-raw-body'] ? undefined : op.requestBody?.content['application/json'].schema,
  })),
);

let a: TestUser;
let b: TestUser;
/** One of B's rows for each parameterized path. */
let bRows: Record<string, Record<string, string>>;
/** Bodies that name B's org directly. */
let bodiesNamingB: Record<string, unknown>;
let bMemberId: string;
let bBoardId: string;

beforeAll(async () => {
  a = await signUp({ orgName: 'Org A' });
  b = await signUp({ orgName: 'Org B' });
  const bMember = await addMember(b, 'member');
  const bKey = await call('/api/v1/org/api-keys', {
    token: b.token,
    body: { name: 'B key', scopes: ['org:read'] },
  });
  const bInvite = await call('/api/v1/org/invitations', {
    token: b.token,
    body: { email: 'someone@b.example', role: 'member' },
  });
  const bJob = await enqueueJob(env, 'generation', {
    orgId: b.org.id,
    kind: 'noop',
    idempotencyKey: 'b-job',
  });
  await raiseAlert(env, {
    orgId: b.org.id,
    kind: 'test',
    severity: 'info',
    title: 'B alert',
    dedupKey: 'b-alert',
  });
  // B spends credits and leaves a hold open: none of it may show in A's statement or reports.
  bMemberId = bMember.user.id;
  const bLedger = ledgerOf(env, b.org.id);
  const spent = unwrap(
    await bLedger.hold({
      key: 'b-spent',
      credits: 4,
      memberId: bMemberId,
      reason: 'B hold',
    }),
  );
  unwrap(
    await bLedger.capture({
      key: 'b-capture',
      holdId: spent.holdId,
      credits: 4,
      usage: { provider: 'sandbox', model: 'm', priceVersion: 'v1', units: { images: 1 } },
    }),
  );
  unwrap(await bLedger.hold({ key: 'b-open', credits: 2, memberId: bMemberId, reason: 'B hold' }));
  await ledgerOf(env, b.org.id).mirrorNow();
  const bAlert = await env.DB.prepare('select id from alerts where org_id = ?')
    .bind(b.org.id)
    .first<{ id: string }>();
  // Finished before the tests start, so B's rows stand still while A tries them.
  const bGeneration = await generate(b, { modality: 'text', prompt: 'B secret prompt' });
  await waitForGeneration(b, bGeneration.json.id);
  const bTemplate = await call('/api/v1/studio/templates', {
    token: b.token,
    body: {
      name: 'B secret template',
      modality: 'text',
      locale: 'pt-BR',
      prompt: 'Fale de {{topic}}',
      variables: [{ name: 'topic', label: 'Tema', kind: 'text' }],
    },
  });
  const bProduct = await call('/api/v1/products', {
    token: b.token,
    body: {
      title: 'B product',
      category: 'pets',
      supplierCostMinor: 1_000,
      marketPriceMinor: 5_000,
    },
  });
  const bCreative = await call(`/api/v1/products/${bProduct.json.id}/creatives`, {
    token: b.token,
    body: { kind: 'headline', text: 'B headline' },
  });
  const bCampaign = await call('/api/v1/campaigns', {
    token: b.token,
    body: { name: 'B campaign', adSets: [] },
  });
  // B runs a campaign the autopilot has judged, and has a daily report.
  const now = Date.now();
  const bLaunched = await launchCampaign(b.org.id, {
    name: 'B secret campaign',
    launchedAt: now - 48 * HOUR,
    adSets: [{ budgetMinor: 10_000, ads: 1 }],
  });
  const bAd = bLaunched.adSets[0]!.ads[0]!;
  await writeInsights(
    b.org.id,
    bLaunched.campaignId,
    bAd.id,
    { impressions: 100, clicks: 1, spendMinor: 100, conversions: 0, revenueMinor: 0 },
    3,
    now,
  );
  await runAutopilotCycle(env, b.org.id, 'decide', now);
  const bDecision = await env.DB.prepare('select id from autopilot_decisions where org_id = ?')
    .bind(b.org.id)
    .first<{ id: string }>();
  const bReport = await buildDailyReport(env, b.org.id, { at: now });
  const bBoard = await call('/api/v1/boards', { token: b.token, body: { name: 'B secret board' } });
  const bLead = await call('/api/v1/leads', {
    token: b.token,
    body: { boardId: bBoard.json.id, name: 'B secret lead' },
  });
  const bImport = await (
    await SELF.fetch(`http://localhost/api/v1/boards/${bBoard.json.id}/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.token}`, 'content-type': 'text/csv' },
      body: 'nome;email\r\nB secret row;b@b.example\r\n',
    })
  ).json<{ id: string }>();
  const bImportRow = { id: bBoard.json.id, importId: bImport.id };
  bRows = {
    '/api/v1/products/{id}': { id: bProduct.json.id },
    '/api/v1/products/{id}/qualify': { id: bProduct.json.id },
    '/api/v1/products/{id}/approve': { id: bProduct.json.id },
    '/api/v1/products/{id}/reject': { id: bProduct.json.id },
    '/api/v1/products/{id}/creatives/generate': { id: bProduct.json.id },
    '/api/v1/products/{id}/creatives': { id: bProduct.json.id },
    '/api/v1/creatives/{id}': { id: bCreative.json.id },
    '/api/v1/creatives/{id}/media': { id: bCreative.json.id },
    '/api/v1/campaigns/{id}': { id: bCampaign.json.id },
    '/api/v1/campaigns/{id}/draft': { id: bCampaign.json.id },
    '/api/v1/campaigns/{id}/publish': { id: bCampaign.json.id },
    '/api/v1/autopilot/decisions/{id}': { id: bDecision!.id },
    '/api/v1/autopilot/decisions/{id}/approve': { id: bDecision!.id },
    '/api/v1/autopilot/decisions/{id}/reject': { id: bDecision!.id },
    '/api/v1/campaigns/{id}/insights': { id: bLaunched.campaignId },
    '/api/v1/reports/daily/{date}/{format}': { date: bReport.date, format: 'csv' },
    '/api/webhooks/conversions/{orgId}': { orgId: b.org.id },
    '/api/v1/boards/{id}/settings': { id: bBoard.json.id },
    '/api/v1/boards/{id}/capture-secret': { id: bBoard.json.id },
    '/api/v1/boards/{id}/imports': { id: bBoard.json.id },
    '/api/v1/boards/{id}/imports/{importId}': bImportRow,
    '/api/v1/boards/{id}/imports/{importId}/start': bImportRow,
    '/api/v1/boards/{id}/imports/{importId}/rejected.csv': bImportRow,
    '/api/v1/capture/{boardId}': { boardId: bBoard.json.id },
    '/api/v1/leads/{id}/duplicates': { id: bLead.json.id },
    '/api/v1/leads/{id}/merge': { id: bLead.json.id },
    '/api/v1/leads/{id}/score': { id: bLead.json.id },
    '/api/v1/boards/{id}': { id: bBoard.json.id },
    '/api/v1/boards/{id}/stages': { id: bBoard.json.id },
    '/api/v1/boards/{id}/stages/{stageId}': {
      id: bBoard.json.id,
      stageId: bBoard.json.stages[0].id,
    },
    '/api/v1/boards/{id}/storage': { id: bBoard.json.id },
    '/api/v1/leads/{id}': { id: bLead.json.id },
    '/api/v1/leads/{id}/move': { id: bLead.json.id },
    '/api/v1/leads/{id}/notes': { id: bLead.json.id },
    '/api/v1/leads/{id}/timeline': { id: bLead.json.id },
    '/api/v1/org/members/{userId}': { userId: bMember.user.id },
    '/api/v1/org/invitations/{id}': { id: bInvite.json.id },
    '/api/v1/org/api-keys/{id}': { id: bKey.json.id },
    '/api/v1/jobs/{id}': { id: bJob.id },
    '/api/v1/alerts/{id}/read': { id: bAlert!.id },
    '/api/v1/invitations/{token}': { token: bInvite.json.token },
    '/api/v1/invitations/{token}/accept': { token: bInvite.json.token },
    '/api/v1/studio/generations/{id}': { id: bGeneration.json.id },
    '/api/v1/studio/generations/{id}/output': { id: bGeneration.json.id },
    '/api/v1/studio/generations/{id}/favorite': { id: bGeneration.json.id },
    '/api/v1/studio/templates/{id}': { id: bTemplate.json.id },
  };
  bodiesNamingB = {
    'POST /api/v1/auth/switch-org': { orgId: b.org.id },
    'POST /api/v1/rooms/tickets': { room: 'org-hub', id: b.org.id },
    'POST /api/v1/leads': { boardId: bBoard.json.id, name: 'Planted in B' },
    // Valid changes (the generated samples do not match these fields' patterns).
    'PATCH /api/v1/boards/{id}': { name: 'Renamed by A', currency: 'USD' },
    'POST /api/v1/boards/{id}/stages': { name: 'Planted by A' },
    'PATCH /api/v1/boards/{id}/stages/{stageId}': { name: 'Renamed by A' },
    'PATCH /api/v1/leads/{id}': { name: 'Renamed by A' },
    'PATCH /api/v1/products/{id}': { title: 'Renamed by A' },
    'PATCH /api/v1/boards/{id}/settings': { assignment: { mode: 'off', memberIds: [] } },
    'POST /api/v1/leads/{id}/merge': { otherId: bLead.json.id },
    'POST /api/v1/boards/{id}/imports/{importId}/start': { mapping: ['name', 'email'] },
  };
  bBoardId = bBoard.json.id;
});

describe('org A cannot reach org B', () => {
  const aimedAtB = operations.filter(
    (op) =>
      op.path.includes('{') ||
      `${op.method} ${op.path}` in
        {
          'POST /api/v1/auth/switch-org': 1,
          'POST /api/v1/rooms/tickets': 1,
          'POST /api/v1/leads': 1,
        },
  );

  it.each(aimedAtB)('$method $path', async (op) => {
    const ids = bRows[op.path];
    if (op.path.includes('{'))
      expect(ids, `add one of B's rows for ${op.path} to this test`).toBeDefined();
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => ids![name]!);
    const before = await orgRows(b.org.id);
    const res = await call(path, {
      method: op.method,
      token: a.token,
      body:
        bodiesNamingB[`${op.method} ${op.path}`] ??
        (op.body ? sampleFor(op.body, true) : undefined),
    });
    // B's conversions webhook answers anyone without B's secret 401, writing nothing.
    if (op.path === '/api/webhooks/conversions/{orgId}') {
      expect(res.status).toBe(401);
      expect(await orgRows(b.org.id)).toBe(before);
      return;
    }
    // Web-form capture is public: without B's board secret it is refused like any stranger.
    if (op.path === '/api/v1/capture/{boardId}') {
      const form = await call(path, {
        method: 'POST',
        body: 'nome=Planted+by+A&secret=cap_guess',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.status).toBe(401);
      expect(await orgRows(b.org.id)).toBe(before);
      return;
    }
    // Public invitation previews answer anyone holding the link; they must not reveal more.
    if (op.method === 'GET' && op.path === '/api/v1/invitations/{token}') {
      expect(res.status).toBe(200);
      expect(Object.keys(res.json).sort()).toEqual([
        'email',
        'expiresAt',
        'invitedBy',
        'org',
        'role',
        'status',
      ]);
      return;
    }
    expect([403, 404], `${op.method} ${path}: ${res.status} ${res.text.slice(0, 200)}`).toContain(
      res.status,
    );
    expect(await orgRows(b.org.id)).toBe(before);
  });

  it('gets no room ticket for B’s board', async () => {
    const res = await call('/api/v1/rooms/tickets', {
      token: a.token,
      body: { room: 'pipeline-board', id: bBoardId },
    });
    expect(res.status).toBe(404);
  });

  it('lists only its own rows', async () => {
    for (const path of [
      '/api/v1/org/members',
      '/api/v1/org/api-keys',
      '/api/v1/org/invitations',
      '/api/v1/org/audit-log',
      '/api/v1/alerts',
      '/api/v1/credits/entries',
      '/api/v1/credits/holds',
      '/api/v1/credits/usage?groupBy=member',
      '/api/v1/studio/generations',
      '/api/v1/studio/templates',
      '/api/v1/autopilot/decisions',
      '/api/v1/boards',
      '/api/v1/leads',
    ]) {
      const res = await call(path, { token: a.token });
      expect(res.status, path).toBe(200);
      expect(JSON.stringify(res.json), path).not.toContain(b.org.id);
      expect(JSON.stringify(res.json), path).not.toContain('B key');
      expect(JSON.stringify(res.json), path).not.toContain('B hold');
      expect(JSON.stringify(res.json), path).not.toContain(bMemberId);
      expect(JSON.stringify(res.json), path).not.toContain('B secret');
    }
  });
});

describe('a viewer', () => {
  const viewerCannot = operations.filter(
    (op) =>
      op.permission &&
      op.permission in PERMISSIONS &&
      !(PERMISSIONS as Record<string, readonly string[]>)[op.permission]!.includes('viewer'),
  );

  it('may read', async () => {
    const viewer = await addMember(a, 'viewer');
    for (const path of ['/api/v1/org', '/api/v1/org/members'])
      expect((await call(path, { token: viewer.token })).status).toBe(200);
  });

  it.each(viewerCannot)('is refused $method $path', async (op) => {
    const viewer = await addMember(a, 'viewer');
    const path = op.path.replace(/\{(\w+)\}/g, () => crypto.randomUUID());
    const res = await call(path, {
      method: op.method,
      token: viewer.token,
      body: op.body ? sampleFor(op.body, true) : undefined,
    });
    expect(res.status, `${op.method} ${op.path}`).toBe(403);
  });

  it('cannot write anywhere: the only non-GET routes open to viewers are these', () => {
    const viewerWrites = operations.filter(
      (op) =>
        op.method !== 'GET' &&
        op.permission &&
        !viewerCannot.includes(op) &&
        op.permission !== 'signed-in user',
    );
    // Leaving the org, and a ticket to watch a live room (where the room drops a viewer's edits).
    expect(viewerWrites.map((op) => `${op.method} ${op.path}`).sort()).toEqual([
      'DELETE /api/v1/org/members/{userId}',
      'POST /api/v1/rooms/tickets',
    ]);
  });
});
