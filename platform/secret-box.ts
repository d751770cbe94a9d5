/**
 * @module Secrets at rest (e.g. an org's provider API keys): AES-256-GCM with the key from the
 * `ENCRYPTION_KEY` secret (32 bytes, base64). Each value gets a fresh 96-bit IV, and the caller
 * names what the value belongs to (`context`, e.g. org and provider) as additional data, so a
 * ciphertext copied onto another org's row fails to decrypt instead of leaking across tenants.
 */

const VERSION = 'v1';

const keys = new Map<string, Promise<CryptoKey>>();

function importKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    const raw = Uint8Array.from(atob(secret), (ch) => ch.charCodeAt(0));
    if (raw.byteLength !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes, base64-encoded.');
    key = crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt']);
    keys.set(secret, key);
  }
  return key;
}

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));

/** `v1.<iv>.<ciphertext+tag>`, base64 parts. */
export async function sealSecret(secret: string, plaintext: string, context: string) {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(context) },
    await importKey(secret),
    new TextEncoder().encode(plaintext),
  );
  return `${VERSION}.${toBase64(iv)}.${toBase64(new Uint8Array(sealed))}`;
}

/** Throws when the value was tampered with, sealed under another key or for another context. */
export async function openSecret(secret: string, sealed: string, context: string) {
  const [version, iv, data] = sealed.split('.');
  if (version !== VERSION || !iv || !data) throw new Error('Unrecognized sealed secret.');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv), additionalData: new TextEncoder().encode(context) },
    await importKey(secret),
    fromBase64(data),
  );
  return new TextDecoder().decode(plain);
}
