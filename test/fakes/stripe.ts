/**
 * A local fake of the Stripe API for the real payments adapter's tests. It checks each request as
 * Stripe does: the secret key as a Bearer token, form-encoded bodies with bracketed keys, the
 * API version header, required parameters per endpoint, and idempotency keys (the same key with
 * another body is an error; with the same body, the first answer again). Checkout Sessions are
 * checked as API version `endive` checks them: `allowed_payment_method_types` (the older
 * `payment_method_types` is an unknown parameter), PIX and boleto only with `brl` prices, PIX
 * only for one-time payments and never saved for later, their expiry options in range, tax ID
 * collection for a known customer only with `customer_update[name]=auto`. Customers carry
 * Brazilian tax IDs in Stripe's formats. `POST /__checkout/:id/pay` stands in for the buyer on
 * the hosted page (it creates the PaymentIntent with the method chosen), and `GET /__requests`
 * returns what the fake received, so tests can assert on what was sent.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export const FAKE_STRIPE_KEY = 'sk_test_fake_0123456789';
/** A card that Stripe's test mode always declines. */
export const DECLINING_CARD = 'pm_card_chargeDeclined';

interface Received {
  method: string;
  path: string;
  form: Record<string, string>;
  idempotencyKey: string | null;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;

/** The payment method types this fake knows (Stripe knows more; these are the ones we use). */
const METHOD_TYPES = ['card', 'pix', 'boleto', 'link', 'oxxo'];
/** Stripe's documented input formats for the Brazilian tax IDs. */
const TAX_ID_FORMATS: Record<string, RegExp> = {
  br_cpf: /^\d{3}\.\d{3}\.\d{3}-\d{2}$/,
  br_cnpj: /^[0-9A-Z]{2}\.[0-9A-Z]{3}\.[0-9A-Z]{3}\/[0-9A-Z]{4}-\d{2}$/,
  eu_vat: /^[A-Z]{2}[0-9A-Z]{2,13}$/,
};

/** `key[0]`, `key[1]`… of a form, in order. */
const listIn = (form: Record<string, string>, key: string) =>
  Object.keys(form)
    .filter((k) => k.startsWith(`${key}[`) && /^\[\d+\]$/.test(k.slice(key.length)))
    .sort((a, b) => Number(a.slice(key.length + 1, -1)) - Number(b.slice(key.length + 1, -1)))
    .map((k) => form[k]!);

/** The nested object `key[a][b]=v` of a form as `{a: {b: v}}`, one level deep per bracket. */
function objectIn(form: Record<string, string>, key: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, value] of Object.entries(form)) {
    if (!k.startsWith(`${key}[`)) continue;
    const path = k
      .slice(key.length)
      .split(/[[\]]+/)
      .filter(Boolean);
    let at = out;
    for (const part of path.slice(0, -1)) {
      at[part] ??= {};
      at = at[part] as Record<string, unknown>;
    }
    at[path.at(-1)!] = value;
  }
  return out;
}

/** Why Stripe would refuse these Checkout Session parameters, or null. */
function checkoutRefusal(form: Record<string, string>): { message: string; param?: string } | null {
  const legacy = Object.keys(form).find((k) => k.startsWith('payment_method_types'));
  if (legacy)
    return {
      message: 'Received unknown parameter: payment_method_types',
      param: 'payment_method_types',
    };
  const types = listIn(form, 'allowed_payment_method_types');
  const unknown = types.find((t) => !METHOD_TYPES.includes(t));
  if (unknown)
    return {
      message: `Invalid allowed_payment_method_types[]: must be one of ${METHOD_TYPES.join(', ')}`,
      param: 'allowed_payment_method_types',
    };
  const currency = form['line_items[0][price_data][currency]'];
  for (const local of ['pix', 'boleto'])
    if (types.includes(local) && currency !== 'brl')
      return {
        message: `The payment method type \`${local}\` cannot be used with currency \`${currency}\`: its prices must be in brl.`,
        param: 'allowed_payment_method_types',
      };
  if (types.includes('pix') && form.mode === 'subscription')
    return {
      message:
        'Pix can only be used with one-time prices in Brazil (Pix Automático is not available).',
      param: 'allowed_payment_method_types',
    };
  if (form['payment_intent_data[setup_future_usage]'] && types.includes('pix'))
    return {
      message:
        'The payment method type `pix` does not support setup_future_usage: set it per method in payment_method_options.',
      param: 'payment_intent_data[setup_future_usage]',
    };
  if (form['payment_method_options[card][setup_future_usage]'] && form.mode !== 'payment')
    return {
      message: 'payment_method_options[card][setup_future_usage] can only be used in payment mode.',
      param: 'payment_method_options[card][setup_future_usage]',
    };
  const pixExpiry = form['payment_method_options[pix][expires_after_seconds]'];
  if (
    pixExpiry !== undefined &&
    !(/^\d+$/.test(pixExpiry) && +pixExpiry >= 10 && +pixExpiry <= 1_209_600)
  )
    return {
      message: 'expires_after_seconds must be an integer between 10 and 1209600.',
      param: 'payment_method_options[pix][expires_after_seconds]',
    };
  const boletoExpiry = form['payment_method_options[boleto][expires_after_days]'];
  if (boletoExpiry !== undefined && !/^\d+$/.test(boletoExpiry))
    return {
      message: 'expires_after_days must be a non-negative integer.',
      param: 'payment_method_options[boleto][expires_after_days]',
    };
  const addressCollection = form.billing_address_collection;
  if (addressCollection !== undefined && !['auto', 'required'].includes(addressCollection))
    return { message: 'Invalid billing_address_collection.', param: 'billing_address_collection' };
  if (
    form['tax_id_collection[enabled]'] === 'true' &&
    form.customer &&
    form['customer_update[name]'] !== 'auto'
  )
    return {
      message: 'customer_update[name] must be `auto` to collect tax IDs for an existing customer.',
      param: 'customer_update[name]',
    };
  return null;
}

function taxIdRefusal(type: string | undefined, value: string | undefined) {
  const format = type ? TAX_ID_FORMATS[type] : undefined;
  if (!format) return `Invalid value for type: ${type}.`;
  if (!value || !format.test(value)) return `Invalid value for ${type}.`;
  return null;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

function stripeError(
  res: ServerResponse,
  status: number,
  type: string,
  message: string,
  extra = {},
) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ error: { type, message, ...extra } }));
}

function missing(form: Record<string, string>, keys: string[]): string | undefined {
  return keys.find((k) => !(k in form) || form[k] === '');
}

export async function startFakeStripe(): Promise<{ url: string; close(): Promise<void> }> {
  const received: Received[] = [];
  const idempotent = new Map<string, { body: string; status: number; response: string }>();
  const intents = new Map<string, Record<string, unknown>>();
  const sessions = new Map<string, Record<string, unknown>>();
  const customers = new Map<string, Record<string, unknown>>();
  const taxIds = new Map<string, Record<string, unknown>[]>();

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/__requests') return send(200, received);
    const pay = /^\/__checkout\/(cs_test_\w+)\/pay$/.exec(url.pathname);
    if (req.method === 'POST' && pay) {
      // The buyer on the hosted page: pays the session with one of its methods.
      const session = sessions.get(pay[1]!);
      const method = new URLSearchParams(await readBody(req)).get('method') ?? 'card';
      if (!session) return stripeError(res, 404, 'invalid_request_error', 'No such session.');
      if (!(session.allowed_payment_method_types as string[]).includes(method))
        return stripeError(res, 400, 'invalid_request_error', `${method} is not offered here.`);
      const intent = {
        id: id('pi'),
        object: 'payment_intent',
        amount: session.amount_total,
        currency: session.currency,
        customer: session.customer,
        payment_method: id(`pm_${method}`),
        payment_method_type: method,
        status: method === 'boleto' ? 'requires_action' : 'succeeded',
        metadata: {},
      };
      intents.set(intent.id, intent);
      Object.assign(session, {
        status: 'complete',
        payment_status: method === 'boleto' ? 'unpaid' : 'paid',
        payment_intent: session.mode === 'payment' ? intent.id : null,
      });
      return send(200, session);
    }

    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_KEY}`)
      return stripeError(res, 401, 'invalid_request_error', 'Invalid API Key provided.');
    if (!req.headers['stripe-version'])
      return stripeError(res, 400, 'invalid_request_error', 'Stripe-Version header missing.');
    const raw = req.method === 'POST' ? await readBody(req) : '';
    if (
      req.method === 'POST' &&
      !String(req.headers['content-type']).startsWith('application/x-www-form-urlencoded')
    )
      return stripeError(res, 400, 'invalid_request_error', 'Bodies must be form-encoded.');
    const form = Object.fromEntries(new URLSearchParams(raw));
    const idempotencyKey = (req.headers['idempotency-key'] as string | undefined) ?? null;
    received.push({ method: req.method ?? '', path: url.pathname, form, idempotencyKey });

    if (idempotencyKey) {
      const earlier = idempotent.get(idempotencyKey);
      if (earlier && earlier.body !== raw)
        return stripeError(
          res,
          400,
          'idempotency_error',
          'Keys for idempotent requests can only be used with the same parameters.',
        );
      if (earlier) {
        res.writeHead(earlier.status, {
          'content-type': 'application/json',
          'idempotent-replayed': 'true',
        });
        return res.end(earlier.response);
      }
    }
    const answer = (status: number, body: unknown) => {
      if (idempotencyKey)
        idempotent.set(idempotencyKey, { body: raw, status, response: JSON.stringify(body) });
      send(status, body);
    };

    if (req.method === 'POST' && url.pathname === '/v1/checkout/sessions') {
      const lack = missing(form, [
        'mode',
        'success_url',
        'line_items[0][quantity]',
        'line_items[0][price_data][currency]',
        'line_items[0][price_data][unit_amount]',
        'line_items[0][price_data][product_data][name]',
      ]);
      if (lack)
        return stripeError(res, 400, 'invalid_request_error', `Missing required param: ${lack}.`, {
          param: lack,
        });
      if (!['payment', 'subscription'].includes(form.mode!))
        return stripeError(res, 400, 'invalid_request_error', 'Invalid mode.', { param: 'mode' });
      if (form.mode === 'subscription' && !form['line_items[0][price_data][recurring][interval]'])
        return stripeError(
          res,
          400,
          'invalid_request_error',
          'Subscriptions need a recurring price.',
        );
      if (form.mode === 'subscription' && form.customer_creation)
        return stripeError(
          res,
          400,
          'invalid_request_error',
          'customer_creation can only be used in payment mode.',
        );
      const refusal = checkoutRefusal(form);
      if (refusal)
        return stripeError(res, 400, 'invalid_request_error', refusal.message, {
          param: refusal.param,
        });
      if (form.customer && !customers.has(form.customer))
        return stripeError(
          res,
          400,
          'invalid_request_error',
          `No such customer: '${form.customer}'`,
          {
            param: 'customer',
          },
        );
      const sessionId = id('cs_test');
      const session = {
        id: sessionId,
        object: 'checkout.session',
        mode: form.mode,
        status: 'open',
        payment_status: 'unpaid',
        client_reference_id: form.client_reference_id ?? null,
        customer: form.customer ?? null,
        amount_total: Number(form['line_items[0][price_data][unit_amount]']),
        currency: form['line_items[0][price_data][currency]'],
        allowed_payment_method_types: listIn(form, 'allowed_payment_method_types'),
        payment_method_options: objectIn(form, 'payment_method_options'),
        url: `https://checkout.stripe.com/c/pay/${sessionId}`,
      };
      sessions.set(sessionId, session);
      return answer(200, session);
    }

    const customerPath = /^\/v1\/customers(?:\/(cus_\w+))?(\/tax_ids)?(?:\/(txi_\w+))?$/.exec(
      url.pathname,
    );
    if (customerPath) {
      const [, customerId, taxIdsPath, taxIdId] = customerPath;
      const customer = customerId ? customers.get(customerId) : undefined;
      if (customerId && !customer)
        return stripeError(res, 404, 'invalid_request_error', `No such customer: '${customerId}'`);
      if (form['address[country]'] !== undefined && !/^[A-Z]{2}$/.test(form['address[country]']))
        return stripeError(res, 400, 'invalid_request_error', 'Invalid country.', {
          param: 'address[country]',
        });
      if (req.method === 'POST' && !customerId) {
        const wanted = Object.keys(form)
          .flatMap((k) => /^tax_id_data\[(\d+)\]\[type\]$/.exec(k)?.[1] ?? [])
          .map((i) => ({
            type: form[`tax_id_data[${i}][type]`],
            value: form[`tax_id_data[${i}][value]`],
          }));
        for (const taxId of wanted) {
          const bad = taxIdRefusal(taxId.type, taxId.value);
          if (bad)
            return stripeError(res, 400, 'invalid_request_error', bad, {
              code: 'tax_id_invalid',
              param: 'tax_id_data',
            });
        }
        const created = {
          id: id('cus'),
          object: 'customer',
          name: form.name ?? null,
          email: form.email ?? null,
          address: objectIn(form, 'address'),
          metadata: objectIn(form, 'metadata'),
        };
        customers.set(created.id, created);
        taxIds.set(
          created.id,
          wanted.map((t) => ({ id: id('txi'), object: 'tax_id', customer: created.id, ...t })),
        );
        return answer(200, created);
      }
      if (req.method === 'POST' && customer && !taxIdsPath) {
        if (form.name !== undefined) customer.name = form.name;
        if (form.email !== undefined) customer.email = form.email;
        if (Object.keys(form).some((k) => k.startsWith('address[')))
          customer.address = objectIn(form, 'address');
        return answer(200, customer);
      }
      const list = taxIds.get(customerId ?? '') ?? [];
      if (req.method === 'GET' && taxIdsPath)
        return send(200, { object: 'list', data: list, has_more: false });
      if (req.method === 'POST' && taxIdsPath && !taxIdId) {
        const bad = taxIdRefusal(form.type, form.value);
        if (bad)
          return stripeError(res, 400, 'invalid_request_error', bad, { code: 'tax_id_invalid' });
        const taxId = {
          id: id('txi'),
          object: 'tax_id',
          customer: customerId,
          type: form.type,
          value: form.value,
        };
        list.push(taxId);
        return answer(200, taxId);
      }
      if (req.method === 'DELETE' && taxIdId) {
        const at = list.findIndex((t) => t.id === taxIdId);
        if (at < 0)
          return stripeError(res, 404, 'invalid_request_error', `No such tax ID: '${taxIdId}'`);
        list.splice(at, 1);
        return answer(200, { id: taxIdId, object: 'tax_id', deleted: true });
      }
    }

    if (req.method === 'POST' && url.pathname === '/v1/payment_intents') {
      const lack = missing(form, ['amount', 'currency']);
      if (lack)
        return stripeError(res, 400, 'invalid_request_error', `Missing required param: ${lack}.`, {
          param: lack,
        });
      if (!/^\d+$/.test(form.amount!))
        return stripeError(res, 400, 'invalid_request_error', 'Invalid integer: amount.');
      if (
        form.off_session === 'true' &&
        (!form.customer || !form.payment_method || form.confirm !== 'true')
      )
        return stripeError(
          res,
          400,
          'invalid_request_error',
          'off_session requires customer, payment_method and confirm=true.',
        );
      const intent: Record<string, unknown> = {
        id: id('pi'),
        object: 'payment_intent',
        amount: Number(form.amount),
        currency: form.currency,
        customer: form.customer ?? null,
        payment_method: form.payment_method ?? null,
        payment_method_type: 'card',
        status: 'succeeded',
        metadata: Object.fromEntries(
          Object.entries(form)
            .filter(([k]) => k.startsWith('metadata['))
            .map(([k, v]) => [k.slice(9, -1), v]),
        ),
      };
      if (form.payment_method === DECLINING_CARD) {
        intent.status = 'requires_payment_method';
        intents.set(intent.id as string, intent);
        return answer(402, {
          error: {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
            payment_intent: intent,
          },
        });
      }
      intents.set(intent.id as string, intent);
      return answer(200, intent);
    }

    const intentPath = /^\/v1\/payment_intents\/(pi_\w+)$/.exec(url.pathname);
    if (req.method === 'GET' && intentPath) {
      const intent = intents.get(intentPath[1]!);
      if (!intent)
        return stripeError(
          res,
          404,
          'invalid_request_error',
          `No such payment_intent: '${intentPath[1]}'`,
        );
      const { payment_method_type: type, ...shown } = intent;
      const expanded = url.searchParams
        .getAll('expand[]')
        .concat(url.searchParams.getAll('expand[0]'));
      return send(
        200,
        expanded.includes('payment_method') && shown.payment_method
          ? {
              ...shown,
              payment_method: { id: shown.payment_method, object: 'payment_method', type },
            }
          : shown,
      );
    }
    stripeError(
      res,
      404,
      'invalid_request_error',
      `Unrecognized request URL (${req.method}: ${url.pathname}).`,
    );
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
