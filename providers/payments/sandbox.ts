/**
 * @module The sandbox payments adapter: offline and deterministic, the local default. Its checkout
 * is a page of this Worker (worker/sandbox/checkout-pages.ts) offering what Stripe Checkout offers
 * (card, and in BRL PIX and boleto); "paying" there sends the events Stripe would send, signed with `STRIPE_WEBHOOK_SECRET`
 * exactly as Stripe signs them, to the same webhook route: a card or a PIX completes the Checkout
 * Session paid (for plans an invoice follows); a boleto completes it unpaid, and the boleto page's
 * sandbox controls then send the `async_payment_succeeded` or `_failed` a bank would cause days
 * later. Off-session charges succeed unless the saved card is the sandbox's declining one. The
 * session lives in a signed token, and which way it was paid in the PaymentIntent's id, so nothing
 * is stored.
 */
import Stripe from 'stripe';
import * as v from 'valibot';
import { randomToken, sha256Hex } from '../../domain/ids.ts';
import type { Env } from '../../platform/env.ts';
import { signToken, verifyToken } from '../../platform/tokens.ts';
import {
  BOLETO_EXPIRES_AFTER_DAYS,
  checkoutMethods,
  type PaymentMethod,
  PIX_EXPIRES_AFTER_SECONDS,
} from './methods.ts';
import type { ChargeResult, CheckoutRequest, PaymentsProvider } from './types.ts';

export const SANDBOX_CARD = 'pm_sandbox_card';
export const SANDBOX_DECLINING_CARD = 'pm_sandbox_declined';
export const SESSION_TTL_SECONDS = 3600;

export type SessionClaims = Omit<CheckoutRequest, 'origin' | 'customerEmail'> &
  Record<string, unknown>;

export const shortHash = async (value: string) => (await sha256Hex(value)).slice(0, 24);

/** `pi_sandbox_<hash>` was paid by card; PIX and boleto payments name their method. */
export const paymentIntentId = (hash: string, method: PaymentMethod) =>
  method === 'card' ? `pi_sandbox_${hash}` : `pi_sandbox_${method}_${hash}`;

export function sandboxPayments(env: Env): PaymentsProvider {
  return {
    name: 'sandbox',

    async createCheckout(request) {
      const { origin, customerEmail: _, ...claims } = request;
      const token = await signToken(
        env.JWT_SECRET,
        'sandbox-checkout',
        request.orgId,
        // The nonce keeps two equal checkouts in the same second two sessions.
        { ...claims, nonce: randomToken(8) },
        SESSION_TTL_SECONDS,
      );
      return {
        id: `cs_sandbox_${await shortHash(token)}`,
        url: `${origin}/api/sandbox/payments/checkout/${token}`,
      };
    },

    async chargeOffSession(charge): Promise<ChargeResult> {
      const id = `pi_sandbox_${await shortHash(charge.idempotencyKey)}`;
      return charge.paymentMethodId === SANDBOX_DECLINING_CARD
        ? { id, status: 'failed', error: 'Your card was declined (sandbox).' }
        : { id, status: 'succeeded' };
    },

    async savedCardOf(paymentIntentId) {
      return /^pi_sandbox_[0-9a-f]+$/.test(paymentIntentId) ? SANDBOX_CARD : null;
    },

    async saveCustomer(details) {
      return details.customerId ?? sandboxCustomerId(details.orgId);
    },
  };
}

/** The customer the sandbox makes up for an org, the same every time. */
export const sandboxCustomerId = async (orgId: string) =>
  `cus_sandbox_${(await shortHash(orgId)).slice(0, 16)}`;

/** Signs a payload the way Stripe signs webhook deliveries (`Stripe-Signature: t=…,v1=…`). */
export function signStripePayload(payload: string, secret: string): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}
