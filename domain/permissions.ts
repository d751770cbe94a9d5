/**
 * @module The one permission table. Every route names a permission; a user may act when their
 * role is listed, an API key when the permission is among its scopes. Viewers only read.
 */

/** The roles, most powerful first. Here rather than beside the tables, so the web gets them without drizzle. */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const everyone: Role[] = ['owner', 'admin', 'member', 'viewer'];
const writers: Role[] = ['owner', 'admin', 'member'];
const admins: Role[] = ['owner', 'admin'];

export const PERMISSIONS = {
  'org:read': everyone,
  'org:update': admins,
  'members:read': everyone,
  'members:manage': admins,
  'api_keys:manage': admins,
  'audit:read': admins,
  'jobs:read': everyone,
  'alerts:read': everyone,
  'alerts:update': writers,
  'rooms:join': everyone,
  'credits:read': everyone,
  /** Spend limits and auto-recharge. */
  'credits:manage': admins,
  /** Manual corrections to the balance, always with a reason. */
  'credits:adjust': ['owner'],
  'billing:purchase': admins,
  'studio:read': everyone,
  'studio:write': writers,
  'studio:manage': admins,
  'prices:read': admins,
  /** Products, creatives, campaigns and their results. */
  'ads:read': everyone,
  /** Add and judge products, generate and edit creatives, edit and publish campaigns. */
  'ads:write': writers,
  /** The org's ads rules: qualification (and the autopilot's settings). */
  'ads:manage': admins,
  /** Approving or rejecting autopilot proposals moves the client's ad money: owners and admins. */
  'autopilot:approve': admins,
  /** Connect or disconnect the org's Meta and TikTok ad accounts (their tokens spend money). */
  'ads_platforms:manage': admins,
  'boards:read': everyone,
  /** Rename a board, add, rename, reorder and remove its stages. */
  'boards:write': writers,
  /** Create and delete boards; capture secret, scoring rules, assignment. */
  'boards:manage': admins,
  'leads:read': everyone,
  'leads:write': writers,
} as const satisfies Record<string, Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/** Scopes an API key may carry: everything but managing keys and people, joining live rooms
 * (which are for people at a screen), and adjusting credits (an owner's own act). */
const PEOPLE_ONLY: Permission[] = [
  'api_keys:manage',
  'members:manage',
  'rooms:join',
  'credits:adjust',
];
export const API_KEY_SCOPES = (Object.keys(PERMISSIONS) as Permission[]).filter(
  (p) => !PEOPLE_ONLY.includes(p),
);

export function roleAllows(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Who may hand out which role: only owners make owners; admins manage everyone below owner. */
export function canAssignRole(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && target !== 'owner';
}
