/**
 * An alert in the reader's words: the server raises each with a `kind` and the `data` its words
 * need (names, amounts in minor units, periods); its own `title` and `detail` are English for API
 * clients and show only for a kind this build does not know yet.
 */

import { formatCredits } from '../lib/credits.ts';
import { codeLabel, formatNumber, formatPercent, formatRatio, locale, t, tp } from '../lib/i18n.ts';
import { formatMoney } from '../lib/money.ts';

export interface AlertLike {
  kind: string;
  title: string;
  detail: string | null;
  data?: Record<string, unknown> | null;
}

type Words = { title: string; detail: string | null };
type Data = Record<string, unknown>;

const str = (value: unknown) => (value === null || value === undefined ? '' : String(value));
const num = (value: unknown) => Number(value ?? 0);

/** "2026-12" → "dezembro de 2026". */
function monthName(period: unknown): string {
  const match = /^(\d{4})-(\d{2})$/.exec(str(period));
  if (!match) return str(period);
  const month = new Date(Number(match[1]), Number(match[2]) - 1, 15);
  return new Intl.DateTimeFormat(locale(), { month: 'long', year: 'numeric' }).format(month);
}

const money = (minor: unknown, data: Data) => formatMoney(num(minor), str(data.currency) || 'BRL');

const WORDS: Record<string, (data: Data) => Words> = {
  'credits.spend_limit': (d) => ({
    title: t(
      d.scope === 'org'
        ? 'shell.alert_credits_spend_limit_org'
        : 'shell.alert_credits_spend_limit_member',
      { percent: formatPercent(num(d.threshold) / 100) },
    ),
    detail: t('shell.alertDetail_credits_spend_limit', {
      spent: formatNumber(num(d.spent)),
      limit: formatNumber(num(d.limit)),
      period: monthName(d.period),
    }),
  }),
  'credits.refund_uncollected': (d) => ({
    title: t('shell.alert_credits_refund_uncollected'),
    detail: t('shell.alertDetail_credits_refund_uncollected', {
      n: formatNumber(num(d.uncollected)),
    }),
  }),
  'credits.recharge_capped': (d) => ({
    title: t('shell.alert_credits_recharge_capped'),
    detail: t('shell.alertDetail_credits_recharge_capped', {
      cap: money(d.capMinor, d),
      period: monthName(d.period),
    }),
  }),
  'credits.recharge_failed': () => ({
    title: t('shell.alert_credits_recharge_failed'),
    detail: t('shell.alertDetail_credits_recharge_failed'),
  }),
  'autopilot.spend_cap_reached': (d) => capWords('shell.alert_autopilot_spend_cap_reached', d),
  'autopilot.spend_cap_near': (d) => capWords('shell.alert_autopilot_spend_cap_near', d),
  'autopilot.spend_cap_trim': (d) => capWords('shell.alert_autopilot_spend_cap_trim', d),
  'autopilot.new_winner': (d) => ({
    title: t('shell.alert_autopilot_new_winner', { entity: str(d.entityName) }),
    detail: t('shell.alertDetail_autopilot_new_winner', { campaign: str(d.campaignName) }),
  }),
  'ads.platform_failing': (d) => ({
    title: t('shell.alert_ads_platform_failing', {
      platform: codeLabel('campaigns.platform_', str(d.platform)),
      doing: codeLabel('shell.doing_', str(d.doing)),
    }),
    detail: t(
      d.kind === 'auth'
        ? 'shell.alertDetail_platform_auth'
        : d.kind === 'rate_limited' || d.kind === 'transient'
          ? 'shell.alertDetail_platform_retrying'
          : 'shell.alertDetail_platform_refused',
    ),
  }),
  'autopilot.campaign_paused': (d) => ({
    title: t('shell.alert_autopilot_campaign_paused', { campaign: str(d.campaignName) }),
    detail: t('shell.alertDetail_autopilot_campaign_paused', {
      reason: codeLabel('autopilot.why_', str(d.reason)),
    }),
  }),
  'autopilot.creatives_needed': (d) => ({
    title: t('shell.alert_autopilot_creatives_needed', { entity: str(d.entityName) }),
    detail: tp('shell.alertDetail_autopilot_creatives_needed', num(d.count), {
      campaign: str(d.campaignName),
    }),
  }),
  'ads.publish_failed': (d) => ({
    title: t('shell.alert_ads_publish_failed', { campaign: str(d.campaignName) }),
    detail: t('shell.alertDetail_ads_publish_failed'),
  }),
  'studio.uncharged': (d) => ({
    title: t('shell.alert_studio_uncharged'),
    detail: t('shell.alertDetail_studio_uncharged', { credits: formatCredits(num(d.credits)) }),
  }),
  'job.dead_letter': () => ({
    title: t('shell.alert_job_dead_letter'),
    detail: t('shell.alertDetail_job_dead_letter'),
  }),
  'autopilot.no_conversions': (d) => ({
    title: t('shell.alert_autopilot_no_conversions', { campaign: str(d.campaignName) }),
    detail: t('shell.alertDetail_autopilot_no_conversions', { spend: money(d.spendMinor, d) }),
  }),
  'autopilot.roas_below_target': (d) => ({
    title: t('shell.alert_autopilot_roas_below_target', { campaign: str(d.campaignName) }),
    detail: t('shell.alertDetail_autopilot_roas_below_target', {
      roas: formatRatio(num(d.roas)),
      target: formatRatio(num(d.targetRoas)),
    }),
  }),
};

function capWords(
  title:
    | 'shell.alert_autopilot_spend_cap_reached'
    | 'shell.alert_autopilot_spend_cap_near'
    | 'shell.alert_autopilot_spend_cap_trim',
  d: Data,
): Words {
  const capMinor = num(d.capMinor);
  const percent = capMinor > 0 ? num(d.spentMinor) / capMinor : 1;
  return {
    title: t(title),
    detail: t(
      d.cap === 'weekly_cap'
        ? 'shell.alertDetail_autopilot_spend_cap_weekly'
        : 'shell.alertDetail_autopilot_spend_cap_daily',
      {
        percent: formatPercent(percent, 0),
        spent: money(d.spentMinor, d),
        cap: money(capMinor, d),
      },
    ),
  };
}

export function alertWords(alert: AlertLike): Words {
  const words = WORDS[alert.kind];
  return words && alert.data
    ? words(alert.data)
    : { title: alert.title, detail: alert.detail ?? null };
}
