/**
 * @module Who is acting, as every layer below HTTP sees it: a person in an org, a person before
 * picking one, or an API key. `worker/middleware/authenticate.ts` makes principals from requests;
 * services, rooms and queues only read them, so the ids a row records come from here alone.
 */
import type { Role } from '../domain/permissions.ts';

export interface UserPrincipal {
  kind: 'user';
  userId: string;
  /** The org the session acts in; empty when the person belongs to none. */
  activeOrgId: string;
}

export type OrgPrincipal =
  | { kind: 'user'; userId: string; orgId: string; role: Role }
  | { kind: 'api_key'; keyId: string; orgId: string; scopes: string[] };

/** Who makes a change in a room, as the room records it: a person, an API key or the system. */
export type Actor =
  | { kind: 'user'; userId: string }
  | { kind: 'api_key'; keyId: string }
  | { kind: 'system' };

/** The id a row records as its author: the person, or the API key that wrote it. */
export function actorId(who: OrgPrincipal): string {
  return who.kind === 'user' ? who.userId : who.keyId;
}

/** The person behind a change, or null when an API key made it. */
export function memberId(who: OrgPrincipal | UserPrincipal): string | null {
  return who.kind === 'user' ? who.userId : null;
}

/** Who did it, as the audit log records it. */
export function actorOf(who: OrgPrincipal | UserPrincipal | null) {
  if (!who) return { actorType: 'system' as const, actorId: null };
  return who.kind === 'api_key'
    ? { actorType: 'api_key' as const, actorId: who.keyId }
    : { actorType: 'user' as const, actorId: who.userId };
}

/** What the layers below HTTP may read of a request: its headers (Hono's context fits). */
export interface RequestOrigin {
  req: { header(name: string): string | undefined };
}

/** The caller's address as Cloudflare reports it, for audit entries and rate limits. */
export function clientIp(origin: RequestOrigin): string {
  return origin.req.header('cf-connecting-ip') ?? origin.req.header('x-real-ip') ?? 'unknown';
}
