/**
 * The i18n glue: the chosen locale (pt-BR unless the person picked English), the dictionaries
 * loaded so far (`loadMessages`), `t()` for strings, `tp()` for strings that change with a count
 * (Intl.PluralRules picks the `_one`/`_other` text), `codeLabel()` for codes the server sends, and
 * Intl formatters for numbers, percents, ratios and dates, so every page formats the same way.
 * Each formatter takes the locale last, defaulting to the chosen one (tests pass their own).
 */
import { createSignal } from 'solid-js';
import { createStore } from 'solid-js/store';
import { LOCALES } from '../../../schema/inputs/orgs.ts';
import type { Messages } from '../i18n/define.ts';
import type { Domain, Locale, MessageKey } from '../i18n/index.ts';
import { FIRST_LOAD, LATER } from '../i18n/load.ts';

export { LOCALES, type Locale };

const STORAGE_KEY = 'gl-locale';

function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return (LOCALES as readonly string[]).includes(saved ?? '') ? (saved as Locale) : 'pt-BR';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
/** The dictionaries this tab holds, per language: one language's words download at a time. */
const [loaded, setLoaded] = createStore<Record<Locale, Partial<Record<Domain, Messages>>>>({
  'pt-BR': { ...FIRST_LOAD },
  en: {},
});
const loading = new Map<string, Promise<void>>();

/** Fetches the dictionaries of `domains` not loaded yet; resolves once all of them are in. */
export function loadMessages(...domains: Domain[]): Promise<void> {
  return loadIn(locale(), domains);
}

function loadIn(loc: Locale, domains: Domain[]): Promise<void> {
  return Promise.all(
    domains.map((domain) => {
      if (loaded[loc][domain]) return Promise.resolve();
      const id = `${loc}/${domain}`;
      let pending = loading.get(id);
      if (!pending) {
        const load = (LATER[loc] as Record<Domain, () => Promise<{ default: Messages }>>)[domain];
        pending = load().then(
          (module) => void setLoaded(loc, domain, module.default),
          (err) => {
            loading.delete(id); // Offline before it was ever cached: the next use tries again.
            throw err;
          },
        );
        loading.set(id, pending);
      }
      return pending;
    }),
  ).then(() => undefined);
}

export { locale };

/**
 * Switches once the new language's words for everything on screen have arrived, so no label
 * blinks empty; offline with that language never downloaded, the page stays as it was.
 */
export async function setLocale(next: Locale) {
  await loadIn(next, Object.keys(loaded[locale()]) as Domain[]);
  setLocaleSignal(next);
  localStorage.setItem(STORAGE_KEY, next);
  document.documentElement.lang = next;
}

type Params = Record<string, string | number>;

const fill = (text: string, params?: Params) =>
  params
    ? text.replace(/\{(\w+)\}/g, (whole, name: string) =>
        name in params ? String(params[name]) : whole,
      )
    : text;

/**
 * The words for `key` in the chosen locale, `undefined` when its dictionary has none. A page loads
 * the dictionaries it speaks before it shows (`lazyPage` in sections.ts); a key from a domain not
 * loaded yet is a slip: it is reported, reads as empty (never as a raw code), and its dictionary
 * is fetched, so text read in a reactive place appears when it arrives.
 */
function lookup(key: string, { quiet = false } = {}): string | undefined {
  const dot = key.indexOf('.');
  const domain = key.slice(0, dot) as Domain;
  const dictionary = loaded[locale()][domain];
  if (!dictionary) {
    if (!quiet && !loading.has(domain))
      console.error(`i18n: "${key}" used before its dictionary loaded`);
    loadMessages(domain).catch(() => undefined);
    return '';
  }
  return dictionary[key.slice(dot + 1)];
}

/** The string for `key`, with `{name}` placeholders filled from `params`. */
export function t(key: MessageKey, params?: Params): string {
  return fill(lookup(key) ?? key, params);
}

/** "pet-toys" → "Pet toys": a code this build has no words for yet, at least readable. */
export function humanize(code: string): string {
  const words = code
    .replace(/[._:/-]+/g, ' ')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/**
 * The dictionary's words for a code the server sends (`codeLabel('products.category_', 'pet-toys')`
 * reads `products.category_pet_toys`), or `fallback` (the code made readable) when there are none.
 */
export function codeLabel(prefix: string, code: string, fallback = humanize(code)): string {
  // Codes arrive from the server at any time (an alert in the bell on any page): their words may
  // sit in a dictionary the page did not need yet, which then loads without it being a slip.
  return lookup(`${prefix}${code.replace(/[^A-Za-z0-9]+/g, '_')}`, { quiet: true }) ?? fallback;
}

/** Keys written once per plural form (`fieldsToFix_one`, `fieldsToFix_other`), by their stem. */
export type PluralKey = MessageKey extends infer K
  ? K extends `${infer Stem}_other`
    ? Stem
    : never
  : never;

/**
 * Which form of `stem` a count takes: Intl.PluralRules' category when the dictionary has that
 * form, else `other`. CLDR puts 0 in Portuguese's `one`, but "0 créditos" is how Brazilians
 * write it, so zero takes `_zero` when written and `_other` otherwise.
 */
export function pluralForm(
  stem: string,
  count: number,
  has: (key: string) => boolean,
  loc: Locale = locale(),
): string {
  if (count === 0) return has(`${stem}_zero`) ? `${stem}_zero` : `${stem}_other`;
  const form = `${stem}_${new Intl.PluralRules(loc).select(count)}`;
  return has(form) ? form : `${stem}_other`;
}

/** The text for `count` of something ("1 campo precisa…", "3 campos precisam…"); `{n}` is the count. */
export function tp(stem: PluralKey, count: number, params?: Params): string {
  const key = pluralForm(stem, count, (k) => lookup(k) !== undefined);
  return fill(lookup(key) ?? key, { n: formatNumber(count), ...params });
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

const DAY_MS = 24 * 3600 * 1000;

/** Whole calendar days from `now` to `then` in the browser's time zone (yesterday is −1). */
function calendarDays(then: Date, now: Date): number {
  const midnight = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  return Math.round((midnight(then) - midnight(now)) / DAY_MS);
}

/**
 * "agora", "há 5 minutos", "há 3 horas" within the same day, then by calendar day: "ontem",
 * "anteontem", "há 4 dias", "há 2 semanas", "há 3 meses" (and the same ahead: "amanhã").
 */
export function formatRelative(
  value: string | number | Date,
  now: string | number | Date = Date.now(),
  loc: Locale = locale(),
): string {
  const then = new Date(value);
  const at = new Date(now);
  const format = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
  const seconds = Math.round((then.getTime() - at.getTime()) / 1000);
  const days = calendarDays(then, at);
  if (days === 0 || Math.abs(seconds) < 3600) {
    if (Math.abs(seconds) < 60) return format.format(0, 'second');
    if (Math.abs(seconds) < 3600) return format.format(Math.trunc(seconds / 60), 'minute');
    return format.format(Math.trunc(seconds / 3600), 'hour');
  }
  return formatDaysFrom(days, loc);
}

/** A distance in whole calendar days: "hoje", "ontem", "há 4 dias", "há 2 semanas", "em 3 meses". */
export function formatDaysFrom(days: number, loc: Locale = locale()): string {
  const format = new Intl.RelativeTimeFormat(loc, { numeric: 'auto' });
  const size = Math.abs(days);
  if (size < 7) return format.format(days, 'day');
  if (size < 30) return format.format(Math.trunc(days / 7), 'week');
  if (size < 365) return format.format(Math.trunc(days / 30), 'month');
  return format.format(Math.trunc(days / 365), 'year');
}

export function formatNumber(
  value: number,
  options?: Intl.NumberFormatOptions,
  loc: Locale = locale(),
): string {
  return new Intl.NumberFormat(loc, options).format(value);
}

/** A ratio as a percent in the locale's way: 0.788 → "78,8%" (pt-BR), "78.8%" (en). */
export function formatPercent(ratio: number, maxDigits = 1, loc: Locale = locale()): string {
  return formatNumber(ratio, { style: 'percent', maximumFractionDigits: maxDigits }, loc);
}

/** A multiple such as ROAS: 1.5 → "1,5×" (pt-BR), "1.5×" (en). */
export function formatRatio(value: number, maxDigits = 2, loc: Locale = locale()): string {
  return `${formatNumber(value, { maximumFractionDigits: maxDigits }, loc)}×`;
}
