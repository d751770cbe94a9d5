/**
 * @module D1 through drizzle, and the one org-scoping helper. Every read, update or delete of a
 * table that carries `org_id` goes through `orgScope(orgId).where(...)`; inserts take `orgId`
 * from the same scope. A route never builds an org filter by hand.
 */
import { and, eq, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/d1';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema/index.ts';

export type Db = ReturnType<typeof database>;

export function database(d1: D1Database) {
  return drizzle(d1, { schema });
}

export interface OrgScope {
  readonly orgId: string;
  /** `org_id = :orgId AND …conditions` for any table that has an `orgId` column. */
  where(table: { orgId: SQLiteColumn }, ...conditions: (SQL | undefined)[]): SQL;
}

export function orgScope(orgId: string): OrgScope {
  return {
    orgId,
    where: (table, ...conditions) => and(eq(table.orgId, orgId), ...conditions) as SQL,
  };
}

/** SQLite's unique-constraint failure, as D1 reports it (also when wrapped by drizzle). */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    if (String((e as Error).message ?? e).includes('UNIQUE constraint failed')) return true;
  }
  return false;
}
