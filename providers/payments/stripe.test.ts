/** The real Stripe adapter against the local fake Stripe (test/fakes/stripe.ts). */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { stripeClient, stripePayments } from './stripe.ts';

const fakeUrl = env.STRIPE_API_URL!;
const stripe = () => stripePayments(env.STRIPE_SECRET_KEY!, fakeUrl);

async function requestsTo(path: string) {
  const all = (await (await fetch(`${fakeUrl}/__requests`)).json()) as {
    method: string;
    path: string;
    form: Record<string, string>;
    idempotencyKey: string | null;
  }[];
  return all.filter((r) => r.path === path);
}

const checkout = {
  orgId: '00000000-0000-7000-8000-0000000000aa',
  kind: 'pack' as const,
  itemId: 'pack-500',
  credits: 500,
  amountMinor: 4900,
  currency: 'BRL',
  successUrl: 'https://app.example/credits?checkout=success',
  cancelUrl: 'https://app.example/credits?checkout=cancelled',
  customerEmail: 'ana@example.com',
  billingDetailsOnFile: false,
  origin: 'https://app.example',
};

const company = {
  orgId: checkout.orgId,
  email: 'financeiro@aurora.example',
  legalName: 'Agência Aurora Ltda',
  taxId: { kind: 'cnpj' as const, value: '11222333000181' },
  address: {
    line1: 'Avenida Paulista, 1000',
    line2: 'Conjunto 101 – Bela Vista',
    city: 'São Paulo',
    state: 'SP',
    postalCode: '01310100',
    country: 'BR' as const,
  },
};

/** The buyer on Stripe's hosted page, paying the session one of the ways it offers. */
async function payOnHostedPage(sessionId: string, method: string) {
  const res = await fetch(`${fakeUrl}/__checkout/${sessionId}/pay`, {
    method: 'POST',
    body: new URLSearchParams({ method }),
  });
  return (await res.json()) as { payment_intent: string; payment_status: string };
}

async function taxIdsOf(customerId: string) {
  const res = await fetch(`${fakeUrl}/v1/customers/${customerId}/tax_ids`, {
    headers: { authorization: `Bearer ${env.STRIPE_SECRET_KEY}`, 'stripe-version': 'test' },
  });
  return ((await res.json()) as { data: { type: string; value: string }[] }).data;
}

describe('the Stripe adapter', () => {
  it('offers card, PIX and boleto for a pack in reais, saving only the card for top-ups', async () => {
    const session = await stripe().createCheckout(checkout);
    expect(session.url).toBe(`https://checkout.stripe.com/c/pay/${session.id}`);
    const sent = (await requestsTo('/v1/checkout/sessions')).at(-1)!.form;
    expect(sent).toMatchObject({
      mode: 'payment',
      client_reference_id: checkout.orgId,
      customer_creation: 'always',
      customer_email: 'ana@example.com',
      'line_items[0][quantity]': '1',
      'line_items[0][price_data][currency]': 'brl',
      'line_items[0][price_data][unit_amount]': '4900',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'pix',
      'allowed_payment_method_types[2]': 'boleto',
      'payment_method_options[card][setup_future_usage]': 'off_session',
      'payment_method_options[pix][expires_after_seconds]': '3600',
      'payment_method_options[boleto][expires_after_days]': '3',
      'payment_intent_data[metadata][orgId]': checkout.orgId,
      'metadata[credits]': '500',
      // No details on file yet: Checkout asks for the address and the CPF/CNPJ.
      billing_address_collection: 'required',
      'tax_id_collection[enabled]': 'true',
      success_url: checkout.successUrl,
    });
    // Set for the whole payment it would also apply to PIX, which Stripe refuses.
    expect(sent).not.toHaveProperty('payment_intent_data[setup_future_usage]');
  });

  it('offers card and boleto for a plan (no recurring PIX in Brazil), reusing the customer on file', async () => {
    const customerId = await stripe().saveCustomer(company);
    await stripe().createCheckout({
      ...checkout,
      kind: 'plan',
      itemId: 'starter',
      customerId,
      billingDetailsOnFile: true,
    });
    const sent = (await requestsTo('/v1/checkout/sessions')).at(-1)!.form;
    expect(sent).toMatchObject({
      mode: 'subscription',
      customer: customerId,
      'line_items[0][price_data][recurring][interval]': 'month',
      'subscription_data[metadata][itemId]': 'starter',
      'allowed_payment_method_types[0]': 'card',
      'allowed_payment_method_types[1]': 'boleto',
      'payment_method_options[boleto][expires_after_days]': '3',
    });
    expect(sent).not.toHaveProperty('allowed_payment_method_types[2]');
    expect(sent).not.toHaveProperty('payment_method_options[pix][expires_after_seconds]');
    expect(sent).not.toHaveProperty('customer_creation');
    expect(sent).not.toHaveProperty('customer_email');
    // The customer already carries the CNPJ and the address.
    expect(sent).not.toHaveProperty('tax_id_collection[enabled]');
  });

  it('asks a known customer without details on file for them, saving what Checkout collects', async () => {
    const customerId = await stripe().saveCustomer(company);
    await stripe().createCheckout({ ...checkout, customerId });
    const sent = (await requestsTo('/v1/checkout/sessions')).at(-1)!.form;
    expect(sent).toMatchObject({
      customer: customerId,
      'tax_id_collection[enabled]': 'true',
      'customer_update[name]': 'auto',
      'customer_update[address]': 'auto',
    });
  });

  it('offers only the card outside reais', async () => {
    await stripe().createCheckout({ ...checkout, currency: 'USD', amountMinor: 999 });
    const sent = (await requestsTo('/v1/checkout/sessions')).at(-1)!.form;
    expect(sent).toMatchObject({
      'allowed_payment_method_types[0]': 'card',
      'line_items[0][price_data][currency]': 'usd',
    });
    expect(sent).not.toHaveProperty('allowed_payment_method_types[1]');
    expect(Object.keys(sent).filter((k) => /pix|boleto/.test(k))).toEqual([]);
  });

  it('the fake refuses what Stripe refuses in a Checkout Session', async () => {
    const client = stripeClient(env.STRIPE_SECRET_KEY!, fakeUrl);
    const base = {
      mode: 'payment' as const,
      success_url: checkout.successUrl,
      line_items: [
        {
          quantity: 1,
          price_data: { currency: 'usd', unit_amount: 999, product_data: { name: 'x' } },
        },
      ],
    };
    const inReais = [
      {
        ...base.line_items[0]!,
        price_data: { ...base.line_items[0]!.price_data, currency: 'brl' },
      },
    ];
    const refusals: [unknown, RegExp][] = [
      // PIX and boleto are priced in reais only.
      [{ ...base, allowed_payment_method_types: ['card', 'pix'] }, /brl/],
      [{ ...base, allowed_payment_method_types: ['boleto'] }, /brl/],
      // API version endive has no payment_method_types.
      [{ ...base, payment_method_types: ['card'] }, /unknown parameter/],
      // A PIX expires within 10 s to 14 days.
      [
        {
          ...base,
          line_items: inReais,
          allowed_payment_method_types: ['pix'],
          payment_method_options: { pix: { expires_after_seconds: 5 } },
        },
        /between 10 and 1209600/,
      ],
      // Saving the payment method for later does not apply to PIX.
      [
        {
          ...base,
          line_items: inReais,
          allowed_payment_method_types: ['card', 'pix'],
          payment_intent_data: { setup_future_usage: 'off_session' },
        },
        /setup_future_usage/,
      ],
    ];
    for (const [params, reason] of refusals)
      await expect(client.checkout.sessions.create(params as never)).rejects.toThrow(reason);
    await expect(
      client.checkout.sessions.create({
        ...base,
        mode: 'subscription',
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'brl',
              unit_amount: 9900,
              recurring: { interval: 'month' },
              product_data: { name: 'plan' },
            },
          },
        ],
        allowed_payment_method_types: ['card', 'pix'],
      }),
    ).rejects.toThrow(/one-time/);
  });

  it('keeps only a card for later: a payment made with PIX or boleto saves nothing', async () => {
    const saved: Record<string, string | null> = {};
    for (const method of ['card', 'pix', 'boleto']) {
      const session = await stripe().createCheckout(checkout);
      const paid = await payOnHostedPage(session.id, method);
      saved[method] = await stripe().savedCardOf(paid.payment_intent);
    }
    expect(saved.card).toMatch(/^pm_card_/);
    expect(saved.pix).toBeNull();
    expect(saved.boleto).toBeNull();
  });

  it('writes the CNPJ, razão social and address to a new customer', async () => {
    const customerId = await stripe().saveCustomer(company);
    const sent = (await requestsTo('/v1/customers')).at(-1)!.form;
    expect(sent).toMatchObject({
      name: 'Agência Aurora Ltda',
      email: 'financeiro@aurora.example',
      'address[line1]': 'Avenida Paulista, 1000',
      'address[postal_code]': '01310100',
      'address[state]': 'SP',
      'address[country]': 'BR',
      'tax_id_data[0][type]': 'br_cnpj',
      'tax_id_data[0][value]': '11.222.333/0001-81',
      'metadata[orgId]': checkout.orgId,
    });
    expect(await taxIdsOf(customerId)).toMatchObject([
      { type: 'br_cnpj', value: '11.222.333/0001-81' },
    ]);
  });

  it('updates a known customer, replacing its tax ID only when it changed', async () => {
    const customerId = await stripe().saveCustomer(company);
    expect(await stripe().saveCustomer({ ...company, customerId })).toBe(customerId);
    expect(await taxIdsOf(customerId)).toHaveLength(1);
    await stripe().saveCustomer({
      ...company,
      customerId,
      legalName: 'Ana Souza',
      taxId: { kind: 'cpf', value: '52998224725' },
    });
    expect(await taxIdsOf(customerId)).toMatchObject([{ type: 'br_cpf', value: '529.982.247-25' }]);
    const update = (await requestsTo(`/v1/customers/${customerId}`)).at(-1)!.form;
    expect(update).toMatchObject({ name: 'Ana Souza', 'address[city]': 'São Paulo' });
  });

  it('charges off-session with an idempotency key: a retry is the same payment', async () => {
    const charge = {
      customerId: 'cus_1',
      paymentMethodId: 'pm_card_visa',
      amountMinor: 4900,
      currency: 'BRL',
      idempotencyKey: `recharge:${crypto.randomUUID()}`,
      metadata: { orgId: checkout.orgId, rechargeId: 'rc_1', credits: '500' },
    };
    const first = await stripe().chargeOffSession(charge);
    const retry = await stripe().chargeOffSession(charge);
    expect(first).toEqual({ id: expect.stringMatching(/^pi_/), status: 'succeeded' });
    expect(retry).toEqual(first);
    const sent = (await requestsTo('/v1/payment_intents')).at(-1)!;
    expect(sent.idempotencyKey).toBe(charge.idempotencyKey);
    expect(sent.form).toMatchObject({
      amount: '4900',
      currency: 'brl',
      off_session: 'true',
      confirm: 'true',
      'metadata[rechargeId]': 'rc_1',
    });
    expect(await stripe().savedCardOf(first.id)).toBe('pm_card_visa');
  });

  it('reports a declined card as a failed charge instead of throwing', async () => {
    const result = await stripe().chargeOffSession({
      customerId: 'cus_1',
      paymentMethodId: 'pm_card_chargeDeclined',
      amountMinor: 4900,
      currency: 'BRL',
      idempotencyKey: `recharge:${crypto.randomUUID()}`,
      metadata: {},
    });
    expect(result).toEqual({
      id: expect.stringMatching(/^pi_/),
      status: 'failed',
      error: 'Your card was declined.',
    });
  });

  it('fails loudly with a wrong secret key', async () => {
    await expect(stripePayments('sk_test_wrong', fakeUrl).createCheckout(checkout)).rejects.toThrow(
      /Invalid API Key/,
    );
  });
});
