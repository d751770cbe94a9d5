/**
 * @module Performance alerts checked after each hourly pull, over each active campaign's last
 * 24 hours: ROAS below the org's target, and no conversions at all (neither reported by the
 * platform nor by the store's webhook). A campaign is judged only once it has run 24 hours and
 * spent the minimum an ad needs before its own verdict, so a quiet start raises nothing. Each
 * alert is raised once per campaign and org day.
 */
import { and, eq, gte, isNotNull, lt, lte, sql } from 'drizzle-orm';
import type { AutopilotSettings } from '../../domain/autopilot/settings.ts';
import { orgCalendar } from '../../domain/calendar.ts';
import { formatMoney } from '../../domain/money.ts';
import { raiseAlert } from '../../platform/alerts.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { adCampaigns } from '../../schema/ads.ts';
import { adInsights, orders } from '../../schema/autopilot.ts';

const DAY_MS = 86_400_000;

export async function checkCampaignPerformance(
  env: Env,
  db: Db,
  orgId: string,
  now: number,
  context: { settings: AutopilotSettings; timeZone: string },
) {
  const scope = orgScope(orgId);
  const since = now - DAY_MS;
  const campaigns = await db
    .select({
      id: adCampaigns.id,
      name: adCampaigns.name,
      spendMinor: sql<number>`coalesce(sum(${adInsights.spendMinor}), 0)`.mapWith(Number),
      conversions: sql<number>`coalesce(sum(${adInsights.conversions}), 0)`.mapWith(Number),
      revenueMinor: sql<number>`coalesce(sum(${adInsights.revenueMinor}), 0)`.mapWith(Number),
    })
    .from(adCampaigns)
    .innerJoin(
      adInsights,
      and(
        eq(adInsights.campaignId, adCampaigns.id),
        eq(adInsights.orgId, adCampaigns.orgId),
        gte(adInsights.hourStart, since),
        lt(adInsights.hourStart, now),
      ),
    )
    .where(
      scope.where(
        adCampaigns,
        eq(adCampaigns.status, 'active'),
        isNotNull(adCampaigns.publishedAt),
        lte(adCampaigns.publishedAt, new Date(since)),
      ),
    )
    .groupBy(adCampaigns.id);
  const { settings } = context;
  const day = orgCalendar(context.timeZone, now).day;
  let raised = 0;
  for (const campaign of campaigns) {
    if (campaign.spendMinor < settings.minimumData.ad.spendMinor) continue;
    if (campaign.conversions === 0) {
      const stored = await db
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(orders)
        .where(
          scope.where(
            orders,
            eq(orders.campaignId, campaign.id),
            gte(orders.orderedAt, new Date(since)),
          ),
        )
        .get();
      if ((stored?.n ?? 0) === 0) {
        if (
          await raiseAlert(env, {
            orgId,
            kind: 'autopilot.no_conversions',
            severity: 'warning',
            title: `No conversions in 24 h: ${campaign.name}`,
            detail: `It spent ${formatMoney(campaign.spendMinor, settings.currency, 'en')} in the last 24 hours without a single order.`,
            dedupKey: `no_conversions:${campaign.id}:${day}`,
            data: {
              campaignId: campaign.id,
              campaignName: campaign.name,
              spendMinor: campaign.spendMinor,
              currency: settings.currency,
            },
          })
        )
          raised++;
        continue;
      }
    }
    if (campaign.revenueMinor * 100 < settings.targets.minRoasPercent * campaign.spendMinor) {
      const roas = Math.round((campaign.revenueMinor / campaign.spendMinor) * 100) / 100;
      if (
        await raiseAlert(env, {
          orgId,
          kind: 'autopilot.roas_below_target',
          severity: 'warning',
          title: `ROAS below target for 24 h: ${campaign.name}`,
          detail: `ROAS ${roas} over the last 24 hours; the target is ${settings.targets.minRoasPercent / 100}.`,
          dedupKey: `roas_below_target:${campaign.id}:${day}`,
          data: {
            campaignId: campaign.id,
            campaignName: campaign.name,
            roas,
            targetRoas: settings.targets.minRoasPercent / 100,
          },
        })
      )
        raised++;
    }
  }
  return raised;
}
