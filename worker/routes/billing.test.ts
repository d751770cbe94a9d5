import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WELCOME_CREDITS } from '../../schema/billing-catalog.ts';
import {
  addMember,
  call,
  listenToOrgHub,
  signUp,
  type TestUser,
  tableCounts,
} from '../../test/helpers.ts';
import { signStripePayload } from '../providers/payments/sandbox.ts';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

let eventCounter = 0;
const stripeEvent = (type: string, object: Record<string, unknown>) => ({
  id: `evt_test_${eventCounter++}`,
  object: 'event',
  api_version: '2026-10-28.endive',
  created: Math.floor(Date.now() / 1000),
  livemode: false,
  type,
  data: { object },
});

async function deliver(event: unknown, secret = env.STRIPE_WEBHOOK_SECRET) {
  const body = JSON.stringify(event);
  return call('/api/webhooks/stripe', {
    body,
    headers: { 'stripe-signature': await signStripePayload(body, secret) },
  });
}

const balanceOf = async (person: TestUser) =>
  (await call('/api/v1/credits', { token: person.token })).json;

/** A deterministic shuffle, so a failing order can be replayed. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** Every kind of crediting event for one org: a pack, a plan invoice, an auto-recharge, a refund. */
function eventsFor(orgId: string, tag: string) {
  const meta = (kind: string, itemId: string, credits: number) => ({
    orgId,
    kind,
    itemId,
    credits: String(credits),
  });
  const session = {
    id: `cs_test_${tag}`,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    client_reference_id: orgId,
    customer: `cus_${tag}`,
    payment_intent: `pi_pack_${tag}`,
    amount_total: 4900,
    currency: 'brl',
    metadata: meta('pack', 'pack-500', 500),
  };
  const periodEnd = Math.floor(Date.now() / 1000) + 30 * 24 * 3600;
  return [
    stripeEvent('checkout.session.completed', session),
    stripeEvent('checkout.session.async_payment_succeeded', session),
    stripeEvent('invoice.paid', {
      id: `in_${tag}`,
      object: 'invoice',
      amount_paid: 9900,
      currency: 'brl',
      period_end: periodEnd,
      lines: {
        object: 'list',
        data: [{ period: { start: periodEnd - 2_592_000, end: periodEnd } }],
      },
      parent: {
        type: 'subscription_details',
        subscription_details: {
          subscription: `sub_${tag}`,
          metadata: meta('plan', 'starter', 1500),
        },
      },
      payments: {
        object: 'list',
        data: [{ payment: { type: 'payment_intent', payment_intent: `pi_plan_${tag}` } }],
      },
    }),
    stripeEvent('payment_intent.succeeded', {
      id: `pi_recharge_${tag}`,
      object: 'payment_intent',
      amount: 4900,
      currency: 'brl',
      status: 'succeeded',
      metadata: { orgId, rechargeId: `rc_${tag}`, credits: '500' },
    }),
    // Half of the pack refunded, reported both ways Stripe reports it.
    stripeEvent('charge.refunded', {
      id: `ch_${tag}`,
      object: 'charge',
      amount: 4900,
      amount_refunded: 2450,
      payment_intent: `pi_pack_${tag}`,
      metadata: { orgId },
    }),
    stripeEvent('refund.created', {
      id: `re_${tag}`,
      object: 'refund',
      amount: 2450,
      status: 'succeeded',
      payment_intent: `pi_pack_${tag}`,
      charge: `ch_${tag}`,
    }),
  ];
}

describe('the Stripe webhook', () => {
  it.each([1, 2, 3])(
    'credits exactly once when each event arrives 3× in shuffled order (seed %i)',
    async (seed) => {
      const owner = await signUp();
      const events = eventsFor(owner.org.id, `s${seed}-${crypto.randomUUID().slice(0, 8)}`);
      const deliveries = shuffled(
        events.flatMap((e) => [e, e, e]),
        seed,
      );
      for (const event of deliveries) {
        const res = await deliver(event);
        // 503 asks Stripe to deliver again: a refund event ahead of its purchase.
        expect([200, 503], `${event.type}: ${res.text}`).toContain(res.status);
      }
      // pack 500 − refunded half 250 + plan 1,500 + recharge 500.
      const expected = WELCOME_CREDITS + 500 - 250 + 1500 + 500;
      expect(await balanceOf(owner)).toEqual({ balance: expected, held: 0, available: expected });
      await sleep(300);
      const entries = await env.DB.prepare(
        'select kind, credits from credit_entries where org_id = ? order by seq',
      )
        .bind(owner.org.id)
        .all<{ kind: string; credits: number }>();
      const byKind = (kind: string) =>
        entries.results.filter((e) => e.kind === kind).map((e) => e.credits);
      expect(byKind('purchase').sort()).toEqual([1500, 500, 500].sort());
      expect(byKind('refund')).toEqual([250]);
      const org = await env.DB.prepare('select plan from orgs where id = ?')
        .bind(owner.org.id)
        .first();
      expect(org).toEqual({ plan: 'starter' });
    },
  );

  it('refuses a bad signature with 400 and writes nothing', async () => {
    const owner = await signUp();
    const [completed] = eventsFor(owner.org.id, `bad-${crypto.randomUUID().slice(0, 8)}`);
    await sleep(200);
    const before = await tableCounts();
    const body = JSON.stringify(completed);
    const otherBody = JSON.stringify({ ...completed, id: 'evt_other' });
    const attempts: Record<string, string>[] = [
      {},
      { 'stripe-signature': 'garbage' },
      { 'stripe-signature': await signStripePayload(body, 'whsec_not_ours_0123456789') },
      { 'stripe-signature': await signStripePayload(otherBody, env.STRIPE_WEBHOOK_SECRET) },
    ];
    for (const headers of attempts) {
      const res = await call('/api/webhooks/stripe', { body, headers });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await tableCounts()).toEqual(before);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });
  });

  it('acknowledges events it has nothing to do with', async () => {
    const res = await deliver(stripeEvent('customer.created', { id: 'cus_x', object: 'customer' }));
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ received: true, applied: 0 });
  });
});

describe('buying credits through the sandbox checkout', () => {
  it('pays on the local checkout page, credits the pack once and saves the card', async () => {
    const owner = await signUp();
    const checkout = await call('/api/v1/billing/checkout', {
      token: owner.token,
      body: { packId: 'pack-2000' },
    });
    expect(checkout.status).toBe(201);
    const url = new URL(checkout.json.url);
    expect(url.pathname).toMatch(/^\/api\/sandbox\/payments\/checkout\//);

    const page = await SELF.fetch(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('R$');
    // pt-BR unless English is asked for (by the app's `lang`, or the browser).
    expect(html).toContain('<html lang="pt-BR">');
    expect(html).toContain('2.000 créditos');
    expect(html).toContain('>Pagar</button>');
    const english = await SELF.fetch(url, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await english.text()).toContain('>Pay</button>');
    const asked = await SELF.fetch(`${url}?lang=en`, { headers: { 'accept-language': 'pt-BR' } });
    expect(await asked.text()).toContain('2,000 credits');
    for (let i = 0; i < 2; i++) {
      const paid = await SELF.fetch(url, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      expect(paid.headers.get('location')).toMatch(/\/credits\?checkout=success$/);
    }
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 2000 });
    const settings = await call('/api/v1/credits/settings', { token: owner.token });
    expect(settings.json.hasSavedCard).toBe(true);
  });

  it('the new balance reaches the org’s open tabs live', async () => {
    const owner = await signUp();
    const { ws, close } = await listenToOrgHub(owner);
    const balances: number[] = [];
    const risen = new Promise<void>((resolve) =>
      ws.addEventListener('message', (e) => {
        const event = JSON.parse(e.data as string);
        if (event.type !== 'credits.balance') return;
        balances.push(event.balance);
        if (event.balance === WELCOME_CREDITS + 500) resolve();
      }),
    );
    const checkout = await call('/api/v1/billing/checkout', {
      token: owner.token,
      body: { packId: 'pack-500' },
    });
    await SELF.fetch(checkout.json.url, { method: 'POST', redirect: 'manual' });
    await Promise.race([risen, sleep(3000)]);
    expect(balances).toContain(WELCOME_CREDITS + 500);
    close();
  });

  it('a plan grants its monthly credits, expiring at the end of the period', async () => {
    const owner = await signUp();
    const checkout = await call('/api/v1/billing/checkout', {
      token: owner.token,
      body: { planId: 'starter' },
    });
    await SELF.fetch(checkout.json.url, { method: 'POST', redirect: 'manual' });
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 1500 });
    const entry = await env.DB.prepare(
      "select meta from credit_entries where org_id = ? and kind = 'purchase'",
    )
      .bind(owner.org.id)
      .first<{ meta: string }>();
    expect(Date.parse(JSON.parse(entry!.meta).expiresAt)).toBeGreaterThan(
      Date.now() + 29 * 86_400_000,
    );
  });

  it('refuses a checkout page whose token was tampered with', async () => {
    const owner = await signUp();
    const checkout = await call('/api/v1/billing/checkout', {
      token: owner.token,
      body: { packId: 'pack-500' },
    });
    const forged = `${checkout.json.url.slice(0, -4)}AAAA`;
    expect((await SELF.fetch(forged, { method: 'POST', redirect: 'manual' })).status).toBe(404);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });
  });

  it('only owners and admins start a purchase', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    const res = await call('/api/v1/billing/checkout', {
      token: member.token,
      body: { packId: 'pack-500' },
    });
    expect(res.status).toBe(403);
  });

  it('lists packs and plans priced in the org’s currency', async () => {
    const owner = await signUp();
    await call('/api/v1/org', { method: 'PATCH', token: owner.token, body: { currency: 'USD' } });
    const res = await call('/api/v1/billing/catalog', { token: owner.token });
    expect(res.json.currency).toBe('USD');
    expect(res.json.packs[0]).toEqual({ id: 'pack-500', credits: 500, amountMinor: 999 });
  });
});
