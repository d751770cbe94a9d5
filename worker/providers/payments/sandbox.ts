/**
 * @module The sandbox payments adapter: offline and deterministic, the local default. Its checkout
 * is a page of this Worker; "paying" there sends the events Stripe would send (a completed
 * Checkout Session, and for plans a paid invoice), signed with `STRIPE_WEBHOOK_SECRET` exactly as
 * Stripe signs them, to the same webhook route. Off-session charges succeed unless the saved card
 * is the sandbox's declining one. The session lives in a signed token, so nothing is stored.
 */
import Stripe from 'stripe';
import * as v from 'valibot';
import type { Env } from '../../env.ts';
import { randomToken, sha256Hex } from '../../ids.ts';
import { notFound } from '../../problem.ts';
import { type AppContext, Routes } from '../../router.ts';
import { signToken, verifyToken } from '../../services/tokens.ts';
import { type PageLocale, pageLocale } from '../sandbox-locale.ts';
import type { ChargeResult, CheckoutRequest, PaymentsProvider } from './types.ts';

export const SANDBOX_CARD = 'pm_sandbox_card';
export const SANDBOX_DECLINING_CARD = 'pm_sandbox_declined';
const SESSION_TTL_SECONDS = 3600;

type SessionClaims = Omit<CheckoutRequest, 'origin' | 'customerEmail'> & Record<string, unknown>;

const shortHash = async (value: string) => (await sha256Hex(value)).slice(0, 24);

export function sandboxPayments(env: Env): PaymentsProvider {
  return {
    name: 'sandbox',

    async createCheckout(request) {
      const { origin, customerEmail: _, ...claims } = request;
      const token = await signToken(
        env.JWT_SECRET,
        'sandbox-checkout',
        request.orgId,
        claims,
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

    async paymentMethodOf() {
      return SANDBOX_CARD;
    },
  };
}

/** Signs a payload the way Stripe signs webhook deliveries (`Stripe-Signature: t=…,v1=…`). */
export function signStripePayload(payload: string, secret: string): Promise<string> {
  return Stripe.webhooks.generateTestHeaderStringAsync({
    payload,
    secret,
    cryptoProvider: Stripe.createSubtleCryptoProvider(),
  });
}

function ensureEnabled(c: AppContext) {
  if (c.env.PAYMENTS_PROVIDER !== 'sandbox' || c.env.APP_ENV !== 'development')
    throw notFound('Route');
}

async function sessionOf(c: AppContext, token: string) {
  ensureEnabled(c);
  const claims = await verifyToken<SessionClaims>(c.env.JWT_SECRET, 'sandbox-checkout', token);
  if (!claims) throw notFound('Checkout session');
  return { claims, id: `cs_sandbox_${await shortHash(token)}`, hash: await shortHash(token) };
}

const money = (minor: number, currency: string, locale: PageLocale) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency }).format(minor / 100);

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The page's words in each language (pt-BR unless English is asked for: sandbox-locale.ts). */
const WORDS = {
  'pt-BR': {
    title: 'Pagamento (sandbox)',
    note: 'Simulação offline do Stripe Checkout. Nenhum cartão é cobrado.',
    credits: (n: string) => `${n} créditos`,
    monthly: ' por mês',
    pay: 'Pagar',
    cancel: 'Cancelar',
  },
  en: {
    title: 'Checkout (sandbox)',
    note: 'Offline stand-in for Stripe Checkout. No card is charged.',
    credits: (n: string) => `${n} credits`,
    monthly: ' every month',
    pay: 'Pay',
    cancel: 'Cancel',
  },
} as const;

const checkoutPage = (
  claims: SessionClaims,
  locale: PageLocale,
  w = WORDS[locale],
) => `<!doctype html><html lang="${locale}"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${w.title}</title><style>body{font:16px system-ui;display:grid;place-items:center;min-height:100vh;margin:0;background:#f1f5f9}
main{background:#fff;padding:28px;border-radius:14px;box-shadow:0 4px 24px #0001;display:grid;gap:14px;width:min(380px,90vw)}
button{padding:12px;border:0;border-radius:8px;background:#4f46e5;color:#fff;font:600 16px system-ui;cursor:pointer}
a{color:#64748b;text-align:center}small{color:#64748b}</style></head><body><main>
<h1 style="margin:0;font-size:20px">${w.title}</h1>
<small>${w.note}</small>
<p style="margin:0"><strong>${w.credits(claims.credits.toLocaleString(locale))}</strong>${claims.kind === 'plan' ? w.monthly : ''}</p>
<p style="margin:0;font-size:28px;font-weight:700" data-testid="amount">${escapeHtml(money(claims.amountMinor, claims.currency, locale))}</p>
<form method="post"><button type="submit">${w.pay}</button></form>
<a href="${escapeHtml(claims.cancelUrl)}">${w.cancel}</a></main></body></html>`;

/** The events Stripe would send for this session, in the order it usually sends them. */
function eventsFor(
  claims: SessionClaims,
  session: { id: string; hash: string },
  customerId: string,
) {
  const created = Math.floor(Date.now() / 1000);
  const paymentIntent = `pi_sandbox_${session.hash}`;
  const metadata = {
    orgId: claims.orgId,
    kind: claims.kind,
    itemId: claims.itemId,
    credits: String(claims.credits),
  };
  const event = (type: string, object: Record<string, unknown>) => ({
    id: `evt_sandbox_${randomToken(12)}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    type,
    data: { object },
  });
  const completed = event('checkout.session.completed', {
    id: session.id,
    object: 'checkout.session',
    mode: claims.kind === 'plan' ? 'subscription' : 'payment',
    status: 'complete',
    payment_status: 'paid',
    client_reference_id: claims.orgId,
    customer: customerId,
    payment_intent: claims.kind === 'plan' ? null : paymentIntent,
    subscription: claims.kind === 'plan' ? `sub_sandbox_${session.hash}` : null,
    amount_total: claims.amountMinor,
    currency: claims.currency.toLowerCase(),
    metadata,
  });
  if (claims.kind !== 'plan') return [completed];
  const periodEnd = created + 31 * 24 * 3600;
  const invoicePaid = event('invoice.paid', {
    id: `in_sandbox_${session.hash}`,
    object: 'invoice',
    status: 'paid',
    customer: customerId,
    amount_paid: claims.amountMinor,
    currency: claims.currency.toLowerCase(),
    period_start: created,
    period_end: periodEnd,
    lines: { object: 'list', data: [{ period: { start: created, end: periodEnd } }] },
    parent: {
      type: 'subscription_details',
      subscription_details: { subscription: `sub_sandbox_${session.hash}`, metadata },
    },
    payments: {
      object: 'list',
      data: [{ payment: { type: 'payment_intent', payment_intent: paymentIntent } }],
    },
  });
  return [completed, invoicePaid];
}

const TokenParams = v.object({ token: v.pipe(v.string(), v.maxLength(4096)) });

export const sandboxPaymentRoutes = new Routes('Sandbox payments')
  .get(
    '/payments/checkout/:token',
    { summary: 'Checkout page', auth: 'public', params: TokenParams, responses: { 200: 'HTML.' } },
    async ({ c, params }) => {
      const { claims } = await sessionOf(c, params.token);
      return c.html(checkoutPage(claims, pageLocale(c)));
    },
  )
  .post(
    '/payments/checkout/:token',
    {
      summary: 'Pay: sends the signed events to the webhook, then returns to the app',
      auth: 'public',
      params: TokenParams,
      responses: { 303: 'Back to the success URL.' },
    },
    async ({ c, env, params }) => {
      const session = await sessionOf(c, params.token);
      const { claims } = session;
      const customerId =
        claims.customerId ?? `cus_sandbox_${(await shortHash(claims.orgId)).slice(0, 16)}`;
      // Imported here: the app mounts this module, and this module posts to the app's webhook.
      const { app } = await import('../../app.ts');
      const origin = new URL(c.req.url).origin;
      for (const event of eventsFor(claims, session, customerId)) {
        const body = JSON.stringify(event);
        const response = await app.fetch(
          new Request(`${origin}/api/webhooks/stripe`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              'stripe-signature': await signStripePayload(body, env.STRIPE_WEBHOOK_SECRET),
            },
            body,
          }),
          env,
          c.executionCtx,
        );
        if (!response.ok)
          throw new Error(
            `webhook refused ${event.type}: ${response.status} ${await response.text()}`,
          );
      }
      return c.redirect(claims.successUrl, 303);
    },
  );
