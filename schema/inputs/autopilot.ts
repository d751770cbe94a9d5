/**
 * @module Inputs of the autopilot: its settings, decision filters, insight ranges, daily reports,
 * and the order a store reports through the conversions webhook.
 */
import * as v from 'valibot';
import { DECISION_STATUSES } from '../../domain/autopilot/decision.ts';
import { AUTOPILOT_MODES } from '../../domain/autopilot/settings.ts';
import { JsonObject, PageQuery, Uuid } from './common.ts';

const UtmValue = (name: string) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(`utm.${name} must be text.`),
        v.trim(),
        v.maxLength(200, `utm.${name} must be at most 200 characters.`),
      ),
    ),
  );

/** What a store sends for one paid order. Amounts in minor units (R$ 129,90 → 12990). */
export const ConversionInput = v.strictObject({
  orderId: v.pipe(
    v.string('orderId must be text.'),
    v.trim(),
    v.minLength(1, 'orderId is required.'),
    v.maxLength(120, 'orderId must be at most 120 characters.'),
  ),
  amountMinor: v.pipe(
    v.number('amountMinor must be a number.'),
    v.integer('amountMinor must be a whole number of minor units (cents).'),
    v.minValue(0, 'amountMinor must not be negative.'),
    v.maxValue(10_000_000_000, 'amountMinor is too large.'),
  ),
  currency: v.pipe(
    v.string('currency must be text.'),
    v.regex(/^[A-Z]{3}$/, 'currency must be an ISO 4217 code such as BRL.'),
  ),
  orderedAt: v.optional(
    v.pipe(v.string('orderedAt must be text.'), v.isoTimestamp('orderedAt must be ISO-8601 UTC.')),
  ),
  utm: v.optional(
    JsonObject(
      v.strictObject({
        source: UtmValue('source'),
        medium: UtmValue('medium'),
        campaign: UtmValue('campaign'),
        content: UtmValue('content'),
        term: UtmValue('term'),
      }),
      'utm',
    ),
  ),
});
export type ConversionInput = v.InferOutput<typeof ConversionInput>;

const Percent = (label: string, max: number) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number.`),
    v.minValue(0, `${label} must not be negative.`),
    v.maxValue(max, `${label} must be at most ${max}.`),
  );
const Minor = (label: string) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number of minor units.`),
    v.minValue(0, `${label} must not be negative.`),
    v.maxValue(100_000_000_000, `${label} is too large.`),
  );
const Hours = (label: string, min: number, max: number) =>
  v.pipe(
    v.number(`${label} must be a number.`),
    v.integer(`${label} must be a whole number of hours.`),
    v.minValue(min, `${label} must be at least ${min}.`),
    v.maxValue(max, `${label} must be at most ${max}.`),
  );

const MinimumDataInput = (level: string) =>
  v.optional(
    JsonObject(
      v.strictObject({
        impressions: v.optional(Minor(`minimumData.${level}.impressions`)),
        hoursLive: v.optional(Hours(`minimumData.${level}.hoursLive`, 0, 24 * 30)),
        spendMinor: v.optional(Minor(`minimumData.${level}.spendMinor`)),
      }),
      `minimumData.${level}`,
    ),
  );

/** A change to the org's autopilot settings; groups merge into what is stored. */
const AutopilotSettingsEntries = v.strictObject({
  mode: v.optional(
    v.picklist(AUTOPILOT_MODES, `mode must be one of: ${AUTOPILOT_MODES.join(', ')}.`),
  ),
  targets: v.optional(
    JsonObject(
      v.strictObject({
        minRoasPercent: v.optional(Percent('targets.minRoasPercent', 10_000)),
        minCtrBasisPoints: v.optional(Percent('targets.minCtrBasisPoints', 10_000)),
        minCvrBasisPoints: v.optional(Percent('targets.minCvrBasisPoints', 10_000)),
        maxCpaPercentOfAov: v.optional(Percent('targets.maxCpaPercentOfAov', 100)),
      }),
      'targets',
    ),
  ),
  minimumData: v.optional(
    JsonObject(
      v.strictObject({ ad: MinimumDataInput('ad'), adSet: MinimumDataInput('adSet') }),
      'minimumData',
    ),
  ),
  caps: v.optional(
    JsonObject(
      v.strictObject({
        dailyMinor: v.optional(Minor('caps.dailyMinor')),
        weeklyMinor: v.optional(Minor('caps.weeklyMinor')),
        warnAtPercent: v.optional(Percent('caps.warnAtPercent', 100)),
      }),
      'caps',
    ),
  ),
  approvalThresholdMinor: v.optional(Minor('approvalThresholdMinor')),
});
export const AutopilotSettingsInput = v.pipe(
  AutopilotSettingsEntries,
  v.check(
    (o) => Object.values(o).some((x) => x !== undefined),
    'Send at least one setting to change.',
  ),
);
export type AutopilotSettingsInput = v.InferOutput<typeof AutopilotSettingsEntries>;

export const DecisionListQuery = v.object({
  ...PageQuery.entries,
  status: v.optional(
    v.picklist(DECISION_STATUSES, `status must be one of: ${DECISION_STATUSES.join(', ')}.`),
  ),
  campaignId: v.optional(Uuid),
  entityId: v.optional(Uuid),
  action: v.optional(
    v.picklist(
      ['hold', 'pause', 'resume', 'set_budget', 'request_creatives'],
      'action must be one of: hold, pause, resume, set_budget, request_creatives.',
    ),
  ),
});

const IsoTime = (label: string) =>
  v.pipe(v.string(`${label} must be text.`), v.isoTimestamp(`${label} must be ISO-8601 UTC.`));

export const InsightsQuery = v.object({
  from: v.optional(IsoTime('from')),
  to: v.optional(IsoTime('to')),
  granularity: v.optional(v.picklist(['hour', 'day'], 'granularity must be hour or day.'), 'day'),
});

/** A calendar day, YYYY-MM-DD. */
export const CalendarDay = v.pipe(
  v.string('date must be text.'),
  v.maxLength(10, 'date must be a calendar day, YYYY-MM-DD.'),
  v.isoDate('date must be a calendar day, YYYY-MM-DD.'),
);

export const DailyReportQuery = v.object({ date: v.optional(CalendarDay) });
