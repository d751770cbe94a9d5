/**
 * @module Hourly ad insights: pulling them from an org's platform into `ad_insights`, and reading
 * them back per campaign by hour or by org day with the derived ratios.
 *
 * Pulls re-read the last two days every hour: platforms keep revising recent hours (late
 * conversions within the attribution window, spend reconciliation), and rows hold each hour's
 * totals as last reported, so an upsert by (org, ad, hour) makes a re-pull replace, never add.
 */
import { and, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import type { AdPlatformName } from '../../domain/ads/vocabulary.ts';
import {
  type DerivedMetrics,
  deriveMetrics,
  type MetricTotals,
  ZERO_TOTALS,
} from '../../domain/autopilot/metrics.ts';
import { accountDate, dayBounds } from '../../domain/calendar.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { adPlatformFor } from '../../providers/ads/index.ts';
import { ATTRIBUTION_WINDOW } from '../../providers/ads/types.ts';
import { adCampaigns, ads } from '../../schema/ads.ts';
import { adInsights } from '../../schema/autopilot.ts';
import { addInto } from '../autopilot/load-inputs.ts';
import { adAccountFor } from './accounts.ts';

const HOUR_MS = 3_600_000;
/** How far back each pull re-reads. */
export const REPULL_HOURS = 48;
/** D1 binds at most 100 parameters per statement; a row has 12 columns. */
const ROWS_PER_INSERT = 7;
const STATEMENTS_PER_BATCH = 50;
const IDS_PER_LOOKUP = 90;

export const ATTRIBUTION_WINDOW_LABEL = `${ATTRIBUTION_WINDOW.clickDays}d_click_${ATTRIBUTION_WINDOW.viewDays}d_view`;

export interface PullOutcome {
  rows: number;
  stored: number;
  /** Rows for ads we do not know (created outside GestorLead): skipped. */
  unknownAds: number;
  from: string;
  to: string;
}

/** Pulls the org's hourly rows on `platform` for the last two days up to the hour of `now`. */
export async function pullHourlyInsights(
  env: Env,
  db: Db,
  orgId: string,
  platform: AdPlatformName,
  now: number,
): Promise<PullOutcome> {
  const to = Math.floor(now / HOUR_MS) * HOUR_MS;
  const from = to - REPULL_HOURS * HOUR_MS;
  const adapter = adPlatformFor(env, await adAccountFor(env, db, orgId, platform));
  const rows = await adapter.fetchHourlyInsights({
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  });
  const scope = orgScope(orgId);
  const externalIds = [...new Set(rows.map((r) => r.externalAdId))];
  const known = new Map<string, { id: string; campaignId: string }>();
  for (let i = 0; i < externalIds.length; i += IDS_PER_LOOKUP) {
    const found = await db
      .select({ id: ads.id, campaignId: ads.campaignId, externalId: ads.externalId })
      .from(ads)
      .innerJoin(
        adCampaigns,
        and(eq(adCampaigns.id, ads.campaignId), eq(adCampaigns.orgId, ads.orgId)),
      )
      .where(
        scope.where(
          ads,
          eq(adCampaigns.platform, platform),
          inArray(ads.externalId, externalIds.slice(i, i + IDS_PER_LOOKUP)),
        ),
      );
    for (const ad of found) if (ad.externalId) known.set(ad.externalId, ad);
  }
  const pulledAt = Date.now();
  const values = rows.flatMap((row) => {
    const ad = known.get(row.externalAdId);
    if (!ad) return [];
    return [
      {
        orgId,
        adId: ad.id,
        campaignId: ad.campaignId,
        hourStart: Date.parse(row.hourStart),
        attributionWindow: ATTRIBUTION_WINDOW_LABEL,
        impressions: row.impressions,
        clicks: row.clicks,
        spendMinor: row.spendMinor,
        conversions: row.conversions,
        revenueMinor: row.revenueMinor,
        currency: row.currency,
        pulledAt,
      },
    ];
  });
  const statements = [];
  for (let i = 0; i < values.length; i += ROWS_PER_INSERT) {
    statements.push(
      db
        .insert(adInsights)
        .values(values.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoUpdate({
          target: [adInsights.orgId, adInsights.adId, adInsights.hourStart],
          set: {
            impressions: sql`excluded.impressions`,
            clicks: sql`excluded.clicks`,
            spendMinor: sql`excluded.spend_minor`,
            conversions: sql`excluded.conversions`,
            revenueMinor: sql`excluded.revenue_minor`,
            currency: sql`excluded.currency`,
            attributionWindow: sql`excluded.attribution_window`,
            pulledAt: sql`excluded.pulled_at`,
          },
        }),
    );
  }
  for (let i = 0; i < statements.length; i += STATEMENTS_PER_BATCH) {
    const chunk = statements.slice(i, i + STATEMENTS_PER_BATCH);
    await db.batch(chunk as [(typeof chunk)[number], ...typeof chunk]);
  }
  return {
    rows: rows.length,
    stored: values.length,
    unknownAds: rows.length - values.length,
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
  };
}

export interface InsightPoint {
  /** Start of the bucket, UTC ISO. */
  start: string;
  /** For days: the org's calendar date. */
  date?: string;
  totals: MetricTotals;
  metrics: DerivedMetrics;
}

/**
 * A campaign's insights in [from, to) by hour, or by org calendar day (days in the org's time
 * zone), each with its derived ratios, and the range's totals.
 */
export async function campaignInsights(
  db: Db,
  orgId: string,
  campaignId: string,
  range: { from: number; to: number; granularity: 'hour' | 'day'; timeZone: string },
) {
  const hours = await db
    .select({
      hourStart: adInsights.hourStart,
      impressions: sql<number>`sum(${adInsights.impressions})`.mapWith(Number),
      clicks: sql<number>`sum(${adInsights.clicks})`.mapWith(Number),
      spendMinor: sql<number>`sum(${adInsights.spendMinor})`.mapWith(Number),
      conversions: sql<number>`sum(${adInsights.conversions})`.mapWith(Number),
      revenueMinor: sql<number>`sum(${adInsights.revenueMinor})`.mapWith(Number),
    })
    .from(adInsights)
    .where(
      orgScope(orgId).where(
        adInsights,
        eq(adInsights.campaignId, campaignId),
        gte(adInsights.hourStart, range.from),
        lt(adInsights.hourStart, range.to),
      ),
    )
    .groupBy(adInsights.hourStart)
    .orderBy(adInsights.hourStart);
  const total = { ...ZERO_TOTALS };
  const buckets = new Map<string, { start: number; date?: string; totals: MetricTotals }>();
  for (const { hourStart, ...counts } of hours) {
    addInto(total, counts);
    const date = range.granularity === 'day' ? accountDate(range.timeZone, hourStart) : undefined;
    const key = date ?? String(hourStart);
    let bucket = buckets.get(key);
    if (!bucket) {
      bucket = {
        start: date ? dayBounds(range.timeZone, date).start : hourStart,
        date,
        totals: { ...ZERO_TOTALS },
      };
      buckets.set(key, bucket);
    }
    addInto(bucket.totals, counts);
  }
  const points: InsightPoint[] = [...buckets.values()].map((b) => ({
    start: new Date(b.start).toISOString(),
    ...(b.date ? { date: b.date } : {}),
    totals: b.totals,
    metrics: deriveMetrics(b.totals),
  }));
  return { points, totals: total, metrics: deriveMetrics(total) };
}
