import { env, SELF } from 'cloudflare:test';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { adSetsRoot, campaignRoot } from '../../domain/ads/campaign-doc.ts';
import { campaignRoom } from '../../services/ads/campaigns.ts';
import { ad, adSet } from '../../test/ads-fixtures.ts';
import { addMember, call, signUp, type TestUser, tableCounts } from '../../test/helpers.ts';

const createCampaign = (user: TestUser, body: Record<string, unknown> = {}) =>
  call('/api/v1/campaigns', {
    token: user.token,
    body: { name: 'Fonte para gatos — BR', adSets: [adSet()], ...body },
  });

async function waitForStatus(user: TestUser, id: string, wanted: string[]) {
  const until = Date.now() + 15_000;
  for (;;) {
    const res = await call(`/api/v1/campaigns/${id}`, { token: user.token });
    if (wanted.includes(res.json.status)) return res.json;
    if (Date.now() > until) throw new Error(`campaign ${id} still ${res.json.status}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('campaigns', { timeout: 30_000 }, () => {
  it('are drafted, published on the sandbox through the ads queue, and read back with external ids', async () => {
    const owner = await signUp();
    const created = await createCampaign(owner);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ status: 'draft', platform: 'sandbox', currency: 'BRL' });
    const draftSet = created.json.draft.adSets[0];
    expect(draftSet.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(draftSet.ads[0].headline).toBe('Água fresca o dia todo');

    const published = await call(`/api/v1/campaigns/${created.json.id}/publish`, {
      method: 'POST',
      token: owner.token,
    });
    expect(published.status).toBe(202);
    expect(published.json.status).toBe('publishing');
    const live = await waitForStatus(owner, created.json.id, ['active', 'error']);
    expect(live.status).toBe('active');
    expect(live.externalId).toBeTruthy();
    const [set] = live.adSets;
    expect(set).toMatchObject({
      id: draftSet.id,
      status: 'active',
      dailyBudgetMinor: 5_000,
      initialBudgetMinor: 5_000,
    });
    expect(set.externalId).toBeTruthy();
    expect(set.launchedAt).toBeTruthy();
    const url = new URL(set.ads[0].landingUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      ref: 'ig',
      utm_source: 'sandbox',
      utm_medium: 'paid_social',
      utm_campaign: created.json.id,
      utm_content: draftSet.ads[0].id,
    });
    expect(set.ads[0].externalId).toBeTruthy();
    expect(live.publishAttempts).toEqual([
      expect.objectContaining({ outcome: 'active', created: 3, attempt: 1 }),
    ]);

    // Published entities are not deleted with the campaign.
    const del = await call(`/api/v1/campaigns/${created.json.id}`, {
      method: 'DELETE',
      token: owner.token,
    });
    expect(del.status).toBe(409);
  });

  it('publish refuses a bad draft naming each field, writing nothing', async () => {
    const owner = await signUp();
    const created = await createCampaign(owner);
    const room = await campaignRoom(env, created.json.id);
    const draft = await room.draft(owner.org.id);
    const broken = structuredClone(draft) as any;
    broken.adSets[0].dailyBudgetMinor = 10;
    broken.adSets[0].placements = ['billboard'];
    broken.adSets[0].ads[0].landingUrl = 'javascript:alert(1)';
    broken.adSets[0].ads[0].headline = 'x'.repeat(41);
    await room.replaceDraft(owner.org.id, broken);

    const before = await tableCounts();
    const res = await call(`/api/v1/campaigns/${created.json.id}/publish`, {
      method: 'POST',
      token: owner.token,
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'adSets.0.ads.0.headline',
      'adSets.0.ads.0.landingUrl',
      'adSets.0.dailyBudgetMinor',
    ]);
    // Each with a code and its parameters, which the editor words in the person's language.
    const coded = Object.fromEntries(
      res.json.errors.map((e: { path: string; code: string; params?: object }) => [
        e.path,
        { code: e.code, params: e.params },
      ]),
    );
    expect(coded['adSets.0.ads.0.headline']).toEqual({ code: 'too_long', params: { max: 40 } });
    expect(coded['adSets.0.dailyBudgetMinor']).toEqual({ code: 'too_small', params: { min: 100 } });
    expect(coded['adSets.0.ads.0.landingUrl'].code).toMatch(/^(url|invalid)$/);
    expect(await tableCounts()).toEqual(before);

    broken.adSets[0].dailyBudgetMinor = 5_000;
    broken.adSets[0].ads[0].landingUrl = 'https://loja.example.com/';
    broken.adSets[0].ads[0].headline = 'Ok';
    await room.replaceDraft(owner.org.id, broken);
    const placements = await call(`/api/v1/campaigns/${created.json.id}/publish`, {
      method: 'POST',
      token: owner.token,
    });
    expect(placements.json.errors).toEqual([
      {
        path: 'adSets.0.placements.0',
        message: 'Unknown placement billboard; sandbox offers: feed, stories.',
        code: 'placement_unknown',
        params: { placement: 'billboard', platform: 'sandbox' },
      },
    ]);

    const empty = await createCampaign(owner, { adSets: [] });
    const noSets = await call(`/api/v1/campaigns/${empty.json.id}/publish`, {
      method: 'POST',
      token: owner.token,
    });
    expect(noSets.json.errors[0]).toMatchObject({
      path: 'adSets',
      code: 'too_few',
      params: { min: 1 },
    });
  });

  it('REST input is checked the same way; viewers and other orgs cannot touch a campaign', async () => {
    const owner = await signUp();
    const before = await tableCounts();
    const bad = await createCampaign(owner, {
      platform: 'myspace',
      adSets: [adSet({ ageMin: 50, ageMax: 20, countries: ['brasil'] })],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'adSets.0.ageMax',
      'adSets.0.countries.0',
      'platform',
    ]);
    expect(await tableCounts()).toEqual(before);

    const created = await createCampaign(owner);
    const id = created.json.id;
    const viewer = await addMember(owner, 'viewer');
    expect((await call(`/api/v1/campaigns/${id}`, { token: viewer.token })).status).toBe(200);
    expect(
      (await call(`/api/v1/campaigns/${id}/publish`, { method: 'POST', token: viewer.token }))
        .status,
    ).toBe(403);

    const stranger = await signUp();
    for (const [method, path, body] of [
      ['GET', `/api/v1/campaigns/${id}`, undefined],
      ['GET', `/api/v1/campaigns/${id}/draft`, undefined],
      ['PUT', `/api/v1/campaigns/${id}/draft`, { name: 'x', adSets: [] }],
      ['POST', `/api/v1/campaigns/${id}/publish`, undefined],
      ['DELETE', `/api/v1/campaigns/${id}`, undefined],
    ] as const) {
      const res = await call(path, { method, token: stranger.token, body });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const ticket = await call('/api/v1/rooms/tickets', {
      token: stranger.token,
      body: { room: 'campaign-room', id },
    });
    expect(ticket.status).toBe(404);
    const mine = await call(`/api/v1/campaigns/${id}/draft`, { token: owner.token });
    expect(mine.json.name).toBe('Fonte para gatos — BR');
    await expect(campaignRoom(env, id).then((r) => r.draft(stranger.org.id))).rejects.toThrow(
      /another organization/,
    );
  });
});

describe('the campaign room', { timeout: 30_000 }, () => {
  async function join(user: TestUser, campaignId: string) {
    const ticket = await call('/api/v1/rooms/tickets', {
      token: user.token,
      body: { room: 'campaign-room', id: campaignId },
    });
    expect(ticket.status).toBe(200);
    const res = await SELF.fetch(`http://localhost${ticket.json.url}`, {
      headers: { upgrade: 'websocket' },
    });
    expect(res.status).toBe(101);
    const ws = res.webSocket!;
    ws.accept();
    return ws;
  }

  /** A view on a larger buffer arrives empty across the test's socket: send a buffer of its own. */
  const copyOf = (bytes: Uint8Array) => bytes.slice().buffer;

  /** Syncs a fresh client doc from the room, as a provider does on connect. */
  function syncedDoc(ws: WebSocket): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const synced = new Promise<Y.Doc>((resolve) => {
      ws.addEventListener('message', (event) => {
        if (typeof event.data === 'string') return;
        // Binary frames reach the test's side of the socket as Blobs.
        void (event.data as unknown as Blob).arrayBuffer().then((buffer) => {
          const decoder = decoding.createDecoder(new Uint8Array(buffer));
          if (decoding.readVarUint(decoder) !== 0) return;
          if (decoding.readVarUint(decoder) !== 1) return; // sync step 2: the room's whole state
          Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
          resolve(doc);
        });
      });
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, doc);
    ws.send(copyOf(encoding.toUint8Array(encoder)));
    return synced;
  }

  /** A client's edit as y-protocols sends it: a sync `update` message. */
  function sendEdit(ws: WebSocket, doc: Y.Doc, edit: (doc: Y.Doc) => void) {
    const before = Y.encodeStateVector(doc);
    edit(doc);
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeUpdate(encoder, Y.encodeStateAsUpdate(doc, before));
    ws.send(copyOf(encoding.toUint8Array(encoder)));
  }

  const roomState = async (campaignId: string, orgId: string) =>
    (await (await campaignRoom(env, campaignId)).draft(orgId)) as any;

  it('applies a member’s live edit and drops a viewer’s', async () => {
    const owner = await signUp();
    const created = await createCampaign(owner);
    const id = created.json.id;
    const member = await addMember(owner, 'member');
    const viewer = await addMember(owner, 'viewer');

    const viewerWs = await join(viewer, id);
    const viewerDoc = await syncedDoc(viewerWs);
    expect(campaignRoot(viewerDoc).get('name')).toBe('Fonte para gatos — BR');
    sendEdit(viewerWs, viewerDoc, (doc) => campaignRoot(doc).set('name', 'Viewer was here'));

    const memberWs = await join(member, id);
    const memberDoc = await syncedDoc(memberWs);
    sendEdit(memberWs, memberDoc, (doc) => {
      (adSetsRoot(doc).get(0) as Y.Map<unknown>).set('dailyBudgetMinor', 7_500);
      const headline = (adSetsRoot(doc).get(0).get('ads') as Y.Array<Y.Map<unknown>>)
        .get(0)
        .get('headline') as Y.Text;
      headline.insert(headline.length, '!');
    });
    const until = Date.now() + 5_000;
    let state = await roomState(id, owner.org.id);
    while (state.adSets[0].dailyBudgetMinor !== 7_500 && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      state = await roomState(id, owner.org.id);
    }
    expect(state.adSets).toHaveLength(1);
    expect(state.adSets[0].dailyBudgetMinor).toBe(7_500);
    expect(state.adSets[0].ads[0].headline).toBe('Água fresca o dia todo!');
    expect(state.name).toBe('Fonte para gatos — BR');
    viewerWs.close(1000);
    memberWs.close(1000);
  });
});
