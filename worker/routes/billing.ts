/**
 * @module Billing: the catalog of credit packs and plans, checkout (a hosted payment page from the
 * payments provider: card, PIX, boleto), the page the payment tab lands on, who invoices are made
 * out to, and the Stripe webhook. The webhook verifies the signature over the raw body before
 * anything else; a bad signature is a 400 and writes nothing. Crediting is exactly once per
 * payment however often, and in whatever order, events arrive (see stripe-events.ts).
 */

import { eq } from 'drizzle-orm';
import Stripe from 'stripe';
import * as v from 'valibot';
import {
  CREDIT_PACKS,
  type Currency,
  PLANS,
  packById,
  planById,
} from '../../domain/credits/catalog.ts';
import { auditEntry } from '../../platform/audit.ts';
import { log } from '../../platform/log.ts';
import { actorId } from '../../platform/principal.ts';
import { badRequest, Problem } from '../../platform/problem.ts';
import { paymentsProvider } from '../../providers/payments/index.ts';
import { users } from '../../schema/accounts.ts';
import { billingAccounts, billingDetails } from '../../schema/credits.ts';
import {
  BillingDetailsInput,
  formatTaxId,
  stripTaxId,
  taxIdKind,
} from '../../schema/inputs/billing-details.ts';
import { CheckoutInput, StripeEvent } from '../../schema/inputs/credits.ts';
import {
  BillingDetails,
  BillingDetailsSaved,
  Catalog,
  Checkout,
  WebhookReceived,
} from '../../schema/outputs/credits.ts';
import { applyStripeEvent } from '../../services/credits/stripe-events.ts';
import { Routes, readCapped } from '../router.ts';
import { orgSettingsOf } from './credits.ts';

/** Stripe's payloads are small; anything near this is not Stripe. */
const MAX_WEBHOOK_BYTES = 256 * 1024;

const RETURN_PAGE_TEXT = {
  'pt-BR': {
    success: [
      'Pagamento concluído',
      'Pode fechar esta aba: os créditos aparecem no GestorLead assim que o pagamento for confirmado.',
    ],
    cancelled: ['Pagamento cancelado', 'Nada foi cobrado. Pode fechar esta aba.'],
    back: 'Voltar ao GestorLead',
  },
  en: {
    success: [
      'Payment complete',
      'You can close this tab: the credits show in GestorLead as soon as the payment is confirmed.',
    ],
    cancelled: ['Payment cancelled', 'Nothing was charged. You can close this tab.'],
    back: 'Back to GestorLead',
  },
} as const;

/**
 * The payment tab's last page: a few lines of HTML, not the app, since the tab that opened it
 * already shows the balance rise. Its link reopens the app for someone who paid in the same tab.
 */
function checkoutReturnPage(status: 'success' | 'cancelled', acceptLanguage: string) {
  const lang = /^\s*en\b/i.test(acceptLanguage) ? 'en' : 'pt-BR';
  const text = RETURN_PAGE_TEXT[lang];
  const [title, body] = text[status];
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${title} · GestorLead</title>
<style>body{font:16px system-ui;display:grid;place-items:center;min-height:100vh;margin:0;background:#f1f5f9;color:#0f172a}
main{background:#fff;padding:28px;border-radius:14px;box-shadow:0 4px 24px #0001;display:grid;gap:12px;width:min(380px,90vw);text-align:center}
h1{margin:0;font-size:20px}p{margin:0;color:#475569}a{color:#4f46e5;font-weight:600}</style></head>
<body><main data-testid="checkout-return" data-status="${status}"><h1>${title}</h1><p>${body}</p>
<a href="/credits?checkout=${status}">${text.back}</a></main></body></html>`;
}

export const billingRoutes = new Routes('Billing')
  .get(
    '/billing/catalog',
    {
      summary: 'Credit packs and plans, priced in the organization’s currency',
      auth: 'credits:read',
      responses: { 200: { description: 'Packs and plans.', schema: Catalog } },
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
      responses: { 201: { description: 'The checkout session: `{id, url}`.', schema: Checkout } },
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
      const [account, details, person] = await Promise.all([
        db.select().from(billingAccounts).where(org.where(billingAccounts)).get(),
        db
          .select({ orgId: billingDetails.orgId })
          .from(billingDetails)
          .where(org.where(billingDetails))
          .get(),
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
        // A small page of its own: the payment tab is not a second copy of the app.
        successUrl: `${origin}/api/v1/billing/checkout/return?status=success`,
        cancelUrl: `${origin}/api/v1/billing/checkout/return?status=cancelled`,
        customerId: account?.customerId,
        customerEmail: person?.email,
        // Saved details are on the provider's customer (see PUT /billing/details).
        billingDetailsOnFile: Boolean(details && account),
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
  )
  .get(
    '/billing/checkout/return',
    {
      summary: 'Where the payment tab lands after paying or giving up',
      description:
        'A small page that says the payment is done (or cancelled) and that the tab can be closed: the app in the first tab shows the credits as the payment provider confirms them.',
      auth: 'public',
      query: v.object({ status: v.optional(v.picklist(['success', 'cancelled']), 'success') }),
      headers: v.object({ 'accept-language': v.optional(v.string()) }),
      responses: {
        200: { description: 'A page telling the person how the payment went.', media: 'text/html' },
      },
    },
    async ({ c, query, headers }) =>
      c.html(checkoutReturnPage(query.status, headers['accept-language'] ?? '')),
  )
  .get(
    '/billing/details',
    {
      summary: 'Who the organization’s invoices are made out to (CPF or CNPJ, name, address)',
      auth: 'billing:purchase',
      responses: {
        200: {
          description: 'The details, or `null` before they are first saved.',
          schema: BillingDetails,
        },
      },
    },
    async ({ c, db, org }) => {
      const row = await db.select().from(billingDetails).where(org.where(billingDetails)).get();
      return c.json(row ? billingDetailsView(row) : null);
    },
  )
  .put(
    '/billing/details',
    {
      summary: 'Set who invoices are made out to',
      description:
        'The CPF or CNPJ must have valid check digits. The details are also written to the payments provider’s customer, so its checkout, boletos and invoices carry them; if the provider refuses, nothing is saved here.',
      auth: 'billing:purchase',
      body: BillingDetailsInput,
      responses: {
        200: { description: 'The details now on file.', schema: BillingDetailsSaved },
        502: 'The payments provider did not answer.',
      },
    },
    async ({ c, env, db, org, who, body }) => {
      const kind = taxIdKind(body.taxId)!;
      const taxId = stripTaxId(kind, body.taxId);
      const [account, person] = await Promise.all([
        db.select().from(billingAccounts).where(org.where(billingAccounts)).get(),
        who.kind === 'user'
          ? db.select({ email: users.email }).from(users).where(eq(users.id, who.userId)).get()
          : undefined,
      ]);
      const provider = paymentsProvider(env);
      let customerId: string;
      try {
        customerId = await provider.saveCustomer({
          orgId: org.orgId,
          customerId: account?.provider === provider.name ? account.customerId : undefined,
          email: person?.email,
          legalName: body.legalName,
          taxId: { kind, value: taxId },
          address: {
            line1: `${body.street}, ${body.number}`,
            line2: [body.complement, body.district].filter(Boolean).join(' – '),
            city: body.city,
            state: body.state,
            postalCode: body.postalCode,
            country: 'BR',
          },
        });
      } catch (err) {
        log(env, 'error', 'payments provider refused the billing details', { error: String(err) });
        throw new Problem(
          502,
          'Bad gateway',
          'The payments provider did not take the billing details. Nothing was saved; try again.',
        );
      }
      const now = new Date();
      const row = {
        orgId: org.orgId,
        taxIdKind: kind,
        taxId,
        legalName: body.legalName,
        postalCode: body.postalCode,
        street: body.street,
        number: body.number,
        complement: body.complement,
        district: body.district,
        city: body.city,
        state: body.state,
        updatedBy: actorId(who),
        updatedAt: now,
      };
      await db.batch([
        db
          .insert(billingDetails)
          .values(row)
          .onConflictDoUpdate({ target: billingDetails.orgId, set: row }),
        db
          .insert(billingAccounts)
          .values({ orgId: org.orgId, provider: provider.name, customerId, updatedAt: now })
          .onConflictDoUpdate({
            target: billingAccounts.orgId,
            set: {
              provider: provider.name,
              customerId,
              updatedAt: now,
              // A card saved with another provider's customer cannot be charged by this one.
              ...(account && account.provider !== provider.name ? { paymentMethodId: null } : {}),
            },
          }),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'billing.details_changed',
          targetType: 'billing_details',
          targetId: org.orgId,
          data: { taxIdKind: kind },
        }),
      ]);
      return c.json(billingDetailsView(row));
    },
  );

function billingDetailsView(row: typeof billingDetails.$inferSelect) {
  return {
    taxIdKind: row.taxIdKind,
    taxId: formatTaxId(row.taxIdKind, row.taxId),
    legalName: row.legalName,
    postalCode: `${row.postalCode.slice(0, 5)}-${row.postalCode.slice(5)}`,
    street: row.street,
    number: row.number,
    complement: row.complement,
    district: row.district,
    city: row.city,
    state: row.state,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const stripeWebhookRoutes = new Routes('Webhooks').post(
  '/webhooks/stripe',
  {
    summary: 'Stripe events (signed): payments, paid invoices and refunds',
    description:
      'Verified with the `Stripe-Signature` header over the raw body. Answers 400 to a bad signature, 2xx once the event is applied, and 5xx when it should be delivered again later.',
    auth: 'public',
    headers: v.object({
      'stripe-signature': v.optional(
        v.pipe(v.string(), v.description('Stripe’s signature of the raw body; without it, 400.')),
      ),
    }),
    rawBody: { 'application/json': StripeEvent },
    responses: {
      200: { description: 'Applied (or nothing to do).', schema: WebhookReceived },
      400: 'Bad signature.',
    },
  },
  async ({ c, env, db, headers }) => {
    const raw = await readCapped(c.req.raw, MAX_WEBHOOK_BYTES);
    const signature = headers['stripe-signature'] ?? '';
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
