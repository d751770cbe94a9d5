/**
 * The navigation: every page of the signed-in app, in menu order. The router is built from these
 * lists, so adding a section is its page file (`routes/<section>/index.tsx`) plus one line here,
 * naming the dictionaries its page speaks beyond the shell's (see `i18n/load.ts`).
 */
import { type Component, lazy } from 'solid-js';
import type { Permission } from '../../domain/permissions.ts';
import type { IconName } from './components/Icon.tsx';
import type { Domain, MessageKey } from './i18n/index.ts';
import { loadMessages } from './lib/i18n.ts';

/** A page loaded when first shown, together with the dictionaries it speaks. */
export function lazyPage<Props extends Record<string, unknown>>(
  load: () => Promise<{ default: Component<Props> }>,
  messages: Domain[] = [],
) {
  return lazy(async () => {
    const [page] = await Promise.all([load(), loadMessages(...messages)]);
    return page;
  });
}

export interface Section {
  path: string;
  /** From the sections dictionary, which the shell loads for its menu. */
  label: Extract<MessageKey, `sections.${string}`>;
  icon: IconName;
  page: Component;
  /** Hidden from the menu for roles without it (the page itself explains the refusal too). */
  permission?: Permission;
  /** Also in the phone's bottom bar (keep it to four, all of them built sections). */
  bottomBar?: boolean;
}

/** The growth workspace. */
// biome-ignore format: one line per section, so the list reads like the menu it is.
export const WORKSPACE_SECTIONS: Section[] = [
  { path: '/pipeline', label: 'sections.pipeline', icon: 'pipeline', page: lazyPage(() => import('./routes/pipeline/index.tsx'), ['pipeline']), bottomBar: true },
  { path: '/studio', label: 'sections.studio', icon: 'studio', page: lazyPage(() => import('./routes/studio/index.tsx'), ['studio']), bottomBar: true },
  { path: '/products', label: 'sections.products', icon: 'package', page: lazyPage(() => import('./routes/products/index.tsx'), ['products', 'creatives']) },
  { path: '/campaigns', label: 'sections.campaigns', icon: 'campaigns', page: lazyPage(() => import('./routes/campaigns/index.tsx'), ['campaigns']), bottomBar: true },
  { path: '/autopilot', label: 'sections.autopilot', icon: 'zap', page: lazyPage(() => import('./routes/autopilot/index.tsx'), ['autopilot', 'campaigns']) },
  { path: '/inbox', label: 'sections.inbox', icon: 'inbox', page: lazyPage(() => import('./routes/inbox/index.tsx')) },
  { path: '/automations', label: 'sections.automations', icon: 'automations', page: lazyPage(() => import('./routes/automations/index.tsx')) },
  { path: '/reports', label: 'sections.reports', icon: 'reports', page: lazyPage(() => import('./routes/reports/index.tsx')) },
];

/** Running the organization itself. */
// biome-ignore format: one line per section, so the list reads like the menu it is.
export const ORG_SECTIONS: Section[] = [
  { path: '/credits', label: 'sections.credits', icon: 'coins', page: lazyPage(() => import('./routes/credits/index.tsx'), ['credits', 'charts', 'studio']), bottomBar: true },
  { path: '/members', label: 'sections.members', icon: 'users', page: lazyPage(() => import('./routes/members/index.tsx'), ['members']) },
  { path: '/api-keys', label: 'sections.apiKeys', icon: 'key', page: lazyPage(() => import('./routes/api-keys/index.tsx'), ['apiKeys']), permission: 'api_keys:manage' },
  { path: '/audit-log', label: 'sections.audit', icon: 'audit', page: lazyPage(() => import('./routes/audit-log/index.tsx'), ['audit', 'studio']), permission: 'audit:read' },
  { path: '/settings', label: 'sections.settings', icon: 'settings', page: lazyPage(() => import('./routes/settings/index.tsx'), ['settings']) },
];

/** Pages inside a section (one item of it), reached from the section's page rather than the menu. */
// biome-ignore format: one line per page, like the sections above.
export const DETAIL_PAGES: { path: string; page: Component }[] = [
  { path: '/products/:id', page: lazyPage(() => import('./routes/products/product.tsx'), ['products', 'creatives']) },
  { path: '/campaigns/:id', page: lazyPage(() => import('./routes/campaigns/editor/index.tsx'), ['campaigns', 'creatives']) },
  { path: '/campaigns/:id/results', page: lazyPage(() => import('./routes/campaigns/dashboard.tsx'), ['campaigns', 'autopilot', 'charts']) },
];

export const HOME_PATH = WORKSPACE_SECTIONS[0]!.path;

/** The menu section a path belongs to (a detail page belongs to the section above it). */
export function sectionAt(pathname: string): Section | undefined {
  return [...WORKSPACE_SECTIONS, ...ORG_SECTIONS].find(
    (section) => pathname === section.path || pathname.startsWith(`${section.path}/`),
  );
}

/** Where to go after signing in: the page that asked for it, if it is one of ours. */
export function safeNext(next: string | string[] | undefined): string {
  const path = Array.isArray(next) ? next[0] : next;
  return path && /^\/(?!\/)/.test(path) ? path : HOME_PATH;
}
