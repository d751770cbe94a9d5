/**
 * @module Billing: the catalog of credit packs and plans, checkout (a hosted payment page from the
 * payments provider), and the Stripe webhook. The webhook verifies the signature over the raw
 * body before anything else; a bad signature is a 400 and writes nothing. Crediting is exactly
 * once per payment however often, and in whatever order, events arrive (see stripe-events.ts).
 */
import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import { users } from '../../schema/accounts.ts';
import {
  CREDIT_PACKS,
  type Currency,
  PLANS,
  packById,
  planById,
} from '../../schema/billing-catalog.ts';
import { billingAccounts } from '../../schema/credits.ts';
import { CheckoutInput } from '../../schema/inputs/credits.ts';
import { log } from '../log.ts';
import { badRequest, Problem } from '../problem.ts';
import { paymentsProvider } from '../providers/payments/index.ts';
import { Routes, readCapped } from '../router.ts';
import { auditEntry } from '../services/audit.ts';
import { applyStripeEvent } from '../services/stripe-events.ts';
import { orgSettingsOf } from './credits.ts';

/** Stripe's payloads are small; anything near this is not Stripe. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

export const billingRoutes = new Routes('Billing')
  .get(
    '/billing/catalog',
    {
      summary: 'Credit packs and plans, priced in the organization’s currency',
      auth: 'credits:read',
      responses: { 200: 'Packs and plans.' },
    },
    async ({ c, db, org }) => {
      const currency = (await orgSettingsOf(db, org.orgId)).currency as Currency;
      return c.json({
        currency,
        packs: CREDIT_PACKS.map((p) => ({
          id: p.id,
          credits: p.credits,
          amountMinor: p.prices[currency],
        })),
        plans: PLANS.map((p) => ({
          id: p.id,
          monthlyCredits: p.monthlyCredits,
          amountMinor: p.prices[currency],
        })),
      });
    },
  )
  .post(
    '/billing/checkout',
    {
      summary: 'Start buying a credit pack (or a plan): returns the payment page’s URL',
      description:
        'Credits arrive when the payment provider reports the payment to the webhook; the balance updates live.',
      auth: 'billing:purchase',
      body: CheckoutInput,
      responses: { 201: 'The checkout session: `{id, url}`.' },
    },
    async ({ c, env, db, org, who, body }) => {
      const { currency } = await orgSettingsOf(db, org.orgId);
      const item = body.packId
        ? {
            kind: 'pack' as const,
            id: body.packId,
            credits: packById(body.packId)!.credits,
            prices: packById(body.packId)!.prices,
          }
        : {
            kind: 'plan' as const,
            id: body.planId!,
            credits: planById(body.planId!)!.monthlyCredits,
            prices: planById(body.planId!)!.prices,
          };
      const [account, person] = await Promise.all([
        db.select().from(billingAccounts).where(org.where(billingAccounts)).get(),
        who.kind === 'user'
          ? db.select({ email: users.email }).from(users).where(eq(users.id, who.userId)).get()
          : undefined,
      ]);
      const origin = new URL(c.req.url).origin;
      const session = await paymentsProvider(env).createCheckout({
        orgId: org.orgId,
        kind: item.kind,
        itemId: item.id,
        credits: item.credits,
        amountMinor: item.prices[currency as Currency],
        currency,
        successUrl: `${origin}/credits?checkout=success`,
        cancelUrl: `${origin}/credits?checkout=cancelled`,
        customerId: account?.customerId,
        customerEmail: person?.email,
        origin,
      });
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'billing.checkout_started',
        targetType: 'checkout_session',
        targetId: session.id,
        data: { kind: item.kind, itemId: item.id },
      });
      return c.json(session, 201);
    },
  );

export const stripeWebhookRoutes = new Routes('Webhooks').post(
  '/webhooks/stripe',
  {
    summary: 'Stripe events (signed): payments, paid invoices and refunds',
    description:
      'Verified with the `Stripe-Signature` header over the raw body. Answers 400 to a bad signature, 2xx once the event is applied, and 5xx when it should be delivered again later.',
    auth: 'public',
    responses: { 200: 'Applied (or nothing to do).', 400: 'Bad signature.' },
  },
  async ({ c, env, db }) => {
    const raw = await readCapped(c.req.raw, MAX_WEBHOOK_BYTES);
    const signature = c.req.header('stripe-signature') ?? '';
    let event: Stripe.Event;
    try {
      event = await Stripe.webhooks.constructEventAsync(
        raw,
        signature,
        env.STRIPE_WEBHOOK_SECRET,
        undefined,
        Stripe.createSubtleCryptoProvider(),
      );
    } catch {
      throw badRequest('The Stripe-Signature does not verify.', [
        { path: 'header.Stripe-Signature', message: 'Invalid signature.' },
      ]);
    }
    try {
      const applied = await applyStripeEvent(env, db, event);
      return c.json({ received: true, type: event.type, applied });
    } catch (err) {
      // The same key with other arguments: the first delivery's version stands.
      if (err instanceof Problem && err.status === 409) {
        log(env, 'warn', 'stripe event conflicts with what the ledger holds; kept the first', {
          eventId: event.id,
          type: event.type,
          detail: err.detail,
        });
        return c.json({ received: true, type: event.type, applied: 0 });
      }
      throw err;
    }
  },
);
