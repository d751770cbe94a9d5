/**
 * @module Credits: the balance and open holds (from the org's CreditLedger, exact and current),
 * the statement and usage reports (from the ledger's D1 mirror), spend-limit and auto-recharge
 * settings, and owner adjustments. Spending itself happens where work is done (the studio holds
 * and captures through `ledgerOf`), never through a route of its own.
 */

import { desc, eq, gte, lt } from 'drizzle-orm';
import { packById } from '../../domain/credits/catalog.ts';
import { auditEntry } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';
import { conflict, forbidden, invalid, notFound } from '../../platform/problem.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { auditLog } from '../../schema/audit.ts';
import { billingAccounts, creditEntries } from '../../schema/credits.ts';
import { IdempotencyHeaders } from '../../schema/inputs/common.ts';
import {
  AdjustmentInput,
  CreditSettingsInput,
  EntriesQuery,
  UsageQuery,
} from '../../schema/inputs/credits.ts';
import { orgs } from '../../schema/orgs.ts';
import {
  Adjusted,
  Balance,
  CreditSettings,
  CreditSettingsSaved,
  Holds,
  Statement,
  Usage,
} from '../../schema/outputs/credits.ts';
import type { LedgerSettings } from '../../services/credits/ledger-api.ts';
import { ledgerOf } from '../../services/credits/ledger-client.ts';
import { statementLines } from '../../services/credits/statement.ts';
import { usageReport } from '../../services/credits/usage.ts';
import { Routes } from '../router.ts';

const DAY_MS = 24 * 3600 * 1000;
const MAX_USAGE_RANGE_DAYS = 366;

export async function orgSettingsOf(db: Db, orgId: string) {
  const org = await db
    .select({ timeZone: orgs.timeZone, currency: orgs.currency })
    .from(orgs)
    .where(eq(orgs.id, orgId))
    .get();
  if (!org) throw notFound('Organization');
  return org;
}

export const creditRoutes = new Routes('Credits')
  .get(
    '/credits',
    {
      summary: 'Credit balance: total, held by running work, and available',
      auth: 'credits:read',
      responses: { 200: { description: 'The balance.', schema: Balance } },
    },
    async ({ c, env, org }) => c.json(await ledgerOf(env, org.orgId).balance()),
  )
  .get(
    '/credits/holds',
    {
      summary: 'Open holds: credits reserved by work still running',
      auth: 'credits:read',
      responses: { 200: { description: 'Open holds, oldest first.', schema: Holds } },
    },
    async ({ c, env, org }) => c.json({ items: await ledgerOf(env, org.orgId).openHolds() }),
  )
  .get(
    '/credits/entries',
    {
      summary: 'The statement: ledger entries, newest first (cursor pagination, filters)',
      description:
        'Entries reach the statement a fraction of a second after they are written. `cursor` is the `seq` of the last entry of the previous page. Each entry names its `reason` as a code with `reasonParams` (and `reasonText` in English), and `ref`: what it paid for (`{kind: "generation", id}` or `{kind: "creative", id, productId}`), or null.',
      auth: 'credits:read',
      query: EntriesQuery,
      responses: { 200: { description: 'A page of entries.', schema: Statement } },
    },
    async ({ c, db, org, query }) => {
      const rows = await db
        .select({
          id: creditEntries.id,
          seq: creditEntries.seq,
          kind: creditEntries.kind,
          credits: creditEntries.credits,
          balanceDelta: creditEntries.balanceDelta,
          balanceAfter: creditEntries.balanceAfter,
          heldAfter: creditEntries.heldAfter,
          holdId: creditEntries.holdId,
          memberId: creditEntries.memberId,
          reason: creditEntries.reason,
          provider: creditEntries.provider,
          model: creditEntries.model,
          priceVersion: creditEntries.priceVersion,
          usage: creditEntries.usage,
          meta: creditEntries.meta,
          createdAt: creditEntries.createdAt,
        })
        .from(creditEntries)
        .where(
          org.where(
            creditEntries,
            query.cursor ? lt(creditEntries.seq, Number(query.cursor)) : undefined,
            query.kind ? eq(creditEntries.kind, query.kind) : undefined,
            query.memberId ? eq(creditEntries.memberId, query.memberId) : undefined,
            query.holdId ? eq(creditEntries.holdId, query.holdId) : undefined,
            query.from ? gte(creditEntries.createdAt, new Date(query.from)) : undefined,
            query.to ? lt(creditEntries.createdAt, new Date(query.to)) : undefined,
          ),
        )
        .orderBy(desc(creditEntries.seq))
        .limit(query.limit + 1);
      const items = rows.slice(0, query.limit);
      return c.json({
        items: await statementLines(db, org.orgId, items),
        nextCursor: rows.length > query.limit ? String(items.at(-1)!.seq) : null,
      });
    },
  )
  .get(
    '/credits/usage',
    {
      summary: 'Credits spent in a range, grouped by day, provider, model or member',
      description:
        'Days are cut in the organization’s time zone. The range defaults to the last 30 days and may span at most 366.',
      auth: 'credits:read',
      query: UsageQuery,
      responses: { 200: { description: 'Usage lines and their total.', schema: Usage } },
    },
    async ({ c, db, org, query }) => {
      const to = query.to ? Date.parse(query.to) : Date.now();
      const from = query.from ? Date.parse(query.from) : to - 30 * DAY_MS;
      if (from >= to) throw invalid([{ path: 'query.from', message: 'from must be before to.' }]);
      if (to - from > MAX_USAGE_RANGE_DAYS * DAY_MS)
        throw invalid([
          {
            path: 'query.from',
            message: `The range may span at most ${MAX_USAGE_RANGE_DAYS} days.`,
          },
        ]);
      const { timeZone } = await orgSettingsOf(db, org.orgId);
      const items = await usageReport(db, org, { from, to, groupBy: query.groupBy, timeZone });
      return c.json({
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        groupBy: query.groupBy,
        timeZone,
        total: items.reduce((sum, line) => sum + line.credits, 0),
        items,
      });
    },
  )
  .get(
    '/credits/settings',
    {
      summary: 'Spend limits, auto-recharge, and what the limits have used this month',
      auth: 'credits:read',
      responses: { 200: { description: 'The settings.', schema: CreditSettings } },
    },
    async ({ c, env, db, org }) => {
      const ledger = ledgerOf(env, org.orgId);
      const settings = await ledger.settings();
      const [spend, card] = await Promise.all([
        ledger.spendThisMonth(Object.keys(settings.spendLimits.members)),
        db
          .select({ paymentMethodId: billingAccounts.paymentMethodId })
          .from(billingAccounts)
          .where(org.where(billingAccounts))
          .get(),
      ]);
      return c.json({ ...settings, spend, hasSavedCard: Boolean(card?.paymentMethodId) });
    },
  )
  .put(
    '/credits/settings',
    {
      summary: 'Set spend limits and auto-recharge',
      description:
        'Limits are monthly, in the organization’s time zone; alerts fire at 80% and 100%. Auto-recharge buys the chosen pack off-session when available credits cross below the threshold, at most `monthlyCapMinor` per month, and needs a card saved by an earlier purchase.',
      auth: 'credits:manage',
      body: CreditSettingsInput,
      responses: {
        200: { description: 'The settings now in force.', schema: CreditSettingsSaved },
        409: 'Auto-recharge needs a saved card.',
      },
    },
    async ({ c, env, db, org, who, body }) => {
      const ledger = ledgerOf(env, org.orgId);
      const current = await ledger.settings();
      let autoRecharge = current.autoRecharge;
      if (body.autoRecharge === null) autoRecharge = null;
      else if (body.autoRecharge) {
        const [{ currency }, card] = await Promise.all([
          orgSettingsOf(db, org.orgId),
          db
            .select({ paymentMethodId: billingAccounts.paymentMethodId })
            .from(billingAccounts)
            .where(org.where(billingAccounts))
            .get(),
        ]);
        if (body.autoRecharge.enabled && !card?.paymentMethodId)
          throw conflict(
            'Buy a credit pack once first: auto-recharge charges the card saved then.',
            [{ path: 'autoRecharge.enabled', message: 'No saved card yet.' }],
          );
        const pack = packById(body.autoRecharge.packId)!;
        autoRecharge = {
          ...body.autoRecharge,
          credits: pack.credits,
          amountMinor: pack.prices[currency as keyof typeof pack.prices],
          currency,
        };
      }
      const next: LedgerSettings = {
        spendLimits: body.spendLimits
          ? { ...body.spendLimits, members: body.spendLimits.members ?? {} }
          : current.spendLimits,
        autoRecharge,
      };
      await ledger.configure(next);
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'credits.settings_changed',
        targetType: 'credits',
        data: body as Record<string, unknown>,
      });
      return c.json(next);
    },
  )
  .post(
    '/credits/adjustments',
    {
      summary: 'Correct the balance by hand (owners only, with a reason)',
      description:
        'Positive credits add, negative remove (never more than is available). Send an `Idempotency-Key` header: a retry with the same key changes nothing.',
      auth: 'credits:adjust',
      body: AdjustmentInput,
      headers: IdempotencyHeaders,
      responses: {
        201: { description: 'The adjustment and the new balance.', schema: Adjusted },
        402: 'Removing more than is available.',
        422: 'Invalid input, or no Idempotency-Key.',
      },
    },
    async ({ c, env, db, org, who, body, headers }) => {
      if (who.kind !== 'user') throw forbidden('Adjustments are made by a person.');
      const key = headers['idempotency-key'];
      const posted = unwrap(
        await ledgerOf(env, org.orgId).adjust({
          key: `adjust:${key}`,
          credits: body.credits,
          reason: 'adjustment',
          reasonParams: { note: body.reason },
          actorId: who.userId,
        }),
      );
      // A retried request returns the first adjustment; it is audited once.
      const audited = await db
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          org.where(
            auditLog,
            eq(auditLog.action, 'credits.adjusted'),
            eq(auditLog.targetId, posted.entryId!),
          ),
        )
        .get();
      if (!audited)
        await auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'credits.adjusted',
          targetType: 'credit_entry',
          targetId: posted.entryId,
          data: { credits: body.credits, reason: body.reason, idempotencyKey: key },
        });
      return c.json(posted, 201);
    },
  );
