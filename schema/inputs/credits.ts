/** @module Inputs for credits (statement, usage, settings, adjustments) and billing (checkout). */
import * as v from 'valibot';
import { PACK_IDS, PLAN_IDS } from '../../domain/credits/catalog.ts';
import { CREDIT_ENTRY_KINDS } from '../../domain/credits/entries.ts';
import { JsonObject, Name, PageQuery, Uuid } from './common.ts';

const IsoDateTime = (label: string) =>
  v.pipe(
    v.string(),
    v.isoTimestamp(`${label} must be an ISO-8601 date-time, e.g. 2026-11-01T00:00:00Z.`),
  );

const WholeNumber = (label: string, max: number) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number.`),
    v.minValue(0, `${label} cannot be negative.`),
    v.maxValue(max, `${label} must be at most ${max}.`),
  );

export const EntriesQuery = v.object({
  /** The `seq` of the last entry on the previous page. */
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'cursor must be a whole number.'))),
  limit: PageQuery.entries.limit,
  kind: v.optional(
    v.picklist(CREDIT_ENTRY_KINDS, `kind must be one of: ${CREDIT_ENTRY_KINDS.join(', ')}.`),
  ),
  memberId: v.optional(Uuid),
  holdId: v.optional(Uuid),
  from: v.optional(IsoDateTime('from')),
  to: v.optional(IsoDateTime('to')),
});

export const USAGE_GROUPS = ['day', 'provider', 'model', 'member'] as const;

export const UsageQuery = v.object({
  from: v.optional(IsoDateTime('from')),
  to: v.optional(IsoDateTime('to')),
  groupBy: v.optional(
    v.picklist(USAGE_GROUPS, `groupBy must be one of: ${USAGE_GROUPS.join(', ')}.`),
    'day',
  ),
});

const MonthlyLimit = v.nullable(WholeNumber('A monthly limit', 100_000_000));

export const SpendLimitsInput = JsonObject(
  v.object({
    orgMonthly: MonthlyLimit,
    memberMonthly: MonthlyLimit,
    members: v.optional(v.record(Uuid, MonthlyLimit), {}),
  }),
  'spendLimits',
);

export const AutoRechargeInput = JsonObject(
  v.object({
    enabled: v.boolean('enabled must be true or false.'),
    thresholdCredits: v.pipe(
      WholeNumber('thresholdCredits', 10_000_000),
      v.minValue(1, 'thresholdCredits must be at least 1.'),
    ),
    packId: v.picklist(PACK_IDS, `packId must be one of: ${PACK_IDS.join(', ')}.`),
    monthlyCapMinor: WholeNumber('monthlyCapMinor', 100_000_000),
  }),
  'autoRecharge',
);

export const CreditSettingsInput = v.pipe(
  v.object({
    spendLimits: v.optional(SpendLimitsInput),
    autoRecharge: v.optional(v.nullable(AutoRechargeInput)),
  }),
  v.check(
    (o) => o.spendLimits !== undefined || o.autoRecharge !== undefined,
    'Send spendLimits, autoRecharge or both.',
  ),
);

export const AdjustmentInput = v.object({
  credits: v.pipe(
    v.number('credits must be a number.'),
    v.integer('credits must be a whole number.'),
    v.minValue(-10_000_000, 'credits must be at least -10000000.'),
    v.maxValue(10_000_000, 'credits must be at most 10000000.'),
    v.check((n) => n !== 0, 'credits cannot be 0.'),
  ),
  reason: Name('Reason', 500),
});

export const CheckoutInput = v.pipe(
  v.object({
    packId: v.optional(v.picklist(PACK_IDS, `packId must be one of: ${PACK_IDS.join(', ')}.`)),
    planId: v.optional(v.picklist(PLAN_IDS, `planId must be one of: ${PLAN_IDS.join(', ')}.`)),
  }),
  v.check(
    (o) => (o.packId === undefined) !== (o.planId === undefined),
    'Send either packId or planId.',
  ),
);

/** A Stripe event as delivered to the webhook, for the document (Stripe's library reads it). */
export const StripeEvent = v.looseObject({
  id: v.string(),
  type: v.string(),
  data: v.looseObject({ object: v.looseObject({ id: v.optional(v.string()) }) }),
});
