/**
 * @module Signatures of the conversions webhook, in Stripe's scheme: the store sends
 * `X-GestorLead-Signature: t=<unix seconds>,v1=<hex>` where v1 is HMAC-SHA256 of `<t>.<raw body>`
 * under the org's webhook secret. The timestamp is signed too, so an old delivery cannot be
 * replayed with a fresh `t`, and it must be within five minutes of our clock. Several `v1` values
 * may be sent (a store signing with an old and a new secret while it rotates).
 *
 * Interface: `signConversionPayload(secret, body, at)` (for stores, tests and the docs),
 * `verifyConversionSignature(secret, body, header, now)` → `'ok' | 'malformed' | 'stale' | 'mismatch'`.
 */

export const CONVERSION_SIGNATURE_HEADER = 'X-GestorLead-Signature';
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const encoder = new TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(message));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The header value a store sends with `body`, signed at `at` (ms). */
export async function signConversionPayload(
  secret: string,
  body: string,
  at = Date.now(),
): Promise<string> {
  const t = Math.floor(at / 1000);
  return `t=${t},v1=${await hmacHex(secret, `${t}.${body}`)}`;
}

/** Compares in time independent of where the strings differ. */
function equalInConstantTime(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export type SignatureCheck = 'ok' | 'malformed' | 'stale' | 'mismatch';

export async function verifyConversionSignature(
  secret: string,
  body: string,
  header: string | undefined,
  now = Date.now(),
): Promise<SignatureCheck> {
  if (!header) return 'malformed';
  let t: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === 't' && value && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (name === 'v1' && value && /^[0-9a-f]{64}$/i.test(value))
      signatures.push(value.toLowerCase());
  }
  if (t === null || signatures.length === 0) return 'malformed';
  if (Math.abs(now / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return 'stale';
  const expected = await hmacHex(secret, `${t}.${body}`);
  return signatures.some((s) => equalInConstantTime(s, expected)) ? 'ok' : 'mismatch';
}
