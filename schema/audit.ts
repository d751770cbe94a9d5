/** @module The audit log: who changed what, when and from where. Append-only. */
import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, orgId } from './columns.ts';

export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id(),
    orgId: orgId(),
    actorType: text('actor_type', { enum: ['user', 'api_key', 'system'] }).notNull(),
    actorId: text('actor_id'),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id'),
    ip: text('ip'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_org_id').on(t.orgId, t.id)],
);
