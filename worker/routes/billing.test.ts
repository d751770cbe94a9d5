import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { WELCOME_CREDITS } from '../../domain/credits/catalog.ts';
import { signStripePayload } from '../../providers/payments/sandbox.ts';
import {
  addMember,
  call,
  listenToOrgHub,
  ORIGIN,
  signUp,
  type TestUser,
  tableCounts,
} from '../../test/helpers.ts';

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
    expect(html).toContain('>Cartão de crédito</button>');
    const english = await SELF.fetch(url, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(await english.text()).toContain('>Credit card</button>');
    const asked = await SELF.fetch(`${url}?lang=en`, { headers: { 'accept-language': 'pt-BR' } });
    expect(await asked.text()).toContain('2,000 credits');
    for (let i = 0; i < 2; i++) {
      const paid = await SELF.fetch(url, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      expect(paid.headers.get('location')).toMatch(
        /\/api\/v1\/billing\/checkout\/return\?status=success$/,
      );
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

/** A checkout session for a boleto or a PIX, as Stripe reports it at each step. */
function boletoSession(orgId: string, tag: string, paymentStatus: 'paid' | 'unpaid') {
  return {
    id: `cs_test_boleto_${tag}`,
    object: 'checkout.session',
    mode: 'payment',
    status: 'complete',
    payment_status: paymentStatus,
    client_reference_id: orgId,
    customer: `cus_${tag}`,
    payment_intent: `pi_boleto_${tag}`,
    amount_total: 4900,
    currency: 'brl',
    metadata: { orgId, kind: 'pack', itemId: 'pack-500', credits: '500' },
  };
}

const purchasesOf = async (orgId: string) =>
  (
    await env.DB.prepare(
      "select credits from credit_entries where org_id = ? and kind = 'purchase'",
    )
      .bind(orgId)
      .all<{ credits: number }>()
  ).results.map((row) => row.credits);

describe('a boleto paid days later', () => {
  it('credits nothing while unpaid, then exactly once on async success, however often each arrives', async () => {
    const owner = await signUp();
    const tag = crypto.randomUUID().slice(0, 8);
    const issued = stripeEvent(
      'checkout.session.completed',
      boletoSession(owner.org.id, tag, 'unpaid'),
    );
    for (let i = 0; i < 3; i++) expect((await deliver(issued)).status).toBe(200);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });

    const settled = stripeEvent(
      'checkout.session.async_payment_succeeded',
      boletoSession(owner.org.id, tag, 'paid'),
    );
    for (const event of shuffled([settled, settled, settled, issued, issued], 7))
      expect((await deliver(event)).status).toBe(200);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 500 });
    await sleep(300);
    expect(await purchasesOf(owner.org.id)).toEqual([500]);
  });

  it('never credits a boleto that lapsed unpaid, even replayed', async () => {
    const owner = await signUp();
    const tag = crypto.randomUUID().slice(0, 8);
    const events = [
      stripeEvent('checkout.session.completed', boletoSession(owner.org.id, tag, 'unpaid')),
      stripeEvent(
        'checkout.session.async_payment_failed',
        boletoSession(owner.org.id, tag, 'unpaid'),
      ),
    ];
    for (const event of [...events, ...events, events[1]!]) {
      const res = await deliver(event);
      expect(res.status).toBe(200);
      expect(res.json.applied).toBe(0);
    }
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });
    await sleep(300);
    expect(await purchasesOf(owner.org.id)).toEqual([]);
  });
});

/** Opens the sandbox checkout for `body` and picks `method` on its page. */
async function sandboxCheckout(owner: TestUser, body: Record<string, string>) {
  const checkout = await call('/api/v1/billing/checkout', { token: owner.token, body });
  expect(checkout.status).toBe(201);
  return checkout.json as { id: string; url: string };
}

const postForm = (url: string, fields: Record<string, string>) =>
  SELF.fetch(url, { method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' });

describe('paying the sandbox checkout with PIX or boleto', () => {
  it('offers card, PIX and boleto for a pack in reais, card and boleto for a plan, card elsewhere', async () => {
    const owner = await signUp();
    const methodsOn = async (url: string) =>
      [...(await (await SELF.fetch(url)).text()).matchAll(/name="method" value="(\w+)"/g)].map(
        (m) => m[1],
      );
    expect(await methodsOn((await sandboxCheckout(owner, { packId: 'pack-500' })).url)).toEqual([
      'card',
      'pix',
      'boleto',
    ]);
    expect(await methodsOn((await sandboxCheckout(owner, { planId: 'starter' })).url)).toEqual([
      'card',
      'boleto',
    ]);
    await call('/api/v1/org', { method: 'PATCH', token: owner.token, body: { currency: 'USD' } });
    const usd = (await sandboxCheckout(owner, { packId: 'pack-500' })).url;
    expect(await methodsOn(usd)).toEqual(['card']);
    expect((await postForm(usd, { method: 'pix' })).status).toBe(400);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });
  });

  it('a boleto issues unpaid, its payment credits once, and the open tabs hear each step', async () => {
    const owner = await signUp();
    const hub = await listenToOrgHub(owner);
    const { id, url } = await sandboxCheckout(owner, { packId: 'pack-500' });
    const issued = await postForm(url, { method: 'boleto' });
    expect(issued.status).toBe(200);
    expect(await issued.text()).toMatch(/data-testid="boleto-line">\d{47}</);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });

    for (let i = 0; i < 2; i++)
      expect((await postForm(`${url}/boleto`, { outcome: 'paid' })).status).toBe(200);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 500 });
    await sleep(300);
    const steps = hub.events
      .filter((e) => e.type === 'billing.checkout' && e.checkoutId === id)
      .map((e) => e.status);
    expect(steps[0]).toBe('pending');
    expect(steps.slice(1)).toEqual(['paid', 'paid']);
    hub.close();
    // A boleto cannot be charged again: auto-recharge has no card to use.
    const settings = await call('/api/v1/credits/settings', { token: owner.token });
    expect(settings.json.hasSavedCard).toBe(false);
  });

  it('a boleto that lapses credits nothing and says so', async () => {
    const owner = await signUp();
    const hub = await listenToOrgHub(owner);
    const { id, url } = await sandboxCheckout(owner, { packId: 'pack-2000' });
    await postForm(url, { method: 'boleto' });
    expect((await postForm(`${url}/boleto`, { outcome: 'failed' })).status).toBe(200);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });
    await sleep(300);
    expect(
      hub.events.filter((e) => e.type === 'billing.checkout' && e.checkoutId === id).at(-1),
    ).toMatchObject({ status: 'failed' });
    hub.close();
  });

  it('a plan paid by boleto grants its monthly credits when the boleto is paid', async () => {
    const owner = await signUp();
    const { url } = await sandboxCheckout(owner, { planId: 'starter' });
    await postForm(url, { method: 'boleto' });
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });
    await postForm(`${url}/boleto`, { outcome: 'paid' });
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 1500 });
  });

  it('a PIX shows its code, credits once paid, and refuses a forged or foreign code', async () => {
    const owner = await signUp();
    const { url } = await sandboxCheckout(owner, { packId: 'pack-500' });
    const page = await (await postForm(url, { method: 'pix' })).text();
    expect(page).toContain('br.gov.bcb.pix');
    const pix = /name="pix" value="([^"]+)"/.exec(page)![1]!;

    const other = await sandboxCheckout(owner, { packId: 'pack-500' });
    const otherPix = /name="pix" value="([^"]+)"/.exec(
      await (await postForm(other.url, { method: 'pix' })).text(),
    )![1]!;
    for (const [what, forged] of [
      ['tampered', `${pix.slice(0, -3)}AAA`],
      ['foreign', otherPix],
      ['missing', ''],
    ] as const)
      expect((await postForm(`${url}/pix`, { pix: forged })).status, what).toBe(410);
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS });

    const paid = await postForm(`${url}/pix`, { pix });
    expect(paid.status).toBe(303);
    await postForm(`${url}/pix`, { pix });
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 500 });
    const settings = await call('/api/v1/credits/settings', { token: owner.token });
    expect(settings.json.hasSavedCard).toBe(false);
  });

  it('two checkouts of the same pack started together are two payments', async () => {
    const owner = await signUp();
    const [first, second] = await Promise.all([
      sandboxCheckout(owner, { packId: 'pack-500' }),
      sandboxCheckout(owner, { packId: 'pack-500' }),
    ]);
    expect(first.id).not.toBe(second.id);
    for (const { url } of [first, second]) await postForm(url, { method: 'card' });
    expect(await balanceOf(owner)).toMatchObject({ balance: WELCOME_CREDITS + 1000 });
  });

  it('the payment tab ends on a small page of its own, not on the app', async () => {
    const res = await SELF.fetch(`${ORIGIN}/api/v1/billing/checkout/return?status=success`, {
      headers: { 'accept-language': 'pt-BR,pt;q=0.9' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    expect(html).toContain('Pagamento concluído');
    expect(html).toContain('pode fechar esta aba'.replace('pode', 'Pode'));
    expect(html).not.toMatch(/<script/);
    const english = await SELF.fetch(`${ORIGIN}/api/v1/billing/checkout/return?status=cancelled`, {
      headers: { 'accept-language': 'en-US,en;q=0.8' },
    });
    expect(await english.text()).toContain('Payment cancelled');
  });
});

describe('billing details', () => {
  const company = {
    taxId: '11.222.333/0001-81',
    legalName: 'Agência Aurora Ltda',
    postalCode: '01310-100',
    street: 'Avenida Paulista',
    number: '1000',
    complement: 'Conjunto 101',
    district: 'Bela Vista',
    city: 'São Paulo',
    state: 'SP',
  };

  it('are empty at first, then hold the CNPJ, razão social and address, and the provider’s customer', async () => {
    const owner = await signUp();
    expect((await call('/api/v1/billing/details', { token: owner.token })).json).toBeNull();
    const saved = await call('/api/v1/billing/details', {
      method: 'PUT',
      token: owner.token,
      body: { ...company, taxId: '11222333000181' },
    });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({
      taxIdKind: 'cnpj',
      taxId: '11.222.333/0001-81',
      legalName: 'Agência Aurora Ltda',
      postalCode: '01310-100',
      state: 'SP',
    });
    expect((await call('/api/v1/billing/details', { token: owner.token })).json).toEqual(
      saved.json,
    );
    const account = await env.DB.prepare(
      'select customer_id from billing_accounts where org_id = ?',
    )
      .bind(owner.org.id)
      .first<{ customer_id: string }>();
    expect(account?.customer_id).toMatch(/^cus_sandbox_/);

    const person = await call('/api/v1/billing/details', {
      method: 'PUT',
      token: owner.token,
      body: { ...company, taxId: '529.982.247-25', legalName: 'Ana Souza' },
    });
    expect(person.json).toMatchObject({ taxIdKind: 'cpf', taxId: '529.982.247-25' });
  });

  it.each([
    ['taxId', { taxId: '529.982.247-26' }],
    ['taxId', { taxId: '111.111.111-11' }],
    ['postalCode', { postalCode: '0131-0100' }],
    ['state', { state: 'ZZ' }],
    ['legalName', { legalName: '' }],
  ])('refuses a wrong %s with problem+json naming it, writing nothing', async (field, change) => {
    const owner = await signUp();
    await sleep(100);
    const before = await tableCounts();
    const res = await call('/api/v1/billing/details', {
      method: 'PUT',
      token: owner.token,
      body: { ...company, ...change },
    });
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await tableCounts()).toEqual(before);
  });

  it('only owners and admins read or change them', async () => {
    const owner = await signUp();
    const member = await addMember(owner, 'member');
    expect((await call('/api/v1/billing/details', { token: member.token })).status).toBe(403);
    const res = await call('/api/v1/billing/details', {
      method: 'PUT',
      token: member.token,
      body: company,
    });
    expect(res.status).toBe(403);
  });
});
