/**
 * The navigation: every page of the signed-in app, in menu order. The router is built from these
 * lists, so adding a section is its page file (`routes/<section>/index.tsx`) plus one line here.
 */
import { type Component, lazy } from 'solid-js';
import type { Permission } from '../../schema/permissions.ts';
import type { IconName } from './components/Icon.tsx';
import type { MessageKey } from './i18n/index.ts';

export interface Section {
  path: string;
  label: MessageKey;
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
  { path: '/pipeline', label: 'sections.pipeline', icon: 'pipeline', page: lazy(() => import('./routes/pipeline/index.tsx')), bottomBar: true },
  { path: '/studio', label: 'sections.studio', icon: 'studio', page: lazy(() => import('./routes/studio/index.tsx')), bottomBar: true },
  { path: '/products', label: 'ads.productsTitle', icon: 'package', page: lazy(() => import('./routes/products/index.tsx')) },
  { path: '/campaigns', label: 'sections.campaigns', icon: 'campaigns', page: lazy(() => import('./routes/campaigns/index.tsx')), bottomBar: true },
  { path: '/autopilot', label: 'ads.autopilotTitle', icon: 'zap', page: lazy(() => import('./routes/autopilot/index.tsx')) },
  { path: '/inbox', label: 'sections.inbox', icon: 'inbox', page: lazy(() => import('./routes/inbox/index.tsx')) },
  { path: '/automations', label: 'sections.automations', icon: 'automations', page: lazy(() => import('./routes/automations/index.tsx')) },
  { path: '/reports', label: 'sections.reports', icon: 'reports', page: lazy(() => import('./routes/reports/index.tsx')) },
];

/** Running the organization itself. */
// biome-ignore format: one line per section, so the list reads like the menu it is.
export const ORG_SECTIONS: Section[] = [
  { path: '/credits', label: 'credits.title', icon: 'coins', page: lazy(() => import('./routes/credits/index.tsx')), bottomBar: true },
  { path: '/members', label: 'members.title', icon: 'users', page: lazy(() => import('./routes/members/index.tsx')) },
  { path: '/api-keys', label: 'apiKeys.title', icon: 'key', page: lazy(() => import('./routes/api-keys/index.tsx')), permission: 'api_keys:manage' },
  { path: '/audit-log', label: 'audit.title', icon: 'audit', page: lazy(() => import('./routes/audit-log/index.tsx')), permission: 'audit:read' },
  { path: '/settings', label: 'settings.title', icon: 'settings', page: lazy(() => import('./routes/settings/index.tsx')) },
];

/** Pages inside a section (one item of it), reached from the section's page rather than the menu. */
// biome-ignore format: one line per page, like the sections above.
export const DETAIL_PAGES: { path: string; page: Component }[] = [
  { path: '/products/:id', page: lazy(() => import('./routes/products/product.tsx')) },
  { path: '/campaigns/:id', page: lazy(() => import('./routes/campaigns/editor.tsx')) },
  { path: '/campaigns/:id/results', page: lazy(() => import('./routes/campaigns/dashboard.tsx')) },
];

export const HOME_PATH = WORKSPACE_SECTIONS[0]!.path;

/** Where to go after signing in: the page that asked for it, if it is one of ours. */
export function safeNext(next: string | string[] | undefined): string {
  const path = Array.isArray(next) ? next[0] : next;
  return path && /^\/(?!\/)/.test(path) ? path : HOME_PATH;
}
