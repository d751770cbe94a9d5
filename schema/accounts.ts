/** @module People and their sessions: users and rotating refresh tokens. */
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, timestamp } from './columns.ts';

export const users = sqliteTable('users', {
  id: id(),
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  /** `pbkdf2-sha256$<iterations>$<salt b64>$<hash b64>`; null for accounts that only use Google. */
  passwordHash: text('password_hash'),
  googleSub: text('google_sub').unique(),
  locale: text('locale').notNull().default('pt-BR'),
  createdAt: createdAt(),
});

/**
 * One row per issued refresh token. Tokens rotate on every use; all tokens of one sign-in share a
 * family, so presenting a used token revokes the whole family (the token was stolen or replayed).
 */
export const refreshTokens = sqliteTable(
  'refresh_tokens',
  {
    id: id(),
    userId: text('user_id').notNull(),
    familyId: text('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** The organization the session acts in; switch-org changes it. */
    orgId: text('org_id').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    usedAt: timestamp('used_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family').on(t.familyId)],
);
