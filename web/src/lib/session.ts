/**
 * Who is signed in and where they act: user, active org with its role, and every membership.
 * Restored on load from the refresh cookie, kept in step across tabs, and the one place that
 * answers "may this person do X here?" (from the shared permission table).
 */
import { createStore, reconcile } from 'solid-js/store';
import type { Role } from '../../../domain/permissions.ts';
import { type Permission, roleAllows } from '../../../domain/permissions.ts';
import {
  acceptSession,
  forgetAccessToken,
  onSessionRefreshed,
  refreshAccessToken,
  type SessionBody,
  withCrossTabLock,
} from './access-token.ts';
import { type Answer, call, client, publicClient, setAuthHooks } from './api.ts';

type Me = Answer<'/api/v1/me', 'get'>;
export type Membership = Me['memberships'][number];
type OrgRef = Membership['org'];
export type User = Me['user'];

interface SessionState {
  status: 'loading' | 'signedIn' | 'signedOut';
  /** Signed in from the last known profile while the server cannot be reached. */
  offline: boolean;
  user: User | null;
  activeOrg: (OrgRef & { role: Role }) | null;
  memberships: Membership[];
}

const PROFILE_KEY = 'gl-profile';
const channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('gl-session');

const [session, setSession] = createStore<SessionState>({
  status: 'loading',
  offline: false,
  user: null,
  activeOrg: null,
  memberships: [],
});

export { session };

export function can(permission: Permission): boolean {
  const org = session.activeOrg;
  return !!org && roleAllows(org.role, permission);
}

function applySessionBody(body: SessionBody) {
  acceptSession(body);
  setSession({ status: 'signedIn', offline: false, user: body.user, activeOrg: body.org });
  rememberProfile();
}

function endSession() {
  forgetAccessToken();
  localStorage.removeItem(PROFILE_KEY);
  setSession({ status: 'signedOut', offline: false, user: null, activeOrg: null, memberships: [] });
}

/** What the shell needs to open offline: names only, never a token. */
function rememberProfile() {
  const { user, activeOrg, memberships } = session;
  localStorage.setItem(PROFILE_KEY, JSON.stringify({ user, activeOrg, memberships }));
}

export async function reloadMemberships(): Promise<void> {
  const me = await call(client.GET('/api/v1/me'));
  setSession('user', me.user);
  setSession('memberships', reconcile(me.memberships));
  setSession('activeOrg', me.activeOrg);
  // Left or removed from the org this session acted in, but still in others: a refresh lands
  // in one of them (the server picks the first membership).
  if (!me.activeOrg && me.memberships.length) {
    const body = await refreshAccessToken();
    if (body) setSession('activeOrg', body.org);
  }
  rememberProfile();
}

export async function restoreSession(): Promise<void> {
  let body: SessionBody | null;
  try {
    body = await refreshAccessToken();
  } catch {
    const saved = localStorage.getItem(PROFILE_KEY);
    if (saved) setSession({ ...JSON.parse(saved), status: 'signedIn', offline: true });
    else setSession({ status: 'signedOut', offline: true });
    return;
  }
  if (!body) return endSession();
  applySessionBody(body);
  await reloadMemberships().catch(() => {});
}

export async function signIn(input: { email: string; password: string }) {
  const body = await call(publicClient.POST('/api/v1/auth/login', { body: input }));
  applySessionBody(body);
  await reloadMemberships();
}

export async function signUp(input: {
  email: string;
  password: string;
  name: string;
  orgName: string;
}) {
  const body = await call(publicClient.POST('/api/v1/auth/register', { body: input }));
  applySessionBody(body);
  await reloadMemberships();
}

export async function signOut() {
  await withCrossTabLock(() => call(publicClient.POST('/api/v1/auth/logout'))).catch(() => {});
  endSession();
  channel?.postMessage('signed-out');
}

/** Switch-org rotates the refresh cookie, so it takes the same cross-tab lock as a refresh. */
export async function switchOrg(orgId: string) {
  const body = await withCrossTabLock(() =>
    call(client.POST('/api/v1/auth/switch-org', { body: { orgId } })),
  );
  applySessionBody(body);
  await reloadMemberships();
  channel?.postMessage('org-switched');
}

export async function createOrg(name: string): Promise<OrgRef> {
  const org = await call(client.POST('/api/v1/orgs', { body: { name } }));
  await switchOrg(org.id);
  return org;
}

/** After leaving the active org: land in another membership, or in none. */
export async function afterLeavingOrg() {
  await reloadMemberships();
  channel?.postMessage('org-switched');
}

let forbiddenCheck: ReturnType<typeof setTimeout> | undefined;

setAuthHooks({
  onSessionLost: () => {
    if (session.status === 'signedIn') endSession();
  },
  // A refused action usually means the role changed under us: re-read it, once per burst.
  onForbidden: () => {
    clearTimeout(forbiddenCheck);
    forbiddenCheck = setTimeout(() => void reloadMemberships().catch(() => {}), 100);
  },
});

onSessionRefreshed((body) => {
  if (!body) {
    if (session.status === 'signedIn') endSession();
    return;
  }
  setSession({ user: body.user, activeOrg: body.org, offline: false });
});

channel?.addEventListener('message', (event) => {
  if (event.data === 'signed-out') endSession();
  if (event.data === 'org-switched') void restoreSession();
});

if (typeof window !== 'undefined')
  window.addEventListener('online', () => {
    if (session.offline) void restoreSession();
  });
