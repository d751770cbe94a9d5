/** @module Column helpers every table shares: UUIDv7 ids, UTC millisecond timestamps, the org key. */
import { integer, text } from 'drizzle-orm/sqlite-core';

export const id = () => text('id').primaryKey();
export const orgId = () => text('org_id').notNull();
export const createdAt = () =>
  integer('created_at', { mode: 'timestamp_ms' })
    .notNull()
    .$defaultFn(() => new Date());
export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
