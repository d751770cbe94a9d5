/**
 * @module E-mail addresses: the address we keep (trimmed, lower-case, as the person wrote it
 * otherwise, so replies reach exactly that mailbox) and the key we match duplicates on.
 *
 * The key folds what the mail provider itself ignores, and only there:
 * - Gmail (gmail.com, googlemail.com): dots in the local part and `+tag` are ignored by Google,
 *   so "Ana.Silva+promo@googlemail.com" and "anasilva@gmail.com" are one mailbox.
 * - Providers documented to deliver `+tag` to the base mailbox (Outlook/Hotmail/Live, iCloud,
 *   Proton, Fastmail, Yahoo's `-` is not folded): `+tag` is dropped, dots are kept.
 * - Any other domain: the address as is. A company's own server may treat "a.b" and "ab", or
 *   "x+y", as different people, and a wrong merge is worse than a missed one.
 */

const GMAIL = new Set(['gmail.com', 'googlemail.com']);
const PLUS_ADDRESSING = new Set([
  'outlook.com',
  'outlook.com.br',
  'hotmail.com',
  'hotmail.com.br',
  'live.com',
  'msn.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'fastmail.com',
]);

/** Practical shape check (the full RFC grammar accepts addresses no inbox uses). */
const SHAPE =
  /^[^\s@"(),:;<>[\\\]]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

export type EmailResult =
  | { ok: true; email: string; key: string }
  | { ok: false; reason: 'empty' | 'invalid' };

export function normalizeEmail(raw: string | null | undefined): EmailResult {
  // "Ana <ana@x.com>" and "mailto:" links come from copied signatures and form tools.
  let text = (raw ?? '').trim();
  const angled = /<([^<>]+)>\s*$/.exec(text);
  if (angled) text = angled[1]!.trim();
  text = text.replace(/^mailto:/i, '').toLowerCase();
  if (!text) return { ok: false, reason: 'empty' };
  if (text.length > 254 || !SHAPE.test(text)) return { ok: false, reason: 'invalid' };
  const at = text.lastIndexOf('@');
  let local = text.slice(0, at);
  let domain = text.slice(at + 1);
  if (GMAIL.has(domain)) {
    local = local.split('+')[0]!.replaceAll('.', '');
    domain = 'gmail.com';
  } else if (PLUS_ADDRESSING.has(domain)) {
    local = local.split('+')[0]!;
  }
  if (!local) return { ok: false, reason: 'invalid' };
  return { ok: true, email: text, key: `${local}@${domain}` };
}

/** The dedup key, or null when the text is not an e-mail address. */
export function emailKey(raw: string | null | undefined): string | null {
  const result = normalizeEmail(raw);
  return result.ok ? result.key : null;
}
