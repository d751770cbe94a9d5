/**
 * The CreditLedger Durable Object itself, through its RPC interface on real local storage:
 * concurrency, idempotency, holds and their expiry, grant expiry, spend limits and their alerts,
 * auto-recharge, refunds, and the D1 mirror.
 */
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { monthPeriod } from '../domain/credits/rules.ts';
import { database } from '../platform/db.ts';
import { SANDBOX_CARD, SANDBOX_DECLINING_CARD } from '../providers/payments/sandbox.ts';
import { billingAccounts } from '../schema/credits.ts';
import type { LedgerSettings } from '../services/credits/ledger-api.ts';
import type { CreditLedger } from './credit-ledger.ts';

const newLedger = () => {
  const orgId = crypto.randomUUID();
  return { orgId, ledger: env.CREDIT_LEDGER.getByName(orgId) };
};
type Ledger = ReturnType<typeof newLedger>['ledger'];

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** Everything the ledger stores that an operation could change. */
const snapshot = (ledger: Ledger) =>
  runInDurableObject(ledger, (_: CreditLedger, state) => {
    const all = (q: string) => state.storage.sql.exec(q).toArray();
    return JSON.stringify({
      totals: all('select * from totals'),
      entries: all('select seq, id, key, kind, credits, balance_delta from entries order by seq'),
      holds: all('select * from holds order by id'),
      lots: all('select * from lots order by entry_id'),
      payments: all('select * from payments order by ref'),
      spend: all('select * from spend order by period, scope'),
    });
  });

const entryRows = (ledger: Ledger) =>
  runInDurableObject(ledger, (_: CreditLedger, state) =>
    state.storage.sql
      .exec<{
        kind: string;
        credits: number;
        balance_delta: number;
        reason: string;
        key: string;
        meta: string | null;
      }>('select kind, credits, balance_delta, reason, key, meta from entries order by seq')
      .toArray(),
  );

/** Waits until the alarm has copied every entry to D1. */
async function mirrored(ledger: Ledger, orgId: string) {
  const expected = (await entryRows(ledger)).length;
  for (let i = 0; i < 100; i++) {
    const row = await env.DB.prepare('select count(*) as n from credit_entries where org_id = ?')
      .bind(orgId)
      .first<{ n: number }>();
    if (row!.n === expected) return;
    await sleep(50);
  }
  throw new Error('entries were not mirrored to D1');
}

const settings = (overrides: Partial<LedgerSettings>): LedgerSettings => ({
  spendLimits: { orgMonthly: null, memberMonthly: null, members: {} },
  autoRecharge: null,
  ...overrides,
});

describe('holds under concurrency', () => {
  it('2,000 concurrent holds of 1 credit against 1,000 available: exactly 1,000 succeed and the balance ends exact', async () => {
    const { orgId, ledger } = newLedger();
    await ledger.grant({ key: 'seed', credits: 1000, reason: 'test' });
    const results = await Promise.all(
      Array.from({ length: 2000 }, (_, i) =>
        ledger.hold({ key: `h${i}`, credits: 1, memberId: null, reason: 'load' }),
      ),
    );
    const placed = results.filter((r) => r.ok);
    const refused = results.filter((r) => !r.ok);
    expect(placed).toHaveLength(1000);
    expect(refused).toHaveLength(1000);
    for (const r of refused)
      expect(r.ok ? null : r.refusal).toEqual({
        code: 'insufficient_credits',
        missing: 1,
        available: 0,
      });
    expect(await ledger.balance()).toEqual({ balance: 1000, held: 1000, available: 0 });

    const captures = await Promise.all(
      placed.map((r, i) =>
        r.ok ? ledger.capture({ key: `c${i}`, holdId: r.value.holdId, credits: 1 }) : null,
      ),
    );
    expect(captures.every((c) => c?.ok)).toBe(true);
    expect(await ledger.balance()).toEqual({ balance: 0, held: 0, available: 0 });
    await mirrored(ledger, orgId);
    const sums = await env.DB.prepare(
      "select sum(balance_delta) as delta, count(*) filter (where kind = 'capture') as captures from credit_entries where org_id = ?",
    )
      .bind(orgId)
      .first<{ delta: number; captures: number }>();
    expect(sums).toEqual({ delta: 0, captures: 1000 });
  }, 60_000);
});

describe('idempotency', () => {
  it('replaying every operation 3× with its key returns the first result and changes nothing', async () => {
    const { ledger } = newLedger();
    const ops: [string, () => Promise<unknown>][] = [];
    const grant = () => ledger.grant({ key: 'g', credits: 500, reason: 'grant' });
    const purchase = () =>
      ledger.purchase({
        key: 'p',
        paymentRef: 'pi_1',
        credits: 200,
        amountMinor: 2000,
        currency: 'BRL',
        reason: 'pack',
      });
    ops.push(['grant', grant], ['purchase', purchase]);
    for (const [, op] of ops) await op();
    const hold = await ledger.hold({ key: 'h', credits: 100, memberId: 'm1', reason: 'job' });
    const hold2 = await ledger.hold({ key: 'h2', credits: 40, memberId: 'm1', reason: 'job' });
    if (!hold.ok || !hold2.ok) throw new Error('holds refused');
    ops.push(
      ['hold', () => ledger.hold({ key: 'h', credits: 100, memberId: 'm1', reason: 'job' })],
      ['capture', () => ledger.capture({ key: 'c', holdId: hold.value.holdId, credits: 60 })],
      ['release', () => ledger.release({ key: 'r', holdId: hold2.value.holdId })],
      [
        'refund',
        () =>
          ledger.refund({ key: 'rf', paymentRef: 'pi_1', refundedMinor: 1000, reason: 'refund' }),
      ],
      ['adjust', () => ledger.adjust({ key: 'a', credits: -25, reason: 'fix', actorId: 'u1' })],
    );
    const first: Record<string, unknown> = {};
    for (const [name, op] of ops) first[name] = await op();
    const before = await snapshot(ledger);
    for (let round = 0; round < 3; round++)
      for (const [name, op] of ops)
        expect(await op(), `${name} replay ${round}`).toEqual(first[name]);
    expect(await snapshot(ledger)).toBe(before);
    // 500 + 200 − 60 captured − 100 refunded (half of 200) − 25 adjusted.
    expect(await ledger.balance()).toEqual({ balance: 515, held: 0, available: 515 });
  });

  it('a replay worded otherwise is the same operation: reasons are words, not arguments', async () => {
    const { ledger } = newLedger();
    const first = await ledger.grant({ key: 'g', credits: 10, reason: 'welcome' });
    expect(
      await ledger.grant({
        key: 'g',
        credits: 10,
        reason: 'Welcome credits',
        reasonParams: { a: 1 },
      }),
    ).toEqual(first);
    expect(await ledger.balance()).toEqual({ balance: 10, held: 0, available: 10 });
    // An operation stored before reasons became codes kept its English reason in the print.
    await runInDurableObject(ledger, (_: CreditLedger, state) => {
      state.storage.sql.exec(
        'update operations set fingerprint = ? where key = ?',
        JSON.stringify({
          input: { credits: 10, key: 'g', reason: 'Welcome credits' },
          op: 'grant',
        }),
        'g',
      );
    });
    expect(await ledger.grant({ key: 'g', credits: 10, reason: 'welcome' })).toEqual(first);
    expect(await ledger.grant({ key: 'g', credits: 11, reason: 'welcome' })).toEqual({
      ok: false,
      refusal: { code: 'key_reused' },
    });
  });

  it('carries a hold’s reason and parameters to its capture and to the unused part it returns', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 10, reason: 'welcome' });
    const hold = await ledger.hold({
      key: 'h',
      credits: 6,
      memberId: null,
      reason: 'studio.generation',
      reasonParams: { modality: 'image' },
    });
    if (!hold.ok) throw new Error('hold refused');
    await ledger.capture({ key: 'c', holdId: hold.value.holdId, credits: 4 });
    const rows = await entryRows(ledger);
    expect(rows.slice(-3).map((r) => [r.kind, r.reason])).toEqual([
      ['hold', 'studio.generation'],
      ['capture', 'studio.generation'],
      ['release', 'hold.unused'],
    ]);
    expect(rows.slice(-3).map((r) => JSON.parse(r.meta ?? '{}').reasonParams)).toEqual([
      { modality: 'image' },
      { modality: 'image' },
      { modality: 'image' },
    ]);
  });

  it('refuses a key reused with other arguments, and does not remember refusals', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 10, reason: 'x' });
    expect(await ledger.grant({ key: 'g', credits: 11, reason: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'key_reused' },
    });
    const refused = await ledger.hold({ key: 'big', credits: 15, memberId: null, reason: 'x' });
    expect(refused).toEqual({
      ok: false,
      refusal: { code: 'insufficient_credits', missing: 5, available: 10 },
    });
    await ledger.grant({ key: 'g2', credits: 5, reason: 'top-up' });
    const retried = await ledger.hold({ key: 'big', credits: 15, memberId: null, reason: 'x' });
    expect(retried.ok).toBe(true);
  });
});

describe('capture and release', () => {
  it('captures at most the hold, releases the rest, and closes the hold', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 100, reason: 'x' });
    const hold = await ledger.hold({ key: 'h', credits: 30, memberId: 'm', reason: 'image' });
    if (!hold.ok) throw new Error('refused');
    const { holdId } = hold.value;
    expect(await ledger.capture({ key: 'too-much', holdId, credits: 31 })).toEqual({
      ok: false,
      refusal: { code: 'over_hold', held: 30 },
    });
    expect(
      await ledger.capture({
        key: 'c',
        holdId,
        credits: 12,
        usage: { provider: 'sandbox', model: 'img-1', priceVersion: 'v1', units: { images: 1 } },
      }),
    ).toEqual({
      ok: true,
      value: { holdId, captured: 12, released: 18, balance: 88, held: 0, available: 88 },
    });
    expect(await ledger.capture({ key: 'again', holdId, credits: 1 })).toEqual({
      ok: false,
      refusal: { code: 'hold_closed', status: 'captured' },
    });
    expect(await ledger.release({ key: 'late-release', holdId })).toEqual({
      ok: true,
      value: { holdId, released: 0, available: 88 },
    });
    expect((await entryRows(ledger)).map((e) => [e.kind, e.credits, e.balance_delta])).toEqual([
      ['grant', 100, 100],
      ['hold', 30, 0],
      ['capture', 12, -12],
      ['release', 18, 0],
    ]);
  });

  it('an adjustment cannot take away more than is available', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 50, reason: 'x' });
    await ledger.hold({ key: 'h', credits: 40, memberId: null, reason: 'x' });
    expect(await ledger.adjust({ key: 'a', credits: -20, reason: 'x', actorId: 'u' })).toEqual({
      ok: false,
      refusal: { code: 'insufficient_credits', missing: 10, available: 10 },
    });
  });
});

describe('expiry', () => {
  it('an expired hold frees its credits through a visible entry and can no longer be captured', async () => {
    const { orgId, ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 10, reason: 'x' });
    const hold = await ledger.hold({
      key: 'h',
      credits: 8,
      memberId: null,
      reason: 'stuck job',
      ttlSeconds: 1,
    });
    if (!hold.ok) throw new Error('refused');
    expect((await ledger.balance()).available).toBe(2);
    await sleep(1200);
    expect(await ledger.balance()).toEqual({ balance: 10, held: 0, available: 10 });
    expect(await ledger.capture({ key: 'c', holdId: hold.value.holdId, credits: 8 })).toEqual({
      ok: false,
      refusal: { code: 'hold_closed', status: 'expired' },
    });
    expect((await entryRows(ledger)).at(-1)).toMatchObject({
      kind: 'release',
      credits: 8,
      reason: 'hold.expired',
    });
    await mirrored(ledger, orgId);
  });

  it('the alarm expires holds with nobody calling the ledger', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 10, reason: 'x' });
    await ledger.hold({ key: 'h', credits: 10, memberId: null, reason: 'stuck', ttlSeconds: 1 });
    await sleep(1600);
    const held = await runInDurableObject(
      ledger,
      (_: CreditLedger, state) =>
        state.storage.sql.exec<{ held: number }>('select held from totals').one().held,
    );
    expect(held).toBe(0);
  });

  it('unspent granted credits leave the balance at expiry; spending takes them first', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'keep', credits: 50, reason: 'permanent' });
    await ledger.grant({
      key: 'promo',
      credits: 100,
      reason: 'promo',
      expiresAt: new Date(Date.now() + 1000).toISOString(),
    });
    const hold = await ledger.hold({ key: 'h', credits: 30, memberId: null, reason: 'x' });
    if (!hold.ok) throw new Error('refused');
    await ledger.capture({ key: 'c', holdId: hold.value.holdId, credits: 30 });
    await sleep(1200);
    expect(await ledger.balance()).toEqual({ balance: 50, held: 0, available: 50 });
    expect((await entryRows(ledger)).at(-1)).toMatchObject({
      kind: 'expiry',
      credits: 70,
      balance_delta: -70,
    });
  });

  it('expiring credits reserved by an open hold leave once the hold closes', async () => {
    const { ledger } = newLedger();
    await ledger.grant({
      key: 'promo',
      credits: 100,
      reason: 'promo',
      expiresAt: new Date(Date.now() + 800).toISOString(),
    });
    const hold = await ledger.hold({ key: 'h', credits: 80, memberId: null, reason: 'x' });
    if (!hold.ok) throw new Error('refused');
    await sleep(1000);
    expect(await ledger.balance()).toEqual({ balance: 80, held: 80, available: 0 });
    await ledger.capture({ key: 'c', holdId: hold.value.holdId, credits: 50 });
    expect(await ledger.balance()).toEqual({ balance: 0, held: 0, available: 0 });
    expect((await entryRows(ledger)).map((e) => [e.kind, e.balance_delta])).toEqual([
      ['grant', 100],
      ['hold', 0],
      ['expiry', -20],
      ['capture', -50],
      ['release', 0],
      ['expiry', -30],
    ]);
  });
});

describe('spend limits and alerts', () => {
  it('refuses holds past a member or org monthly limit, counting open holds', async () => {
    const { ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 1000, reason: 'x' });
    await ledger.configure(
      settings({ spendLimits: { orgMonthly: 50, memberMonthly: 10, members: { boss: null } } }),
    );
    expect((await ledger.hold({ key: 'a', credits: 8, memberId: 'm1', reason: 'x' })).ok).toBe(
      true,
    );
    expect(await ledger.hold({ key: 'b', credits: 3, memberId: 'm1', reason: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'spend_limit', scope: 'member', limit: 10, remaining: 2 },
    });
    expect((await ledger.hold({ key: 'c', credits: 40, memberId: 'boss', reason: 'x' })).ok).toBe(
      true,
    );
    expect(await ledger.hold({ key: 'd', credits: 3, memberId: 'boss', reason: 'x' })).toEqual({
      ok: false,
      refusal: { code: 'spend_limit', scope: 'org', limit: 50, remaining: 2 },
    });
  });

  it('fires each threshold alert exactly once per period', async () => {
    const { orgId, ledger } = newLedger();
    await ledger.grant({ key: 'g', credits: 1000, reason: 'x' });
    await ledger.configure(
      settings({ spendLimits: { orgMonthly: 100, memberMonthly: null, members: {} } }),
    );
    const spend = async (n: number, credits: number) => {
      const hold = await ledger.hold({ key: `h${n}`, credits, memberId: 'm', reason: 'x' });
      if (!hold.ok) throw new Error(JSON.stringify(hold.refusal));
      await ledger.capture({ key: `c${n}`, holdId: hold.value.holdId, credits });
    };
    // 50, 79 (no alert), 85 (80%), 95, 100 (100%), and replays of the crossing captures.
    for (const [n, credits] of [
      [1, 50],
      [2, 29],
      [3, 6],
      [4, 10],
      [5, 5],
    ] as const)
      await spend(n, credits);
    for (let i = 0; i < 50; i++) {
      const rows = await env.DB.prepare(
        'select kind, dedup_key from alerts where org_id = ? order by dedup_key',
      )
        .bind(orgId)
        .all<{ dedup_key: string }>();
      if (rows.results.length >= 2) break;
      await sleep(50);
    }
    await sleep(300);
    const alerts = await env.DB.prepare(
      'select dedup_key, severity from alerts where org_id = ? order by dedup_key',
    )
      .bind(orgId)
      .all<{ dedup_key: string; severity: string }>();
    const period = monthPeriod(Date.now(), 'America/Sao_Paulo');
    expect(alerts.results.map((a) => a.severity)).toEqual(['critical', 'warning']);
    expect(alerts.results.map((a) => a.dedup_key).sort()).toEqual(
      [`credits.spend_limit:org:${period}:100`, `credits.spend_limit:org:${period}:80`].sort(),
    );
    const marks = await runInDurableObject(
      ledger,
      (_: CreditLedger, state) =>
        state.storage.sql.exec('select count(*) as n from threshold_marks').one().n,
    );
    expect(marks).toBe(2);
  });
});

describe('auto-recharge', () => {
  const recharge = (monthlyCapMinor: number) =>
    settings({
      autoRecharge: {
        enabled: true,
        thresholdCredits: 100,
        packId: 'pack-500',
        credits: 500,
        amountMinor: 4900,
        currency: 'BRL',
        monthlyCapMinor,
      },
    });

  async function withCard(orgId: string, card = SANDBOX_CARD) {
    await database(env.DB).insert(billingAccounts).values({
      orgId,
      provider: 'sandbox',
      customerId: 'cus_sandbox_x',
      paymentMethodId: card,
      updatedAt: new Date(),
    });
  }

  const rechargeRows = (ledger: Ledger) =>
    runInDurableObject(ledger, (_: CreditLedger, state) =>
      state.storage.sql
        .exec<{ status: string }>('select status from recharges order by created_at')
        .toArray(),
    );

  async function settled(ledger: Ledger) {
    for (let i = 0; i < 60; i++) {
      const pending = await runInDurableObject(
        ledger,
        (_: CreditLedger, state) =>
          state.storage.sql.exec<{ n: number }>('select count(*) as n from outbox').one().n,
      );
      if (!pending) return;
      await sleep(50);
    }
    throw new Error('outbox did not drain');
  }

  it('starts exactly one top-up per crossing below the threshold, within the monthly cap', async () => {
    const { orgId, ledger } = newLedger();
    await withCard(orgId);
    await ledger.grant({ key: 'g', credits: 150, reason: 'x' });
    await ledger.configure(recharge(2 * 4900));
    // Many concurrent holds cross the threshold once: one top-up.
    const holds = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ledger.hold({ key: `h${i}`, credits: 5, memberId: null, reason: 'x' }),
      ),
    );
    await settled(ledger);
    expect(await rechargeRows(ledger)).toEqual([{ status: 'succeeded' }]);
    expect(await ledger.balance()).toEqual({ balance: 650, held: 100, available: 550 });

    // Below again only by a new crossing: spend down to 90 available, then once more after coming back up.
    await ledger.hold({ key: 'down', credits: 460, memberId: null, reason: 'x' });
    await settled(ledger);
    expect(await rechargeRows(ledger)).toHaveLength(2);
    for (const [i, h] of holds.entries())
      if (h.ok) await ledger.release({ key: `r${i}`, holdId: h.value.holdId });
    await ledger.hold({ key: 'down-again', credits: 600, memberId: null, reason: 'x' });
    await settled(ledger);
    // The third crossing would pass the cap of two packs: no charge, one alert.
    expect(await rechargeRows(ledger)).toHaveLength(2);
    const capped = await env.DB.prepare(
      "select count(*) as n from alerts where org_id = ? and kind = 'credits.recharge_capped'",
    )
      .bind(orgId)
      .first<{ n: number }>();
    expect(capped!.n).toBe(1);
    const purchases = (await entryRows(ledger)).filter((e) => e.kind === 'purchase');
    expect(purchases).toHaveLength(2);
  });

  it('a declined card fails the top-up once and raises an alert', async () => {
    const { orgId, ledger } = newLedger();
    await withCard(orgId, SANDBOX_DECLINING_CARD);
    await ledger.grant({ key: 'g', credits: 150, reason: 'x' });
    await ledger.configure(recharge(10_000));
    await ledger.hold({ key: 'h', credits: 100, memberId: null, reason: 'x' });
    await settled(ledger);
    expect(await rechargeRows(ledger)).toEqual([{ status: 'failed' }]);
    expect(await ledger.balance()).toEqual({ balance: 150, held: 100, available: 50 });
    const failed = await env.DB.prepare(
      "select count(*) as n from alerts where org_id = ? and kind = 'credits.recharge_failed'",
    )
      .bind(orgId)
      .first<{ n: number }>();
    expect(failed!.n).toBe(1);
  });
});

describe('refunds', () => {
  it('a refund arriving before its purchase is taken back when the purchase lands', async () => {
    const { ledger } = newLedger();
    await ledger.refund({
      key: 'r',
      paymentRef: 'pi_9',
      refundId: 're_1',
      refundedMinor: 2500,
      reason: 'refund',
    });
    expect(await ledger.balance()).toEqual({ balance: 0, held: 0, available: 0 });
    await ledger.purchase({
      key: 'p',
      paymentRef: 'pi_9',
      credits: 1000,
      amountMinor: 10000,
      currency: 'BRL',
      reason: 'pack',
    });
    expect(await ledger.balance()).toEqual({ balance: 750, held: 0, available: 750 });
    // The cumulative view of the same refund changes nothing; a larger one takes the difference.
    await ledger.refund({
      key: 'r-cum',
      paymentRef: 'pi_9',
      refundedMinor: 2500,
      reason: 'refund',
    });
    expect((await ledger.balance()).balance).toBe(750);
    await ledger.refund({
      key: 'r-cum2',
      paymentRef: 'pi_9',
      refundedMinor: 10000,
      reason: 'refund',
    });
    expect((await ledger.balance()).balance).toBe(0);
  });

  it('never goes below zero: refunded credits already spent are recorded as uncollected', async () => {
    const { orgId, ledger } = newLedger();
    await ledger.purchase({
      key: 'p',
      paymentRef: 'pi_7',
      credits: 100,
      amountMinor: 1000,
      currency: 'BRL',
      reason: 'pack',
    });
    const hold = await ledger.hold({ key: 'h', credits: 70, memberId: null, reason: 'x' });
    if (!hold.ok) throw new Error('refused');
    await ledger.capture({ key: 'c', holdId: hold.value.holdId, credits: 70 });
    await ledger.refund({ key: 'r', paymentRef: 'pi_7', refundedMinor: 1000, reason: 'refund' });
    expect(await ledger.balance()).toEqual({ balance: 0, held: 0, available: 0 });
    await mirrored(ledger, orgId);
    const refund = await env.DB.prepare(
      "select credits, meta from credit_entries where org_id = ? and kind = 'refund'",
    )
      .bind(orgId)
      .first<{ credits: number; meta: string }>();
    expect(refund!.credits).toBe(30);
    expect(JSON.parse(refund!.meta)).toMatchObject({ uncollected: 70, paymentRef: 'pi_7' });
  });
});
