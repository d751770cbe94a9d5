/**
 * @module Reads one org's autopilot cycle input (autopilot/inputs.ts) from D1: its settings, its
 * actual spend this org day and week, its launched ad sets with their ads, and the metric windows
 * summed from the hourly insight rows in a few aggregate queries.
 *
 * An ad set's last budget change is its latest executed `set_budget` decision (a raise keeps the
 * trailing totals it was decided on as `before`); its pending creatives are the creatives the
 * autopilot requested in the last three days that have not gone live as ads since.
 */
import { and, desc, eq, gte, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { AdPlatformName } from '../../domain/ads/vocabulary.ts';
import type { PausedFor } from '../../domain/autopilot/decision.ts';
import type {
  AdInput,
  AdSetInput,
  BudgetChange,
  CycleInput,
} from '../../domain/autopilot/inputs.ts';
import { type MetricTotals, ZERO_TOTALS } from '../../domain/autopilot/metrics.ts';
import { type AutopilotSettings, autopilotSettings } from '../../domain/autopilot/settings.ts';
import { orgCalendar } from '../../domain/calendar.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import { adCampaigns, adSets, ads, adsSettings } from '../../schema/ads.ts';
import { adInsights, autopilotDecisions } from '../../schema/autopilot.ts';
import { orgs } from '../../schema/orgs.ts';

const HOUR_MS = 3_600_000;
/** Requested creatives count as pending this long: generation, review and publishing take time. */
const PENDING_CREATIVES_HOURS = 72;

/** How much more than its daily budget a platform may deliver on a day (see autopilot/inputs.ts). */
const OVERDELIVERY_PERCENT: Record<AdPlatformName, number> = {
  sandbox: 100,
  tiktok: 100,
  meta: 175,
};

export interface OrgAutopilotContext {
  settings: AutopilotSettings;
  timeZone: string;
}

/** The org's settings (its stored overrides on the defaults, in its currency) and time zone. */
export async function orgAutopilotContext(db: Db, orgId: string): Promise<OrgAutopilotContext> {
  const [org, stored] = await Promise.all([
    db
      .select({ currency: orgs.currency, timeZone: orgs.timeZone })
      .from(orgs)
      .where(eq(orgs.id, orgId))
      .get(),
    db
      .select({ autopilot: adsSettings.autopilot })
      .from(adsSettings)
      .where(orgScope(orgId).where(adsSettings))
      .get(),
  ]);
  return {
    settings: autopilotSettings({ ...stored?.autopilot, currency: org?.currency ?? 'BRL' }),
    timeZone: org?.timeZone ?? 'America/Sao_Paulo',
  };
}

/** The five counters summed over the rows where `when` holds (all rows without it). */
function totalsWhen(when?: SQL) {
  const sum = (column: SQLiteColumn) =>
    when
      ? sql<number>`coalesce(sum(case when ${when} then ${column} else 0 end), 0)`.mapWith(Number)
      : sql<number>`coalesce(sum(${column}), 0)`.mapWith(Number);
  return {
    impressions: sum(adInsights.impressions),
    clicks: sum(adInsights.clicks),
    spendMinor: sum(adInsights.spendMinor),
    conversions: sum(adInsights.conversions),
    revenueMinor: sum(adInsights.revenueMinor),
  };
}

export function addInto(target: MetricTotals, add: MetricTotals) {
  target.impressions += add.impressions;
  target.clicks += add.clicks;
  target.spendMinor += add.spendMinor;
  target.conversions += add.conversions;
  target.revenueMinor += add.revenueMinor;
}

/** The org's actual spend this org day and ISO week. */
export async function orgSpend(db: Db, orgId: string, timeZone: string, now: number) {
  const calendar = orgCalendar(timeZone, now);
  const row = await db
    .select({
      today:
        sql<number>`coalesce(sum(case when ${adInsights.hourStart} >= ${calendar.dayStart} then ${adInsights.spendMinor} else 0 end), 0)`.mapWith(
          Number,
        ),
      week: sql<number>`coalesce(sum(${adInsights.spendMinor}), 0)`.mapWith(Number),
    })
    .from(adInsights)
    .where(orgScope(orgId).where(adInsights, gte(adInsights.hourStart, calendar.weekStart)))
    .get();
  return {
    todayMinor: row?.today ?? 0,
    weekMinor: row?.week ?? 0,
    day: calendar.day,
    week: calendar.week,
    dayStart: calendar.dayStart,
  };
}

/** Each ad set's latest executed budget change, as the decide rules read it. */
async function lastBudgetChanges(db: Db, orgId: string): Promise<Map<string, BudgetChange>> {
  const rows = await db
    .select({
      adSetId: autopilotDecisions.adSetId,
      action: autopilotDecisions.action,
      inputs: autopilotDecisions.inputs,
      executedAt: autopilotDecisions.executedAt,
    })
    .from(autopilotDecisions)
    .where(
      orgScope(orgId).where(
        autopilotDecisions,
        eq(autopilotDecisions.entityKind, 'ad_set'),
        eq(autopilotDecisions.actionType, 'set_budget'),
        eq(autopilotDecisions.status, 'executed'),
      ),
    )
    .orderBy(desc(autopilotDecisions.executedAt));
  const changes = new Map<string, BudgetChange>();
  for (const row of rows) {
    if (changes.has(row.adSetId) || row.action.type !== 'set_budget' || !row.executedAt) continue;
    changes.set(row.adSetId, {
      at: row.executedAt.getTime(),
      reason: row.action.reason,
      fromMinor: row.action.fromMinor,
      toMinor: row.action.toMinor,
      before: row.action.reason === 'winner_raise' ? (row.inputs.trailing ?? null) : null,
    });
  }
  return changes;
}

async function pendingCreatives(db: Db, orgId: string, now: number): Promise<Map<string, number>> {
  const since = new Date(now - PENDING_CREATIVES_HOURS * HOUR_MS);
  const requests = await db
    .select({
      adSetId: autopilotDecisions.adSetId,
      action: autopilotDecisions.action,
      executedAt: autopilotDecisions.executedAt,
    })
    .from(autopilotDecisions)
    .where(
      orgScope(orgId).where(
        autopilotDecisions,
        eq(autopilotDecisions.actionType, 'request_creatives'),
        eq(autopilotDecisions.status, 'executed'),
        gte(autopilotDecisions.executedAt, since),
      ),
    );
  const pending = new Map<string, { count: number; since: Date }>();
  for (const r of requests) {
    if (r.action.type !== 'request_creatives' || !r.executedAt) continue;
    const entry = pending.get(r.adSetId) ?? { count: 0, since: r.executedAt };
    entry.count += r.action.count;
    if (r.executedAt < entry.since) entry.since = r.executedAt;
    pending.set(r.adSetId, entry);
  }
  const left = new Map<string, number>();
  for (const [adSetId, { count, since: from }] of pending) {
    const launched = await db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(ads)
      .where(orgScope(orgId).where(ads, eq(ads.adSetId, adSetId), gte(ads.createdAt, from)))
      .get();
    left.set(adSetId, Math.max(0, count - (launched?.n ?? 0)));
  }
  return left;
}

/** Everything `decideCycle` / `enforceSpendCaps` need for the org at `now`. */
export async function readCycleInput(
  db: Db,
  orgId: string,
  now: number,
  context: OrgAutopilotContext,
): Promise<CycleInput> {
  const scope = orgScope(orgId);
  const { settings, timeZone } = context;
  const setRows = await db
    .select({
      id: adSets.id,
      campaignId: adSets.campaignId,
      platform: adCampaigns.platform,
      status: adSets.status,
      pausedFor: adSets.pausedFor,
      pausedAt: adSets.pausedAt,
      launchedAt: adSets.launchedAt,
      initialBudgetMinor: adSets.initialBudgetMinor,
      dailyBudgetMinor: adSets.dailyBudgetMinor,
    })
    .from(adSets)
    .innerJoin(
      adCampaigns,
      and(eq(adCampaigns.id, adSets.campaignId), eq(adCampaigns.orgId, adSets.orgId)),
    )
    .where(
      scope.where(
        adSets,
        eq(adCampaigns.status, 'active'),
        inArray(adSets.status, ['active', 'paused']),
        isNotNull(adSets.launchedAt),
      ),
    )
    .orderBy(adSets.id);
  const setIds = setRows.map((s) => s.id);
  const adRows = setIds.length
    ? await db
        .select({
          id: ads.id,
          adSetId: ads.adSetId,
          status: ads.status,
          pausedFor: ads.pausedFor,
          pausedAt: ads.pausedAt,
          launchedAt: ads.launchedAt,
        })
        .from(ads)
        .innerJoin(adSets, and(eq(adSets.id, ads.adSetId), eq(adSets.orgId, ads.orgId)))
        .innerJoin(
          adCampaigns,
          and(eq(adCampaigns.id, adSets.campaignId), eq(adCampaigns.orgId, adSets.orgId)),
        )
        .where(
          scope.where(
            ads,
            eq(adCampaigns.status, 'active'),
            inArray(ads.status, ['active', 'paused']),
            isNotNull(ads.launchedAt),
          ),
        )
        .orderBy(ads.id)
    : [];
  const spend = await orgSpend(db, orgId, timeZone, now);
  const trailingFrom = now - settings.scaling.compareWindowHours * HOUR_MS;
  const windows = await db
    .select({
      adId: adInsights.adId,
      lifetime: totalsWhen(),
      trailing: totalsWhen(sql`${adInsights.hourStart} >= ${trailingFrom}`),
      spentToday:
        sql<number>`coalesce(sum(case when ${adInsights.hourStart} >= ${spend.dayStart} then ${adInsights.spendMinor} else 0 end), 0)`.mapWith(
          Number,
        ),
    })
    .from(adInsights)
    .where(scope.where(adInsights))
    .groupBy(adInsights.adId);
  const windowsByAd = new Map(windows.map((w) => [w.adId, w]));

  const changes = await lastBudgetChanges(db, orgId);
  // Sums since each changed ad set's last change, in one pass: the change times go in as JSON.
  const since = new Map<string, MetricTotals>();
  const changed = [...changes].filter(([id]) => setIds.includes(id));
  if (changed.length) {
    const json = JSON.stringify(changed.map(([id, change]) => [id, change.at]));
    const rows = await db
      .select({ adSetId: ads.adSetId, totals: totalsWhen() })
      .from(adInsights)
      .innerJoin(ads, and(eq(ads.id, adInsights.adId), eq(ads.orgId, adInsights.orgId)))
      .innerJoin(
        sql`(select json_extract(value, '$[0]') as ad_set_id, json_extract(value, '$[1]') as since from json_each(${json})) as changed`,
        sql`changed.ad_set_id = ${ads.adSetId}`,
      )
      .where(scope.where(adInsights, sql`${adInsights.hourStart} >= changed.since`))
      .groupBy(ads.adSetId);
    for (const row of rows) since.set(row.adSetId, row.totals);
  }
  const pending = await pendingCreatives(db, orgId, now);

  const adsBySet = new Map<string, AdInput[]>();
  const spentBySet = new Map<string, number>();
  const trailingBySet = new Map<string, MetricTotals>();
  for (const ad of adRows) {
    const w = windowsByAd.get(ad.id);
    const list = adsBySet.get(ad.adSetId) ?? [];
    list.push({
      id: ad.id,
      status: ad.status === 'active' ? 'active' : 'paused',
      pausedFor: (ad.pausedFor as PausedFor | null) ?? null,
      pausedAt: ad.pausedAt?.getTime() ?? null,
      launchedAt: ad.launchedAt!.getTime(),
      lifetime: w ? w.lifetime : { ...ZERO_TOTALS },
    });
    adsBySet.set(ad.adSetId, list);
  }
  // An ad set's spend and trailing totals are its ads', paused ones included: they spent too.
  const adSetOfAd = new Map(adRows.map((a) => [a.id, a.adSetId]));
  for (const w of windows) {
    const adSetId = adSetOfAd.get(w.adId);
    if (!adSetId) continue;
    spentBySet.set(adSetId, (spentBySet.get(adSetId) ?? 0) + w.spentToday);
    const trailing = trailingBySet.get(adSetId) ?? { ...ZERO_TOTALS };
    addInto(trailing, w.trailing);
    trailingBySet.set(adSetId, trailing);
  }

  const adSetInputs: AdSetInput[] = setRows.map((s) => ({
    id: s.id,
    campaignId: s.campaignId,
    status: s.status === 'active' ? 'active' : 'paused',
    pausedFor: (s.pausedFor as PausedFor | null) ?? null,
    pausedAt: s.pausedAt?.getTime() ?? null,
    launchedAt: s.launchedAt!.getTime(),
    initialDailyBudgetMinor: s.initialBudgetMinor,
    dailyBudgetMinor: s.dailyBudgetMinor,
    spentTodayMinor: spentBySet.get(s.id) ?? 0,
    overdeliveryPercent: OVERDELIVERY_PERCENT[s.platform],
    lastBudgetChange: changes.get(s.id) ?? null,
    sinceBudgetChange: since.get(s.id) ?? { ...ZERO_TOTALS },
    trailing: trailingBySet.get(s.id) ?? { ...ZERO_TOTALS },
    pendingCreatives: pending.get(s.id) ?? 0,
    ads: adsBySet.get(s.id) ?? [],
  }));
  return {
    orgId,
    now,
    settings,
    spend: {
      todayMinor: spend.todayMinor,
      weekMinor: spend.weekMinor,
      day: spend.day,
      week: spend.week,
    },
    adSets: adSetInputs,
  };
}
