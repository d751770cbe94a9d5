/**
 * How the app loads the dictionaries, one language at a time: the pt-BR words the public pages
 * speak (sign-in, sign-up) come with the first load; every other dictionary, and every English
 * one, is its own chunk, fetched with the pages that speak it (`lazyPage` in sections.ts) or when
 * the person switches language, so a page downloads only the words it shows.
 */
import type { Messages } from './define.ts';
import type { Domain, Locale } from './index.ts';
import auth from './pt-BR/auth.ts';
import common from './pt-BR/common.ts';
import shell from './pt-BR/shell.ts';

export const FIRST_LOAD = { auth, common, shell };

type Loader = () => Promise<{ default: Messages }>;
type FirstDomain = keyof typeof FIRST_LOAD;

/** Every dictionary not in the first load (the types make a new domain land in both languages). */
export const LATER: {
  'pt-BR': Record<Exclude<Domain, FirstDomain>, Loader>;
  en: Record<Domain, Loader>;
} = {
  'pt-BR': {
    apiKeys: () => import('./pt-BR/api-keys.ts'),
    audit: () => import('./pt-BR/audit.ts'),
    autopilot: () => import('./pt-BR/autopilot.ts'),
    campaigns: () => import('./pt-BR/campaigns.ts'),
    charts: () => import('./pt-BR/charts.ts'),
    creatives: () => import('./pt-BR/creatives.ts'),
    credits: () => import('./pt-BR/credits.ts'),
    invite: () => import('./pt-BR/invite.ts'),
    members: () => import('./pt-BR/members.ts'),
    pipeline: () => import('./pt-BR/pipeline.ts'),
    products: () => import('./pt-BR/products.ts'),
    sections: () => import('./pt-BR/sections.ts'),
    settings: () => import('./pt-BR/settings.ts'),
    studio: () => import('./pt-BR/studio.ts'),
  },
  en: {
    apiKeys: () => import('./en/api-keys.ts'),
    audit: () => import('./en/audit.ts'),
    auth: () => import('./en/auth.ts'),
    autopilot: () => import('./en/autopilot.ts'),
    campaigns: () => import('./en/campaigns.ts'),
    charts: () => import('./en/charts.ts'),
    common: () => import('./en/common.ts'),
    creatives: () => import('./en/creatives.ts'),
    credits: () => import('./en/credits.ts'),
    invite: () => import('./en/invite.ts'),
    members: () => import('./en/members.ts'),
    pipeline: () => import('./en/pipeline.ts'),
    products: () => import('./en/products.ts'),
    sections: () => import('./en/sections.ts'),
    settings: () => import('./en/settings.ts'),
    shell: () => import('./en/shell.ts'),
    studio: () => import('./en/studio.ts'),
  },
} satisfies Record<Locale, unknown>;
