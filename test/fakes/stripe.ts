/**
 * A local fake of the Stripe API for the real payments adapter's tests. It checks each request as
 * Stripe does: the secret key as a Bearer token, form-encoded bodies with bracketed keys, the
 * API version header, required parameters per endpoint, and idempotency keys (the same key with
 * another body is an error; with the same body, the first answer again). `GET /__requests`
 * returns what it received, so tests can assert on what was sent.
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

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'request-id': id('req') });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/__requests') return send(200, received);

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
      const session = id('cs_test');
      return answer(200, {
        id: session,
        object: 'checkout.session',
        mode: form.mode,
        status: 'open',
        payment_status: 'unpaid',
        client_reference_id: form.client_reference_id ?? null,
        amount_total: Number(form['line_items[0][price_data][unit_amount]']),
        currency: form['line_items[0][price_data][currency]'],
        url: `https://checkout.stripe.com/c/pay/${session}`,
      });
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
      return send(200, intent);
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
