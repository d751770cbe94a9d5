/**
 * @module The daily report of one org day (the org's time zone draws the day's bounds): spend,
 * revenue and ROAS from the hourly insights, the store's orders, the top and bottom campaigns and
 * products by profit (revenue − ad spend), and the actions the autopilot executed that day. The
 * HTML and CSV go to R2; the row in `daily_reports` holds their keys and the figures as JSON.
 *
 * Building the same day again replaces the files and the row (late conversions may have arrived),
 * so the daily cron and a person's rebuild never leave two reports for one day.
 */
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { accountDate, addDays, dayBounds } from '../../domain/calendar.ts';
import { csvLine } from '../../domain/csv.ts';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { database, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { adCampaigns, products } from '../../schema/ads.ts';
import {
  adInsights,
  autopilotDecisions,
  type DailyReportTotals,
  dailyReports,
  orders,
} from '../../schema/autopilot.ts';
import { orgs } from '../../schema/orgs.ts';
import { renderReportHtml, reportLocale } from './daily-report-html.ts';

const RANKED = 3;
const LISTED_ACTIONS = 100;

export interface ReportLine {
  id: string | null;
  name: string;
  spendMinor: number;
  revenueMinor: number;
  conversions: number;
  roas: number | null;
  profitMinor: number;
}

export interface ReportAction {
  decisionId: string;
  executedAt: string;
  entityKind: string;
  entityId: string;
  campaignId: string;
  action: string;
  reasons: string[];
}

export interface DailyReport {
  date: string;
  timeZone: string;
  currency: string;
  totals: DailyReportTotals;
  campaigns: { top: ReportLine[]; bottom: ReportLine[] };
  products: { top: ReportLine[]; bottom: ReportLine[] };
  actions: { counts: Record<string, number>; list: ReportAction[] };
}

export const reportKeys = (orgId: string, date: string) => ({
  htmlKey: `reports/${orgId}/daily/${date}.html`,
  csvKey: `reports/${orgId}/daily/${date}.csv`,
});

const roasOf = (revenue: number, spend: number) =>
  spend > 0 ? Math.round((revenue / spend) * 1000) / 1000 : null;

function line(
  id: string | null,
  name: string,
  t: Omit<ReportLine, 'id' | 'name' | 'roas' | 'profitMinor'>,
): ReportLine {
  return {
    id,
    name,
    ...t,
    roas: roasOf(t.revenueMinor, t.spendMinor),
    profitMinor: t.revenueMinor - t.spendMinor,
  };
}

function topAndBottom(lines: ReportLine[]) {
  const ranked = [...lines].sort(
    (a, b) => b.profitMinor - a.profitMinor || (a.id ?? '').localeCompare(b.id ?? ''),
  );
  return {
    top: ranked.slice(0, RANKED),
    // The weakest first; a line in the top is not listed again at the bottom.
    bottom: ranked.slice(RANKED).reverse().slice(0, RANKED),
  };
}

/** The action as a code, `type:reason` ("pause:stop_loss"); the HTML report words it. */
function actionLabel(action: StoredAction): string {
  return 'reason' in action ? `${action.type}:${action.reason}` : action.type;
}
type StoredAction = (typeof autopilotDecisions.$inferSelect)['action'];

/** Collects the day's figures for the org. */
async function collect(
  env: Env,
  orgId: string,
  date: string,
  timeZone: string,
  currency: string,
): Promise<DailyReport> {
  const db = database(env.DB);
  const scope = orgScope(orgId);
  const { start, end } = dayBounds(timeZone, date);
  const sums = {
    spendMinor: sql<number>`coalesce(sum(${adInsights.spendMinor}), 0)`.mapWith(Number),
    revenueMinor: sql<number>`coalesce(sum(${adInsights.revenueMinor}), 0)`.mapWith(Number),
    conversions: sql<number>`coalesce(sum(${adInsights.conversions}), 0)`.mapWith(Number),
    impressions: sql<number>`coalesce(sum(${adInsights.impressions}), 0)`.mapWith(Number),
    clicks: sql<number>`coalesce(sum(${adInsights.clicks}), 0)`.mapWith(Number),
  };
  const inDay = scope.where(
    adInsights,
    gte(adInsights.hourStart, start),
    lt(adInsights.hourStart, end),
  );
  const byCampaign = await db
    .select({ campaignId: adInsights.campaignId, ...sums })
    .from(adInsights)
    .where(inDay)
    .groupBy(adInsights.campaignId);
  const campaignIds = byCampaign.map((c) => c.campaignId);
  const campaignRows = campaignIds.length
    ? await db
        .select({ id: adCampaigns.id, name: adCampaigns.name, productId: adCampaigns.productId })
        .from(adCampaigns)
        .where(scope.where(adCampaigns, inArray(adCampaigns.id, campaignIds)))
    : [];
  const campaignById = new Map(campaignRows.map((c) => [c.id, c]));
  const productIds = [...new Set(campaignRows.flatMap((c) => (c.productId ? [c.productId] : [])))];
  const productRows = productIds.length
    ? await db
        .select({ id: products.id, title: products.title })
        .from(products)
        .where(scope.where(products, inArray(products.id, productIds)))
    : [];
  const productTitle = new Map(productRows.map((p) => [p.id, p.title]));

  const totals: DailyReportTotals = {
    impressions: 0,
    clicks: 0,
    spendMinor: 0,
    conversions: 0,
    revenueMinor: 0,
    roas: null,
    orders: 0,
    ordersRevenueMinor: 0,
  };
  const campaignLines: ReportLine[] = [];
  const productSums = new Map<
    string,
    { spendMinor: number; revenueMinor: number; conversions: number }
  >();
  for (const c of byCampaign) {
    totals.impressions += c.impressions;
    totals.clicks += c.clicks;
    totals.spendMinor += c.spendMinor;
    totals.conversions += c.conversions;
    totals.revenueMinor += c.revenueMinor;
    const campaign = campaignById.get(c.campaignId);
    campaignLines.push(line(c.campaignId, campaign?.name ?? c.campaignId, c));
    if (campaign?.productId) {
      const p = productSums.get(campaign.productId) ?? {
        spendMinor: 0,
        revenueMinor: 0,
        conversions: 0,
      };
      p.spendMinor += c.spendMinor;
      p.revenueMinor += c.revenueMinor;
      p.conversions += c.conversions;
      productSums.set(campaign.productId, p);
    }
  }
  totals.roas = roasOf(totals.revenueMinor, totals.spendMinor);
  const storeOrders = await db
    .select({
      n: sql<number>`count(*)`.mapWith(Number),
      amount: sql<number>`coalesce(sum(${orders.amountMinor}), 0)`.mapWith(Number),
    })
    .from(orders)
    .where(
      scope.where(
        orders,
        eq(orders.currency, currency),
        gte(orders.orderedAt, new Date(start)),
        lt(orders.orderedAt, new Date(end)),
      ),
    )
    .get();
  totals.orders = storeOrders?.n ?? 0;
  totals.ordersRevenueMinor = storeOrders?.amount ?? 0;

  const executed = await db
    .select({
      id: autopilotDecisions.id,
      executedAt: autopilotDecisions.executedAt,
      entityKind: autopilotDecisions.entityKind,
      entityId: autopilotDecisions.entityId,
      campaignId: autopilotDecisions.campaignId,
      action: autopilotDecisions.action,
      reasons: autopilotDecisions.reasons,
    })
    .from(autopilotDecisions)
    .where(
      scope.where(
        autopilotDecisions,
        and(
          eq(autopilotDecisions.status, 'executed'),
          gte(autopilotDecisions.executedAt, new Date(start)),
          lt(autopilotDecisions.executedAt, new Date(end)),
        ),
      ),
    )
    .orderBy(desc(autopilotDecisions.executedAt));
  const counts: Record<string, number> = {};
  for (const d of executed)
    counts[actionLabel(d.action)] = (counts[actionLabel(d.action)] ?? 0) + 1;

  return {
    date,
    timeZone,
    currency,
    totals,
    campaigns: topAndBottom(campaignLines),
    products: topAndBottom(
      [...productSums].map(([id, p]) => line(id, productTitle.get(id) ?? id, p)),
    ),
    actions: {
      counts,
      list: executed.slice(0, LISTED_ACTIONS).map((d) => ({
        decisionId: d.id,
        executedAt: d.executedAt!.toISOString(),
        entityKind: d.entityKind,
        entityId: d.entityId,
        campaignId: d.campaignId,
        action: actionLabel(d.action),
        reasons: d.reasons,
      })),
    },
  };
}

export function renderReportCsv(report: DailyReport): string {
  const rows: (string | number | null)[][] = [
    [
      'section',
      'id',
      'name',
      'spend_minor',
      'revenue_minor',
      'conversions',
      'roas',
      'profit_minor',
    ],
  ];
  const t = report.totals;
  rows.push([
    'total',
    null,
    report.date,
    t.spendMinor,
    t.revenueMinor,
    t.conversions,
    t.roas,
    t.revenueMinor - t.spendMinor,
  ]);
  for (const [section, lines] of [
    ['top_campaign', report.campaigns.top],
    ['bottom_campaign', report.campaigns.bottom],
    ['top_product', report.products.top],
    ['bottom_product', report.products.bottom],
  ] as const) {
    for (const l of lines)
      rows.push([
        section,
        l.id,
        l.name,
        l.spendMinor,
        l.revenueMinor,
        l.conversions,
        l.roas,
        l.profitMinor,
      ]);
  }
  for (const [action, n] of Object.entries(report.actions.counts))
    rows.push(['action', null, action, null, null, n, null, null]);
  return rows.map((r) => csvLine(r)).join('');
}

/**
 * Builds (or rebuilds) one org day's report. Without `date`, the last complete org day at `at`:
 * the daily cron runs at 00:00 UTC, when the day that just ended in São Paulo is still running
 * for three more hours, so the report covers the day before it.
 */
export async function buildDailyReport(
  env: Env,
  orgId: string,
  when: { at?: number; date?: string },
) {
  const db = database(env.DB);
  const org = await db
    .select({ timeZone: orgs.timeZone, currency: orgs.currency, locale: orgs.locale })
    .from(orgs)
    .where(eq(orgs.id, orgId))
    .get();
  const timeZone = org?.timeZone ?? 'America/Sao_Paulo';
  const currency = org?.currency ?? 'BRL';
  const date = when.date ?? addDays(accountDate(timeZone, when.at ?? Date.now()), -1);
  const report = await collect(env, orgId, date, timeZone, currency);
  const keys = reportKeys(orgId, date);
  await env.MEDIA.put(keys.htmlKey, renderReportHtml(report, reportLocale(org?.locale)), {
    httpMetadata: { contentType: 'text/html; charset=utf-8' },
  });
  await env.MEDIA.put(keys.csvKey, renderReportCsv(report), {
    httpMetadata: { contentType: 'text/csv; charset=utf-8' },
  });
  const row = {
    id: newId(),
    orgId,
    date,
    timeZone,
    currency,
    ...keys,
    totals: report.totals,
    details: { campaigns: report.campaigns, products: report.products, actions: report.actions },
    createdAt: new Date(),
  };
  await db.batch([
    db
      .insert(dailyReports)
      .values(row)
      .onConflictDoUpdate({
        target: [dailyReports.orgId, dailyReports.date],
        set: {
          totals: row.totals,
          details: row.details,
          createdAt: row.createdAt,
          timeZone,
          currency,
        },
      }),
    auditEntry(db, null, null, {
      orgId,
      action: 'report.daily.built',
      targetType: 'daily_report',
      targetId: date,
      data: { totals: report.totals },
    }),
  ]);
  return { date, ...keys, totals: report.totals };
}
