/**
 * @module Minor units ↔ decimal amounts of an ISO 4217 currency. We keep money in integer minor
 * units; TikTok takes and reports decimal amounts (`budget: 50.5`, `spend: "12.34"`), so its
 * adapter converts at the edge — exactly, without float drift.
 */

const exponents = new Map<string, number>();

/** Decimal places of a currency's minor unit: BRL 2, JPY 0, KWD 3. */
export function minorUnitExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** 5050 BRL minor → 50.5 (a JSON number, as TikTok's budget field wants). */
export function minorToDecimal(minor: number, currency: string): number {
  const exponent = minorUnitExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const text = exponent === 0 ? digits : `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  return Number(sign + text);
}

/**
 * "12.345" BRL → 1235 (half away from zero). Parses the decimal text itself: `Number("0.29") * 100`
 * is 28.999999999999996, which would drop a cent.
 */
export function decimalToMinor(amount: string | number, currency: string): number {
  const exponent = minorUnitExponent(currency);
  const text = typeof amount === 'number' ? amount.toFixed(exponent + 2) : amount.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (!match[2] && !match[3])) throw new Error(`Not a decimal amount: ${text}`);
  const [, sign, whole = '', fraction = ''] = match;
  const kept = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const roundUp = (fraction[exponent] ?? '0') >= '5' ? 1 : 0;
  const minor = Number(whole || '0') * 10 ** exponent + Number(kept || '0') + roundUp;
  return sign === '-' && minor !== 0 ? -minor : minor;
}

/** The currencies an org may keep its books and prices in. */
export const CURRENCIES = ['BRL', 'USD', 'EUR'] as const;
