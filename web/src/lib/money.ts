/**
 * Money on screen: `domain/money.ts` (the one money module, shared with the server) in the
 * person's chosen locale.
 */
import * as money from '../../../domain/money.ts';
import { locale } from './i18n.ts';

export { parseMoney } from '../../../domain/money.ts';

/** Minor units as the currency's whole units: 12345 BRL is 123.45, 500 JPY is 500. */
export function majorUnits(minor: number, currency: string): number {
  return minor / 10 ** money.minorUnitExponent(currency);
}

/** Whole units (a number input's value) as minor units, rounded to the currency's smallest unit. */
export function minorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** money.minorUnitExponent(currency));
}

/** "R$ 1.234,56"; `compact` gives "R$ 1,2 mil" for column headers. */
export const formatMoney = (minor: number, currency: string, compact = false) =>
  money.formatMoney(minor, currency, locale(), { compact });

/** The currency's sign as the locale writes it: "R$" for BRL, "US$" for USD in pt-BR. */
export const currencySymbol = (currency: string) => money.currencySymbol(currency, locale());

/** A price per unit that can fall below one centavo: 9.8 centavos is "R$ 0,098". */
export const formatUnitPrice = (minor: number, currency: string) =>
  money.formatUnitPrice(minor, currency, locale());

/** The value as typed in an input: "1234,56" in pt-BR, "1234.56" in English. */
export const moneyInputValue = (minor: number, currency: string) =>
  money.moneyInputValue(minor, currency, locale());
