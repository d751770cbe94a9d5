/**
 * @module The `sandbox` ad platform: the `AdPlatform` interface served by the simulated market in
 * sandbox-market.ts, one market per org, deterministic from the org's id, kept in a
 * `SandboxMarketStore` (R2 in the Worker). It is the local default: publishing, insights and the
 * autopilot run end to end with no platform account and no network.
 *
 * Simulated time follows the clock: every call first simulates the whole hours elapsed since the
 * last one, so the hourly insights cron reads the hours that passed. `advanceTo` simulates ahead
 * of the clock, for tests and demos that cannot wait a day for data.
 *
 * Each call is a load → change → compare-and-swap save, retried when another call saved first:
 * the market's operations are pure and deterministic, so re-running one on the fresher state is
 * the same as having run it after the other.
 */

import type { AdEntityLevel } from '../../domain/ads/vocabulary.ts';
import { utcOffsetMinutes } from '../../domain/calendar.ts';
import {
  advanceTo,
  createAd,
  createAdSet,
  createCampaign,
  createSandboxMarket,
  insights,
  SandboxMarketError,
  updateDailyBudget,
  updateStatus,
} from './sandbox-market.ts';
import { hashInts } from './sandbox-random.ts';
import type { SandboxMarketDocument, SandboxMarketStore } from './sandbox-store.ts';
import { checkAdSetSpec, checkAdSpec, checkBudget, checkCampaignSpec } from './spec-checks.ts';
import {
  type AdAccount,
  type AdPlatform,
  AdPlatformError,
  type HourlyInsightRow,
} from './types.ts';

export interface SandboxAdPlatform extends AdPlatform {
  readonly name: 'sandbox';
  /** Simulates every whole hour up to `until` (ms UTC), also beyond the clock. */
  advanceTo(until: number): Promise<void>;
}

/** Saves that lose the race this many times in a row give up as a transient failure. */
const MAX_SAVE_ATTEMPTS = 8;

/** The org's seed: the same org always meets the same market. */
export function sandboxSeed(orgId: string): number {
  return hashInts(...Array.from(orgId, (ch) => ch.codePointAt(0)!));
}

export function sandboxAdPlatform(
  account: Extract<AdAccount, { platform: 'sandbox' }>,
  store: SandboxMarketStore,
  clock: () => number = Date.now,
): SandboxAdPlatform {
  const { orgId, currency } = account;

  const newDocument = (now: number): SandboxMarketDocument => ({
    market: createSandboxMarket({
      seed: sandboxSeed(orgId),
      startAt: now,
      currency,
      utcOffsetMinutes: utcOffsetMinutes(account.timeZone, now),
    }),
    createdByKey: {},
  });

  /** Runs `change` on the org's market brought up to `until` (default: now) and saves it. */
  async function withMarket<T>(
    change: (document: SandboxMarketDocument) => T,
    until = clock(),
  ): Promise<T> {
    for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt++) {
      const loaded = await store.load(orgId);
      const document = loaded?.document ?? newDocument(clock());
      advanceTo(document.market, until);
      let result: T;
      try {
        result = change(document);
      } catch (err) {
        throw err instanceof SandboxMarketError
          ? new AdPlatformError(
              'sandbox',
              err.code === 'not_found' ? 'not_found' : 'invalid_request',
              err.message,
            )
          : err;
      }
      if (await store.save(orgId, document, loaded?.version ?? null)) return result;
    }
    throw new AdPlatformError('sandbox', 'transient', 'The sandbox market is busy; try again.');
  }

  /** A create that returns the first create's id when its idempotency key was seen before. */
  function createOnce(
    document: SandboxMarketDocument,
    level: AdEntityLevel,
    key: string | undefined,
    create: () => string,
  ): string {
    const slot = key === undefined ? null : `${level}:${key}`;
    const existing = slot ? document.createdByKey[slot] : undefined;
    if (existing) return existing;
    const id = create();
    if (slot) document.createdByKey[slot] = id;
    return id;
  }

  /** The parent named in a create must exist: the platforms refuse it as a bad parameter. */
  function requireParent(exists: boolean, field: string, id: string) {
    if (!exists)
      throw new AdPlatformError('sandbox', 'invalid_request', `No such parent ${id}.`, { field });
  }

  return {
    name: 'sandbox',
    currency,

    async createCampaign(spec) {
      checkCampaignSpec('sandbox', spec);
      const externalId = await withMarket((document) =>
        createOnce(
          document,
          'campaign',
          spec.idempotencyKey,
          () =>
            createCampaign(document.market, {
              name: spec.name,
              objective: spec.objective,
              status: spec.status ?? 'PAUSED',
            }).id,
        ),
      );
      return { externalId };
    },

    async createAdSet(spec) {
      checkAdSetSpec('sandbox', currency, spec);
      const externalId = await withMarket((document) =>
        createOnce(document, 'ad_set', spec.idempotencyKey, () => {
          requireParent(
            !!document.market.campaigns[spec.campaignId],
            'campaignId',
            spec.campaignId,
          );
          return createAdSet(document.market, {
            campaignId: spec.campaignId,
            name: spec.name,
            dailyBudgetMinor: spec.dailyBudgetMinor,
            status: spec.status ?? 'PAUSED',
          }).id;
        }),
      );
      return { externalId };
    },

    async createAd(spec) {
      checkAdSpec('sandbox', spec);
      const externalId = await withMarket((document) =>
        createOnce(document, 'ad', spec.idempotencyKey, () => {
          requireParent(!!document.market.adSets[spec.adSetId], 'adSetId', spec.adSetId);
          return createAd(document.market, {
            adSetId: spec.adSetId,
            name: spec.name,
            creative: spec.creative,
            status: spec.status ?? 'PAUSED',
          }).id;
        }),
      );
      return { externalId };
    },

    async updateStatus(level, externalId, status) {
      await withMarket((document) =>
        updateStatus(document.market, { level, id: externalId, status }),
      );
    },

    async updateDailyBudget(adSetExternalId, budget) {
      checkBudget('sandbox', currency, budget);
      await withMarket((document) =>
        updateDailyBudget(document.market, {
          adSetId: adSetExternalId,
          dailyBudgetMinor: budget.dailyBudgetMinor,
        }),
      );
    },

    async fetchHourlyInsights(query) {
      const from = Date.parse(query.from);
      const to = Date.parse(query.to);
      if (Number.isNaN(from) || Number.isNaN(to) || to <= from)
        throw new AdPlatformError('sandbox', 'invalid_request', 'from must be before to.', {
          field: Number.isNaN(from) ? 'from' : 'to',
        });
      const wanted = query.adIds ? new Set(query.adIds) : null;
      return withMarket((document): HourlyInsightRow[] =>
        insights(document.market, { from: Math.floor(from / 3_600_000) * 3_600_000, to })
          .filter((row) => !wanted || wanted.has(row.adId))
          .map((row) => ({
            externalAdId: row.adId,
            externalAdSetId: row.adSetId,
            externalCampaignId: row.campaignId,
            hourStart: new Date(row.hourStart).toISOString(),
            impressions: row.impressions,
            clicks: row.clicks,
            spendMinor: row.spendMinor,
            conversions: row.conversions,
            revenueMinor: row.revenueMinor,
            currency: document.market.currency,
          })),
      );
    },

    async advanceTo(until) {
      await withMarket(() => undefined, until);
    },
  };
}
