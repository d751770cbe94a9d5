/** The real Stripe adapter against the local fake Stripe (test/fakes/stripe.ts). */
import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { stripePayments } from './stripe.ts';

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
  origin: 'https://app.example',
};

describe('the Stripe adapter', () => {
  it('creates a payment Checkout Session that saves the card for off-session top-ups', async () => {
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
      'payment_intent_data[setup_future_usage]': 'off_session',
      'payment_intent_data[metadata][orgId]': checkout.orgId,
      'metadata[credits]': '500',
      success_url: checkout.successUrl,
    });
  });

  it('creates a subscription Checkout Session for a plan, reusing a known customer', async () => {
    await stripe().createCheckout({
      ...checkout,
      kind: 'plan',
      itemId: 'starter',
      customerId: 'cus_known',
    });
    const sent = (await requestsTo('/v1/checkout/sessions')).at(-1)!.form;
    expect(sent).toMatchObject({
      mode: 'subscription',
      customer: 'cus_known',
      'line_items[0][price_data][recurring][interval]': 'month',
      'subscription_data[metadata][itemId]': 'starter',
    });
    expect(sent).not.toHaveProperty('customer_creation');
    expect(sent).not.toHaveProperty('customer_email');
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
    expect(await stripe().paymentMethodOf(first.id)).toBe('pm_card_visa');
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
