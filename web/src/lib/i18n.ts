/**
 * The i18n glue: the chosen locale (pt-BR unless the person picked English), `t()` for strings,
 * and Intl formatters for dates, so every page formats the same way.
 */
import { createMemo, createRoot, createSignal } from 'solid-js';
import { LOCALES, type Locale, type MessageKey, messagesFor } from '../i18n/index.ts';

const STORAGE_KEY = 'gl-locale';

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'pt-BR';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
const messages = createRoot(() => createMemo(() => messagesFor(locale())));

export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const text = messages()[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function formatDateTime(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(value),
  );
}

export function formatDate(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium' }).format(new Date(value));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "há 5 minutos" / "in 3 days". */
export function formatRelative(value: string | number | Date, now = Date.now()): string {
  const seconds = Math.round((new Date(value).getTime() - now) / 1000);
  const format = new Intl.RelativeTimeFormat(locale(), { numeric: 'auto' });
  for (const [unit, size] of UNITS)
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return format.format(0, 'minute');
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(locale()).format(value);
}

/** Integer minor units (centavos) in the currency's own format: R$ 49,00 / $9.99. */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat(locale(), { style: 'currency', currency }).format(minor / 100);
}
