/**
 * How the app loads the dictionaries: the ones the public pages speak (sign-in, sign-up) come
 * with the first load; every other domain is its own chunk, fetched with the pages that speak it
 * (`lazyPage` in sections.ts), so the sign-in page does not download the campaigns vocabulary.
 */
import auth from './auth.ts';
import common from './common.ts';
import type { Dictionaries, Domain } from './index.ts';
import shell from './shell.ts';

export const FIRST_LOAD = { auth, common, shell };

type LaterDomain = Exclude<Domain, keyof typeof FIRST_LOAD>;

/** Every domain not in the first load (the type makes a new domain land in one of the two). */
export const LATER: { [D in LaterDomain]: () => Promise<{ default: Dictionaries[D] }> } = {
  apiKeys: () => import('./api-keys.ts'),
  audit: () => import('./audit.ts'),
  autopilot: () => import('./autopilot.ts'),
  campaigns: () => import('./campaigns.ts'),
  charts: () => import('./charts.ts'),
  creatives: () => import('./creatives.ts'),
  credits: () => import('./credits.ts'),
  invite: () => import('./invite.ts'),
  members: () => import('./members.ts'),
  pipeline: () => import('./pipeline.ts'),
  products: () => import('./products.ts'),
  sections: () => import('./sections.ts'),
  settings: () => import('./settings.ts'),
  studio: () => import('./studio.ts'),
};
