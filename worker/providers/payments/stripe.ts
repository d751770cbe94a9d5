/**
 * @module The real payments adapter: Stripe through its official SDK on the fetch HTTP client
 * (Workers have no Node http). Checkout Sessions save the card for off-session top-ups;
 * off-session charges carry an idempotency key so a retried recharge never charges twice.
 * `STRIPE_API_URL` points the SDK at another host (tests use a local fake Stripe).
 */
import Stripe from 'stripe';
import type {
  ChargeResult,
  CheckoutRequest,
  CheckoutSession,
  OffSessionCharge,
  PaymentsProvider,
} from './types.ts';

export function stripeClient(secretKey: string, apiUrl?: string): Stripe {
  const target = apiUrl ? new URL(apiUrl) : null;
  return new Stripe(secretKey, {
    httpClient: Stripe.createFetchHttpClient(),
    maxNetworkRetries: 2,
    ...(target
      ? {
          host: target.hostname,
          port: target.port || (target.protocol === 'https:' ? '443' : '80'),
          protocol: target.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

export function stripePayments(secretKey: string, apiUrl?: string): PaymentsProvider {
  const stripe = stripeClient(secretKey, apiUrl);
  return {
    name: 'stripe',

    async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
      const metadata = {
        orgId: request.orgId,
        kind: request.kind,
        itemId: request.itemId,
        credits: String(request.credits),
      };
      const recurring = request.kind === 'plan';
      const session = await stripe.checkout.sessions.create({
        mode: recurring ? 'subscription' : 'payment',
        client_reference_id: request.orgId,
        ...(request.customerId
          ? { customer: request.customerId }
          : {
              ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
              ...(recurring ? {} : { customer_creation: 'always' as const }),
            }),
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: request.currency.toLowerCase(),
              unit_amount: request.amountMinor,
              product_data: { name: `${request.credits} credits (${request.itemId})` },
              ...(recurring ? { recurring: { interval: 'month' as const } } : {}),
            },
          },
        ],
        metadata,
        ...(recurring
          ? { subscription_data: { metadata } }
          : { payment_intent_data: { setup_future_usage: 'off_session', metadata } }),
        success_url: request.successUrl,
        cancel_url: request.cancelUrl,
      });
      if (!session.url)
        throw new Error(`Stripe returned checkout session ${session.id} without a URL`);
      return { id: session.id, url: session.url };
    },

    async chargeOffSession(charge: OffSessionCharge): Promise<ChargeResult> {
      try {
        const intent = await stripe.paymentIntents.create(
          {
            amount: charge.amountMinor,
            currency: charge.currency.toLowerCase(),
            customer: charge.customerId,
            payment_method: charge.paymentMethodId,
            off_session: true,
            confirm: true,
            metadata: charge.metadata,
          },
          { idempotencyKey: charge.idempotencyKey },
        );
        return {
          id: intent.id,
          status: intent.status === 'succeeded' ? 'succeeded' : 'requires_action',
        };
      } catch (err) {
        // A declined card is an answer, not an outage: report it instead of retrying.
        if (err instanceof Stripe.errors.StripeCardError)
          return {
            id: err.payment_intent?.id ?? charge.idempotencyKey,
            status: 'failed',
            error: err.message,
          };
        throw err;
      }
    },

    async paymentMethodOf(paymentIntentId: string): Promise<string | null> {
      const intent = await stripe.paymentIntents.retrieve(paymentIntentId);
      const method = intent.payment_method;
      return typeof method === 'string' ? method : (method?.id ?? null);
    },
  };
}
