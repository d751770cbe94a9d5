/** @module Reading the audit log, newest first, a page at a time. */

import { desc, eq, lt } from 'drizzle-orm';
import * as v from 'valibot';
import { page } from '../../platform/pagination.ts';
import { auditLog } from '../../schema/audit.ts';
import { PageQuery } from '../../schema/inputs/common.ts';
import { AuditLog } from '../../schema/outputs/accounts.ts';
import { Routes } from '../router.ts';

const AuditQuery = v.object({
  ...PageQuery.entries,
  action: v.optional(v.pipe(v.string(), v.maxLength(80))),
  actorId: v.optional(v.pipe(v.string(), v.maxLength(80))),
});

export const auditLogRoutes = new Routes('Audit log').get(
  '/org/audit-log',
  {
    summary: 'Audit log: who changed what, when and from where (cursor pagination)',
    auth: 'audit:read',
    query: AuditQuery,
    responses: {
      200: {
        description: 'A page of entries, newest first, and the cursor of the next page.',
        schema: AuditLog,
      },
    },
  },
  async ({ c, db, org, query }) => {
    const rows = await db
      .select()
      .from(auditLog)
      .where(
        org.where(
          auditLog,
          query.cursor ? lt(auditLog.id, query.cursor) : undefined,
          query.action ? eq(auditLog.action, query.action) : undefined,
          query.actorId ? eq(auditLog.actorId, query.actorId) : undefined,
        ),
      )
      .orderBy(desc(auditLog.id))
      .limit(query.limit + 1);
    return c.json(page(rows, query.limit));
  },
);
