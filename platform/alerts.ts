/**
 * @module Alerts: stored once per dedup key (a condition that persists is raised once, not on
 * every run) and pushed live to the org's open tabs. `kind` and `data` are what the web words in
 * the reader's language; `title` and `detail` are the English for API clients.
 */

import { newId } from '../domain/ids.ts';
import { alerts } from '../schema/jobs.ts';
import { database } from './db.ts';
import type { Env } from './env.ts';
import { publishToOrg } from './live-events.ts';

export type NewAlert = Omit<typeof alerts.$inferInsert, 'id' | 'createdAt' | 'readAt'>;

/** Returns true when the alert is new, false when its dedup key was already raised. */
export async function raiseAlert(env: Env, alert: NewAlert): Promise<boolean> {
  const row = await database(env.DB)
    .insert(alerts)
    .values({ id: newId(), ...alert })
    .onConflictDoNothing()
    .returning()
    .get();
  if (!row) return false;
  await publishToOrg(env, alert.orgId, {
    type: 'alert',
    alert: {
      id: row.id,
      kind: row.kind,
      severity: row.severity,
      title: row.title,
      detail: row.detail,
      data: row.data,
    },
  });
  return true;
}
