/** @module Alerts raised for the org (budgets, failing jobs, platform trouble), newest first. */

import { desc, eq, isNull, lt } from 'drizzle-orm';
import * as v from 'valibot';
import { auditEntry } from '../../platform/audit.ts';
import { page } from '../../platform/pagination.ts';
import { notFound } from '../../platform/problem.ts';
import { IdParams, PageQuery } from '../../schema/inputs/common.ts';
import { alerts } from '../../schema/jobs.ts';
import { Alerts } from '../../schema/outputs/accounts.ts';
import { Routes } from '../router.ts';

export const alertRoutes = new Routes('Alerts')
  .get(
    '/alerts',
    {
      summary: 'Alerts, newest first (cursor pagination)',
      auth: 'alerts:read',
      query: v.object({ ...PageQuery.entries, unread: v.optional(v.picklist(['true', 'false'])) }),
      responses: { 200: { description: 'A page of alerts.', schema: Alerts } },
    },
    async ({ c, db, org, query }) => {
      const rows = await db
        .select()
        .from(alerts)
        .where(
          org.where(
            alerts,
            query.cursor ? lt(alerts.id, query.cursor) : undefined,
            query.unread === 'true' ? isNull(alerts.readAt) : undefined,
          ),
        )
        .orderBy(desc(alerts.id))
        .limit(query.limit + 1);
      return c.json(page(rows, query.limit));
    },
  )
  .post(
    '/alerts/:id/read',
    {
      summary: 'Mark an alert as read',
      auth: 'alerts:update',
      params: IdParams,
      responses: { 204: 'Marked.', 404: 'No such alert.' },
    },
    async ({ c, db, org, who, params }) => {
      const [marked] = await db.batch([
        db
          .update(alerts)
          .set({ readAt: new Date() })
          .where(org.where(alerts, eq(alerts.id, params.id)))
          .returning({ id: alerts.id }),
        auditEntry(
          db,
          c,
          who,
          { orgId: org.orgId, action: 'alert.read', targetType: 'alert', targetId: params.id },
          { onlyIfChanged: true },
        ),
      ]);
      if (!marked[0]) throw notFound('Alert');
      return c.body(null, 204);
    },
  );
