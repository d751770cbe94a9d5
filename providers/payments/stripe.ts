/**
 * @module The real payments adapter: Stripe through its official SDK on the fetch HTTP client
 * (Workers have no Node http). Checkout Sessions offer card, PIX and boleto in BRL
 * (`allowed_payment_method_types`: API version `endive` replaced `payment_method_types` with
 * it) and save only the card for off-session top-ups; off-session charges carry an idempotency
 * key so a retried recharge never charges twice. The org's CPF/CNPJ, razão social and address
 * live on the Stripe customer, so invoices and boletos carry them. `STRIPE_API_URL` points the
 * SDK at another host (tests use a local fake Stripe).
 */
import Stripe from 'stripe';
import { formatTaxId } from '../../schema/inputs/billing-details.ts';
import {
  BOLETO_EXPIRES_AFTER_DAYS,
  checkoutMethods,
  PIX_EXPIRES_AFTER_SECONDS,
} from './methods.ts';
import type {
  ChargeResult,
  CheckoutRequest,
  CheckoutSession,
  CustomerDetails,
  OffSessionCharge,
  PaymentsProvider,
} from './types.ts';

const STRIPE_TAX_ID_TYPE = { cpf: 'br_cpf', cnpj: 'br_cnpj' } as const;

/** Checkout's options per way to pay: only a card is kept for later, PIX and boleto expire. */
function methodOptions(request: CheckoutRequest) {
  const methods = checkoutMethods(request.currency, request.kind);
  return {
    allowed_payment_method_types: methods,
    payment_method_options: {
      // A subscription keeps its card by itself; a pack saves it for auto-recharge.
      ...(request.kind === 'pack' ? { card: { setup_future_usage: 'off_session' as const } } : {}),
      ...(methods.includes('pix')
        ? { pix: { expires_after_seconds: PIX_EXPIRES_AFTER_SECONDS } }
        : {}),
      ...(methods.includes('boleto')
        ? { boleto: { expires_after_days: BOLETO_EXPIRES_AFTER_DAYS } }
        : {}),
    },
  };
}

/** Without details on file, Checkout asks for the address and tax ID and keeps them. */
function detailsCollection(request: CheckoutRequest) {
  if (request.billingDetailsOnFile) return {};
  return {
    billing_address_collection: 'required' as const,
    tax_id_collection: { enabled: true },
    ...(request.customerId
      ? { customer_update: { name: 'auto' as const, address: 'auto' as const } }
      : {}),
  };
}

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
        ...methodOptions(request),
        ...detailsCollection(request),
        ...(recurring
          ? { subscription_data: { metadata } }
          : { payment_intent_data: { metadata } }),
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

    async savedCardOf(paymentIntentId: string): Promise<string | null> {
      const intent = await stripe.paymentIntents.retrieve(paymentIntentId, {
        expand: ['payment_method'],
      });
      const method = intent.payment_method;
      return method && typeof method !== 'string' && method.type === 'card' ? method.id : null;
    },

    async saveCustomer(details: CustomerDetails): Promise<string> {
      const address = {
        line1: details.address.line1,
        line2: details.address.line2,
        city: details.address.city,
        state: details.address.state,
        postal_code: details.address.postalCode,
        country: details.address.country,
      };
      const taxId = {
        type: STRIPE_TAX_ID_TYPE[details.taxId.kind],
        value: formatTaxId(details.taxId.kind, details.taxId.value),
      };
      if (!details.customerId) {
        const created = await stripe.customers.create({
          name: details.legalName,
          ...(details.email ? { email: details.email } : {}),
          address,
          tax_id_data: [taxId],
          metadata: { orgId: details.orgId },
        });
        return created.id;
      }
      await stripe.customers.update(details.customerId, { name: details.legalName, address });
      // A tax ID cannot be edited in place: keep it if unchanged, else replace the Brazilian ones.
      const current = await stripe.customers.listTaxIds(details.customerId, { limit: 100 });
      const brazilian = current.data.filter((t) => t.type === 'br_cpf' || t.type === 'br_cnpj');
      if (!brazilian.some((t) => t.type === taxId.type && t.value === taxId.value)) {
        for (const old of brazilian) await stripe.customers.deleteTaxId(details.customerId, old.id);
        await stripe.customers.createTaxId(details.customerId, taxId);
      }
      return details.customerId;
    },
  };
}
