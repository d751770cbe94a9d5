import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  CONVERSION_SIGNATURE_HEADER,
  signConversionPayload,
  verifyConversionSignature,
} from '../../services/ads/conversion-signatures.ts';
import { launchCampaign } from '../../test/autopilot.ts';
import { addMember, call, ORIGIN, signUp, type TestUser, tableCounts } from '../../test/helpers.ts';

let owner: TestUser;
let secret: string;
let campaign: Awaited<ReturnType<typeof launchCampaign>>;

const ordersOf = (orgId: string) =>
  env.DB.prepare(
    'select external_order_id, amount_minor, campaign_id, ad_id from orders where org_id = ? order by external_order_id',
  )
    .bind(orgId)
    .all();

async function deliver(orgId: string, body: string, signature: string | null) {
  const response = await SELF.fetch(`${ORIGIN}/api/webhooks/conversions/${orgId}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(signature === null ? {} : { [CONVERSION_SIGNATURE_HEADER]: signature }),
    },
    body,
  });
  return { status: response.status, json: (await response.json()) as any };
}

const signed = async (orgId: string, payload: unknown, at = Date.now(), key = secret) => {
  const body = JSON.stringify(payload);
  return deliver(orgId, body, await signConversionPayload(key, body, at));
};

beforeAll(async () => {
  owner = await signUp();
  const rotated = await call('/api/v1/autopilot/conversions/secret/rotate', {
    method: 'POST',
    token: owner.token,
  });
  expect(rotated.status).toBe(201);
  secret = rotated.json.secret;
  campaign = await launchCampaign(owner.org.id, {
    name: 'Garrafa Térmica Verão',
    launchedAt: Date.now() - 48 * 3_600_000,
    adSets: [{ budgetMinor: 10_000, ads: 1 }],
  });
});

describe('the conversions webhook secret', { timeout: 30_000 }, () => {
  it('is shown to admins with the endpoint, and rotating it retires the old one', async () => {
    const shown = await call('/api/v1/autopilot/conversions/secret', { token: owner.token });
    expect(shown.json).toMatchObject({
      secret,
      lastFour: secret.slice(-4),
      endpoint: `${ORIGIN}/api/webhooks/conversions/${owner.org.id}`,
      signatureHeader: CONVERSION_SIGNATURE_HEADER,
    });
    const other = await signUp();
    const first = await call('/api/v1/autopilot/conversions/secret/rotate', {
      method: 'POST',
      token: other.token,
    });
    const second = await call('/api/v1/autopilot/conversions/secret/rotate', {
      method: 'POST',
      token: other.token,
    });
    expect(second.json.secret).not.toBe(first.json.secret);
    const payload = { orderId: 'o-rot', amountMinor: 100, currency: 'BRL' };
    expect((await signed(other.org.id, payload, Date.now(), first.json.secret)).status).toBe(401);
    expect((await signed(other.org.id, payload, Date.now(), second.json.secret)).status).toBe(201);
  });

  it('is not shown to members or viewers, who cannot rotate it either', async () => {
    for (const role of ['member', 'viewer'] as const) {
      const person = await addMember(owner, role);
      const shown = await call('/api/v1/autopilot/conversions/secret', { token: person.token });
      expect(shown.status).toBe(403);
      expect(shown.text).not.toContain(secret);
      const rotate = await call('/api/v1/autopilot/conversions/secret/rotate', {
        method: 'POST',
        token: person.token,
      });
      expect(rotate.status).toBe(403);
    }
  });
});

describe('POST /api/webhooks/conversions/:orgId', { timeout: 30_000 }, () => {
  it('records a signed order linked to the campaign and ad its UTM parameters name', async () => {
    const adId = campaign.adSets[0]!.ads[0]!.id;
    const res = await signed(owner.org.id, {
      orderId: 'pedido-1001',
      amountMinor: 12_990,
      currency: 'BRL',
      orderedAt: '2026-12-05T15:00:00.000Z',
      utm: { source: 'meta', campaign: campaign.campaignId, content: adId },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      orderId: 'pedido-1001',
      campaignId: campaign.campaignId,
      adId,
      duplicate: false,
    });
  });

  it('links by the campaign name too, ignoring case; unmatched UTMs keep the order unlinked', async () => {
    const byName = await signed(owner.org.id, {
      orderId: 'pedido-1002',
      amountMinor: 5_000,
      currency: 'BRL',
      utm: { campaign: 'garrafa térmica verão' },
    });
    expect(byName.json.campaignId).toBe(campaign.campaignId);
    const unmatched = await signed(owner.org.id, {
      orderId: 'pedido-1003',
      amountMinor: 5_000,
      currency: 'BRL',
      utm: { campaign: 'black-friday' },
    });
    expect(unmatched.status).toBe(201);
    expect(unmatched.json).toMatchObject({ campaignId: null, adId: null });
  });

  it('a replayed delivery records no second order', async () => {
    const payload = { orderId: 'pedido-2001', amountMinor: 9_900, currency: 'BRL' };
    const body = JSON.stringify(payload);
    const signature = await signConversionPayload(secret, body);
    expect((await deliver(owner.org.id, body, signature)).status).toBe(201);
    const replay = await deliver(owner.org.id, body, signature);
    expect(replay.status).toBe(200);
    expect(replay.json.duplicate).toBe(true);
    // The same order id with other figures is the same order: the first stands.
    const changed = await signed(owner.org.id, { ...payload, amountMinor: 1 });
    expect(changed.status).toBe(200);
    const rows = (await ordersOf(owner.org.id)).results.filter(
      (r: any) => r.external_order_id === 'pedido-2001',
    );
    expect(rows).toEqual([
      { external_order_id: 'pedido-2001', amount_minor: 9_900, campaign_id: null, ad_id: null },
    ]);
  });

  it.each([
    ['no signature', async (_: string) => null],
    [
      'a signature made with another secret',
      (body: string) => signConversionPayload('glwh_wrong', body),
    ],
    [
      'a timestamp six minutes old',
      (body: string) => signConversionPayload(secret, body, Date.now() - 6 * 60_000),
    ],
    [
      'a timestamp six minutes ahead',
      (body: string) => signConversionPayload(secret, body, Date.now() + 6 * 60_000),
    ],
    [
      'a signature of another body',
      (_: string) => signConversionPayload(secret, '{"orderId":"x"}'),
    ],
    ['a malformed header', async () => 't=abc,v1=zz'],
  ])('refuses %s with 401 and writes nothing', async (_, sign) => {
    const body = JSON.stringify({ orderId: 'pedido-bad', amountMinor: 100, currency: 'BRL' });
    const before = await tableCounts();
    const res = await deliver(owner.org.id, body, await sign(body));
    expect(res.status).toBe(401);
    expect(res.json.errors[0].path).toBe(`header.${CONVERSION_SIGNATURE_HEADER}`);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses an org without a secret (or no such org) exactly like a bad signature', async () => {
    const other = await signUp();
    const body = JSON.stringify({ orderId: 'x', amountMinor: 1, currency: 'BRL' });
    const before = await tableCounts();
    for (const orgId of [other.org.id, crypto.randomUUID()]) {
      const res = await deliver(orgId, body, await signConversionPayload(secret, body));
      expect(res.status).toBe(401);
    }
    expect(await tableCounts()).toEqual(before);
  });

  it('a signed but invalid order gets 422 naming the field, and nothing is written', async () => {
    const before = await tableCounts();
    const res = await signed(owner.org.id, { orderId: 'p', amountMinor: 12.5, currency: 'real' });
    expect(res.status).toBe(422);
    expect(res.json.errors.map((e: any) => e.path).sort()).toEqual(['amountMinor', 'currency']);
    expect(await tableCounts()).toEqual(before);
  });
});

describe('signature verification', () => {
  it('accepts any of several v1 signatures, so a store can sign with old and new secrets', async () => {
    const body = '{"orderId":"r"}';
    const good = await signConversionPayload('new', body, 1_000_000);
    const old = await signConversionPayload('old', body, 1_000_000);
    const header = `${old},v1=${good.split('v1=')[1]}`;
    expect(await verifyConversionSignature('new', body, header, 1_000_000)).toBe('ok');
    expect(await verifyConversionSignature('other', body, header, 1_000_000)).toBe('mismatch');
    expect(await verifyConversionSignature('new', body, header, 1_000_000 + 301_000)).toBe('stale');
    expect(await verifyConversionSignature('new', body, undefined, 1_000_000)).toBe('malformed');
  });
});
