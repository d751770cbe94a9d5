/**
 * @module The language of the sandbox providers' own pages (checkout, Google sign-in): pt-BR,
 * the product's default, unless English is asked for — by the app (`lang`, or OIDC's standard
 * `ui_locales`, in the query) or else by the browser's Accept-Language, whichever of our two
 * languages it prefers first.
 */
import type { AppContext } from '../router.ts';

export type PageLocale = 'pt-BR' | 'en';

const ours = (tag: string): PageLocale | null => {
  const language = tag.trim().toLowerCase().split(/[-_]/)[0];
  return language === 'pt' ? 'pt-BR' : language === 'en' ? 'en' : null;
};

export function pageLocale(c: AppContext): PageLocale {
  for (const asked of [c.req.query('lang'), c.req.query('ui_locales')])
    for (const tag of asked?.split(/[\s,]+/) ?? []) {
      const locale = ours(tag);
      if (locale) return locale;
    }
  const preferred = (c.req.header('accept-language') ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find(Boolean);
      return { tag, q: q === undefined ? 1 : Number(q) };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of preferred) {
    const locale = ours(tag);
    if (locale) return locale;
  }
  return 'pt-BR';
}
