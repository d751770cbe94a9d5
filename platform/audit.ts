/**
 * @module Audit entries. `auditEntry` builds the insert so a route can put it in the same D1
 * batch as the change it records: the change and its record commit together or not at all.
 * For a guarded change (an UPDATE whose WHERE may match nothing) pass `onlyIfChanged`, placed
 * right after that statement: SQLite's `changes()` then tells whether anything was written.
 */
import { sql } from 'drizzle-orm';
import { newId } from '../domain/ids.ts';
import { auditLog } from '../schema/audit.ts';
import type { AuditAction } from '../schema/inputs/audit.ts';
import type { Db } from './db.ts';
import {
  actorOf,
  clientIp,
  type OrgPrincipal,
  type RequestOrigin,
  type UserPrincipal,
} from './principal.ts';

export interface AuditEvent {
  orgId: string;
  action: AuditAction;
  targetType: string;
  targetId?: string | null;
  data?: Record<string, unknown>;
}

export type AuditRow = ReturnType<typeof auditRow>;

/**
 * The audit row itself, for a change written elsewhere than here: a board room writes it to D1 in
 * the same batch as the timeline event it records (a note).
 */
export function auditRow(
  c: RequestOrigin | null,
  who: OrgPrincipal | UserPrincipal | null,
  event: AuditEvent,
) {
  const { actorType, actorId } = actorOf(who);
  return {
    id: newId(),
    orgId: event.orgId,
    actorType,
    actorId,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId ?? null,
    ip: c ? clientIp(c) : null,
    data: event.data ?? null,
    createdAt: new Date(),
  };
}

export function auditEntry(
  db: Db,
  c: RequestOrigin | null,
  who: OrgPrincipal | UserPrincipal | null,
  event: AuditEvent,
  options: { onlyIfChanged?: boolean } = {},
) {
  const row = auditRow(c, who, event);
  if (!options.onlyIfChanged) return db.insert(auditLog).values(row);
  // Columns in the table's declared order, which is the order drizzle lists them for INSERT … SELECT.
  return db.insert(auditLog).select(
    sql`select ${row.id}, ${row.orgId}, ${row.actorType}, ${row.actorId}, ${row.action},
      ${row.targetType}, ${row.targetId}, ${row.ip}, ${row.data ? JSON.stringify(row.data) : null},
      ${row.createdAt.getTime()} where changes() > 0`,
  );
}
