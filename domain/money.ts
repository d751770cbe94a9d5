/**
 * @module Money, the one module for it on server and web: amounts live in integer minor units of an
 * ISO 4217 currency; this formats them for people (in a locale the caller names: the web passes the
 * person's, server-made text the org's), parses what people type or spreadsheets hold, and converts
 * to and from the decimal amounts outside APIs speak (TikTok takes `budget: 50.5` and reports
 * `spend: "12.34"`), exactly, without float drift. The minor digits of a currency come from Intl,
 * not a table of our own.
 */

const exponents = new Map<string, number>();

/** Decimal places of a currency's minor unit: BRL 2, JPY 0, KWD 3. Throws on a code Intl lacks. */
export function minorUnitExponent(currency: string): number {
  let exponent = exponents.get(currency);
  if (exponent === undefined) {
    exponent = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits!;
    exponents.set(currency, exponent);
  }
  return exponent;
}

/** Minor digits for display, where a malformed code must not break a page: 2 when Intl refuses it. */
function displayDigits(currency: string): number {
  try {
    return minorUnitExponent(currency);
  } catch {
    return 2;
  }
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
  return decimalToMinorDigits(amount, minorUnitExponent(currency));
}

function decimalToMinorDigits(amount: string | number, exponent: number): number {
  const text = typeof amount === 'number' ? amount.toFixed(exponent + 2) : amount.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (!match[2] && !match[3])) throw new Error(`Not a decimal amount: ${text}`);
  const [, sign, whole = '', fraction = ''] = match;
  const kept = (fraction + '0'.repeat(exponent)).slice(0, exponent);
  const roundUp = (fraction[exponent] ?? '0') >= '5' ? 1 : 0;
  const minor = Number(whole || '0') * 10 ** exponent + Number(kept || '0') + roundUp;
  return sign === '-' && minor !== 0 ? -minor : minor;
}

export interface MoneyFormat {
  /** "R$ 1,2 mil" instead of "R$ 1.234,56", for column headers. */
  compact?: boolean;
}

/** "R$ 1.234,56" in pt-BR, "R$1,234.56" in en; an unknown currency code reads "1234.56 XYZ". */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  { compact = false }: MoneyFormat = {},
): string {
  const major = minor / 10 ** displayDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact ? 1 : undefined,
    }).format(major);
  } catch {
    return `${major.toFixed(2)} ${currency}`;
  }
}

/** A price per unit that can fall below one centavo: 9.8 centavos is "R$ 0,098". */
export function formatUnitPrice(minor: number, currency: string, locale: string): string {
  const digits = displayDigits(currency);
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits + 2,
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits + 2)} ${currency}`;
  }
}

/** The currency's sign as the locale writes it: "R$" for BRL, "US$" for USD in pt-BR. */
export function currencySymbol(currency: string, locale: string): string {
  try {
    return (
      new Intl.NumberFormat(locale, { style: 'currency', currency })
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency
    );
  } catch {
    return currency;
  }
}

/** The value as typed in an input: "1234,56" in pt-BR, "1234.56" in English. */
export function moneyInputValue(minor: number, currency: string, locale: string): string {
  const digits = displayDigits(currency);
  const text = (minor / 10 ** digits).toFixed(digits);
  return locale === 'pt-BR' ? text.replace('.', ',') : text;
}

/**
 * What a person typed or a spreadsheet holds, in major units, → minor units; null when it is not
 * an amount. Reads "1.234,56", "1,234.56", "1234,5", "19.90", "1.000" (a thousand) and
 * "R$ 99"; refuses negatives and anything ambiguous or stray ("1.2.3", "12abc"), so an import
 * reports the line instead of guessing.
 */
export function parseMoney(text: string, currency: string): number | null {
  // A sign in front, the code in front or behind, and spaces ("R$ 1 234,56", "US$5", "99 BRL").
  let t = text.replace(/\s/g, '').replace(/^(?:[A-Z]{0,3}\$|[€£¥])/i, '');
  if (/^[A-Z]{3}$/i.test(currency))
    t = t.replace(new RegExp(`^${currency}|${currency}$`, 'gi'), '');
  let decimal: string;
  if (/^\d{1,3}(\.\d{3})+(,\d{1,2})?$/.test(t) || /^\d+(,\d{1,2})$/.test(t))
    decimal = t.replace(/\./g, '').replace(',', '.');
  else if (/^\d{1,3}(,\d{3})+(\.\d{1,2})?$/.test(t)) decimal = t.replace(/,/g, '');
  else if (/^\d+(\.\d{1,2})?$/.test(t)) decimal = t;
  else return null;
  return decimalToMinorDigits(decimal, displayDigits(currency));
}

/** The currencies an org may keep its books and prices in. */
export const CURRENCIES = ['BRL', 'USD', 'EUR'] as const;
