/**
 * @module Ads, campaign side: products (scouted, judged, qualified or rejected), the creatives
 * generated for them, the published structure campaign → ad sets → ads with the external ids the
 * platform gave each, a log of publishing attempts, and the org's ads settings (viability rules
 * and autopilot overrides).
 *
 * Drafts are co-edited in the campaign's CampaignRoom (a Yjs doc); these rows hold what was
 * published from it (and, before the first publish, the draft's starting point). Money is in
 * integer minor units of `currency`.
 */
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { ViabilityReason } from '../domain/ads/viability.ts';
import {
  AD_OBJECTIVES,
  AD_PLATFORMS,
  CALLS_TO_ACTION,
  CAMPAIGN_STATUSES,
  CREATIVE_KINDS,
  CREATIVE_STATUSES,
  CREATIVE_STYLES,
  PAUSE_REASONS,
  PRODUCT_STATUSES,
} from '../domain/ads/vocabulary.ts';
import type { AutopilotSettingsOverrides } from '../domain/autopilot/settings.ts';
import { createdAt, id, orgId, timestamp } from './columns.ts';

/** What the source reported about demand and competition (see products/viability.ts). */
export interface ProductSignals {
  monthlyOrders?: number | null;
  rating?: number | null;
  competingAds?: number | null;
}

export const products = sqliteTable(
  'products',
  {
    id: id(),
    orgId: orgId(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    /** Image URLs or media keys, in display order. */
    images: text('images', { mode: 'json' }).$type<string[]>().notNull(),
    supplierCostMinor: integer('supplier_cost_minor').notNull(),
    marketPriceMinor: integer('market_price_minor').notNull(),
    currency: text('currency').notNull(),
    category: text('category').notNull(),
    keywords: text('keywords', { mode: 'json' }).$type<string[]>().notNull(),
    source: text('source').notNull(),
    /** The product's id at its source; a scout run that finds it again updates nothing. */
    sourceRef: text('source_ref'),
    signals: text('signals', { mode: 'json' }).$type<ProductSignals>().notNull(),
    status: text('status', { enum: PRODUCT_STATUSES }).notNull().default('scouted'),
    /** The latest viability verdict: score 0–100, its parts and every reason. */
    score: integer('score'),
    scoreParts: text('score_parts', { mode: 'json' }).$type<{
      conversionPotential: number;
      competition: number;
      margin: number;
    }>(),
    reasons: text('reasons', { mode: 'json' }).$type<ViabilityReason[]>(),
    judgedAt: timestamp('judged_at'),
    /** Who set the status: null when the viability rules did, a user id when a person did. */
    decidedBy: text('decided_by'),
    /** A person's note when they approve or reject by hand (listed with the reasons). */
    decisionNote: text('decision_note'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('products_org').on(t.orgId, t.id),
    index('products_org_status').on(t.orgId, t.status),
    uniqueIndex('products_org_source_ref').on(t.orgId, t.source, t.sourceRef),
  ],
);

/**
 * One piece of ad copy or one image for a product. Generated ones start as `draft` linked to
 * their studio generation and become `ready` (text or media filled in) or `failed` when it ends.
 */
export const creatives = sqliteTable(
  'creatives',
  {
    id: id(),
    orgId: orgId(),
    productId: text('product_id').notNull(),
    kind: text('kind', { enum: CREATIVE_KINDS }).notNull(),
    style: text('style', { enum: CREATIVE_STYLES }),
    text: text('text'),
    /** R2 key of an image creative's media. */
    mediaKey: text('media_key'),
    mediaMime: text('media_mime'),
    status: text('status', { enum: CREATIVE_STATUSES }).notNull().default('draft'),
    generationId: text('generation_id'),
    error: text('error'),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('creatives_org_product').on(t.orgId, t.productId),
    index('creatives_org_generation').on(t.orgId, t.generationId),
  ],
);

export const adCampaigns = sqliteTable(
  'ad_campaigns',
  {
    id: id(),
    orgId: orgId(),
    name: text('name').notNull(),
    /** The product it sells, when it sells one (creatives are picked from it). */
    productId: text('product_id'),
    platform: text('platform', { enum: AD_PLATFORMS }).notNull(),
    objective: text('objective', { enum: AD_OBJECTIVES }).notNull(),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    externalId: text('external_id'),
    currency: text('currency').notNull(),
    /** The publishing job of the latest publish, for progress and errors. */
    publishJobId: text('publish_job_id'),
    /** Why the latest publish failed, for people. */
    error: text('error'),
    createdBy: text('created_by'),
    publishedAt: timestamp('published_at'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('ad_campaigns_org').on(t.orgId, t.id),
    index('ad_campaigns_org_status').on(t.orgId, t.status),
  ],
);

/** The entity that owns a daily budget; the autopilot raises, rolls back and pauses these. */
export const adSets = sqliteTable(
  'ad_sets',
  {
    id: id(),
    orgId: orgId(),
    campaignId: text('campaign_id').notNull(),
    name: text('name').notNull(),
    dailyBudgetMinor: integer('daily_budget_minor').notNull(),
    /** The budget it was published with: raises never go above a multiple of this. */
    initialBudgetMinor: integer('initial_budget_minor').notNull(),
    /** ISO 3166-1 alpha-2 codes. */
    countries: text('countries', { mode: 'json' }).$type<string[]>().notNull(),
    ageMin: integer('age_min').notNull(),
    ageMax: integer('age_max').notNull(),
    placements: text('placements', { mode: 'json' }).$type<string[]>().notNull(),
    externalId: text('external_id'),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    pausedFor: text('paused_for', { enum: PAUSE_REASONS }),
    pausedAt: timestamp('paused_at'),
    /** When it first went active on the platform; "hours live" counts from here. */
    launchedAt: timestamp('launched_at'),
    /** Its position in the draft, so D1 lists it in the order people arranged. */
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('ad_sets_org_campaign').on(t.orgId, t.campaignId),
    index('ad_sets_org_status').on(t.orgId, t.status),
  ],
);

/**
 * The creatives an ad was made from, by id; the copy itself is stored on the ad as published
 * (people edit it in the room). A `cta` creative's line closes the body text; the button is the
 * platform's `callToAction`.
 */
export interface AdCreativeRefs {
  headline?: string | null;
  body?: string | null;
  cta?: string | null;
  image?: string | null;
}

export const ads = sqliteTable(
  'ads',
  {
    id: id(),
    orgId: orgId(),
    campaignId: text('campaign_id').notNull(),
    adSetId: text('ad_set_id').notNull(),
    name: text('name').notNull(),
    creativeRefs: text('creative_refs', { mode: 'json' }).$type<AdCreativeRefs>().notNull(),
    headline: text('headline').notNull(),
    body: text('body').notNull(),
    callToAction: text('call_to_action', { enum: CALLS_TO_ACTION }).notNull(),
    /** The image the platform fetches: a public https URL (media served by the Worker). */
    imageUrl: text('image_url').notNull(),
    /** The landing page with its UTM parameters, exactly as sent to the platform. */
    landingUrl: text('landing_url').notNull(),
    /** `utm_campaign` of the landing URL: conversions find their campaign by it. */
    utmCampaign: text('utm_campaign').notNull(),
    externalId: text('external_id'),
    /** The platform's id of the creative made for the ad, where it has its own (Meta). */
    externalCreativeId: text('external_creative_id'),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('draft'),
    pausedFor: text('paused_for', { enum: PAUSE_REASONS }),
    pausedAt: timestamp('paused_at'),
    launchedAt: timestamp('launched_at'),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [
    index('ads_org_ad_set').on(t.orgId, t.adSetId),
    index('ads_org_campaign').on(t.orgId, t.campaignId),
    index('ads_org_utm').on(t.orgId, t.utmCampaign),
  ],
);

/** Each try of a publishing job, for the campaign's history and support. */
export const adPublishAttempts = sqliteTable(
  'ad_publish_attempts',
  {
    id: id(),
    orgId: orgId(),
    campaignId: text('campaign_id').notNull(),
    jobId: text('job_id').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome', { enum: ['active', 'retrying', 'error'] }).notNull(),
    /** How many campaign/ad set/ad rows were created on the platform during this attempt. */
    created: integer('created').notNull().default(0),
    error: text('error'),
    createdAt: createdAt(),
  },
  (t) => [index('ad_publish_attempts_org_campaign').on(t.orgId, t.campaignId)],
);

/**
 * Per org, the overrides of the ads rules; code defaults fill the rest. `viability`: the product
 * qualification rules (products/viability.ts `ViabilitySettings`, partial). `autopilot`: mode,
 * targets, caps, approval threshold (autopilot/settings.ts `AutopilotSettingsOverrides`).
 */
export const adsSettings = sqliteTable('ads_settings', {
  orgId: orgId().primaryKey(),
  viability: text('viability', { mode: 'json' }).$type<Record<string, unknown>>(),
  autopilot: text('autopilot', { mode: 'json' }).$type<AutopilotSettingsOverrides>(),
  updatedBy: text('updated_by'),
  updatedAt: timestamp('updated_at'),
});
