/**
 * @module Phone numbers to E.164, Brazilian numbers first. The E.164 form this returns is also
 * the dedup key: Brazilian mobiles are always written with the 9th digit (mandatory since 2016),
 * so "(11) 8765-4321" saved years ago and "+55 11 98765-4321" typed today give the same string.
 */

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

/**
 * Area codes (DDD) in use: both digits 1–9. Old trunk prefixes write them after a 0 and, for
 * long distance, a two-digit carrier code ("0 21 11 98765-4321").
 */
const isAreaCode = (ddd: string) => /^[1-9][1-9]$/.test(ddd);

/** A Brazilian subscriber number after the area code: 8 digits (landline or legacy mobile) or 9. */
function brazilian(ddd: string, subscriber: string): PhoneResult {
  if (!isAreaCode(ddd)) return { ok: false, reason: 'invalid' };
  if (/^9\d{8}$/.test(subscriber))
    return { ok: true, phone: { e164: `+${BRAZIL}${ddd}${subscriber}`, kind: 'mobile' } };
  // 8-digit numbers starting 6–9 are mobiles from before the 9th digit; the 9 goes in front.
  if (/^[6-9]\d{7}$/.test(subscriber))
    return { ok: true, phone: { e164: `+${BRAZIL}${ddd}9${subscriber}`, kind: 'mobile' } };
  if (/^[2-5]\d{7}$/.test(subscriber))
    return { ok: true, phone: { e164: `+${BRAZIL}${ddd}${subscriber}`, kind: 'landline' } };
  return { ok: false, reason: 'invalid' };
}

/** National digits: area code + subscriber, possibly behind a trunk 0 and a carrier code. */
function brazilianNational(digits: string): PhoneResult {
  if (digits.length === 8 || digits.length === 9) return { ok: false, reason: 'missing_area_code' };
  if (digits.startsWith('0')) {
    const rest = digits.slice(1);
    // 0 + DDD + number (11/12 digits) or 0 + carrier + DDD + number (13/14 digits).
    if (rest.length === 10 || rest.length === 11) return brazilian(rest.slice(0, 2), rest.slice(2));
    if (rest.length === 12 || rest.length === 13) return brazilian(rest.slice(2, 4), rest.slice(4));
    return { ok: false, reason: 'invalid' };
  }
  if (digits.length === 10 || digits.length === 11)
    return brazilian(digits.slice(0, 2), digits.slice(2));
  return { ok: false, reason: 'invalid' };
}

/**
 * Parses what people type: "(11) 98765-4321", "+55 11 98765 4321", "011 98765-4321",
 * "0 15 11 98765-4321", "5511987654321", "11 3456-7890", "+1 415 555 2671", "00 351 912 345 678".
 * Numbers without a country code are read as Brazilian.
 */
export function normalizePhone(raw: string | null | undefined): PhoneResult {
  const text = (raw ?? '').trim();
  if (!text) return { ok: false, reason: 'empty' };
  // Letters mean it is not a phone number (extensions like "ramal 12" included: ask for clean data).
  if (/[a-z]/i.test(text.replace(/^tel:/i, ''))) return { ok: false, reason: 'invalid' };
  const digits = text.replace(/\D/g, '');
  const international = text.replace(/^tel:/i, '').trimStart().startsWith('+')
    ? digits
    : digits.startsWith('00')
      ? digits.slice(2)
      : null;
  if (international !== null) {
    if (international.startsWith(BRAZIL))
      return brazilianInternational(international.slice(BRAZIL.length));
    if (/^[1-9]\d{7,14}$/.test(international))
      return { ok: true, phone: { e164: `+${international}`, kind: 'other' } };
    return { ok: false, reason: 'invalid' };
  }
  // "55 11 98765-4321" without the plus: 12–13 digits cannot be national, so 55 is the country.
  if (digits.startsWith(BRAZIL) && (digits.length === 12 || digits.length === 13))
    return brazilianInternational(digits.slice(BRAZIL.length));
  return brazilianNational(digits);
}

function brazilianInternational(national: string): PhoneResult {
  if (national.length === 10 || national.length === 11)
    return brazilian(national.slice(0, 2), national.slice(2));
  return { ok: false, reason: 'invalid' };
}

/** The E.164 form, or null when the text is not a usable phone number. */
export function phoneKey(raw: string | null | undefined): string | null {
  const result = normalizePhone(raw);
  return result.ok ? result.phone.e164 : null;
}

/** Readable Brazilian form for display, "+55 11 98765-4321"; other countries as E.164. */
export function formatPhone(e164: string): string {
  const m = /^\+55(\d{2})(\d{4,5})(\d{4})$/.exec(e164);
  return m ? `+55 ${m[1]} ${m[2]}-${m[3]}` : e164;
}
