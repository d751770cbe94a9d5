/**
 * @module The words of the ads domain: platforms, objectives, calls to action and the statuses of
 * products, creatives and campaigns. Pure, so the tables, the validators, the adapters and the
 * web all spell them from here.
 */

export const AD_PLATFORMS = ['sandbox', 'meta', 'tiktok'] as const;
export type AdPlatformName = (typeof AD_PLATFORMS)[number];

export type AdEntityLevel = 'campaign' | 'ad_set' | 'ad';
export type AdStatus = 'ACTIVE' | 'PAUSED';

/**
 * What a campaign optimizes for, in our words; each adapter maps it to its platform's objective
 * (Meta `OUTCOME_SALES`…, TikTok `WEB_CONVERSIONS`…).
 */
export const AD_OBJECTIVES = ['SALES', 'TRAFFIC', 'LEADS', 'AWARENESS'] as const;
export type AdObjective = (typeof AD_OBJECTIVES)[number];

/** Calls to action every platform offers, in Meta's spelling (TikTok's are the same words). */
export const CALLS_TO_ACTION = [
  'SHOP_NOW',
  'LEARN_MORE',
  'SIGN_UP',
  'ORDER_NOW',
  'CONTACT_US',
  'DOWNLOAD',
  'GET_QUOTE',
  'SUBSCRIBE',
] as const;
export type CallToAction = (typeof CALLS_TO_ACTION)[number];

export const CONNECTABLE_AD_PLATFORMS = ['meta', 'tiktok'] as const;
export type ConnectableAdPlatform = (typeof CONNECTABLE_AD_PLATFORMS)[number];

export const PRODUCT_STATUSES = ['scouted', 'qualified', 'rejected'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const CREATIVE_KINDS = ['headline', 'body', 'cta', 'image'] as const;
export type CreativeKind = (typeof CREATIVE_KINDS)[number];
/** Body texts come in three styles; other kinds have none. */
export const CREATIVE_STYLES = ['informative', 'urgency', 'social_proof'] as const;
export type CreativeStyle = (typeof CREATIVE_STYLES)[number];
export const CREATIVE_STATUSES = ['draft', 'ready', 'failed'] as const;

export const CAMPAIGN_STATUSES = ['draft', 'publishing', 'active', 'paused', 'error'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
/** Autopilot pause reasons (services/autopilot/decision.ts `PausedFor`), or a person's. */
export const PAUSE_REASONS = [
  'stop_loss',
  'rotation',
  'daily_cap',
  'weekly_cap',
  'manual',
] as const;

/**
 * Where ads may show, per platform, in our words; an empty list means the platform's automatic
 * placements (usually the cheapest delivery).
 */
export const AD_PLACEMENTS = {
  sandbox: ['feed', 'stories'],
  meta: ['facebook', 'instagram', 'messenger', 'audience_network'],
  tiktok: ['tiktok', 'pangle'],
} as const satisfies Record<AdPlatformName, readonly string[]>;
