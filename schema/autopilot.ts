/**
 * @module The autopilot's data: hourly ad insights as the platforms report them, orders from the
 * conversions webhook, every decision the autopilot made (with the snapshot it was made on), the
 * daily reports stored in R2, and the conversions webhook secret. The org's autopilot settings
 * live beside the other ads rules (`ads_settings.autopilot`, schema/ads.ts).
 */
import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import type {
  AutopilotAction,
  DecisionInputs,
  ExpectedResult,
  ReasonCode,
} from '../domain/autopilot/decision.ts';
import { DECISION_STATUSES } from '../domain/autopilot/decision.ts';
import { createdAt, id, orgId, timestamp } from './columns.ts';

/**
 * One ad's hour as its platform reports it. Keyed by org, ad and hour: a re-pull of the same hour
 * (platforms keep revising recent hours as delayed conversions arrive) replaces the row.
 * Conversions are counted in the hour they are reported, within the pinned attribution window.
 */
export const adInsights = sqliteTable(
  'ad_insights',
  {
    orgId: orgId(),
    adId: text('ad_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    /** Start of the hour, ms UTC. */
    hourStart: integer('hour_start').notNull(),
    /** e.g. `7d_click`: pinned per platform so hours stay comparable. */
    attributionWindow: text('attribution_window').notNull(),
    impressions: integer('impressions').notNull(),
    clicks: integer('clicks').notNull(),
    spendMinor: integer('spend_minor').notNull(),
    conversions: integer('conversions').notNull(),
    revenueMinor: integer('revenue_minor').notNull(),
    currency: text('currency').notNull(),
    pulledAt: integer('pulled_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.adId, t.hourStart] }),
    index('ad_insights_org_hour').on(t.orgId, t.hourStart),
    index('ad_insights_org_campaign_hour').on(t.orgId, t.campaignId, t.hourStart),
  ],
);

/** An order reported by the org's store through the signed conversions webhook. */
export const orders = sqliteTable(
  'orders',
  {
    id: id(),
    orgId: orgId(),
    /** The store's order id: the same id twice is the same order (replays change nothing). */
    externalOrderId: text('external_order_id').notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    utmTerm: text('utm_term'),
    /** Our campaign, matched by `utm_campaign` (its id or its name); null when none matched. */
    campaignId: text('campaign_id'),
    /** Our ad, matched by `utm_content` (its id); null when none matched. */
    adId: text('ad_id'),
    orderedAt: timestamp('ordered_at').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('orders_org_external').on(t.orgId, t.externalOrderId),
    index('orders_org_campaign').on(t.orgId, t.campaignId, t.orderedAt),
    index('orders_org_ordered').on(t.orgId, t.orderedAt),
  ],
);

/** One autopilot decision, stored once per cycle window (the `cycle_key` is its idempotency key). */
export const autopilotDecisions = sqliteTable(
  'autopilot_decisions',
  {
    id: id(),
    orgId: orgId(),
    cycleKey: text('cycle_key').notNull(),
    cycle: text('cycle', { enum: ['decide', 'caps'] }).notNull(),
    windowStart: timestamp('window_start').notNull(),
    entityKind: text('entity_kind', { enum: ['ad_set', 'ad'] }).notNull(),
    entityId: text('entity_id').notNull(),
    adSetId: text('ad_set_id').notNull(),
    campaignId: text('campaign_id').notNull(),
    verdict: text('verdict').notNull(),
    actionType: text('action_type').notNull(),
    action: text('action', { mode: 'json' }).$type<AutopilotAction>().notNull(),
    reasons: text('reasons', { mode: 'json' }).$type<ReasonCode[]>().notNull(),
    inputs: text('inputs', { mode: 'json' }).$type<DecisionInputs>().notNull(),
    thresholds: text('thresholds', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    expected: text('expected', { mode: 'json' }).$type<ExpectedResult>().notNull(),
    ruleVersion: text('rule_version').notNull(),
    mode: text('mode', { enum: ['DRY_RUN', 'APPROVAL', 'AUTO'] }).notNull(),
    requiresApproval: integer('requires_approval', { mode: 'boolean' }).notNull(),
    status: text('status', { enum: DECISION_STATUSES }).notNull(),
    /** `autopilot`, or the id of the person who approved or rejected it. */
    decidedBy: text('decided_by').notNull().default('autopilot'),
    reviewedAt: timestamp('reviewed_at'),
    executedAt: timestamp('executed_at'),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('autopilot_decisions_org_key').on(t.orgId, t.cycleKey),
    index('autopilot_decisions_org').on(t.orgId, t.id),
    index('autopilot_decisions_org_status').on(t.orgId, t.status),
    index('autopilot_decisions_org_campaign').on(t.orgId, t.campaignId, t.id),
    // An ad set's last budget change is its latest executed set_budget decision.
    index('autopilot_decisions_org_ad_set_action').on(t.orgId, t.adSetId, t.actionType, t.status),
  ],
);

export interface DailyReportTotals {
  impressions: number;
  clicks: number;
  spendMinor: number;
  conversions: number;
  revenueMinor: number;
  /** Revenue per unit of spend; null without spend. */
  roas: number | null;
  orders: number;
  ordersRevenueMinor: number;
}

/** One org day's report; the HTML and CSV live in R2 under the keys stored here. */
export const dailyReports = sqliteTable(
  'daily_reports',
  {
    id: id(),
    orgId: orgId(),
    /** The org's calendar day, YYYY-MM-DD in its time zone. */
    date: text('date').notNull(),
    timeZone: text('time_zone').notNull(),
    currency: text('currency').notNull(),
    htmlKey: text('html_key').notNull(),
    csvKey: text('csv_key').notNull(),
    totals: text('totals', { mode: 'json' }).$type<DailyReportTotals>().notNull(),
    /** Top and bottom campaigns and products, and the actions taken that day. */
    details: text('details', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('daily_reports_org_date').on(t.orgId, t.date)],
);

/**
 * The secret an org's store signs conversions with. Sealed with secret-box (not hashed): HMAC
 * verification needs the secret itself.
 */
export const conversionWebhookSecrets = sqliteTable('conversion_webhook_secrets', {
  orgId: text('org_id').primaryKey(),
  sealedSecret: text('sealed_secret').notNull(),
  /** The secret's last four characters, to tell which one a store holds. */
  lastFour: text('last_four').notNull(),
  createdBy: text('created_by'),
  createdAt: createdAt(),
});
