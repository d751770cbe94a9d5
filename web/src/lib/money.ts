/** Money: integer minor units of an ISO currency, shown in the chosen locale. */
import { locale } from './i18n.ts';

function minorDigits(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/** Minor units as the currency's whole units: 12345 BRL is 123.45, 500 JPY is 500. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** Whole units (a number input's value) as minor units, rounded to the currency's smallest unit. */
export function minorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

/** "R$ 1.234,56"; `compact` gives "R$ 1,2 mil" for column headers. */
export function formatMoney(minor: number, currency: string, compact = false): string {
  const major = majorUnits(minor, currency);
  try {
    return new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency,
      notation: compact ? 'compact' : 'standard',
      maximumFractionDigits: compact ? 1 : undefined,
    }).format(major);
  } catch {
    return `${major.toFixed(2)} ${currency}`;
  }
}

/** The currency's sign as the locale writes it: "R$" for BRL, "US$" for USD in pt-BR. */
export function currencySymbol(currency: string): string {
  try {
    return (
      new Intl.NumberFormat(locale(), { style: 'currency', currency })
        .formatToParts(0)
        .find((part) => part.type === 'currency')?.value ?? currency
    );
  } catch {
    return currency;
  }
}

/** A price per unit that can fall below one centavo: 9.8 centavos is "R$ 0,098". */
export function formatUnitPrice(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  try {
    return new Intl.NumberFormat(locale(), {
      style: 'currency',
      currency,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits + 2,
    }).format(minor / 10 ** digits);
  } catch {
    return `${(minor / 10 ** digits).toFixed(digits + 2)} ${currency}`;
  }
}

/** Parses what a person typed ("1.234,50", "1234.5", "R$ 99") into minor units, or null. */
export function parseMoney(text: string, currency: string): number | null {
  const cleaned = text.replace(/[^\d.,-]/g, '');
  if (!/\d/.test(cleaned)) return null;
  // The last separator followed by 1-2 digits is the decimal one; others group thousands.
  const match = /^(.*?)[.,](\d{1,2})$/.exec(cleaned);
  const whole = (match ? match[1]! : cleaned).replace(/[.,]/g, '');
  const fraction = match ? match[2]!.padEnd(2, '0') : '00';
  const major = Number(`${whole || '0'}.${fraction}`);
  if (!Number.isFinite(major) || major < 0) return null;
  return minorUnits(major, currency);
}

/** The value as typed in an input: "1234,56" in pt-BR, "1234.56" in English. */
export function moneyInputValue(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  const text = (minor / 10 ** digits).toFixed(digits);
  return locale() === 'pt-BR' ? text.replace('.', ',') : text;
}
