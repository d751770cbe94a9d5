/** Where the credits went: spent per day, and per provider or model, over a chosen period. */
import { createEffect, createResource, createSignal, on, Show } from 'solid-js';
import { BarChart } from '../../components/BarChart.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { SkeletonRows } from '../../components/Skeleton.tsx';
import { call, client } from '../../lib/api.ts';
import { credits, formatCredits } from '../../lib/credits.ts';
import { describeError } from '../../lib/errors.ts';
import { codeLabel, formatNumber, locale, t, tp } from '../../lib/i18n.ts';
import { session } from '../../lib/session.ts';

const PERIODS = ['7', '30', '90'];
const DAY_MS = 24 * 3600 * 1000;

/** "2026-12-05" → the locale's short day, read as a calendar date (no time-zone shift). */
const dayLabel = (day: string) =>
  new Intl.DateTimeFormat(locale(), {
    day: '2-digit',
    month: '2-digit',
    timeZone: 'UTC',
  }).format(new Date(`${day}T00:00:00Z`));

export function UsageCharts() {
  const [days, setDays] = createSignal('30');
  const [breakdown, setBreakdown] = createSignal<'provider' | 'model'>('provider');
  const usage = (groupBy: 'day' | 'provider' | 'model') =>
    call(
      client.GET('/api/v1/credits/usage', {
        params: {
          query: { groupBy, from: new Date(Date.now() - Number(days()) * DAY_MS).toISOString() },
        },
      }),
    );
  const source = () => [session.activeOrg?.id, days()] as const;
  const [byDay, { refetch: refetchDays }] = createResource(source, () => usage('day'));
  const [byGroup, { refetch: refetchGroups }] = createResource(
    () => [...source(), breakdown()] as const,
    () => usage(breakdown()),
  );
  // A charge landed: the balance moved (not merely loaded).
  createEffect(
    on(
      () => (credits.loaded ? credits.balance : undefined),
      (balance, before) => {
        if (balance === undefined || before === undefined) return;
        void refetchDays();
        void refetchGroups();
      },
    ),
  );

  return (
    <section class="card grid gap-6 p-5" aria-labelledby="usage-title">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <div class="grid gap-1">
          <h2 id="usage-title" class="text-base font-semibold text-fg">
            {t('credits.usageTitle')}
          </h2>
          <Show when={byDay()}>
            {(report) => (
              <p class="text-sm text-fg-muted">
                {tp('credits.usageTotal', report().total, { days: days() })}
              </p>
            )}
          </Show>
        </div>
        <div class="flex flex-wrap gap-2">
          <SelectField
            label={t('credits.period')}
            value={days()}
            onChange={setDays}
            options={PERIODS.map((d) => ({ value: d, label: t('credits.lastDays', { n: d }) }))}
            class="w-40"
          />
          <SelectField
            label={t('credits.breakdown')}
            value={breakdown()}
            onChange={(value) => setBreakdown(value as 'provider' | 'model')}
            options={[
              { value: 'provider', label: t('credits.byProvider') },
              { value: 'model', label: t('credits.byModel') },
            ]}
            class="w-40"
          />
        </div>
      </div>
      <Show when={byDay.error || byGroup.error}>
        <Notice kind="error">{describeError(byDay.error ?? byGroup.error)}</Notice>
      </Show>
      <div class="grid gap-8 lg:grid-cols-2">
        <Show when={byDay.latest} fallback={<SkeletonRows rows={4} label={t('common.loading')} />}>
          {(report) => (
            <BarChart
              title={t('credits.chartByDay')}
              description={t('credits.chartByDayBody', { days: days() })}
              layout="columns"
              data={report().items.map((line) => ({
                label: dayLabel(line.key ?? ''),
                value: line.credits,
              }))}
              format={formatNumber}
              labelHeader={t('credits.day')}
              valueHeader={t('credits.spent')}
            />
          )}
        </Show>
        <Show
          when={byGroup.latest}
          fallback={<SkeletonRows rows={4} label={t('common.loading')} />}
        >
          {(report) => (
            <BarChart
              title={
                breakdown() === 'provider'
                  ? t('credits.chartByProvider')
                  : t('credits.chartByModel')
              }
              layout="rows"
              data={report().items.map((line) => ({
                label:
                  breakdown() === 'provider' && line.key
                    ? codeLabel('studio.provider_', line.key)
                    : (line.label ?? line.key ?? t('credits.unknown')),
                value: line.credits,
              }))}
              format={formatCredits}
              labelHeader={breakdown() === 'provider' ? t('credits.provider') : t('credits.model')}
              valueHeader={t('credits.spent')}
            />
          )}
        </Show>
      </div>
      <p class="help-text">{t('credits.usageNote')}</p>
    </section>
  );
}
