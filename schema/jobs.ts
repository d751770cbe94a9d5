/** @module Background jobs and alerts shared by every queue. */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id, orgId, timestamp } from './columns.ts';

export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;

/**
 * A job row is written before its queue message is sent; consumers read it before acting, so a
 * redelivered message finds the job already done and does nothing twice.
 */
export const jobs = sqliteTable(
  'jobs',
  {
    id: id(),
    orgId: orgId(),
    queue: text('queue', { enum: ['generation', 'messaging', 'ads', 'imports'] }).notNull(),
    kind: text('kind').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    status: text('status', { enum: JOB_STATUSES }).notNull().default('queued'),
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    input: text('input', { mode: 'json' }).$type<Record<string, unknown>>(),
    result: text('result', { mode: 'json' }).$type<Record<string, unknown>>(),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    uniqueIndex('jobs_org_idempotency').on(t.orgId, t.idempotencyKey),
    index('jobs_org_status').on(t.orgId, t.status),
  ],
);

export const ALERT_SEVERITIES = ['info', 'warning', 'critical'] as const;

export const alerts = sqliteTable(
  'alerts',
  {
    id: id(),
    orgId: orgId(),
    kind: text('kind').notNull(),
    severity: text('severity', { enum: ALERT_SEVERITIES }).notNull(),
    title: text('title').notNull(),
    detail: text('detail'),
    /** Same key, same alert: a condition that persists is raised once, not every run. */
    dedupKey: text('dedup_key').notNull(),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    readAt: timestamp('read_at'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('alerts_org_dedup').on(t.orgId, t.dedupKey),
    index('alerts_org').on(t.orgId, t.id),
  ],
);
