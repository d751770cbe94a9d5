/**
 * @module Usage reports from the D1 mirror of the ledger: credits captured in a range, grouped
 * by day (in the org's time zone), provider, model or member. Days are cut on the org's clock:
 * SQL groups by quarter hour (every time zone's offset is a multiple of 15 minutes), then each
 * quarter is put in its local day here.
 */
import { eq, gte, lt, sql } from 'drizzle-orm';
import { localDay } from '../../domain/credits/rules.ts';
import type { Db, OrgScope } from '../../platform/db.ts';
import { users } from '../../schema/accounts.ts';
import { creditEntries } from '../../schema/credits.ts';
import type { USAGE_GROUPS } from '../../schema/inputs/credits.ts';

export type UsageGroup = (typeof USAGE_GROUPS)[number];

export interface UsageLine {
  key: string | null;
  label: string | null;
  credits: number;
  captures: number;
}

const QUARTER_HOUR_MS = 15 * 60 * 1000;

/** Every local day touched by [from, to), in order: the chart shows days with no usage too. */
export function daysBetween(from: number, to: number, timeZone: string): string[] {
  const days: string[] = [];
  for (let t = from; t < to; t += QUARTER_HOUR_MS) {
    const day = localDay(t, timeZone);
    if (days.at(-1) !== day) days.push(day);
  }
  const last = localDay(Math.max(from, to - 1), timeZone);
  if (days.at(-1) !== last) days.push(last);
  return days;
}

export async function usageReport(
  db: Db,
  org: OrgScope,
  range: { from: number; to: number; groupBy: UsageGroup; timeZone: string },
): Promise<UsageLine[]> {
  const captured = org.where(
    creditEntries,
    eq(creditEntries.kind, 'capture'),
    gte(creditEntries.createdAt, new Date(range.from)),
    lt(creditEntries.createdAt, new Date(range.to)),
  );
  const credits = sql<number>`sum(${creditEntries.credits})`.mapWith(Number);
  const captures = sql<number>`count(*)`.mapWith(Number);

  if (range.groupBy === 'day') {
    const quarter = sql<number>`(${creditEntries.createdAt} / ${QUARTER_HOUR_MS})`.mapWith(Number);
    const rows = await db
      .select({ quarter, credits, captures })
      .from(creditEntries)
      .where(captured)
      .groupBy(quarter);
    const byDay = new Map(
      daysBetween(range.from, range.to, range.timeZone).map((d) => [
        d,
        { credits: 0, captures: 0 },
      ]),
    );
    for (const row of rows) {
      const day = byDay.get(localDay(row.quarter * QUARTER_HOUR_MS, range.timeZone));
      if (!day) continue;
      day.credits += row.credits;
      day.captures += row.captures;
    }
    return [...byDay].map(([day, t]) => ({ key: day, label: day, ...t }));
  }

  if (range.groupBy === 'member') {
    const rows = await db
      .select({ key: creditEntries.memberId, label: users.name, credits, captures })
      .from(creditEntries)
      .leftJoin(users, eq(users.id, creditEntries.memberId))
      .where(captured)
      .groupBy(creditEntries.memberId);
    return rows.sort((a, b) => b.credits - a.credits);
  }

  const rows = await db
    .select({ provider: creditEntries.provider, model: creditEntries.model, credits, captures })
    .from(creditEntries)
    .where(captured)
    .groupBy(creditEntries.provider, ...(range.groupBy === 'model' ? [creditEntries.model] : []));
  return rows
    .map(({ provider, model, ...totals }) =>
      range.groupBy === 'provider'
        ? { key: provider, label: provider, ...totals }
        : // The same model name can come from two providers: keep them apart.
          { key: `${provider}/${model}`, label: model, ...totals },
    )
    .sort((a, b) => b.credits - a.credits);
}
