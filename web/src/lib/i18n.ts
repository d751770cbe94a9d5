/**
 * The i18n glue: the chosen locale (pt-BR unless the person picked English), `t()` for strings,
 * the dictionaries loaded so far (`loadMessages`), and Intl formatters for dates, so every page
 * formats the same way.
 */
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { LOCALES } from '../../../schema/inputs/orgs.ts';
import type { Dictionaries, Domain, Locale, MessageKey } from '../i18n/index.ts';
import { FIRST_LOAD, LATER } from '../i18n/load.ts';

export { LOCALES, type Locale };

const STORAGE_KEY = 'gl-locale';

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'pt-BR';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
const [loaded, setLoaded] = createStore<Partial<Dictionaries>>({ ...FIRST_LOAD });
const loading = new Map<Domain, Promise<void>>();

/** Fetches the dictionaries of `domains` not loaded yet; resolves once all of them are in. */
export function loadMessages(...domains: Domain[]): Promise<void> {
  return Promise.all(
    domains.map((domain) => {
      if (loaded[domain]) return Promise.resolve();
      let pending = loading.get(domain);
      if (!pending) {
        const load = LATER[domain as keyof typeof LATER] as () => Promise<{
          default: Dictionaries[typeof domain];
        }>;
        pending = load().then(
          (module) => void setLoaded(domain, module.default),
          (err) => {
            loading.delete(domain); // Offline before it was ever cached: the next use tries again.
            throw err;
          },
        );
        loading.set(domain, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

/**
 * The string for `key`, with `{name}` placeholders filled from `params`. A page loads the
 * dictionaries it speaks before it shows (`lazyPage` in sections.ts); a key from a domain not
 * loaded yet is a slip: it is reported, reads as empty (never as a raw code), and its dictionary
 * is fetched, so text read in a reactive place appears when it arrives.
 */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  const dot = key.indexOf('.');
  const domain = key.slice(0, dot) as Domain;
  const dictionary = loaded[domain] as Record<Locale, Record<string, string>> | undefined;
  if (!dictionary) {
    if (!loading.has(domain)) console.error(`i18n: "${key}" used before its dictionary loaded`);
    loadMessages(domain).catch(() => undefined);
    return '';
  }
  const text = dictionary[locale()][key.slice(dot + 1)] ?? key;
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
