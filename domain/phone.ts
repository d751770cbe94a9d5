/**
 * @module Phone numbers to E.164, Brazilian numbers first. libphonenumber-js reads what people
 * type (country codes, the trunk 0, Brazilian carrier codes, punctuation); one step of ours comes
 * after it: the E.164 form this returns is also the dedup key, and Brazilian mobiles are always
 * written with the 9th digit (mandatory since 2016), so "(11) 8765-4321" saved years ago and
 * "+55 11 98765-4321" typed today give the same string. libphonenumber-js calls the 8-digit form
 * invalid, so the step also decides what a Brazilian number is (area code, mobile or landline).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js';

export type PhoneKind = 'mobile' | 'landline' | 'other';

export interface NormalizedPhone {
  /** `+<country><number>`, digits only after the plus. */
  e164: string;
  kind: PhoneKind;
}

export type PhoneResult =
  | { ok: true; phone: NormalizedPhone }
  | { ok: false; reason: 'empty' | 'missing_area_code' | 'invalid' };

const BRAZIL = '55';
const INVALID = { ok: false, reason: 'invalid' } as const;

/**
 * The Brazilian step after libphonenumber-js: area code (DDD, both digits 1–9) and a subscriber
 * number of 9 digits starting with 9 (mobile) or 8 digits starting 2–5 (landline). 8-digit numbers
 * starting 6–9 are mobiles from before the 9th digit; the 9 goes in front.
 */
function brazilian(nationalNumber: string): PhoneResult {
  const ddd = nationalNumber.slice(0, 2);
  const subscriber = nationalNumber.slice(2);
  if (!/^[1-9][1-9]$/.test(ddd)) return INVALID;
  if (/^9\d{8}$/.test(subscriber))
    return { ok: true, phone: { e164: `+${BRAZIL}${ddd}${subscriber}`, kind: 'mobile' } };
  if (/^[6-9]\d{7}$/.test(subscriber))
    return { ok: true, phone: { e164: `+${BRAZIL}${ddd}9${subscriber}`, kind: 'mobile' } };
  if (/^[2-5]\d{7}$/.test(subscriber))
    return { ok: true, phone: { e164: `+${BRAZIL}${ddd}${subscriber}`, kind: 'landline' } };
  return INVALID;
}

/**
 * What libphonenumber-js should read: "+digits" for an international number, the digits
 * otherwise (read as Brazilian). Two habits it would misread: "00 351 …" (Brazil's own
 * international prefix needs a carrier code, 0021; people write 00) and "55 11 98765-4321"
 * without the plus (12–13 digits cannot be national, so 55 is the country).
 */
function dialable(text: string): string {
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return `+${digits}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith(BRAZIL) && (digits.length === 12 || digits.length === 13))
    return `+${digits}`;
  return digits;
}

/**
 * Parses what people type: "(11) 98765-4321", "+55 11 98765 4321", "011 98765-4321",
 * "0 15 11 98765-4321", "5511987654321", "11 3456-7890", "+1 415 555 2671", "00 351 912 345 678".
 * Numbers without a country code are read as Brazilian.
 */
export function normalizePhone(raw: string | null | undefined): PhoneResult {
  const text = (raw ?? '').trim().replace(/^tel:/i, '').trimStart();
  if (!text) return { ok: false, reason: 'empty' };
  // Letters mean it is not a phone number (extensions like "ramal 12" included: ask for clean data).
  if (/[a-z]/i.test(text)) return INVALID;
  const input = dialable(text);
  if (/^\d{8,9}$/.test(input)) return { ok: false, reason: 'missing_area_code' };
  const number = parsePhoneNumberFromString(input, 'BR');
  if (!number) return INVALID;
  if (number.countryCallingCode === BRAZIL) return brazilian(number.nationalNumber);
  return number.isValid() ? { ok: true, phone: { e164: number.number, kind: 'other' } } : INVALID;
}

/** The E.164 form, or null when the text is not a usable phone number. */
export function phoneKey(raw: string | null | undefined): string | null {
  const result = normalizePhone(raw);
  return result.ok ? result.phone.e164 : null;
}

/**
 * Readable Brazilian form for display, "+55 11 98765-4321" (libphonenumber-js would write
 * "+55 11 98765 4321"; people here write the hyphen); other countries as E.164.
 */
export function formatPhone(e164: string): string {
  const m = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(e164);
  return m ? `+55 ${m[1]} ${m[2]}-${m[3]}` : e164;
}
