/** @module Picks the payments adapter: `PAYMENTS_PROVIDER` is `sandbox` (the local default) or `stripe`. */
import type { Env } from '../../platform/env.ts';
import { sandboxPayments } from './sandbox.ts';
import { stripePayments } from './stripe.ts';
import type { PaymentsProvider } from './types.ts';

export function paymentsProvider(env: Env): PaymentsProvider {
  if (env.PAYMENTS_PROVIDER === 'stripe') {
    if (!env.STRIPE_SECRET_KEY)
      throw new Error('PAYMENTS_PROVIDER is stripe but STRIPE_SECRET_KEY is not set');
    return stripePayments(env.STRIPE_SECRET_KEY, env.STRIPE_API_URL);
  }
  return sandboxPayments(env);
}
