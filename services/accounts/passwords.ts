/**
 * @module Password hashing with PBKDF2-SHA256 (WebCrypto), a per-user salt and the iteration count
 * stored beside the hash so it can be raised later. Runs in the Worker and in Node (the seed).
 */
import type { FieldError } from '../../platform/problem.ts';

/** Workers cap PBKDF2 at 100,000 iterations. */
const ITERATIONS = 100_000;
export const PASSWORD_MIN_LENGTH = 10;

const COMMON = new Set([
  '1234567890',
  '12345678910',
  '0123456789',
  'qwertyuiop',
  'password123',
  'senha12345',
  'senhasenha',
  'iloveyou12',
  'abcdefghij',
  'passw0rd12',
]);

/** Why a password is too weak, or null. Messages name the rule so people know what to change. */
export function passwordWeakness(password: string, email?: string): FieldError | null {
  const path = 'password';
  if (password.length < PASSWORD_MIN_LENGTH)
    return { path, message: `Use at least ${PASSWORD_MIN_LENGTH} characters.` };
  if (password.length > 200) return { path, message: 'Use at most 200 characters.' };
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || new Set(lower).size < 4)
    return { path, message: 'This password is too easy to guess; mix more different characters.' };
  const local = email?.split('@')[0]?.toLowerCase();
  if (local && local.length >= 4 && lower.includes(local))
    return { path, message: 'Do not use your e-mail address in the password.' };
  return null;
}

const b64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(password),
    'PBKDF2',
    false,
    ['deriveBits'],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, ITERATIONS);
  return `pbkdf2-sha256$${ITERATIONS}$${b64(salt)}$${b64(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iterations, salt, hash] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iterations || !salt || !hash) return false;
  const expected = unb64(hash);
  const actual = await derive(password, unb64(salt), Number(iterations));
  // Constant-time compare: the time taken must not tell how many bytes matched.
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < actual.length; i++) diff |= (actual[i] as number) ^ (expected[i] ?? 0);
  return diff === 0;
}

/**
 * A hash of nothing anybody knows, verified when the e-mail is unknown so that a failed sign-in
 * takes the same time whether or not the account exists.
 */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(crypto.randomUUID());
  return decoy;
}
