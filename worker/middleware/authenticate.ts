/**
 * @module The one auth check. A bearer token is either an access JWT (a person) or an API key
 * (`gl_…`, an external client). People act with the role their membership has now, read from D1
 * on every request, so a role change or a removal applies at once rather than when the 15-minute
 * token expires. Keys act within their scopes.
 */
import { and, eq } from 'drizzle-orm';
import { type Permission, roleAllows } from '../../domain/permissions.ts';
import { database } from '../../platform/db.ts';
import type { OrgPrincipal, UserPrincipal } from '../../platform/principal.ts';
import { forbidden, unauthorized } from '../../platform/problem.ts';
import { verifyAccessToken } from '../../platform/tokens.ts';
import { members } from '../../schema/orgs.ts';
import { findActiveApiKey, isApiKey, touchApiKey } from '../../services/accounts/api-keys.ts';
import type { AppContext } from '../router.ts';

export function bearerToken(c: AppContext): string | null {
  const header = c.req.header('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match?.[1] ?? null;
}

export async function authenticate(c: AppContext, auth: 'user'): Promise<UserPrincipal>;
export async function authenticate(c: AppContext, auth: Permission): Promise<OrgPrincipal>;
export async function authenticate(
  c: AppContext,
  auth: 'user' | Permission,
): Promise<UserPrincipal | OrgPrincipal>;
export async function authenticate(
  c: AppContext,
  auth: 'user' | Permission,
): Promise<UserPrincipal | OrgPrincipal> {
  const token = bearerToken(c);
  if (!token) throw unauthorized();

  if (isApiKey(token)) {
    if (auth === 'user') throw forbidden('This route is for signed-in people, not API keys.');
    const key = await findActiveApiKey(c.env.DB, token);
    if (!key) throw unauthorized('This API key is unknown, revoked or expired.');
    if (!key.scopes.includes(auth)) throw forbidden(`This API key lacks the "${auth}" scope.`);
    c.executionCtx.waitUntil(touchApiKey(c.env.DB, key));
    return { kind: 'api_key', keyId: key.id, orgId: key.orgId, scopes: key.scopes };
  }

  const claims = await verifyAccessToken(c.env.JWT_SECRET, token);
  if (!claims) throw unauthorized('Your session has expired or the token is invalid.');
  if (auth === 'user') return { kind: 'user', userId: claims.sub, activeOrgId: claims.org };

  const membership = claims.org
    ? await database(c.env.DB)
        .select({ role: members.role })
        .from(members)
        .where(and(eq(members.orgId, claims.org), eq(members.userId, claims.sub)))
        .get()
    : undefined;
  if (!membership) throw forbidden('You are not a member of this organization.');
  if (!roleAllows(membership.role, auth))
    throw forbidden(`Your role (${membership.role}) does not allow this.`);
  return { kind: 'user', userId: claims.sub, orgId: claims.org, role: membership.role };
}
