/** @module Daily clean-up: sign-in rows that can never be used again. */
import { and, isNotNull, lt, or } from 'drizzle-orm';
import { database } from '../platform/db.ts';
import type { Env } from '../platform/env.ts';
import { refreshTokens } from '../schema/accounts.ts';
import { invitations } from '../schema/orgs.ts';

/** Used or revoked refresh tokens are kept a week, so a replay is still recognized and revokes. */
const KEEP_SPENT_MS = 7 * 24 * 3600 * 1000;
/** Expired invitations stay a month so the inviter can see what happened to them. */
const KEEP_EXPIRED_INVITES_MS = 30 * 24 * 3600 * 1000;

export async function cleanUpExpiredRows(env: Env, now: Date) {
  const db = database(env.DB);
  const spentBefore = new Date(now.getTime() - KEEP_SPENT_MS);
  const [tokens, invites] = await db.batch([
    db
      .delete(refreshTokens)
      .where(
        or(
          lt(refreshTokens.expiresAt, now),
          and(isNotNull(refreshTokens.usedAt), lt(refreshTokens.usedAt, spentBefore)),
          and(isNotNull(refreshTokens.revokedAt), lt(refreshTokens.revokedAt, spentBefore)),
        ),
      ),
    db
      .delete(invitations)
      .where(lt(invitations.expiresAt, new Date(now.getTime() - KEEP_EXPIRED_INVITES_MS))),
  ]);
  return { refreshTokensDeleted: tokens.meta.changes, invitationsDeleted: invites.meta.changes };
}
