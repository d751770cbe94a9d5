/**
 * @module Sign-in sessions: a 15-minute access JWT plus a rotating refresh token in an httpOnly
 * cookie. Each refresh marks the presented token used and issues the next one in the same
 * family; a used token presented again means it leaked, so the whole family is revoked.
 */
import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import { newId, randomToken, sha256Hex } from '../../domain/ids.ts';
import type { Role } from '../../domain/permissions.ts';
import type { Db } from '../../platform/db.ts';
import { ACCESS_TOKEN_TTL_SECONDS, signAccessToken } from '../../platform/tokens.ts';
import { refreshTokens, type users } from '../../schema/accounts.ts';
import { members, orgs } from '../../schema/orgs.ts';

export const REFRESH_TTL_MS = 30 * 24 * 3600 * 1000;

export async function mintRefreshToken(
  db: Db,
  session: { userId: string; orgId: string; familyId?: string },
) {
  const token = randomToken(32);
  const insert = db.insert(refreshTokens).values({
    id: newId(),
    userId: session.userId,
    orgId: session.orgId,
    familyId: session.familyId ?? newId(),
    tokenHash: await sha256Hex(token),
    expiresAt: new Date(Date.now() + REFRESH_TTL_MS),
  });
  return { token, insert };
}

/**
 * Spends a refresh token and issues its successor. Null when the token is unknown, expired,
 * revoked or already used (the last also revokes its family).
 */
export async function rotateRefreshToken(db: Db, token: string, orgId?: string) {
  const tokenHash = await sha256Hex(token);
  const now = new Date();
  // One conditional UPDATE: of two concurrent refreshes with the same token only one wins.
  const spent = await db
    .update(refreshTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(refreshTokens.tokenHash, tokenHash),
        isNull(refreshTokens.usedAt),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, now),
      ),
    )
    .returning({
      userId: refreshTokens.userId,
      familyId: refreshTokens.familyId,
      orgId: refreshTokens.orgId,
    })
    .get();
  if (!spent) {
    const seen = await db
      .select({ familyId: refreshTokens.familyId, usedAt: refreshTokens.usedAt })
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, tokenHash))
      .get();
    if (seen?.usedAt) await revokeFamily(db, seen.familyId);
    return null;
  }
  const next = await mintRefreshToken(db, { ...spent, orgId: orgId ?? spent.orgId });
  await next.insert;
  return { userId: spent.userId, orgId: orgId ?? spent.orgId, token: next.token };
}

export async function revokeFamily(db: Db, familyId: string) {
  await db
    .update(refreshTokens)
    .set({ revokedAt: new Date() })
    .where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt)));
}

export async function revokeByToken(db: Db, token: string) {
  const row = await db
    .select({ familyId: refreshTokens.familyId })
    .from(refreshTokens)
    .where(eq(refreshTokens.tokenHash, await sha256Hex(token)))
    .get();
  if (row) await revokeFamily(db, row.familyId);
}

/** The org a session lands in: the requested one if still a member, else the first joined. */
export async function resolveMembership(db: Db, userId: string, preferredOrgId?: string) {
  const rows = await db
    .select({ org: { id: orgs.id, name: orgs.name, slug: orgs.slug }, role: members.role })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.userId, userId))
    .orderBy(asc(members.createdAt));
  return rows.find((r) => r.org.id === preferredOrgId) ?? rows[0] ?? null;
}

/** The org of the user's most recent session, so signing in again returns to where they were. */
export async function lastActiveOrgId(db: Db, userId: string): Promise<string | undefined> {
  const row = await db
    .select({ orgId: refreshTokens.orgId })
    .from(refreshTokens)
    .where(eq(refreshTokens.userId, userId))
    .orderBy(desc(refreshTokens.id))
    .limit(1)
    .get();
  return row?.orgId || undefined;
}

export interface SessionBody {
  accessToken: string;
  expiresIn: number;
  user: { id: string; email: string; name: string; locale: string };
  org: { id: string; name: string; slug: string; role: Role } | null;
}

/** The JSON every sign-in style route answers with. */
export async function sessionBody(
  secret: string,
  user: typeof users.$inferSelect,
  membership: { org: { id: string; name: string; slug: string }; role: Role } | null,
): Promise<SessionBody> {
  const accessToken = await signAccessToken(secret, user.id, {
    org: membership?.org.id ?? '',
    role: membership?.role ?? 'viewer',
  });
  return {
    accessToken,
    expiresIn: ACCESS_TOKEN_TTL_SECONDS,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale },
    org: membership ? { ...membership.org, role: membership.role } : null,
  };
}
