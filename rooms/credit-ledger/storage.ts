/**
 * @module The CreditLedger's own storage: its SQLite tables (created on every start, idempotently)
 * and the copy of its entries into D1's `credit_entries`, where statements and reports read them.
 * The room's storage is the truth; the mirror follows in batches, at most once per entry (a batch
 * retried after a crash inserts nothing twice: `on conflict do nothing`, then marked mirrored).
 */
import type { Db } from '../../platform/db.ts';
import { creditEntries } from '../../schema/credits.ts';
import type { EntryKind, Usage } from '../../services/credits/ledger-api.ts';

/** D1 binds at most 100 parameters per statement; an entry row has 20 columns. */
const MIRROR_ROWS_PER_STATEMENT = 5;
const MIRROR_ROWS_PER_ALARM = 500;

type Row = Record<string, SqlStorageValue>;

export const LEDGER_TABLES = `
      create table if not exists meta (k text primary key, v text not null);
      create table if not exists totals (
        id integer primary key check (id = 1),
        balance integer not null check (balance >= 0),
        held integer not null check (held >= 0),
        check (held <= balance)
      );
      insert or ignore into totals (id, balance, held) values (1, 0, 0);
      create table if not exists entries (
        seq integer primary key autoincrement,
        id text not null unique,
        key text not null,
        kind text not null,
        credits integer not null,
        balance_delta integer not null,
        balance_after integer not null,
        held_after integer not null,
        hold_id text, member_id text, actor_id text, reason text, usage text, meta text,
        created_at integer not null,
        mirrored integer not null default 0
      );
      create index if not exists entries_unmirrored on entries (seq) where mirrored = 0;
      create table if not exists operations (
        key text primary key, op text not null, fingerprint text not null,
        result text not null, created_at integer not null
      );
      create table if not exists holds (
        id text primary key, credits integer not null, member_id text, reason text not null,
        status text not null, created_at integer not null, expires_at integer not null, meta text
      );
      create index if not exists holds_open on holds (expires_at) where status = 'open';
      create index if not exists holds_member_open on holds (member_id) where status = 'open';
      create table if not exists lots (
        entry_id text primary key, remaining integer not null, expires_at integer not null
      );
      create table if not exists payments (
        ref text primary key, credits integer, amount_minor integer,
        cumulative_refunded_minor integer not null default 0,
        refunded_credits integer not null default 0
      );
      create table if not exists payment_refunds (
        refund_id text primary key, payment_ref text not null, amount_minor integer not null
      );
      create table if not exists spend (
        period text not null, scope text not null, spent integer not null,
        primary key (period, scope)
      );
      create table if not exists threshold_marks (
        period text not null, scope text not null, threshold integer not null,
        primary key (period, scope, threshold)
      );
      create table if not exists recharges (
        id text primary key, period text not null, status text not null,
        amount_minor integer not null, credits integer not null, currency text not null,
        payment_ref text, error text, created_at integer not null
      );
      create table if not exists outbox (
        id integer primary key autoincrement, item text not null,
        attempts integer not null default 0, due_at integer not null
      );
    `;

/**
 * Copies the next batch of unmirrored entries into D1 and marks them mirrored; says whether any
 * were copied and whether more are waiting.
 */
export async function mirrorEntriesToD1(
  sql: SqlStorage,
  db: Db,
  orgId: string,
): Promise<{ mirrored: boolean; more: boolean }> {
  const rows = sql
    .exec<Row>(
      'select * from entries where mirrored = 0 order by seq limit ?',
      MIRROR_ROWS_PER_ALARM + 1,
    )
    .toArray();
  if (!rows.length) return { mirrored: false, more: false };
  const batch = rows.slice(0, MIRROR_ROWS_PER_ALARM);
  const values = batch.map((r) => {
    const usage = r.usage ? (JSON.parse(r.usage as string) as Usage) : null;
    const meta = r.meta ? (JSON.parse(r.meta as string) as Record<string, unknown>) : null;
    return {
      id: r.id as string,
      orgId: orgId,
      seq: r.seq as number,
      kind: r.kind as EntryKind,
      credits: r.credits as number,
      balanceDelta: r.balance_delta as number,
      balanceAfter: r.balance_after as number,
      heldAfter: r.held_after as number,
      holdId: r.hold_id as string | null,
      memberId: r.member_id as string | null,
      actorId: r.actor_id as string | null,
      reason: r.reason as string | null,
      provider: usage?.provider ?? null,
      model: usage?.model ?? null,
      priceVersion: usage?.priceVersion ?? null,
      usage,
      meta,
      paymentRef: typeof meta?.paymentRef === 'string' ? meta.paymentRef : null,
      idempotencyKey: r.key as string,
      createdAt: new Date(r.created_at as number),
    };
  });
  const statements = [];
  for (let i = 0; i < values.length; i += MIRROR_ROWS_PER_STATEMENT)
    statements.push(
      db
        .insert(creditEntries)
        .values(values.slice(i, i + MIRROR_ROWS_PER_STATEMENT))
        .onConflictDoNothing(),
    );
  await db.batch(statements as [(typeof statements)[0], ...typeof statements]);
  sql.exec(
    'update entries set mirrored = 1 where mirrored = 0 and seq between ? and ?',
    batch[0]!.seq,
    batch.at(-1)!.seq,
  );
  return { mirrored: true, more: rows.length > MIRROR_ROWS_PER_ALARM };
}
