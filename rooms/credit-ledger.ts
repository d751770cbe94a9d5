/**
 * @module CreditLedger: one per organization (named by its id), the single writer of its
 * credit balance. Money is never a CRDT: every operation runs serially in one SQLite transaction,
 * exactly once per idempotency key, and never overdraws. Reserve first: work that will cost
 * credits places a hold (refused when it exceeds what is available or a spend limit), then
 * captures at most what it held; the rest is released. Side effects that leave the object
 * (the D1 mirror for statements and reports, live balance events, alerts, auto-recharge
 * payments) go through an outbox delivered by the alarm, so a slow D1 or payment provider never
 * holds up, or is lost by, an operation.
 *
 * Interface (RPC; reach it through `ledgerOf(env, orgId)` in services/credits/ledger-client.ts;
 * writes answer the one room result shape, whose refusals `unwrap` (platform/room-refusal.ts)
 * turns into 402/409 problems):
 * - `hold({key, credits, memberId, reason, ttlSeconds?, meta?})` → `{holdId, credits, expiresAt, available}`;
 *   refused with `insufficient_credits` (`missing`, `available`) or `spend_limit` (`scope`, `limit`, `remaining`).
 * - `capture({key, holdId, credits, usage?})` → `{holdId, captured, released, balance, available}`:
 *   credits ≤ held, the rest released; `usage` {provider, model, priceVersion, units, cached?} feeds usage reports.
 * - `release({key, holdId})` → `{holdId, released, available}` (0 when the hold was already closed).
 * - `grant({key, credits, reason, expiresAt?, meta?})`, `purchase({key, paymentRef, credits, amountMinor,
 *   currency, reason, expiresAt?, meta?})`, `refund({key, paymentRef, refundId?, refundedMinor, reason})`,
 *   `adjust({key, credits, reason, actorId})` → `{entryId, balance, available}`.
 * - `balance()` → `{balance, held, available}`; `openHolds()`; `settings()` / `configure(settings)`.
 * Every write is idempotent by `key`: the same key returns the first result and changes nothing;
 * the same key with different arguments is refused (`key_reused`). Refusals are not remembered, so
 * a refused hold may be retried with its key once credits arrive.
 *
 * `reason` is a code from CREDIT_REASONS (schema/credits.ts) with optional `reasonParams`: the
 * statement words it in the reader's language. The words are not part of what a replay must
 * repeat: the same operation worded otherwise (say, across a deploy) is still the same operation.
 *
 * Private helpers beside it: `credit-ledger/api.ts` (the operations' inputs and answers, which
 * services import) and `credit-ledger/storage.ts` (its SQLite tables and the D1 mirror of its
 * entries); the pure rules (lots, limits, refunds, recharge) are in domain/credits/rules.ts.
 */
import { DurableObject } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import {
  monthPeriod,
  rechargeDecision,
  refundedCredits,
  refundedMinorSoFar,
  spendLimitBreach,
  takeFromLots,
  thresholdsReached,
} from '../domain/credits/rules.ts';
import { newId } from '../domain/ids.ts';
import { type LedgerRefusal, ok, refuse } from '../domain/room-result.ts';
import { type NewAlert, raiseAlert } from '../platform/alerts.ts';
import { database } from '../platform/db.ts';
import type { Env } from '../platform/env.ts';
import { publishToOrg } from '../platform/live-events.ts';
import { log } from '../platform/log.ts';
import { paymentsProvider } from '../providers/payments/index.ts';
import { billingAccounts } from '../schema/credits.ts';
import { orgs } from '../schema/orgs.ts';
import type {
  AdjustInput,
  Balance,
  Captured,
  CaptureInput,
  EntryKind,
  GrantInput,
  HoldInput,
  HoldPlaced,
  LedgerResult,
  LedgerSettings,
  OpenHold,
  Posted,
  PurchaseInput,
  ReasonParams,
  RefundInput,
  Released,
  ReleaseInput,
  SpendLimits,
  Usage,
} from '../services/credits/ledger-api.ts';
import { DEFAULT_HOLD_TTL_SECONDS, MAX_HOLD_TTL_SECONDS } from '../services/credits/ledger-api.ts';
import { LEDGER_TABLES, mirrorEntriesToD1 } from './credit-ledger/storage.ts';

const DEFAULT_TIME_ZONE = 'America/Sao_Paulo';
/** Entries reach D1 and open tabs this long after they are written, batched under load. */
const FLUSH_DELAY_MS = 100;

const DEFAULT_SETTINGS: LedgerSettings = {
  spendLimits: { orgMonthly: null, memberMonthly: null, members: {} },
  autoRecharge: null,
};

type Row = Record<string, SqlStorageValue>;

interface EntryDraft {
  kind: EntryKind;
  key: string;
  credits: number;
  balanceDelta: number;
  heldDelta: number;
  holdId?: string | null;
  memberId?: string | null;
  actorId?: string | null;
  reason?: string | null;
  reasonParams?: ReasonParams | null;
  usage?: Usage | null;
  meta?: Record<string, unknown> | null;
}

type OutboxItem =
  | { kind: 'alert'; alert: Omit<NewAlert, 'orgId'> }
  | { kind: 'recharge'; id: string };

/** JSON with sorted keys, so the same arguments always fingerprint the same. */
function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function assertCredits(credits: number, what: string, allowZero = false) {
  if (!Number.isSafeInteger(credits) || credits < 0 || (!allowZero && credits === 0))
    throw new RangeError(`${what} must be a positive whole number of credits, not ${credits}`);
}

const iso = (ms: number) => new Date(ms).toISOString();

/** An operation's arguments without its words, which a replay need not repeat. */
function withoutWords({ reason: _, reasonParams: __, ...rest }: Record<string, unknown>) {
  return rest;
}

export class CreditLedger extends DurableObject<Env> {
  private sql: SqlStorage;
  private orgId = '';
  private timeZone = DEFAULT_TIME_ZONE;
  private alarmAt: number | null = null;
  /** Read on every hold; kept in memory, written through by `configure`. */
  private cachedSettings: LedgerSettings | null = null;
  /** Earliest open-hold or grant expiry not yet swept; Infinity when none. */
  private nextExpiry = Number.POSITIVE_INFINITY;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => {
      this.migrate();
      this.orgId = ctx.id.name ?? this.metaValue('org_id') ?? '';
      if (ctx.id.name && this.metaValue('org_id') !== ctx.id.name)
        this.setMeta('org_id', ctx.id.name);
      this.timeZone = this.metaValue('time_zone') ?? (await this.loadTimeZone());
      this.alarmAt = await ctx.storage.getAlarm();
      this.nextExpiry = this.computeNextExpiry(Date.now());
    });
  }

  private migrate() {
    this.sql.exec(LEDGER_TABLES);
  }

  private metaValue(k: string): string | undefined {
    return this.sql.exec<{ v: string }>('select v from meta where k = ?', k).toArray()[0]?.v;
  }

  private setMeta(k: string, v: string) {
    this.sql.exec(
      'insert into meta (k, v) values (?, ?) on conflict (k) do update set v = ?',
      k,
      v,
      v,
    );
  }

  /** Periods follow the org's clock; read once from D1, then kept in sync by `setTimeZone`. */
  private async loadTimeZone(): Promise<string> {
    if (!this.orgId) return DEFAULT_TIME_ZONE;
    const org = await database(this.env.DB)
      .select({ timeZone: orgs.timeZone })
      .from(orgs)
      .where(eq(orgs.id, this.orgId))
      .get();
    const timeZone = org?.timeZone ?? DEFAULT_TIME_ZONE;
    this.setMeta('time_zone', timeZone);
    return timeZone;
  }

  // ---------------------------------------------------------------- reads

  private totals(): Balance {
    const row = this.sql
      .exec<{ balance: number; held: number }>('select balance, held from totals')
      .one();
    return { balance: row.balance, held: row.held, available: row.balance - row.held };
  }

  balance(): Balance {
    this.sweepExpired(Date.now());
    return this.totals();
  }

  openHolds(): OpenHold[] {
    this.sweepExpired(Date.now());
    return this.sql
      .exec<Row>(
        "select id, credits, member_id, reason, created_at, expires_at from holds where status = 'open' order by created_at",
      )
      .toArray()
      .map((h) => ({
        holdId: h.id as string,
        credits: h.credits as number,
        memberId: h.member_id as string | null,
        reason: h.reason as string,
        createdAt: iso(h.created_at as number),
        expiresAt: iso(h.expires_at as number),
      }));
  }

  settings(): LedgerSettings {
    if (!this.cachedSettings) {
      const stored = this.metaValue('settings');
      this.cachedSettings = stored ? (JSON.parse(stored) as LedgerSettings) : DEFAULT_SETTINGS;
    }
    return this.cachedSettings;
  }

  /** What the spend limits have used this month, for the settings page. */
  spendThisMonth(memberIds: string[]): {
    period: string;
    org: number;
    members: Record<string, number>;
  } {
    const period = monthPeriod(Date.now(), this.timeZone);
    return {
      period,
      org: this.spent(period, 'org'),
      members: Object.fromEntries(memberIds.map((id) => [id, this.spent(period, `member:${id}`)])),
    };
  }

  /** Copies pending entries to D1 now instead of at the next alarm (e.g. right after sign-up). */
  async mirrorNow(): Promise<void> {
    while (await this.mirrorEntries());
  }

  /** The floor the benchmark compares against: one RPC that touches nothing. */
  noop(): null {
    return null;
  }

  // ---------------------------------------------------------------- configuration

  configure(settings: LedgerSettings): LedgerSettings {
    this.setMeta('settings', JSON.stringify(settings));
    this.cachedSettings = settings;
    return settings;
  }

  setTimeZone(timeZone: string): void {
    this.timeZone = timeZone;
    this.setMeta('time_zone', timeZone);
  }

  // ---------------------------------------------------------------- operations

  hold(input: HoldInput): LedgerResult<HoldPlaced> {
    assertCredits(input.credits, 'A hold');
    const ttl = Math.min(
      Math.max(1, Math.floor(input.ttlSeconds ?? DEFAULT_HOLD_TTL_SECONDS)),
      MAX_HOLD_TTL_SECONDS,
    );
    return this.once('hold', input, (now) => {
      const before = this.totals();
      if (input.credits > before.available)
        return refuse({
          code: 'insufficient_credits',
          missing: input.credits - before.available,
          available: before.available,
        });
      const breach = this.limitBreach(now, input.memberId, input.credits, before.held);
      if (breach) return refuse(breach);

      const holdId = newId(now);
      const expiresAt = now + ttl * 1000;
      this.sql.exec(
        "insert into holds (id, credits, member_id, reason, status, created_at, expires_at, meta) values (?, ?, ?, ?, 'open', ?, ?, ?)",
        holdId,
        input.credits,
        input.memberId,
        input.reason,
        now,
        expiresAt,
        input.meta || input.reasonParams
          ? JSON.stringify({ ...input.meta, reasonParams: input.reasonParams })
          : null,
      );
      this.post(now, {
        kind: 'hold',
        key: input.key,
        credits: input.credits,
        balanceDelta: 0,
        heldDelta: input.credits,
        holdId,
        memberId: input.memberId,
        reason: input.reason,
        reasonParams: input.reasonParams,
        meta: input.meta ?? null,
      });
      this.nextExpiry = Math.min(this.nextExpiry, expiresAt);
      const after = this.totals();
      this.afterAvailableDrop(now, before.available, after.available);
      return ok({
        holdId,
        credits: input.credits,
        expiresAt: iso(expiresAt),
        available: after.available,
      });
    });
  }

  capture(input: CaptureInput): LedgerResult<Captured> {
    assertCredits(input.credits, 'A capture', true);
    return this.once('capture', input, (now) => {
      const hold = this.openHold(input.holdId);
      if (!hold.ok) return hold;
      const held = hold.value.credits;
      if (input.credits > held) return refuse({ code: 'over_hold', held });
      const memberId = hold.value.memberId;
      this.sql.exec("update holds set status = 'captured' where id = ?", input.holdId);
      this.spendFromLots(input.credits);
      if (input.credits > 0)
        this.post(now, {
          kind: 'capture',
          key: input.key,
          credits: input.credits,
          balanceDelta: -input.credits,
          heldDelta: -input.credits,
          holdId: input.holdId,
          memberId,
          reason: hold.value.reason,
          reasonParams: hold.value.reasonParams,
          usage: input.usage ?? null,
        });
      const released = held - input.credits;
      if (released > 0)
        this.post(now, {
          kind: 'release',
          key: input.key,
          credits: released,
          balanceDelta: 0,
          heldDelta: -released,
          holdId: input.holdId,
          memberId,
          reason: 'hold.unused',
          reasonParams: hold.value.reasonParams,
        });
      this.recordSpend(now, memberId, input.credits);
      const after = this.totals();
      return ok({ holdId: input.holdId, captured: input.credits, released, ...after });
    });
  }

  release(input: ReleaseInput): LedgerResult<Released> {
    return this.once('release', input, (now) => {
      const hold = this.openHold(input.holdId);
      if (!hold.ok) {
        if (hold.refusal.code === 'hold_closed')
          return ok({ holdId: input.holdId, released: 0, available: this.totals().available });
        return hold;
      }
      this.closeHold(now, input.key, input.holdId, hold.value, 'released', 'hold.released');
      return ok({
        holdId: input.holdId,
        released: hold.value.credits,
        available: this.totals().available,
      });
    });
  }

  grant(input: GrantInput): LedgerResult<Posted> {
    assertCredits(input.credits, 'A grant');
    return this.once('grant', input, (now) => {
      const entryId = this.addCredits(now, 'grant', input.key, input.credits, input.reason, {
        reasonParams: input.reasonParams,
        expiresAt: input.expiresAt,
        meta: input.meta,
      });
      return ok({ entryId, ...this.availability() });
    });
  }

  purchase(input: PurchaseInput): LedgerResult<Posted> {
    assertCredits(input.credits, 'A purchase');
    return this.once('purchase', input, (now) => {
      const entryId = this.addCredits(now, 'purchase', input.key, input.credits, input.reason, {
        reasonParams: input.reasonParams,
        expiresAt: input.expiresAt,
        meta: {
          ...input.meta,
          paymentRef: input.paymentRef,
          amountMinor: input.amountMinor,
          currency: input.currency,
        },
      });
      this.sql.exec(
        `insert into payments (ref, credits, amount_minor) values (?, ?, ?)
         on conflict (ref) do update set credits = excluded.credits, amount_minor = excluded.amount_minor`,
        input.paymentRef,
        input.credits,
        input.amountMinor,
      );
      // A refund that arrived before its purchase is taken back now.
      this.takeBackRefunds(now, input.key, input.paymentRef, 'refund');
      return ok({ entryId, ...this.availability() });
    });
  }

  refund(input: RefundInput): LedgerResult<Posted> {
    if (!Number.isSafeInteger(input.refundedMinor) || input.refundedMinor < 0)
      throw new RangeError(`refundedMinor must be a whole amount, not ${input.refundedMinor}`);
    return this.once('refund', input, (now) => {
      this.sql.exec('insert or ignore into payments (ref) values (?)', input.paymentRef);
      if (input.refundId)
        this.sql.exec(
          'insert or ignore into payment_refunds (refund_id, payment_ref, amount_minor) values (?, ?, ?)',
          input.refundId,
          input.paymentRef,
          input.refundedMinor,
        );
      else
        this.sql.exec(
          'update payments set cumulative_refunded_minor = max(cumulative_refunded_minor, ?) where ref = ?',
          input.refundedMinor,
          input.paymentRef,
        );
      const entryId = this.takeBackRefunds(now, input.key, input.paymentRef, input.reason);
      return ok({ entryId, ...this.availability() });
    });
  }

  adjust(input: AdjustInput): LedgerResult<Posted> {
    if (!Number.isSafeInteger(input.credits) || input.credits === 0)
      throw new RangeError(`An adjustment must be a non-zero whole number, not ${input.credits}`);
    return this.once('adjust', input, (now) => {
      if (input.credits > 0) {
        const entryId = this.addCredits(now, 'adjustment', input.key, input.credits, input.reason, {
          reasonParams: input.reasonParams,
          actorId: input.actorId,
        });
        return ok({ entryId, ...this.availability() });
      }
      const before = this.totals();
      const removing = -input.credits;
      if (removing > before.available)
        return refuse({
          code: 'insufficient_credits',
          missing: removing - before.available,
          available: before.available,
        });
      this.spendFromLots(removing);
      const entryId = this.post(now, {
        kind: 'adjustment',
        key: input.key,
        credits: removing,
        balanceDelta: -removing,
        heldDelta: 0,
        actorId: input.actorId,
        reason: input.reason,
        reasonParams: input.reasonParams,
      });
      const after = this.totals();
      this.afterAvailableDrop(now, before.available, after.available);
      return ok({ entryId, balance: after.balance, available: after.available });
    });
  }

  // ---------------------------------------------------------------- the machinery

  /**
   * Runs one operation exactly once per key, in one transaction: a replay returns the stored
   * result, a refusal rolls back and is not stored. Expired holds and grants are swept first,
   * so `available` is exact even when the alarm has not run yet.
   */
  private once<T>(
    op: string,
    input: { key: string },
    apply: (now: number) => LedgerResult<T>,
  ): LedgerResult<T> {
    if (typeof input.key !== 'string' || !input.key || input.key.length > 200)
      throw new RangeError('An idempotency key of 1–200 characters is required');
    const print = fingerprint({ op, input: withoutWords(input) });
    const stored = this.sql
      .exec<{ fingerprint: string; result: string }>(
        'select fingerprint, result from operations where key = ?',
        input.key,
      )
      .toArray()[0];
    if (stored) {
      // Prints stored before reasons became codes still carry the English reason.
      const { op: storedOp, input: storedInput } = JSON.parse(stored.fingerprint);
      const same = fingerprint({ op: storedOp, input: withoutWords(storedInput) }) === print;
      return same ? (JSON.parse(stored.result) as LedgerResult<T>) : refuse({ code: 'key_reused' });
    }

    const now = Date.now();
    this.sweepExpired(now);
    let result: LedgerResult<T> = refuse({ code: 'key_reused' });
    try {
      this.ctx.storage.transactionSync(() => {
        result = apply(now);
        if (!result.ok) throw new Refused();
        this.sql.exec(
          'insert into operations (key, op, fingerprint, result, created_at) values (?, ?, ?, ?, ?)',
          input.key,
          op,
          print,
          JSON.stringify(result),
          now,
        );
      });
    } catch (err) {
      if (!(err instanceof Refused)) throw err;
    }
    if (result.ok) this.wake(now + FLUSH_DELAY_MS);
    return result;
  }

  /** Appends an entry and moves the totals; the CHECK constraints make an overdraft impossible. */
  private post(now: number, e: EntryDraft): string {
    const totals = this.sql
      .exec<{ balance: number; held: number }>(
        'update totals set balance = balance + ?, held = held + ? returning balance, held',
        e.balanceDelta,
        e.heldDelta,
      )
      .one();
    const id = newId(now);
    const meta = e.reasonParams ? { ...e.meta, reasonParams: e.reasonParams } : e.meta;
    this.sql.exec(
      `insert into entries (id, key, kind, credits, balance_delta, balance_after, held_after,
         hold_id, member_id, actor_id, reason, usage, meta, created_at)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      id,
      e.key,
      e.kind,
      e.credits,
      e.balanceDelta,
      totals.balance,
      totals.held,
      e.holdId ?? null,
      e.memberId ?? null,
      e.actorId ?? null,
      e.reason ?? null,
      e.usage ? JSON.stringify(e.usage) : null,
      meta && Object.keys(meta).length ? JSON.stringify(meta) : null,
      now,
    );
    return id;
  }

  private availability() {
    const { balance, available } = this.totals();
    return { balance, available };
  }

  private addCredits(
    now: number,
    kind: 'grant' | 'purchase' | 'adjustment',
    key: string,
    credits: number,
    reason: string,
    extra: {
      expiresAt?: string;
      meta?: Record<string, unknown>;
      actorId?: string;
      reasonParams?: ReasonParams;
    },
  ): string {
    const expiresAt = extra.expiresAt ? Date.parse(extra.expiresAt) : null;
    if (expiresAt !== null && Number.isNaN(expiresAt))
      throw new RangeError(`expiresAt is not a date: ${extra.expiresAt}`);
    const entryId = this.post(now, {
      kind,
      key,
      credits,
      balanceDelta: credits,
      heldDelta: 0,
      actorId: extra.actorId ?? null,
      reason,
      reasonParams: extra.reasonParams,
      meta: expiresAt ? { ...extra.meta, expiresAt: iso(expiresAt) } : (extra.meta ?? null),
    });
    if (expiresAt !== null) {
      this.sql.exec(
        'insert into lots (entry_id, remaining, expires_at) values (?, ?, ?)',
        entryId,
        credits,
        expiresAt,
      );
      this.nextExpiry = Math.min(this.nextExpiry, expiresAt);
    }
    return entryId;
  }

  /** Spending draws down expiring grants first (see `takeFromLots`). */
  private spendFromLots(credits: number) {
    if (credits <= 0) return;
    const lots = this.sql
      .exec<{ id: string; remaining: number; expiresAt: number }>(
        'select entry_id as id, remaining, expires_at as expiresAt from lots',
      )
      .toArray();
    for (const { id, take } of takeFromLots(lots, credits))
      this.sql.exec('update lots set remaining = remaining - ? where entry_id = ?', take, id);
    this.sql.exec('delete from lots where remaining <= 0');
  }

  private openHold(holdId: string): LedgerResult<{
    credits: number;
    memberId: string | null;
    reason: string;
    reasonParams: ReasonParams | null;
  }> {
    const hold = this.sql
      .exec<{
        credits: number;
        member_id: string | null;
        reason: string;
        status: string;
        meta: string | null;
      }>('select credits, member_id, reason, status, meta from holds where id = ?', holdId)
      .toArray()[0];
    if (!hold) return refuse({ code: 'hold_not_found' });
    if (hold.status !== 'open') return refuse({ code: 'hold_closed', status: hold.status });
    const meta = hold.meta ? (JSON.parse(hold.meta) as { reasonParams?: ReasonParams }) : null;
    return ok({
      credits: hold.credits,
      memberId: hold.member_id,
      reason: hold.reason,
      reasonParams: meta?.reasonParams ?? null,
    });
  }

  private closeHold(
    now: number,
    key: string,
    holdId: string,
    hold: { credits: number; memberId: string | null },
    status: 'released' | 'expired',
    reason: string,
  ) {
    this.sql.exec('update holds set status = ? where id = ?', status, holdId);
    this.post(now, {
      kind: 'release',
      key,
      credits: hold.credits,
      balanceDelta: 0,
      heldDelta: -hold.credits,
      holdId,
      memberId: hold.memberId,
      reason,
    });
  }

  /**
   * Takes back the credits of a payment's refunds not taken back yet. Never below zero: what
   * has already been spent cannot be taken back, so the shortfall is recorded on the entry and
   * raised as an alert for a person to settle.
   */
  private takeBackRefunds(
    now: number,
    key: string,
    paymentRef: string,
    reason: string,
  ): string | null {
    const payment = this.sql
      .exec<{
        credits: number | null;
        amount_minor: number | null;
        cumulative: number;
        taken: number;
      }>(
        'select credits, amount_minor, cumulative_refunded_minor as cumulative, refunded_credits as taken from payments where ref = ?',
        paymentRef,
      )
      .one();
    if (payment.credits === null || payment.amount_minor === null) return null;
    const singles = this.sql
      .exec<{ amount_minor: number }>(
        'select amount_minor from payment_refunds where payment_ref = ?',
        paymentRef,
      )
      .toArray()
      .map((r) => r.amount_minor);
    const refundedMinor = refundedMinorSoFar(payment.cumulative, singles);
    const due =
      refundedCredits(payment.credits, payment.amount_minor, refundedMinor) - payment.taken;
    if (due <= 0) return null;
    const before = this.totals();
    const taking = Math.min(due, before.available);
    this.sql.exec(
      'update payments set refunded_credits = refunded_credits + ? where ref = ?',
      due,
      paymentRef,
    );
    this.spendFromLots(taking);
    const entryId = this.post(now, {
      kind: 'refund',
      key,
      credits: taking,
      balanceDelta: -taking,
      heldDelta: 0,
      reason,
      meta: { paymentRef, refundedMinor, ...(taking < due ? { uncollected: due - taking } : {}) },
    });
    if (taking < due)
      this.enqueue(now, {
        kind: 'alert',
        alert: {
          kind: 'credits.refund_uncollected',
          severity: 'warning',
          title: 'A refund exceeded the credits left',
          detail: `${due - taking} refunded credits had already been spent and could not be taken back.`,
          dedupKey: `credits.refund_uncollected:${key}`,
          data: { paymentRef, uncollected: due - taking },
        },
      });
    this.afterAvailableDrop(now, before.available, before.available - taking);
    return entryId;
  }

  // ---------------------------------------------------------------- limits, alerts, recharge

  private spent(period: string, scope: string): number {
    return (
      this.sql
        .exec<{ spent: number }>(
          'select spent from spend where period = ? and scope = ?',
          period,
          scope,
        )
        .toArray()[0]?.spent ?? 0
    );
  }

  private memberLimit(limits: SpendLimits, memberId: string): number | null {
    return memberId in limits.members ? (limits.members[memberId] ?? null) : limits.memberMonthly;
  }

  private limitBreach(
    now: number,
    memberId: string | null,
    credits: number,
    orgHeld: number,
  ): LedgerRefusal | null {
    const limits = this.settings().spendLimits;
    const unlimited =
      limits.orgMonthly === null &&
      limits.memberMonthly === null &&
      Object.values(limits.members).every((l) => l === null);
    if (unlimited) return null;
    const period = monthPeriod(now, this.timeZone);
    const org = spendLimitBreach(limits.orgMonthly, this.spent(period, 'org'), orgHeld, credits);
    if (org) return { code: 'spend_limit', scope: 'org', ...org };
    if (!memberId) return null;
    const limit = this.memberLimit(limits, memberId);
    if (limit === null) return null;
    const memberHeld = this.sql
      .exec<{ held: number }>(
        "select coalesce(sum(credits), 0) as held from holds where member_id = ? and status = 'open'",
        memberId,
      )
      .one().held;
    const member = spendLimitBreach(
      limit,
      this.spent(period, `member:${memberId}`),
      memberHeld,
      credits,
    );
    return member ? { code: 'spend_limit', scope: 'member', ...member } : null;
  }

  /** Counts captured credits against this month's limits; each threshold alerts once a period. */
  private recordSpend(now: number, memberId: string | null, credits: number) {
    if (credits <= 0) return;
    const period = monthPeriod(now, this.timeZone);
    const limits = this.settings().spendLimits;
    const scopes: { scope: string; limit: number | null; label: string }[] = [
      { scope: 'org', limit: limits.orgMonthly, label: 'The organization' },
    ];
    if (memberId)
      scopes.push({
        scope: `member:${memberId}`,
        limit: this.memberLimit(limits, memberId),
        label: 'A member',
      });
    for (const { scope, limit, label } of scopes) {
      const after = this.sql
        .exec<{ spent: number }>(
          `insert into spend (period, scope, spent) values (?, ?, ?)
           on conflict (period, scope) do update set spent = spent + excluded.spent returning spent`,
          period,
          scope,
          credits,
        )
        .one().spent;
      for (const threshold of thresholdsReached(limit, after - credits, after)) {
        const marked = this.sql.exec(
          'insert or ignore into threshold_marks (period, scope, threshold) values (?, ?, ?)',
          period,
          scope,
          threshold,
        ).rowsWritten;
        if (!marked) continue;
        this.enqueue(now, {
          kind: 'alert',
          alert: {
            kind: 'credits.spend_limit',
            severity: threshold >= 100 ? 'critical' : 'warning',
            title: `${label} has used ${threshold}% of its monthly credit limit`,
            detail: `${after} of ${limit} credits spent in ${period}.`,
            dedupKey: `credits.spend_limit:${scope}:${period}:${threshold}`,
            data: { scope, period, threshold, limit, spent: after },
          },
        });
      }
    }
  }

  /** Exactly one top-up per crossing below the threshold, within the monthly cap. */
  private afterAvailableDrop(now: number, before: number, after: number) {
    const settings = this.settings().autoRecharge;
    if (!settings?.enabled) return;
    const period = monthPeriod(now, this.timeZone);
    const charged = this.sql
      .exec<{ total: number }>(
        "select coalesce(sum(amount_minor), 0) as total from recharges where period = ? and status != 'failed'",
        period,
      )
      .one().total;
    const decision = rechargeDecision(settings, before, after, charged);
    if (decision === 'start') {
      const id = newId(now);
      this.sql.exec(
        "insert into recharges (id, period, status, amount_minor, credits, currency, created_at) values (?, ?, 'pending', ?, ?, ?, ?)",
        id,
        period,
        settings.amountMinor,
        settings.credits,
        settings.currency,
        now,
      );
      this.enqueue(now, { kind: 'recharge', id });
    } else if (decision === 'capped') {
      this.enqueue(now, {
        kind: 'alert',
        alert: {
          kind: 'credits.recharge_capped',
          severity: 'warning',
          title: 'Auto-recharge reached its monthly cap',
          detail: `Credits are low, but another top-up would pass the cap set for ${period}.`,
          dedupKey: `credits.recharge_capped:${period}`,
          data: {
            period,
            capMinor: settings.monthlyCapMinor,
            chargedMinor: charged,
            currency: settings.currency,
          },
        },
      });
    }
  }

  // ---------------------------------------------------------------- expiry

  private computeNextExpiry(now: number): number {
    const row = this.sql
      .exec<{ at: number | null }>(
        `select min(at) as at from (
           select min(expires_at) as at from holds where status = 'open'
           union all select min(expires_at) from lots where expires_at > ?)`,
        now,
      )
      .one();
    return row.at ?? Number.POSITIVE_INFINITY;
  }

  /**
   * Closes holds past their expiry (their credits become available again) and takes unspent
   * credits of expired grants out of the balance. Credits of an expired grant still reserved by
   * an open hold leave once that hold closes.
   */
  private sweepExpired(now: number) {
    const blocked = this.sql
      .exec<{ n: number }>('select count(*) as n from lots where expires_at <= ?', now)
      .one().n;
    if (now < this.nextExpiry && !blocked) return;
    this.ctx.storage.transactionSync(() => {
      const expired = this.sql
        .exec<{ id: string; credits: number; member_id: string | null }>(
          "select id, credits, member_id from holds where status = 'open' and expires_at <= ?",
          now,
        )
        .toArray();
      for (const hold of expired)
        this.closeHold(
          now,
          `expire:${hold.id}`,
          hold.id,
          { credits: hold.credits, memberId: hold.member_id },
          'expired',
          'hold.expired',
        );
      const lots = this.sql
        .exec<{ entry_id: string; remaining: number; expires_at: number }>(
          'select entry_id, remaining, expires_at from lots where expires_at <= ? order by expires_at',
          now,
        )
        .toArray();
      for (const lot of lots) {
        const before = this.totals();
        const leaving = Math.min(lot.remaining, before.available);
        if (leaving <= 0) break;
        this.sql.exec(
          'update lots set remaining = remaining - ? where entry_id = ?',
          leaving,
          lot.entry_id,
        );
        this.post(now, {
          kind: 'expiry',
          key: `expire:${lot.entry_id}`,
          credits: leaving,
          balanceDelta: -leaving,
          heldDelta: 0,
          reason: 'grant.expired',
          meta: { grantEntryId: lot.entry_id, expiredAt: iso(lot.expires_at) },
        });
        this.afterAvailableDrop(now, before.available, before.available - leaving);
      }
      this.sql.exec('delete from lots where remaining <= 0');
      if (expired.length || lots.length) this.wake(now + FLUSH_DELAY_MS);
    });
    this.nextExpiry = this.computeNextExpiry(now);
  }

  // ---------------------------------------------------------------- outbox and alarm

  private enqueue(now: number, item: OutboxItem) {
    this.sql.exec('insert into outbox (item, due_at) values (?, ?)', JSON.stringify(item), now);
  }

  /** One alarm serves everything: an earlier wake-up replaces a later one. */
  private wake(at: number) {
    if (this.alarmAt !== null && this.alarmAt <= at) return;
    this.alarmAt = at;
    void this.ctx.storage.setAlarm(at);
  }

  override async alarm() {
    this.alarmAt = null;
    const now = Date.now();
    this.sweepExpired(now);
    let more = false;
    try {
      more = await this.mirrorEntries();
    } catch (err) {
      log(this.env, 'error', 'credit entries not mirrored; will retry', {
        orgId: this.orgId,
        error: String(err),
      });
      more = true;
    }
    await this.deliverOutbox(now);
    const nextOutbox = this.sql
      .exec<{ at: number | null }>('select min(due_at) as at from outbox')
      .one().at;
    const after = Date.now();
    if (more) this.wake(after + FLUSH_DELAY_MS);
    if (nextOutbox !== null) this.wake(Math.max(nextOutbox, after + FLUSH_DELAY_MS));
    if (Number.isFinite(this.nextExpiry)) this.wake(this.nextExpiry);
  }

  /**
   * Copies unmirrored entries to D1 (insert-or-ignore by id, so a copy repeated after a crash
   * changes nothing), marks them mirrored, and tells open tabs the new balance.
   * Returns whether more entries are waiting.
   */
  private async mirrorEntries(): Promise<boolean> {
    const { mirrored, more } = await mirrorEntriesToD1(this.sql, database(this.env.DB), this.orgId);
    if (mirrored)
      await publishToOrg(this.env, this.orgId, { type: 'credits.balance', ...this.totals() });
    return more;
  }

  private async deliverOutbox(now: number) {
    const due = this.sql
      .exec<{ id: number; item: string; attempts: number }>(
        'select id, item, attempts from outbox where due_at <= ? order by id limit 50',
        now,
      )
      .toArray();
    for (const row of due) {
      const item = JSON.parse(row.item) as OutboxItem;
      try {
        if (item.kind === 'alert') await raiseAlert(this.env, { orgId: this.orgId, ...item.alert });
        else await this.runRecharge(item.id);
        this.sql.exec('delete from outbox where id = ?', row.id);
      } catch (err) {
        const delayMs = Math.min(300_000, 1000 * 2 ** row.attempts);
        this.sql.exec(
          'update outbox set attempts = attempts + 1, due_at = ? where id = ?',
          Date.now() + delayMs,
          row.id,
        );
        log(this.env, 'warn', 'credit ledger side effect failed; will retry', {
          orgId: this.orgId,
          kind: item.kind,
          attempts: row.attempts + 1,
          error: String(err),
        });
      }
    }
  }

  /**
   * Charges the saved payment method off-session for one top-up. The recharge id is the
   * provider's idempotency key, so a retry after a crash never charges twice; the credits are a
   * purchase keyed by the payment, so the payment's webhook cannot credit them a second time.
   */
  private async runRecharge(rechargeId: string) {
    const recharge = this.sql
      .exec<{ status: string; amount_minor: number; credits: number; currency: string }>(
        'select status, amount_minor, credits, currency from recharges where id = ?',
        rechargeId,
      )
      .toArray()[0];
    if (recharge?.status !== 'pending') return;
    const account = await database(this.env.DB)
      .select()
      .from(billingAccounts)
      .where(eq(billingAccounts.orgId, this.orgId))
      .get();
    const fail = (error: string) => {
      this.sql.exec(
        "update recharges set status = 'failed', error = ? where id = ?",
        error,
        rechargeId,
      );
      this.enqueue(Date.now(), {
        kind: 'alert',
        alert: {
          kind: 'credits.recharge_failed',
          severity: 'critical',
          title: 'Auto-recharge could not charge the saved card',
          detail: error,
          dedupKey: `credits.recharge_failed:${rechargeId}`,
          data: { rechargeId },
        },
      });
    };
    if (!account?.paymentMethodId || !account.customerId)
      return fail('No saved payment method: buy a credit pack once to save a card.');
    const payment = await paymentsProvider(this.env).chargeOffSession({
      customerId: account.customerId,
      paymentMethodId: account.paymentMethodId,
      amountMinor: recharge.amount_minor,
      currency: recharge.currency,
      idempotencyKey: `recharge:${rechargeId}`,
      metadata: { orgId: this.orgId, rechargeId, credits: String(recharge.credits) },
    });
    if (payment.status !== 'succeeded') return fail(payment.error ?? `Payment ${payment.status}.`);
    this.purchase({
      key: `payment:${payment.id}`,
      paymentRef: payment.id,
      credits: recharge.credits,
      amountMinor: recharge.amount_minor,
      currency: recharge.currency,
      reason: 'recharge',
      meta: { rechargeId },
    });
    this.sql.exec(
      "update recharges set status = 'succeeded', payment_ref = ? where id = ?",
      payment.id,
      rechargeId,
    );
  }
}

/** Thrown inside a transaction to roll back a refused operation. */
class Refused extends Error {}
