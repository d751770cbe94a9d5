/**
 * @module What a verified Stripe event means for the ledger. Stripe delivers each event at least
 * once and in no particular order, so every credit is keyed by the business object it pays for
 * (the Checkout Session, the invoice, the PaymentIntent, the refund), never by the event: a
 * replay, or two events about one payment, reach the ledger with the same key and credit once.
 * Refunds carry amounts the ledger reconciles in any order (see `refundedMinorSoFar`).
 * A boleto completes its Checkout Session unpaid and is settled days later by
 * `checkout.session.async_payment_succeeded` (credited, under the same key as a paid completion)
 * or `_failed` (never credited); the org's open tabs hear each step as a `billing.checkout` event.
 */

import { eq } from 'drizzle-orm';
import type Stripe from 'stripe';
import type { Db } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { publishToOrg } from '../../platform/live-events.ts';
import { log } from '../../platform/log.ts';
import { Problem } from '../../platform/problem.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { paymentsProvider } from '../../providers/payments/index.ts';
import { billingAccounts, creditEntries } from '../../schema/credits.ts';
import { orgs } from '../../schema/orgs.ts';
import type { PurchaseInput, RefundInput } from './ledger-api.ts';
import { ledgerOf } from './ledger-client.ts';

/** Where a checkout stands, as the page that opened it shows it. */
export type CheckoutStatus = 'paid' | 'pending' | 'failed';

export type BillingCommand =
  | { kind: 'purchase'; orgId: string; input: PurchaseInput; plan?: string }
  | { kind: 'refund'; orgId: string | null; input: RefundInput }
  | { kind: 'save_customer'; orgId: string; customerId: string; paymentIntentId: string | null }
  | { kind: 'checkout_status'; orgId: string; checkoutId: string; status: CheckoutStatus };

type Metadata = Record<string, string> | null | undefined;

const idOf = (value: string | { id: string } | null | undefined) =>
  typeof value === 'string' ? value : (value?.id ?? null);

const creditsIn = (metadata: Metadata) => {
  const credits = Number(metadata?.credits);
  return Number.isSafeInteger(credits) && credits > 0 ? credits : null;
};

const isoFromUnix = (seconds: number | null | undefined) =>
  seconds ? new Date(seconds * 1000).toISOString() : undefined;

function fromCheckoutSession(session: Stripe.Checkout.Session, failed: boolean): BillingCommand[] {
  const orgId = session.client_reference_id ?? session.metadata?.orgId;
  if (!orgId) return [];
  const status = (checkoutStatus: CheckoutStatus): BillingCommand => ({
    kind: 'checkout_status',
    orgId,
    checkoutId: session.id,
    status: checkoutStatus,
  });
  if (failed) return [status('failed')];
  const commands: BillingCommand[] = [];
  const paymentIntentId = idOf(session.payment_intent);
  const customerId = idOf(session.customer);
  if (customerId) commands.push({ kind: 'save_customer', orgId, customerId, paymentIntentId });
  const credits = creditsIn(session.metadata);
  // Boleto and other delayed methods complete unpaid; `async_payment_succeeded` follows when paid.
  if (session.payment_status === 'unpaid') return [...commands, status('pending')];
  if (session.mode === 'payment' && session.payment_status === 'paid' && credits)
    commands.push({
      kind: 'purchase',
      orgId,
      input: {
        key: `checkout:${session.id}`,
        paymentRef: paymentIntentId ?? session.id,
        credits,
        amountMinor: session.amount_total ?? 0,
        currency: (session.currency ?? '').toUpperCase(),
        reason: 'pack.purchase',
        meta: { checkoutSessionId: session.id },
      },
    });
  if (session.payment_status === 'paid') commands.push(status('paid'));
  return commands;
}

function fromInvoice(invoice: Stripe.Invoice): BillingCommand[] {
  const metadata = invoice.parent?.subscription_details?.metadata;
  const orgId = metadata?.orgId;
  const credits = creditsIn(metadata);
  if (!orgId || !credits) return [];
  const payment = invoice.payments?.data?.[0]?.payment;
  const paymentIntentId = idOf(payment?.payment_intent);
  const periodEnd = invoice.lines?.data?.[0]?.period?.end ?? invoice.period_end;
  return [
    {
      kind: 'purchase',
      orgId,
      plan: metadata.itemId,
      input: {
        key: `invoice:${invoice.id}`,
        paymentRef: paymentIntentId ?? invoice.id!,
        credits,
        amountMinor: invoice.amount_paid,
        currency: invoice.currency.toUpperCase(),
        reason: 'plan.credits',
        reasonParams: { plan: metadata.itemId ?? '' },
        // Plan credits are for their billing period; what is left then expires.
        expiresAt: isoFromUnix(periodEnd),
        meta: { invoiceId: invoice.id },
      },
    },
  ];
}

/** An auto-recharge payment: the same purchase the ledger records when the charge returns. */
function fromPaymentIntent(intent: Stripe.PaymentIntent): BillingCommand[] {
  const { orgId, rechargeId } = intent.metadata ?? {};
  const credits = creditsIn(intent.metadata);
  if (!orgId || !rechargeId || !credits) return [];
  return [
    {
      kind: 'purchase',
      orgId,
      input: {
        key: `payment:${intent.id}`,
        paymentRef: intent.id,
        credits,
        amountMinor: intent.amount,
        currency: intent.currency.toUpperCase(),
        reason: 'recharge',
        meta: { rechargeId },
      },
    },
  ];
}

export function commandsForEvent(event: Stripe.Event): BillingCommand[] {
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
      return fromCheckoutSession(event.data.object, false);
    case 'checkout.session.async_payment_failed':
      return fromCheckoutSession(event.data.object, true);
    case 'invoice.paid':
      return fromInvoice(event.data.object);
    case 'payment_intent.succeeded':
      return fromPaymentIntent(event.data.object);
    case 'charge.refunded': {
      const charge = event.data.object;
      const paymentRef = idOf(charge.payment_intent);
      if (!paymentRef) return [];
      return [
        {
          kind: 'refund',
          orgId: charge.metadata?.orgId ?? null,
          input: {
            // Cumulative: a later event with the same total is the same state, not a new refund.
            key: `charge-refunded:${charge.id}:${charge.amount_refunded}`,
            paymentRef,
            refundedMinor: charge.amount_refunded,
            reason: 'refund',
          },
        },
      ];
    }
    case 'refund.created':
    case 'refund.updated':
    case 'charge.refund.updated': {
      const refund = event.data.object;
      const paymentRef = idOf(refund.payment_intent);
      if (refund.status !== 'succeeded' || !paymentRef) return [];
      return [
        {
          kind: 'refund',
          orgId: refund.metadata?.orgId ?? null,
          input: {
            key: `refund:${refund.id}`,
            paymentRef,
            refundId: refund.id,
            refundedMinor: refund.amount,
            reason: 'refund',
          },
        },
      ];
    }
    default:
      return [];
  }
}

/** Refund events name only the payment: its purchase, already on a statement, names the org. */
async function orgOfPayment(db: Db, paymentRef: string): Promise<string | null> {
  const row = await db
    .select({ orgId: creditEntries.orgId })
    .from(creditEntries)
    .where(eq(creditEntries.paymentRef, paymentRef))
    .get();
  return row?.orgId ?? null;
}

/** Applies one verified event. Throws (so Stripe redelivers later) when it cannot yet be placed. */
export async function applyStripeEvent(env: Env, db: Db, event: Stripe.Event) {
  let applied = 0;
  for (const command of commandsForEvent(event)) {
    if (command.kind === 'checkout_status') {
      // Live news for the tab that opened the checkout; a replay only repeats it.
      await publishToOrg(env, command.orgId, {
        type: 'billing.checkout',
        checkoutId: command.checkoutId,
        status: command.status,
      });
      continue;
    }
    if (command.kind === 'save_customer') {
      // Only a card can be charged again for auto-recharge; a PIX or boleto keeps the saved one.
      const paymentMethodId = command.paymentIntentId
        ? await paymentsProvider(env).savedCardOf(command.paymentIntentId)
        : null;
      const values = {
        orgId: command.orgId,
        provider: paymentsProvider(env).name,
        customerId: command.customerId,
        paymentMethodId,
        updatedAt: new Date(),
      };
      await db
        .insert(billingAccounts)
        .values(values)
        .onConflictDoUpdate({
          target: billingAccounts.orgId,
          set: paymentMethodId
            ? values
            : { customerId: values.customerId, updatedAt: values.updatedAt },
        });
      continue;
    }
    const orgId = command.orgId ?? (await orgOfPayment(db, command.input.paymentRef));
    if (!orgId) {
      // `charge.refunded` (which carries the org) settles it if this one never places.
      log(env, 'warn', 'refund event for an unknown payment; Stripe will redeliver', {
        eventId: event.id,
        paymentRef: command.input.paymentRef,
      });
      throw new Problem(503, 'Not yet', 'The payment this refund belongs to is not known yet.');
    }
    const ledger = ledgerOf(env, orgId);
    if (command.kind === 'purchase') {
      unwrap(await ledger.purchase(command.input));
      // On the statement now, so the payment's refund events can find their org.
      await ledgerOf(env, orgId).mirrorNow();
      if (command.plan) await db.update(orgs).set({ plan: command.plan }).where(eq(orgs.id, orgId));
    } else unwrap(await ledger.refund(command.input));
    applied++;
  }
  return applied;
}
