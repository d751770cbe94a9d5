/**
 * A campaign's results: KPIs for the range, spend (bars) and ROAS against its target (line) over
 * time, the ad sets' budgets now, the autopilot's decisions on this campaign with their
 * justifications, the org's recent alerts, and the daily report with its HTML and CSV files.
 */
import { A, useParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { alertWords } from '../../components/alert-words.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { Icon } from '../../components/Icon.tsx';
import { LineChart } from '../../components/LineChart.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { autopilotApi, campaignsApi } from '../../lib/ads-api.ts';
import { call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRatio,
  locale,
  t,
} from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { formatMoney } from '../../lib/money.ts';
import { DecisionCard } from '../autopilot/decision-card.tsx';
import { CampaignStatusBadge } from './index.tsx';

const HOUR = 3_600_000;
const RANGES = {
  '48h': { hours: 48, granularity: 'hour' },
  '14d': { hours: 14 * 24, granularity: 'day' },
} as const;

function Kpi(props: { label: string; value: string; testId?: string }) {
  return (
    <div class="card grid gap-1 p-4">
      <dt class="text-xs text-fg-muted">{props.label}</dt>
      <dd class="text-xl font-semibold tabular-nums" data-testid={props.testId}>
        {props.value}
      </dd>
    </div>
  );
}

/** The report files sit behind the bearer token: fetched, then opened from a blob. */
async function openReportFile(date: string, format: 'html' | 'csv') {
  const blob = await call(
    client.GET('/api/v1/reports/daily/{date}/{format}', {
      params: { path: { date, format } },
      parseAs: 'blob',
    }),
  );
  const url = URL.createObjectURL(blob);
  window.open(url, '_blank', 'noopener');
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function DailyReportCard() {
  const [report] = createResource(() => autopilotApi.dailyReport().catch(() => null));
  return (
    <section class="card grid gap-3 p-5" aria-labelledby="report-title">
      <h2 id="report-title" class="text-lg font-semibold">
        {t('campaigns.dailyReport')}
      </h2>
      <Show
        when={report.latest}
        fallback={<p class="text-sm text-fg-muted">{t('campaigns.noReport')}</p>}
      >
        {(r) => (
          <>
            <p class="text-sm">
              {t('campaigns.reportOf', { date: formatDate(`${r().date}T12:00:00`) })}:{' '}
              {t('campaigns.spend')} {formatMoney(r().totals.spendMinor, r().currency)} ·{' '}
              {t('campaigns.revenue')} {formatMoney(r().totals.revenueMinor, r().currency)} · ROAS{' '}
              {r().totals.roas === null ? '—' : formatRatio(r().totals.roas!)}
            </p>
            <div class="flex gap-2">
              <button
                type="button"
                class="btn-secondary btn-sm"
                onClick={() => openReportFile(r().date, 'html')}
              >
                <Icon name="reports" /> HTML
              </button>
              <button
                type="button"
                class="btn-secondary btn-sm"
                onClick={() => openReportFile(r().date, 'csv')}
              >
                <Icon name="download" /> CSV
              </button>
            </div>
          </>
        )}
      </Show>
    </section>
  );
}

export default function CampaignDashboardPage() {
  const params = useParams<{ id: string }>();
  const [range, setRange] = createSignal<keyof typeof RANGES>('48h');
  const [campaign, { refetch: refetchCampaign }] = createResource(
    () => params.id,
    campaignsApi.get,
  );
  const [settings] = createResource(() => autopilotApi.settings());
  const [insights, { refetch: refetchInsights }] = createResource(
    () => ({ id: params.id, range: range() }),
    ({ id, range }) => {
      const { hours, granularity } = RANGES[range];
      const to = Math.ceil(Date.now() / HOUR) * HOUR;
      return campaignsApi.insights(
        id,
        granularity,
        new Date(to - hours * HOUR).toISOString(),
        new Date(to).toISOString(),
      );
    },
  );
  const [decisions, { refetch: refetchDecisions }] = createResource(
    () => params.id,
    (campaignId) => autopilotApi.decisions({ campaignId }),
  );
  const [alerts] = createResource(() =>
    call(client.GET('/api/v1/alerts', { params: { query: { limit: 10 } } })),
  );
  onCleanup(
    onOrgEvent((event) => {
      if (event.type === 'job' && event.status === 'done') {
        void refetchInsights();
        void refetchDecisions();
        void refetchCampaign();
      }
    }),
  );
  const currency = () => insights.latest?.currency ?? campaign.latest?.currency ?? 'BRL';
  const money = (minor: number) => formatMoney(minor, currency());
  const label = (iso: string) =>
    new Intl.DateTimeFormat(
      locale(),
      range() === '48h'
        ? { hour: '2-digit', day: '2-digit' }
        : { day: '2-digit', month: '2-digit' },
    ).format(new Date(iso));
  const points = () => insights.latest?.points ?? [];
  const roasTarget = () =>
    settings.latest ? settings.latest.targets.minRoasPercent / 100 : undefined;
  const times = (v: number) => formatRatio(v);

  return (
    <>
      <A
        href={`/campaigns/${params.id}`}
        class="focus-ring mb-3 inline-flex items-center gap-1 text-sm text-fg-muted"
      >
        <Icon name="arrowLeft" class="size-4" /> {campaign.latest?.name ?? t('campaigns.campaign')}
      </A>
      <PageHeader
        title={t('campaigns.resultsOf', { name: campaign.latest?.name ?? '' })}
        description={t('campaigns.resultsDescription')}
        actions={
          <>
            <Show when={campaign.latest}>{(c) => <CampaignStatusBadge status={c().status} />}</Show>
            <fieldset class="flex gap-1">
              <legend class="sr-only">{t('campaigns.range')}</legend>
              <For each={Object.keys(RANGES) as (keyof typeof RANGES)[]}>
                {(r) => (
                  <button
                    type="button"
                    class={`btn-sm ${range() === r ? 'btn-primary' : 'btn-ghost'}`}
                    aria-pressed={range() === r}
                    onClick={() => setRange(r)}
                  >
                    {t(`campaigns.range_${r}`)}
                  </button>
                )}
              </For>
            </fieldset>
          </>
        }
      />
      <div class="grid gap-6">
        <Show when={insights.error}>
          <Notice kind="error">{describeError(insights.error)}</Notice>
        </Show>
        <Show when={insights.latest}>
          {(i) => (
            <dl class="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
              <Kpi
                label={t('campaigns.spend')}
                value={money(i().totals.spendMinor)}
                testId="kpi-spend"
              />
              <Kpi label={t('campaigns.revenue')} value={money(i().totals.revenueMinor)} />
              <Kpi
                label="ROAS"
                value={i().metrics.roas === null ? '—' : times(i().metrics.roas!)}
                testId="kpi-roas"
              />
              <Kpi
                label="CTR"
                value={i().metrics.ctr === null ? '—' : formatPercent(i().metrics.ctr!, 2)}
              />
              <Kpi
                label="CPA"
                value={i().metrics.cpa === null ? '—' : money(Math.round(i().metrics.cpa!))}
              />
              <Kpi
                label={t('campaigns.conversions')}
                value={formatNumber(i().totals.conversions)}
              />
            </dl>
          )}
        </Show>
        <div class="grid gap-6 lg:grid-cols-2">
          <section class="card p-5">
            <BarChart
              title={t('campaigns.spendOverTime')}
              data={points().map((p) => ({ label: label(p.start), value: p.totals.spendMinor }))}
              format={money}
              labelHeader={t('campaigns.when')}
              valueHeader={t('campaigns.spend')}
            />
          </section>
          <section class="card p-5">
            <LineChart
              title={t('campaigns.roasOverTime')}
              data={points().map((p) => ({ label: label(p.start), value: p.metrics.roas }))}
              format={times}
              labelHeader={t('campaigns.when')}
              valueHeader="ROAS"
              reference={
                roasTarget()
                  ? {
                      value: roasTarget()!,
                      label: t('campaigns.target', { value: times(roasTarget()!) }),
                    }
                  : undefined
              }
            />
          </section>
        </div>
        <Show when={campaign.latest?.adSets?.length}>
          <section class="card grid gap-2 p-5" aria-labelledby="budgets-title">
            <h2 id="budgets-title" class="text-lg font-semibold">
              {t('campaigns.budgetsNow')}
            </h2>
            <ul class="divide-y divide-line text-sm">
              <For each={campaign.latest?.adSets}>
                {(s) => (
                  <li
                    class="flex flex-wrap items-center justify-between gap-2 py-2"
                    data-testid="ad-set-budget"
                  >
                    <span>{s.name}</span>
                    <span class="tabular-nums">
                      {money(s.dailyBudgetMinor)}{' '}
                      <span class="text-fg-muted">
                        ({t('campaigns.initialBudget', { budget: money(s.initialBudgetMinor) })})
                      </span>
                    </span>
                    <CampaignStatusBadge status={s.status} />
                  </li>
                )}
              </For>
            </ul>
          </section>
        </Show>
        <section class="grid gap-3" aria-labelledby="decisions-title">
          <h2 id="decisions-title" class="text-lg font-semibold">
            {t('autopilot.decisionHistory')}
          </h2>
          <Show
            when={(decisions.latest?.items.length ?? 0) > 0}
            fallback={<p class="text-sm text-fg-muted">{t('autopilot.noDecisions')}</p>}
          >
            <For each={decisions.latest?.items}>
              {(d) => (
                <DecisionCard
                  decision={d}
                  currency={currency()}
                  onReviewed={() => void refetchDecisions()}
                />
              )}
            </For>
          </Show>
        </section>
        <div class="grid gap-6 lg:grid-cols-2">
          <section class="card grid gap-2 p-5" aria-labelledby="alerts-title">
            <h2 id="alerts-title" class="text-lg font-semibold">
              {t('campaigns.alerts')}
            </h2>
            <Show
              when={(alerts.latest?.items.length ?? 0) > 0}
              fallback={<p class="text-sm text-fg-muted">{t('campaigns.noAlerts')}</p>}
            >
              <ul class="grid gap-2 text-sm">
                <For each={alerts.latest?.items}>
                  {(a) => (
                    <li
                      class={`rounded-lg border p-2 ${a.severity === 'critical' ? 'border-danger/40 bg-danger-soft' : 'border-line'}`}
                    >
                      <p class="font-medium">{alertWords(a).title}</p>
                      <Show when={alertWords(a).detail}>
                        <p class="text-fg-muted">{alertWords(a).detail}</p>
                      </Show>
                      <p class="text-xs text-fg-muted">{formatDateTime(a.createdAt)}</p>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </section>
          <DailyReportCard />
        </div>
      </div>
    </>
  );
}
