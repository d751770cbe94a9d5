import type {
  AdEntityLevel,
  AdObjective,
  AdPlatformName,
  AdStatus,
  CallToAction,
} from '../../domain/ads/vocabulary.ts';
import { AD_PLACEMENTS } from '../../domain/ads/vocabulary.ts';
/**
 * @module The one ad platform interface: what the publishing queue, the insights cron and the
 * autopilot's executor call, whichever platform (Meta, TikTok, or the offline `sandbox`) an org's
 * campaign runs on. Entities are created, paused or resumed, re-budgeted, and read back as hourly
 * insights per ad; failures come back as one `AdPlatformError` whose `kind` says what to do next.
 *
 * Money crosses this interface in integer minor units of an ISO 4217 currency (the account's);
 * each adapter converts to what its platform wants (Meta: minor units; TikTok: decimal units).
 * Times are UTC ISO-8601 strings.
 *
 * Interface for callers:
 * - `AdPlatform`: `createCampaign`, `createAdSet`, `createAd` (each → the platform's id),
 *   `updateStatus`, `updateDailyBudget`, `fetchHourlyInsights`.
 * - `AdPlatformError` (kinds `rate_limited` with `retryAfterSeconds`, `auth`, `invalid_request`
 *   with `field`, `not_found`, `transient`); `retryable` tells the queue whether to try again.
 * - `ATTRIBUTION_WINDOW`: the pinned window every insight row is counted with.
 * - `AdAccount`: one org's connection to one platform (decrypted), what `adPlatformFor` (index.ts)
 *   turns into an `AdPlatform`.
 */

/**
 * Conversions and revenue in insights are counted with this window on every platform: purchases
 * within 7 days of a click or 1 day of a view (the sandbox simulates clicks only), and reported in
 * the hour the conversion happened — not the hour of the click — so later hours keep adding
 * conversions to ads already paused.
 */
export const ATTRIBUTION_WINDOW = Object.freeze({ clickDays: 7, viewDays: 1 });

/**
 * Sent with each create as the caller's own reference for the entity (e.g. `<our campaign id>`):
 * where the platform supports idempotent creation (TikTok's `request_id`, the sandbox), a create
 * retried with the same key returns the first one's id instead of creating a twin.
 */
interface CreateCommon {
  name: string;
  /** Created paused by default: the publisher activates the campaign once every ad exists. */
  status?: AdStatus;
  idempotencyKey?: string;
}

export interface CampaignSpec extends CreateCommon {
  objective: AdObjective;
}

export interface AdTargeting {
  /** ISO 3166-1 alpha-2, upper case (BR, PT…). At least one. */
  countries: string[];
  /** 13–65; 65 means "65 and over". */
  ageMin: number;
  ageMax: number;
  /** From `AD_PLACEMENTS[platform]`; empty = automatic placements. */
  placements: string[];
}

export interface AdSetSpec extends CreateCommon {
  /** The platform's id of the parent campaign. */
  campaignId: string;
  /** The parent campaign's objective: what the ad set optimizes delivery for follows from it. */
  objective: AdObjective;
  /** Integer minor units of `currency`, which must be the ad account's currency. */
  dailyBudgetMinor: number;
  currency: string;
  targeting: AdTargeting;
  /** When delivery may start (UTC ISO); now when absent. */
  startTime?: string;
}

export interface AdCreativeSpec {
  headline: string;
  /** The primary text above the image. */
  body: string;
  callToAction: CallToAction;
  /** A public https URL of the image (platforms fetch it themselves). */
  imageUrl: string;
  /** The landing page, UTM parameters already added by the caller. */
  landingUrl: string;
}

export interface AdSpec extends CreateCommon {
  /** The platform's id of the parent ad set. */
  adSetId: string;
  creative: AdCreativeSpec;
}

export interface CreatedEntity {
  /** The platform's id of what was created; store it so it is never created again. */
  externalId: string;
}

export interface CreatedAd extends CreatedEntity {
  /** The platform's id of the creative made for the ad, where it has its own (Meta). */
  externalCreativeId?: string;
}

export interface InsightsQuery {
  /** Start of the first hour wanted (UTC ISO; rounded down to the hour). */
  from: string;
  /** End, exclusive (UTC ISO). */
  to: string;
  /** The platform's ad ids; absent = every ad of the account that had delivery or conversions. */
  adIds?: string[];
}

/**
 * One ad's hour. Values are the hour's totals as the platform knows them now, not increments:
 * platforms revise recent hours for a while (late conversions, spend reconciliation), so callers
 * upsert by (ad, hour) and re-read the last couple of days each run.
 */
export interface HourlyInsightRow {
  externalAdId: string;
  externalAdSetId: string | null;
  externalCampaignId: string | null;
  /** Start of the hour, UTC ISO (`2026-12-05T14:00:00.000Z`). */
  hourStart: string;
  impressions: number;
  clicks: number;
  spendMinor: number;
  conversions: number;
  revenueMinor: number;
  currency: string;
}

interface AdAccountCommon {
  orgId: string;
  /** ISO 4217; the ad account's currency (budgets and spend are in it). */
  currency: string;
  /** IANA zone of the ad account: its days are the days daily budgets reset on. */
  timeZone: string;
}

/** One org's connection to one platform, credentials decrypted (never log or return it). */
export type AdAccount =
  | (AdAccountCommon & { platform: 'sandbox' })
  | (AdAccountCommon & {
      platform: 'meta';
      /** Digits only, without the `act_` prefix. */
      adAccountId: string;
      accessToken: string;
      /** The Facebook Page the ads are published as. */
      pageId: string;
      /** The Meta Pixel purchases are tracked with; without one, ad sets optimize for clicks. */
      pixelId: string | null;
    })
  | (AdAccountCommon & {
      platform: 'tiktok';
      advertiserId: string;
      accessToken: string;
      /** The custom identity (display name and avatar) the ads are published as. */
      identityId: string;
      /** The TikTok Pixel purchases are tracked with; without one, ad groups optimize for clicks. */
      pixelId: string | null;
    });

export interface AdPlatform {
  readonly name: AdPlatformName;
  /** The ad account's currency; every `*Minor` amount in and out is in it. */
  readonly currency: string;
  createCampaign(spec: CampaignSpec): Promise<CreatedEntity>;
  createAdSet(spec: AdSetSpec): Promise<CreatedEntity>;
  createAd(spec: AdSpec): Promise<CreatedAd>;
  updateStatus(level: AdEntityLevel, externalId: string, status: AdStatus): Promise<void>;
  /** Sets an ad set's daily budget (Meta ad set, TikTok ad group). */
  updateDailyBudget(
    adSetExternalId: string,
    budget: { dailyBudgetMinor: number; currency: string },
  ): Promise<void>;
  /** Rows for hours in [from, to), only those with any delivery or conversions. */
  fetchHourlyInsights(query: InsightsQuery): Promise<HourlyInsightRow[]>;
}

/** What a platform says about an ad account; read when an org connects it. */
export interface AdAccountDetails {
  name: string;
  /** ISO 4217; budgets and spend are in it. */
  currency: string;
  /** IANA zone; the account's days. */
  timeZone: string;
  /** Whether the account can deliver ads now (not disabled, closed or unpaid). */
  active: boolean;
}

/** The real platforms' adapters also read their ad account, which proves the token works. */
export interface ConnectedAdPlatform extends AdPlatform {
  describeAccount(): Promise<AdAccountDetails>;
}

/**
 * - `rate_limited`: the platform's quota is used up (or about to be); try again after
 *   `retryAfterSeconds`.
 * - `auth`: the token is invalid, expired or lacks a permission — a person must reconnect; retrying
 *   will not help.
 * - `invalid_request`: the platform refused the input; `field` names our field when known.
 * - `not_found`: the external id does not exist (deleted on the platform, or another account's).
 * - `transient`: a network failure, timeout or platform 5xx; safe to retry with backoff.
 */
export type AdPlatformErrorKind =
  | 'rate_limited'
  | 'auth'
  | 'invalid_request'
  | 'not_found'
  | 'transient';

export class AdPlatformError extends Error {
  readonly platform: AdPlatformName;
  readonly kind: AdPlatformErrorKind;
  readonly retryAfterSeconds: number | null;
  /** Our field (e.g. `dailyBudgetMinor`, `targeting.countries`) for `invalid_request`. */
  readonly field: string | null;
  /** The platform's own error code, for logs and alerts. */
  readonly platformCode: string | null;

  constructor(
    platform: AdPlatformName,
    kind: AdPlatformErrorKind,
    message: string,
    details: { retryAfterSeconds?: number; field?: string; platformCode?: string | number } = {},
  ) {
    super(message);
    this.name = 'AdPlatformError';
    this.platform = platform;
    this.kind = kind;
    this.retryAfterSeconds = details.retryAfterSeconds ?? null;
    this.field = details.field ?? null;
    this.platformCode = details.platformCode === undefined ? null : String(details.platformCode);
  }

  /** Whether trying the same call again later can succeed. */
  get retryable(): boolean {
    return this.kind === 'rate_limited' || this.kind === 'transient';
  }
}
