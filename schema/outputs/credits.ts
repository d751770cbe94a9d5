/**
 * @module Answers about credits and billing: the balance, holds, the statement, usage, spend
 * limits and auto-recharge, the catalog, checkout and billing details.
 */
import * as v from 'valibot';
import { CREDIT_ENTRY_KINDS } from '../../domain/credits/entries.ts';
import { USAGE_GROUPS } from '../inputs/credits.ts';
import { Id, Int, Timestamp } from './common.ts';

export const Balance = v.strictObject({ balance: Int, held: Int, available: Int });

export const Holds = v.strictObject({
  items: v.array(
    v.strictObject({
      holdId: Id,
      credits: Int,
      memberId: v.nullable(Id),
      reason: v.string(),
      createdAt: Timestamp,
      expiresAt: Timestamp,
    }),
  ),
});

const Params = v.record(v.string(), v.union([v.string(), v.number()]));

export const Statement = v.strictObject({
  items: v.array(
    v.strictObject({
      id: Id,
      seq: Int,
      kind: v.picklist(CREDIT_ENTRY_KINDS),
      credits: Int,
      balanceDelta: Int,
      balanceAfter: Int,
      heldAfter: Int,
      holdId: v.nullable(Id),
      memberId: v.nullable(Id),
      reason: v.nullable(v.string()),
      provider: v.nullable(v.string()),
      model: v.nullable(v.string()),
      priceVersion: v.nullable(v.string()),
      usage: v.nullable(
        v.strictObject({
          provider: v.string(),
          model: v.string(),
          priceVersion: v.string(),
          units: v.record(v.string(), v.number()),
          cached: v.optional(v.boolean()),
        }),
      ),
      createdAt: Timestamp,
      reasonParams: Params,
      reasonText: v.nullable(v.string()),
      ref: v.nullable(
        v.variant('kind', [
          v.strictObject({ kind: v.literal('generation'), id: Id }),
          v.strictObject({ kind: v.literal('creative'), id: Id, productId: Id }),
        ]),
      ),
    }),
  ),
  /** The `seq` of the last entry, as text, or null on the last page. */
  nextCursor: v.nullable(v.string()),
});

export const Usage = v.strictObject({
  from: Timestamp,
  to: Timestamp,
  groupBy: v.picklist(USAGE_GROUPS),
  timeZone: v.string(),
  total: Int,
  items: v.array(
    v.strictObject({ key: v.string(), label: v.string(), credits: Int, captures: Int }),
  ),
});

const MonthlyLimit = v.nullable(Int);

const CreditSettingsFields = {
  spendLimits: v.strictObject({
    orgMonthly: MonthlyLimit,
    memberMonthly: MonthlyLimit,
    members: v.record(Id, MonthlyLimit),
  }),
  autoRecharge: v.nullable(
    v.strictObject({
      enabled: v.boolean(),
      thresholdCredits: Int,
      packId: v.string(),
      credits: Int,
      amountMinor: Int,
      currency: v.string(),
      monthlyCapMinor: Int,
    }),
  ),
};

export const CreditSettingsSaved = v.strictObject(CreditSettingsFields);

export const CreditSettings = v.strictObject({
  ...CreditSettingsFields,
  /** Credits spent this month (in the org's time zone), by the org and by each limited member. */
  spend: v.strictObject({ period: v.string(), org: Int, members: v.record(Id, Int) }),
  hasSavedCard: v.boolean(),
});

export const Adjusted = v.strictObject({ entryId: Id, balance: Int, available: Int });

export const Catalog = v.strictObject({
  currency: v.string(),
  packs: v.array(v.strictObject({ id: v.string(), credits: Int, amountMinor: Int })),
  plans: v.array(v.strictObject({ id: v.string(), monthlyCredits: Int, amountMinor: Int })),
});

export const Checkout = v.strictObject({ id: v.string(), url: v.string() });

export const BillingDetailsSaved = v.strictObject({
  taxIdKind: v.picklist(['cpf', 'cnpj']),
  taxId: v.string(),
  legalName: v.string(),
  postalCode: v.string(),
  street: v.string(),
  number: v.string(),
  complement: v.string(),
  district: v.string(),
  city: v.string(),
  state: v.string(),
  updatedAt: Timestamp,
});

/** None saved yet is `null`. */
export const BillingDetails = v.nullable(BillingDetailsSaved);

export const WebhookReceived = v.strictObject({
  received: v.literal(true),
  type: v.string(),
  applied: Int,
});
