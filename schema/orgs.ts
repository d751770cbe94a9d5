/** @module Organizations and who may act in them: members, invitations, API keys. */
import { index, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ROLES } from '../domain/permissions.ts';
import { createdAt, id, orgId, timestamp } from './columns.ts';

export const orgs = sqliteTable('orgs', {
  id: id(),
  name: text('name').notNull(),
  slug: text('slug').notNull().unique(),
  timeZone: text('time_zone').notNull().default('America/Sao_Paulo'),
  currency: text('currency').notNull().default('BRL'),
  locale: text('locale').notNull().default('pt-BR'),
  plan: text('plan').notNull().default('free'),
  createdAt: createdAt(),
});

export const members = sqliteTable(
  'members',
  {
    orgId: orgId(),
    userId: text('user_id').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.userId] }), index('members_user').on(t.userId)],
);

export const invitations = sqliteTable(
  'invitations',
  {
    id: id(),
    orgId: orgId(),
    email: text('email').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').notNull(),
    expiresAt: timestamp('expires_at').notNull(),
    acceptedAt: timestamp('accepted_at'),
    acceptedBy: text('accepted_by'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('invitations_org').on(t.orgId)],
);

export const apiKeys = sqliteTable(
  'api_keys',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    /** The key's first characters, shown in lists so people can tell keys apart. */
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    scopes: text('scopes', { mode: 'json' }).$type<string[]>().notNull(),
    createdBy: text('created_by').notNull(),
    lastUsedAt: timestamp('last_used_at'),
    expiresAt: timestamp('expires_at'),
    revokedAt: timestamp('revoked_at'),
    createdAt: createdAt(),
  },
  (t) => [index('api_keys_org').on(t.orgId)],
);
