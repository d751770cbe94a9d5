/**
 * @module The sandbox checkout's pages, served by this Worker in development only: what Stripe
 * Checkout offers (card, and in BRL PIX and boleto). "Paying" posts the events Stripe would send,
 * signed as Stripe signs them, to our own webhook route (the adapter: providers/payments/sandbox.ts).
 */

import Stripe from 'stripe';
import * as v from 'valibot';
import { randomToken, sha256Hex } from '../../domain/ids.ts';
import { formatMoney } from '../../domain/money.ts';
import { notFound } from '../../platform/problem.ts';
import { signToken, verifyToken } from '../../platform/tokens.ts';
import {
  BOLETO_EXPIRES_AFTER_DAYS,
  checkoutMethods,
  type PaymentMethod,
  PIX_EXPIRES_AFTER_SECONDS,
} from '../../providers/payments/methods.ts';
import {
  paymentIntentId,
  SESSION_TTL_SECONDS,
  type SessionClaims,
  sandboxCustomerId,
  shortHash,
  signStripePayload,
} from '../../providers/payments/sandbox.ts';
import { type AppContext, Routes } from '../router.ts';
import { type PageLocale, pageLocale } from './page-locale.ts';

function ensureEnabled(c: AppContext) {
  if (c.env.PAYMENTS_PROVIDER !== 'sandbox' || c.env.APP_ENV !== 'development')
    throw notFound('Route');
}

async function sessionOf(c: AppContext, token: string) {
  ensureEnabled(c);
  const claims = await verifyToken<SessionClaims>(c.env.JWT_SECRET, 'sandbox-checkout', token);
  if (!claims) throw notFound('Checkout session');
  const hash = await shortHash(token);
  return { claims, id: `cs_sandbox_${hash}`, hash, token };
}
type Session = Awaited<ReturnType<typeof sessionOf>>;

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The pages' words in each language (pt-BR unless English is asked for: sandbox-locale.ts). */
const WORDS = {
  'pt-BR': {
    title: 'Pagamento (sandbox)',
    note: 'Simulação offline do Stripe Checkout. Nenhum cartão é cobrado.',
    credits: (n: string) => `${n} créditos`,
    monthly: ' por mês',
    cancel: 'Cancelar',
    methods: { card: 'Cartão de crédito', pix: 'PIX', boleto: 'Boleto bancário' },
    pixTitle: 'PIX (sandbox)',
    pixNote: (until: string) =>
      `Pague com o código PIX copia e cola abaixo. Ele vale até ${until}.`,
    pixPay: 'Simular pagamento do PIX',
    boletoTitle: 'Boleto emitido (sandbox)',
    boletoNote: (due: string) =>
      `Vencimento: ${due}. Os créditos entram quando o banco confirmar o pagamento.`,
    boletoControls: 'Controles do sandbox: o que o banco faria dias depois.',
    boletoPaid: 'Simular boleto pago',
    boletoFailed: 'Simular boleto vencido sem pagamento',
    back: 'Voltar ao GestorLead',
    unavailableTitle: 'Forma de pagamento indisponível',
    unavailableBody: 'Escolha outra forma de pagamento.',
    pixExpiredTitle: 'PIX expirado',
    pixExpiredBody: 'Este código PIX expirou. Volte e gere outro.',
    boletoPaidTitle: 'Boleto pago',
    boletoPaidBody: 'O banco confirmou o pagamento: os créditos já estão no saldo.',
    boletoUnpaidTitle: 'Boleto não pago',
    boletoUnpaidBody: 'O boleto venceu sem pagamento. Nenhum crédito foi lançado.',
  },
  en: {
    title: 'Checkout (sandbox)',
    note: 'Offline stand-in for Stripe Checkout. No card is charged.',
    credits: (n: string) => `${n} credits`,
    monthly: ' every month',
    cancel: 'Cancel',
    methods: { card: 'Credit card', pix: 'PIX', boleto: 'Boleto' },
    pixTitle: 'PIX (sandbox)',
    pixNote: (until: string) =>
      `Pay with the PIX copy-and-paste code below. It is valid until ${until}.`,
    pixPay: 'Simulate the PIX payment',
    boletoTitle: 'Boleto issued (sandbox)',
    boletoNote: (due: string) =>
      `Due ${due}. The credits arrive once the bank confirms the payment.`,
    boletoControls: 'Sandbox controls: what the bank would do days later.',
    boletoPaid: 'Simulate a paid boleto',
    boletoFailed: 'Simulate a boleto that lapsed unpaid',
    back: 'Back to GestorLead',
    unavailableTitle: 'Payment method unavailable',
    unavailableBody: 'Choose another payment method.',
    pixExpiredTitle: 'PIX expired',
    pixExpiredBody: 'This PIX code has expired. Go back and create another.',
    boletoPaidTitle: 'Boleto paid',
    boletoPaidBody: 'The bank confirmed the payment: the credits are in your balance.',
    boletoUnpaidTitle: 'Boleto not paid',
    boletoUnpaidBody: 'The boleto lapsed unpaid. No credits were added.',
  },
} satisfies Record<PageLocale, unknown>;
type Words = (typeof WORDS)['pt-BR'];

const pageShell = (
  locale: PageLocale,
  title: string,
  body: string,
) => `<!doctype html><html lang="${locale}"><head>
<meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title}</title><style>body{font:16px system-ui;display:grid;place-items:center;min-height:100vh;margin:0;background:#f1f5f9}
main{background:#fff;padding:28px;border-radius:14px;box-shadow:0 4px 24px #0001;display:grid;gap:14px;width:min(380px,90vw)}
button{padding:12px;border:0;border-radius:8px;background:#4f46e5;color:#fff;font:600 16px system-ui;cursor:pointer}
button.secondary{background:#e2e8f0;color:#0f172a}form{display:grid;gap:10px}
code{font:13px ui-monospace,monospace;word-break:break-all;background:#f1f5f9;padding:10px;border-radius:8px}
a{color:#64748b;text-align:center}small{color:#64748b}</style></head><body><main>
${body}</main></body></html>`;

const checkoutPage = (claims: SessionClaims, locale: PageLocale, w: Words = WORDS[locale]) =>
  pageShell(
    locale,
    w.title,
    `<h1 style="margin:0;font-size:20px">${w.title}</h1>
<small>${w.note}</small>
<p style="margin:0"><strong>${w.credits(claims.credits.toLocaleString(locale))}</strong>${claims.kind === 'plan' ? w.monthly : ''}</p>
<p style="margin:0;font-size:28px;font-weight:700" data-testid="amount">${escapeHtml(formatMoney(claims.amountMinor, claims.currency, locale))}</p>
<form method="post" data-testid="payment-methods">${checkoutMethods(claims.currency, claims.kind)
      .map(
        (method) =>
          `<button type="submit" name="method" value="${method}">${w.methods[method]}</button>`,
      )
      .join('')}</form>
<a href="${escapeHtml(claims.cancelUrl)}">${w.cancel}</a>`,
  );

/** A made-up "PIX copia e cola" string: the shape of a real one (EMV), payable nowhere. */
const pixCode = (session: Session) =>
  `00020126580014br.gov.bcb.pix0136sandbox-${session.hash}5204000053039865802BR5909GestorLead6009SAO PAULO62070503***6304SBOX`;

/** A made-up boleto line (linha digitável): 47 digits from the session. */
const boletoLine = (session: Session) => {
  const digits = [...session.hash].map((ch) => Number.parseInt(ch, 16) % 10).join('');
  return `${digits}${digits}`.slice(0, 47);
};

const pixPage = (session: Session, pixToken: string, expiresAt: Date, locale: PageLocale) => {
  const w = WORDS[locale];
  const until = expiresAt.toLocaleTimeString(locale, {
    timeZone: 'America/Sao_Paulo',
    hour: '2-digit',
    minute: '2-digit',
  });
  return pageShell(
    locale,
    w.pixTitle,
    `<h1 style="margin:0;font-size:20px">${w.pixTitle}</h1>
<p style="margin:0;font-size:24px;font-weight:700">${escapeHtml(formatMoney(session.claims.amountMinor, session.claims.currency, locale))}</p>
<small>${w.pixNote(until)}</small>
<code data-testid="pix-code">${pixCode(session)}</code>
<form method="post" action="${session.token}/pix?lang=${locale}"><input type="hidden" name="pix" value="${pixToken}">
<button type="submit" data-testid="simulate-pix-paid">${w.pixPay}</button></form>`,
  );
};

const boletoPage = (session: Session, dueDate: Date, locale: PageLocale) => {
  const w = WORDS[locale];
  const due = dueDate.toLocaleDateString(locale, { timeZone: 'America/Sao_Paulo' });
  return pageShell(
    locale,
    w.boletoTitle,
    `<h1 style="margin:0;font-size:20px">${w.boletoTitle}</h1>
<p style="margin:0;font-size:24px;font-weight:700">${escapeHtml(formatMoney(session.claims.amountMinor, session.claims.currency, locale))}</p>
<small>${w.boletoNote(due)}</small>
<code data-testid="boleto-line">${boletoLine(session)}</code>
<a href="${escapeHtml(session.claims.successUrl)}" data-testid="back-to-app">${w.back}</a>
<form method="post" action="${session.token}/boleto?lang=${locale}"><small>${w.boletoControls}</small>
<button type="submit" name="outcome" value="paid" data-testid="simulate-boleto-paid">${w.boletoPaid}</button>
<button type="submit" name="outcome" value="failed" class="secondary" data-testid="simulate-boleto-failed">${w.boletoFailed}</button></form>`,
  );
};

/** Which outcome a message page tells. */
type Outcome = 'unavailable' | 'pixExpired' | 'boletoPaid' | 'boletoUnpaid';

const messagePage = (outcome: Outcome, claims: SessionClaims, locale: PageLocale) => {
  const w = WORDS[locale];
  const title = w[`${outcome}Title`];
  return pageShell(
    locale,
    title,
    `<h1 style="margin:0;font-size:20px">${title}</h1><p style="margin:0" data-testid="sandbox-message">${w[`${outcome}Body`]}</p>
<a href="${escapeHtml(claims.successUrl)}">${w.back}</a>`,
  );
};

type SessionEventType =
  | 'checkout.session.completed'
  | 'checkout.session.async_payment_succeeded'
  | 'checkout.session.async_payment_failed';

/**
 * The events Stripe would send at one step of this session, in the order it usually sends them:
 * the session's event, and once a plan is paid, its first paid invoice.
 */
function eventsFor(
  session: Session,
  customerId: string,
  method: PaymentMethod,
  type: SessionEventType,
) {
  const { claims } = session;
  const created = Math.floor(Date.now() / 1000);
  const paymentIntent = paymentIntentId(session.hash, method);
  const paid = type !== 'checkout.session.async_payment_failed' && method !== 'boleto';
  const settled = type === 'checkout.session.async_payment_succeeded' || paid;
  const metadata = {
    orgId: claims.orgId,
    kind: claims.kind,
    itemId: claims.itemId,
    credits: String(claims.credits),
  };
  const event = (eventType: string, object: Record<string, unknown>) => ({
    id: `evt_sandbox_${randomToken(12)}`,
    object: 'event',
    api_version: Stripe.API_VERSION,
    created,
    livemode: false,
    pending_webhooks: 1,
    type: eventType,
    data: { object },
  });
  const sessionEvent = event(type, {
    id: session.id,
    object: 'checkout.session',
    mode: claims.kind === 'plan' ? 'subscription' : 'payment',
    status: 'complete',
    payment_status: settled ? 'paid' : 'unpaid',
    client_reference_id: claims.orgId,
    customer: customerId,
    payment_intent: claims.kind === 'plan' ? null : paymentIntent,
    subscription: claims.kind === 'plan' ? `sub_sandbox_${session.hash}` : null,
    amount_total: claims.amountMinor,
    currency: claims.currency.toLowerCase(),
    allowed_payment_method_types: checkoutMethods(claims.currency, claims.kind),
    metadata,
  });
  if (claims.kind !== 'plan' || !settled) return [sessionEvent];
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
  return [sessionEvent, invoicePaid];
}

/** Posts the events to this Worker's Stripe webhook, signed as Stripe signs them. */
async function deliver(
  c: AppContext,
  session: Session,
  method: PaymentMethod,
  type: SessionEventType,
) {
  const { claims } = session;
  const customerId = claims.customerId ?? (await sandboxCustomerId(claims.orgId));
  // Imported here: the app mounts this module, and this module posts to the app's webhook.
  const { app } = await import('../app.ts');
  const origin = new URL(c.req.url).origin;
  for (const event of eventsFor(session, customerId, method, type)) {
    const body = JSON.stringify(event);
    const response = await app.fetch(
      new Request(`${origin}/api/webhooks/stripe`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'stripe-signature': await signStripePayload(body, c.env.STRIPE_WEBHOOK_SECRET),
        },
        body,
      }),
      c.env,
      c.executionCtx,
    );
    if (!response.ok)
      throw new Error(`webhook refused ${event.type}: ${response.status} ${await response.text()}`);
  }
}

const TokenParams = v.object({ token: v.pipe(v.string(), v.maxLength(4096)) });

/** A field of the page's form post; '' when absent (or when the post has no form at all). */
async function formField(c: AppContext, name: string) {
  const form = await c.req.formData().catch(() => null);
  const value = form?.get(name);
  return typeof value === 'string' ? value : '';
}

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
      summary: 'Pay: by card at once; a PIX shows its code, a boleto its line',
      description:
        'Form field `method`: `card`, `pix` or `boleto`, among those the session offers. A card sends the signed events to the webhook and returns to the success URL; a boleto completes the session unpaid and shows the boleto.',
      auth: 'public',
      params: TokenParams,
      responses: { 200: 'The PIX or boleto page.', 303: 'Back to the success URL.' },
    },
    async ({ c, env, params }) => {
      const session = await sessionOf(c, params.token);
      const method = (await formField(c, 'method')) || 'card';
      const offered = checkoutMethods(session.claims.currency, session.claims.kind);
      if (!offered.includes(method as PaymentMethod))
        return c.html(messagePage('unavailable', session.claims, pageLocale(c)), 400);
      if (method === 'pix') {
        const pixToken = await signToken(
          env.JWT_SECRET,
          'sandbox-checkout',
          `pix:${session.hash}`,
          {},
          PIX_EXPIRES_AFTER_SECONDS,
        );
        return c.html(
          pixPage(
            session,
            pixToken,
            new Date(Date.now() + PIX_EXPIRES_AFTER_SECONDS * 1000),
            pageLocale(c),
          ),
        );
      }
      if (method === 'boleto') {
        await deliver(c, session, 'boleto', 'checkout.session.completed');
        return c.html(
          boletoPage(
            session,
            new Date(Date.now() + BOLETO_EXPIRES_AFTER_DAYS * 86_400_000),
            pageLocale(c),
          ),
        );
      }
      await deliver(c, session, 'card', 'checkout.session.completed');
      return c.redirect(session.claims.successUrl, 303);
    },
  )
  .post(
    '/payments/checkout/:token/pix',
    {
      summary: 'The PIX was paid (sandbox control): completes the session paid',
      auth: 'public',
      params: TokenParams,
      responses: { 303: 'Back to the success URL.', 410: 'The PIX code expired.' },
    },
    async ({ c, env, params }) => {
      const session = await sessionOf(c, params.token);
      const pix = await verifyToken(env.JWT_SECRET, 'sandbox-checkout', await formField(c, 'pix'));
      if (pix?.sub !== `pix:${session.hash}`)
        return c.html(messagePage('pixExpired', session.claims, pageLocale(c)), 410);
      await deliver(c, session, 'pix', 'checkout.session.completed');
      return c.redirect(session.claims.successUrl, 303);
    },
  )
  .post(
    '/payments/checkout/:token/boleto',
    {
      summary: 'What the bank did with the boleto (sandbox control)',
      description:
        'Form field `outcome`: `paid` sends `checkout.session.async_payment_succeeded`, `failed` sends `checkout.session.async_payment_failed`, as Stripe does days after a boleto is issued.',
      auth: 'public',
      params: TokenParams,
      responses: { 200: 'What happened.' },
    },
    async ({ c, params }) => {
      const session = await sessionOf(c, params.token);
      const paid = (await formField(c, 'outcome')) === 'paid';
      await deliver(
        c,
        session,
        'boleto',
        paid ? 'checkout.session.async_payment_succeeded' : 'checkout.session.async_payment_failed',
      );
      return c.html(
        messagePage(paid ? 'boletoPaid' : 'boletoUnpaid', session.claims, pageLocale(c)),
      );
    },
  );
