/**
 * @module Reading ad results: a campaign's insights over time (by hour or org day, with CTR, CPC,
 * CVR, CPA, ROAS and AOV), and the daily reports with their HTML and CSV files.
 */

import { desc, eq } from 'drizzle-orm';
import * as v from 'valibot';
import { invalid, notFound } from '../../platform/problem.ts';
import { adCampaigns } from '../../schema/ads.ts';
import { dailyReports } from '../../schema/autopilot.ts';
import { CalendarDay, DailyReportQuery, InsightsQuery } from '../../schema/inputs/autopilot.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { orgs } from '../../schema/orgs.ts';
import { DailyReport, DailyReportBuilt, Insights } from '../../schema/outputs/ads.ts';
import { buildDailyReport } from '../../services/ads/daily-report.ts';
import { campaignInsights } from '../../services/ads/insights.ts';
import { Routes } from '../router.ts';

const HOUR_MS = 3_600_000;
/** Longest range per request: 92 days by day, 14 days by hour. */
const MAX_RANGE_MS = { day: 92 * 24 * HOUR_MS, hour: 14 * 24 * HOUR_MS };

const ReportDateParams = v.object({
  date: CalendarDay,
  format: v.picklist(['html', 'csv'], 'format must be html or csv.'),
});

const reportLinks = (date: string) => ({
  html: `/api/v1/reports/daily/${date}/html`,
  csv: `/api/v1/reports/daily/${date}/csv`,
});

export const adReportRoutes = new Routes('Ad results')
  .get(
    '/campaigns/:id/insights',
    {
      summary: 'A campaign’s insights by hour or org day, with derived ratios',
      description:
        'Defaults: the last 7 days by day. Ratios are null where their denominator is zero ' +
        '(e.g. CPA without conversions). Money in minor units of the campaign currency.',
      auth: 'ads:read',
      params: IdParams,
      query: InsightsQuery,
      responses: {
        200: { description: 'Points, range totals and ratios.', schema: Insights },
        404: 'No such campaign.',
      },
    },
    async ({ c, db, org, params, query }) => {
      const campaign = await db
        .select({ id: adCampaigns.id, currency: adCampaigns.currency })
        .from(adCampaigns)
        .where(org.where(adCampaigns, eq(adCampaigns.id, params.id)))
        .get();
      if (!campaign) throw notFound('Campaign');
      const to = query.to ? Date.parse(query.to) : Math.ceil(Date.now() / HOUR_MS) * HOUR_MS;
      const from = query.from ? Date.parse(query.from) : to - 7 * 24 * HOUR_MS;
      if (from >= to) throw invalid([{ path: 'query.from', message: 'from must be before to.' }]);
      if (to - from > MAX_RANGE_MS[query.granularity])
        throw invalid([
          {
            path: 'query.from',
            message: `At most ${MAX_RANGE_MS[query.granularity] / (24 * HOUR_MS)} days by ${query.granularity}.`,
          },
        ]);
      const timeZone =
        (await db.select({ tz: orgs.timeZone }).from(orgs).where(eq(orgs.id, org.orgId)).get())
          ?.tz ?? 'America/Sao_Paulo';
      const insights = await campaignInsights(db, org.orgId, campaign.id, {
        from,
        to,
        granularity: query.granularity,
        timeZone,
      });
      return c.json({
        campaignId: campaign.id,
        currency: campaign.currency,
        granularity: query.granularity,
        timeZone,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        ...insights,
      });
    },
  )
  .get(
    '/reports/daily',
    {
      summary:
        'The daily report of an org day (the latest without ?date), with links to HTML and CSV',
      auth: 'ads:read',
      query: DailyReportQuery,
      responses: {
        200: { description: 'The report.', schema: DailyReport },
        404: 'No report for that day yet.',
      },
    },
    async ({ c, db, org, query }) => {
      const row = await db
        .select()
        .from(dailyReports)
        .where(org.where(dailyReports, query.date ? eq(dailyReports.date, query.date) : undefined))
        .orderBy(desc(dailyReports.date))
        .get();
      if (!row) throw notFound('Daily report');
      const { orgId: _org, htmlKey: _h, csvKey: _c, ...report } = row;
      return c.json({ ...report, links: reportLinks(row.date) });
    },
  )
  .post(
    '/reports/daily',
    {
      summary: 'Build (or rebuild) the daily report of an org day now',
      auth: 'ads:manage',
      body: v.strictObject({ date: CalendarDay }),
      responses: { 201: { description: 'The report was built.', schema: DailyReportBuilt } },
    },
    async ({ c, env, org, body }) => {
      const built = await buildDailyReport(env, org.orgId, { date: body.date });
      return c.json(
        { date: built.date, totals: built.totals, links: reportLinks(built.date) },
        201,
      );
    },
  )
  .get(
    '/reports/daily/:date/:format',
    {
      summary: 'The daily report file, as HTML or CSV',
      auth: 'ads:read',
      params: ReportDateParams,
      responses: {
        200: {
          description: 'The report as a page or a spreadsheet.',
          media: ['text/html', 'text/csv'],
        },
        404: 'No report for that day.',
      },
    },
    async ({ env, db, org, params }) => {
      const row = await db
        .select({ htmlKey: dailyReports.htmlKey, csvKey: dailyReports.csvKey })
        .from(dailyReports)
        .where(org.where(dailyReports, eq(dailyReports.date, params.date)))
        .get();
      if (!row) throw notFound('Daily report');
      const object = await env.MEDIA.get(params.format === 'html' ? row.htmlKey : row.csvKey);
      if (!object) throw notFound('Daily report file');
      return new Response(object.body, {
        headers: {
          'Content-Type': object.httpMetadata?.contentType ?? 'application/octet-stream',
          'Content-Disposition': `${params.format === 'csv' ? 'attachment' : 'inline'}; filename="report-${params.date}.${params.format}"`,
          // The HTML is ours but shows names people typed: no scripts may run in it.
          'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
        },
      });
    },
  );
