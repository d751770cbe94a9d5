/**
 * @module Answers of the ads side: products and their verdicts, creatives, campaigns and their
 * drafts, ad platform connections, the autopilot's decisions and settings, insights, daily
 * reports and store conversions.
 */
import * as v from 'valibot';
import {
  CAMPAIGN_STATUSES,
  CONNECTABLE_AD_PLATFORMS,
  CREATIVE_KINDS,
  CREATIVE_STATUSES,
  CREATIVE_STYLES,
  PAUSE_REASONS,
  PRODUCT_STATUSES,
} from '../../domain/ads/vocabulary.ts';
import { DECISION_STATUSES } from '../../domain/autopilot/decision.ts';
import { AUTOPILOT_MODES } from '../../domain/autopilot/settings.ts';
import { JOB_STATUSES } from '../jobs.ts';
import { Day, Details, Id, Int, Items, Page, Timestamp } from './common.ts';

const Platform = v.picklist(['sandbox', ...CONNECTABLE_AD_PLATFORMS]);
const Score = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100));
const Parts = v.strictObject({ conversionPotential: Int, competition: Int, margin: Int });
const Missing = v.array(v.string());

/** Every check of the viability rules, passed or failed, with the numbers it compared. */
const ViabilityReason = v.variant('code', [
  v.strictObject({ code: v.literal('category'), ok: v.boolean(), category: v.string() }),
  v.strictObject({
    code: v.literal('blocked_term'),
    ok: v.literal(false),
    term: v.string(),
    field: v.picklist(['title', 'description', 'keywords']),
  }),
  v.strictObject({
    code: v.literal('margin'),
    ok: v.boolean(),
    marginPercent: v.number(),
    minimumPercent: v.number(),
  }),
  v.strictObject({
    code: v.literal('cost_below_price'),
    ok: v.boolean(),
    costMinor: Int,
    priceMinor: Int,
  }),
  v.strictObject({
    code: v.literal('price_range'),
    ok: v.boolean(),
    priceMinor: Int,
    minMinor: Int,
    maxMinor: Int,
  }),
  v.strictObject({
    code: v.literal('markup'),
    ok: v.boolean(),
    markupPercent: v.number(),
    maxMarkupPercent: v.number(),
  }),
  v.strictObject({
    code: v.literal('conversion_potential'),
    ok: v.boolean(),
    score: v.number(),
    missing: Missing,
  }),
  v.strictObject({
    code: v.literal('competition'),
    ok: v.boolean(),
    score: v.number(),
    missing: Missing,
  }),
  v.strictObject({ code: v.literal('margin_score'), ok: v.boolean(), score: v.number() }),
  v.strictObject({
    code: v.literal('score'),
    ok: v.boolean(),
    score: v.number(),
    minScore: v.number(),
  }),
]);

export const Product = v.strictObject({
  id: Id,
  title: v.string(),
  description: v.string(),
  images: v.array(v.string()),
  supplierCostMinor: Int,
  marketPriceMinor: Int,
  currency: v.string(),
  marginPercent: v.nullable(v.number()),
  category: v.string(),
  keywords: v.array(v.string()),
  source: v.string(),
  sourceRef: v.nullable(v.string()),
  signals: v.strictObject({
    monthlyOrders: v.optional(v.nullable(Int)),
    rating: v.optional(v.nullable(v.number())),
    competingAds: v.optional(v.nullable(Int)),
  }),
  status: v.picklist(PRODUCT_STATUSES),
  verdict: v.nullable(
    v.strictObject({
      score: v.nullable(Score),
      parts: v.nullable(Parts),
      reasons: v.array(ViabilityReason),
      judgedAt: Timestamp,
    }),
  ),
  /** Set when a person approved or rejected it by hand. */
  decision: v.nullable(
    v.strictObject({ by: v.string(), note: v.nullable(v.string()), status: v.string() }),
  ),
  createdAt: Timestamp,
  updatedAt: v.nullable(Timestamp),
});

export const Products = Page(Product);
export const ProductsJudged = Items(Product);

export const ProductImport = v.strictObject({
  imported: Int,
  skipped: Int,
  errors: v.array(
    v.strictObject({
      line: Int,
      path: v.string(),
      message: v.string(),
      code: v.optional(v.string()),
      params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
    }),
  ),
  items: v.array(Product),
});

export const JobStarted = v.strictObject({ jobId: Id, status: v.picklist(JOB_STATUSES) });

export const ViabilitySettings = v.strictObject({
  minScore: Int,
  weights: Parts,
  minMarginPercent: v.number(),
  fullMarginPercent: v.number(),
  allowedCategories: v.array(v.string()),
  blockedTerms: v.array(v.string()),
  prices: v.strictObject({
    minMinor: Int,
    maxMinor: Int,
    maxMarkupPercent: v.number(),
    impulsePriceMinor: Int,
  }),
});

export const Creative = v.strictObject({
  id: Id,
  productId: Id,
  kind: v.picklist(CREATIVE_KINDS),
  style: v.nullable(v.picklist(CREATIVE_STYLES)),
  text: v.nullable(v.string()),
  media: v.nullable(v.strictObject({ mimeType: v.nullable(v.string()), url: v.string() })),
  status: v.picklist(CREATIVE_STATUSES),
  generationId: v.nullable(Id),
  error: v.nullable(v.string()),
  createdAt: Timestamp,
  updatedAt: v.nullable(Timestamp),
});

export const Creatives = Items(Creative);

const CreativeRefs = v.strictObject({
  headline: v.optional(v.nullable(Id)),
  body: v.optional(v.nullable(Id)),
  cta: v.optional(v.nullable(Id)),
  image: v.optional(v.nullable(Id)),
});

/** What people arrange in a draft, and what stays on the published ad sets and ads. */
const AdFields = {
  id: Id,
  name: v.string(),
  headline: v.string(),
  body: v.string(),
  callToAction: v.string(),
  imageUrl: v.string(),
  landingUrl: v.string(),
  creativeRefs: CreativeRefs,
};
const AdSetFields = {
  id: Id,
  name: v.string(),
  dailyBudgetMinor: Int,
  countries: v.array(v.string()),
  ageMin: Int,
  ageMax: Int,
  placements: v.array(v.string()),
};

export const CampaignDraft = v.strictObject({
  name: v.string(),
  objective: v.string(),
  platform: Platform,
  currency: v.string(),
  productId: v.nullable(Id),
  adSets: v.array(v.strictObject({ ...AdSetFields, ads: v.array(v.strictObject(AdFields)) })),
});

const Status = v.picklist(CAMPAIGN_STATUSES);
const PausedFor = v.nullable(v.picklist(PAUSE_REASONS));

const CampaignFields = {
  id: Id,
  name: v.string(),
  productId: v.nullable(Id),
  platform: Platform,
  /** SALES, TRAFFIC, LEADS or AWARENESS. */
  objective: v.string(),
  status: Status,
  externalId: v.nullable(v.string()),
  currency: v.string(),
  publishJobId: v.nullable(Id),
  error: v.nullable(v.string()),
  createdBy: v.nullable(v.string()),
  publishedAt: v.nullable(Timestamp),
  createdAt: Timestamp,
  updatedAt: v.nullable(Timestamp),
};

export const Campaigns = Page(v.strictObject(CampaignFields));

export const CampaignCreated = v.strictObject({ ...CampaignFields, draft: CampaignDraft });

export const CampaignPublishing = v.strictObject({ ...CampaignFields, jobId: Id });

/** The campaign as published: its ad sets and ads with the platform's ids, and each publish try. */
export const Campaign = v.strictObject({
  ...CampaignFields,
  adSets: v.array(
    v.strictObject({
      ...AdSetFields,
      status: Status,
      pausedFor: PausedFor,
      externalId: v.nullable(v.string()),
      initialBudgetMinor: Int,
      launchedAt: v.nullable(Timestamp),
      ads: v.array(
        v.strictObject({
          ...AdFields,
          status: Status,
          pausedFor: PausedFor,
          externalId: v.nullable(v.string()),
          launchedAt: v.nullable(Timestamp),
        }),
      ),
    }),
  ),
  publishAttempts: v.array(
    v.strictObject({
      jobId: Id,
      attempt: Int,
      outcome: v.picklist(['active', 'retrying', 'error']),
      created: Int,
      error: v.nullable(v.string()),
      at: Timestamp,
    }),
  ),
});

export const AdPlatforms = Items(
  v.strictObject({
    platform: Platform,
    connected: v.boolean(),
    accountId: v.nullable(v.string()),
    publisherId: v.nullable(v.string()),
    pixelId: v.nullable(v.string()),
    tokenLast4: v.nullable(v.string()),
    currency: v.nullable(v.string()),
    timeZone: v.nullable(v.string()),
    updatedAt: v.nullable(Timestamp),
  }),
);

const Totals = v.strictObject({
  impressions: Int,
  clicks: Int,
  spendMinor: Int,
  conversions: Int,
  revenueMinor: Int,
});

const Metrics = v.strictObject({
  ctr: v.nullable(v.number()),
  cpc: v.nullable(v.number()),
  cvr: v.nullable(v.number()),
  cpa: v.nullable(v.number()),
  roas: v.nullable(v.number()),
  aov: v.nullable(v.number()),
});

export const Decision = v.strictObject({
  id: Id,
  key: v.string(),
  cycle: v.picklist(['decide', 'caps']),
  windowStart: Timestamp,
  entityKind: v.picklist(['ad_set', 'ad']),
  entityId: Id,
  adSetId: Id,
  campaignId: Id,
  verdict: v.string(),
  actionType: v.picklist(['hold', 'pause', 'resume', 'set_budget', 'request_creatives']),
  action: v.variant('type', [
    v.strictObject({ type: v.literal('hold') }),
    v.strictObject({ type: v.literal('pause'), reason: v.string() }),
    v.strictObject({ type: v.literal('resume'), reason: v.picklist(['revive', 'cap_released']) }),
    v.strictObject({
      type: v.literal('set_budget'),
      reason: v.picklist(['winner_raise', 'rollback']),
      fromMinor: Int,
      toMinor: Int,
    }),
    v.strictObject({ type: v.literal('request_creatives'), count: Int }),
  ]),
  reasons: v.array(v.string()),
  /** What the rules saw: totals, metrics, each check with its value and threshold. */
  inputs: Details,
  /** The settings in force when it was decided. */
  thresholds: Details,
  expected: v.strictObject({
    status: v.picklist(['active', 'paused']),
    dailyBudgetMinor: v.nullable(Int),
    dailySpendChangeMinor: Int,
    rollbackBelowRoas: v.optional(v.nullable(v.number())),
    creativesRequested: v.optional(Int),
  }),
  ruleVersion: v.string(),
  mode: v.picklist(AUTOPILOT_MODES),
  requiresApproval: v.boolean(),
  status: v.picklist(DECISION_STATUSES),
  /** `autopilot`, or the id of the person who approved or rejected it. */
  decidedBy: v.string(),
  reviewedAt: v.nullable(Timestamp),
  executedAt: v.nullable(Timestamp),
  error: v.nullable(v.string()),
  createdAt: Timestamp,
});

export const Decisions = Page(Decision);

const Level = v.strictObject({ impressions: Int, hoursLive: Int, spendMinor: Int });

export const AutopilotSettings = v.strictObject({
  mode: v.picklist(AUTOPILOT_MODES),
  currency: v.string(),
  targets: v.strictObject({
    minRoasPercent: Int,
    minCtrBasisPoints: Int,
    minCvrBasisPoints: Int,
    maxCpaPercentOfAov: Int,
  }),
  minimumData: v.strictObject({ ad: Level, adSet: Level }),
  scaling: v.strictObject({
    raisePercent: Int,
    minHoursBetweenRaises: Int,
    maxMultipleOfInitialBudget: v.number(),
    rollbackRoasDropPercent: Int,
    rollbackAfterHours: Int,
    compareWindowHours: Int,
  }),
  stopLoss: v.strictObject({ reviveWindowHours: Int }),
  caps: v.strictObject({ dailyMinor: Int, weeklyMinor: Int, warnAtPercent: Int }),
  approvalThresholdMinor: Int,
  creatives: v.strictObject({ keepTop: Int, testSlots: Int, maxRequestsPerCycle: Int }),
  timeZone: v.string(),
  ruleVersion: v.string(),
});

export const Insights = v.strictObject({
  campaignId: Id,
  currency: v.string(),
  granularity: v.picklist(['hour', 'day']),
  timeZone: v.string(),
  from: Timestamp,
  to: Timestamp,
  points: v.array(
    v.strictObject({ start: Timestamp, date: v.string(), totals: Totals, metrics: Metrics }),
  ),
  totals: Totals,
  metrics: Metrics,
});

const ReportTotals = v.strictObject({
  impressions: Int,
  clicks: Int,
  spendMinor: Int,
  conversions: Int,
  revenueMinor: Int,
  roas: v.nullable(v.number()),
  orders: Int,
  ordersRevenueMinor: Int,
});

const ReportLinks = v.strictObject({ html: v.string(), csv: v.string() });

/** A ranked campaign or product line; campaign lines add their ids and traffic. */
const ReportLine = v.looseObject({
  id: v.nullable(v.string()),
  name: v.string(),
  spendMinor: Int,
  revenueMinor: Int,
  conversions: v.number(),
  roas: v.nullable(v.number()),
  profitMinor: Int,
});
const Ranked = v.strictObject({ top: v.array(ReportLine), bottom: v.array(ReportLine) });

export const DailyReport = v.strictObject({
  id: Id,
  date: Day,
  timeZone: v.string(),
  currency: v.string(),
  totals: ReportTotals,
  details: v.strictObject({
    campaigns: Ranked,
    products: Ranked,
    actions: v.strictObject({
      counts: v.record(v.string(), Int),
      list: v.array(
        v.strictObject({
          decisionId: Id,
          executedAt: Timestamp,
          entityKind: v.string(),
          entityId: Id,
          campaignId: Id,
          action: v.string(),
          reasons: v.array(v.string()),
        }),
      ),
    }),
  }),
  createdAt: Timestamp,
  links: ReportLinks,
});

export const DailyReportBuilt = v.strictObject({
  date: Day,
  totals: ReportTotals,
  links: ReportLinks,
});

export const ConversionSecret = v.strictObject({
  /** Shown when created or rotated, and to the people who may manage it. */
  secret: v.nullable(v.string()),
  lastFour: v.nullable(v.string()),
  createdAt: v.nullable(Timestamp),
  endpoint: v.string(),
  signatureHeader: v.string(),
});

export const ConversionRecorded = v.strictObject({
  id: Id,
  orderId: v.string(),
  campaignId: v.nullable(Id),
  adId: v.nullable(Id),
  /** True when this order was already recorded (answered 200, nothing written). */
  duplicate: v.boolean(),
});
