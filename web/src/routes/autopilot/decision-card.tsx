/**
 * One autopilot decision with its justification: what it does (or proposes), the verdict and
 * reasons, the metrics snapshot it was made on, every rule checked against its threshold, and the
 * expected result. Proposals carry approve/reject for owners and admins.
 */
import { createSignal, For, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { Notice } from '../../components/Notice.tsx';
import { autopilotApi, type Decision, type RuleCheck } from '../../lib/ads-api.ts';
import { describeError } from '../../lib/errors.ts';
import {
  codeLabel,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRatio,
  t,
  tp,
} from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';
import { can } from '../../lib/session.ts';

const percent = (ratio: number | null | undefined, digits = 2) =>
  ratio === null || ratio === undefined ? '—' : formatPercent(ratio, digits);
const times = (ratio: number | null | undefined) =>
  ratio === null || ratio === undefined ? '—' : formatRatio(ratio);

/** "autopilot-rules/1" → "Regras versão 1": which rules decided, in words. */
export const rulesVersionWords = (ruleVersion: string) =>
  t('autopilot.rulesVersion', { version: ruleVersion.split('/').pop() ?? ruleVersion });

/** What the decision does, in one sentence. */
export function actionSentence(d: Decision, currency: string, campaignName?: string): string {
  const entity = t(d.entityKind === 'ad' ? 'autopilot.entity_ad' : 'autopilot.entity_ad_set');
  const where = campaignName ? ` — ${campaignName}` : '';
  const a = d.action;
  switch (a.type) {
    case 'set_budget':
      return `${t(
        a.reason === 'rollback' ? 'autopilot.action_rollback' : 'autopilot.action_raise',
        {
          entity,
          from: formatMoney(a.fromMinor, currency),
          to: formatMoney(a.toMinor, currency),
        },
      )}${where}`;
    case 'pause':
      return `${t('autopilot.action_pause', { entity, reason: reasonLabel(a.reason) })}${where}`;
    case 'resume':
      return `${t('autopilot.action_resume', { entity, reason: reasonLabel(a.reason) })}${where}`;
    case 'request_creatives':
      return `${tp('autopilot.action_request_creatives', a.count, { entity })}${where}`;
    default:
      return `${t('autopilot.action_hold', { entity })}${where}`;
  }
}

export const reasonLabel = (code: string) => codeLabel('autopilot.why_', code);

function checkValue(check: RuleCheck, value: number | null, currency: string): string {
  if (value === null) return '—';
  switch (check.rule) {
    case 'roas':
      return times(value);
    case 'ctr':
    case 'cvr':
      return percent(value);
    case 'cpa':
    case 'spend':
      return formatMoney(Math.round(value), currency);
    case 'hours_live':
      return t('autopilot.hours', { n: formatNumber(Math.round(value)) });
    default:
      return formatNumber(value);
  }
}

function StatusPill(props: { status: Decision['status'] }) {
  return (
    <span
      class="rounded-full bg-surface-muted px-2 py-0.5 text-xs font-medium"
      data-decision-status={props.status}
    >
      {t(`autopilot.decisionStatus_${props.status}`)}
    </span>
  );
}

export function DecisionCard(props: {
  decision: Decision;
  currency: string;
  campaignName?: string;
  onReviewed?: () => void;
}) {
  const d = () => props.decision;
  const [busy, setBusy] = createSignal<'approve' | 'reject' | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const money = (minor: number) => formatMoney(minor, props.currency);
  const review = async (verdict: 'approve' | 'reject') => {
    setBusy(verdict);
    setError(null);
    try {
      await autopilotApi.review(d().id, verdict);
      props.onReviewed?.();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };
  const totals = () => d().inputs.judgedTotals;
  return (
    <article
      class="card grid gap-4 p-5"
      data-testid="decision"
      aria-label={actionSentence(d(), props.currency)}
    >
      <header class="flex flex-wrap items-start justify-between gap-3">
        <div class="grid gap-1">
          <h3 class="font-semibold">{actionSentence(d(), props.currency, props.campaignName)}</h3>
          <p class="text-xs text-fg-muted">
            {t(`autopilot.verdict_${d().verdict as 'winner'}`)} · {t(`autopilot.mode_${d().mode}`)}{' '}
            · {formatDateTime(d().createdAt)} · {rulesVersionWords(d().ruleVersion)}
          </p>
        </div>
        <StatusPill status={d().status} />
      </header>
      <section class="grid gap-1">
        <h4 class="text-sm font-semibold">{t('autopilot.why')}</h4>
        <ul class="list-disc pl-5 text-sm">
          <For each={d().reasons}>{(code) => <li>{reasonLabel(code)}</li>}</For>
        </ul>
      </section>
      <section class="grid gap-2">
        <h4 class="text-sm font-semibold">{t('autopilot.metricsSnapshot')}</h4>
        <dl class="grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-5">
          <Metric label={t('autopilot.impressions')} value={formatNumber(totals().impressions)} />
          <Metric label={t('autopilot.clicks')} value={formatNumber(totals().clicks)} />
          <Metric label={t('campaigns.spend')} value={money(totals().spendMinor)} />
          <Metric label={t('campaigns.conversions')} value={formatNumber(totals().conversions)} />
          <Metric label={t('campaigns.revenue')} value={money(totals().revenueMinor)} />
          <Metric label="CTR" value={percent(d().inputs.metrics.ctr)} />
          <Metric label="CVR" value={percent(d().inputs.metrics.cvr)} />
          <Metric
            label="CPA"
            value={
              d().inputs.metrics.cpa === null ? '—' : money(Math.round(d().inputs.metrics.cpa!))
            }
          />
          <Metric label="ROAS" value={times(d().inputs.metrics.roas)} />
          <Metric
            label={t('autopilot.hoursLive')}
            value={formatNumber(Math.round(d().inputs.hoursLive))}
          />
        </dl>
      </section>
      <section class="grid gap-2">
        <h4 class="text-sm font-semibold">{t('autopilot.thresholds')}</h4>
        <table class="w-full text-sm">
          <thead>
            <tr class="text-left text-xs text-fg-muted">
              <th scope="col" class="py-1 font-medium">
                {t('autopilot.rule')}
              </th>
              <th scope="col" class="py-1 font-medium">
                {t('autopilot.measured')}
              </th>
              <th scope="col" class="py-1 font-medium">
                {t('autopilot.threshold')}
              </th>
              <th scope="col" class="py-1 font-medium">
                {t('autopilot.result')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={d().inputs.checks}>
              {(check) => (
                <tr class="border-t border-line">
                  <th scope="row" class="py-1 text-left font-normal">
                    {t(`autopilot.rule_${check.rule}`)}
                  </th>
                  <td class="py-1 tabular-nums">
                    {checkValue(check, check.value, props.currency)}
                  </td>
                  <td class="py-1 tabular-nums">
                    {check.rule === 'cpa' ? '≤ ' : '≥ '}
                    {checkValue(check, check.threshold, props.currency)}
                  </td>
                  <td class={`py-1 ${check.passed ? 'text-brand' : 'text-danger'}`}>
                    {check.passed ? t('autopilot.passedShort') : t('autopilot.failedShort')}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </section>
      <section class="grid gap-1 text-sm">
        <h4 class="font-semibold">{t('autopilot.expected')}</h4>
        <p data-testid="expected-result">
          {t('autopilot.expectedStatus', {
            status: t(`autopilot.entityStatus_${d().expected.status}`),
          })}
          <Show when={d().expected.dailyBudgetMinor !== null}>
            {' · '}
            {t('autopilot.expectedBudget', { budget: money(d().expected.dailyBudgetMinor!) })}
          </Show>
          {' · '}
          {t('autopilot.expectedSpendChange', {
            change: `${d().expected.dailySpendChangeMinor >= 0 ? '+' : ''}${money(d().expected.dailySpendChangeMinor)}`,
          })}
          <Show when={d().expected.rollbackBelowRoas}>
            {' · '}
            {t('autopilot.expectedRollback', { roas: times(d().expected.rollbackBelowRoas) })}
          </Show>
        </p>
        <Show when={d().requiresApproval}>
          <p class="text-warn">{t('autopilot.aboveThreshold')}</p>
        </Show>
        <Show when={d().error}>
          <p class="text-danger">{d().error}</p>
        </Show>
      </section>
      <Show when={error()}>
        <Notice kind="error">{error()}</Notice>
      </Show>
      <Show when={d().status === 'proposed' && can('autopilot:approve')}>
        <div class="flex justify-end gap-2">
          <Button variant="ghost" busy={busy() === 'reject'} onClick={() => review('reject')}>
            {t('common.reject')}
          </Button>
          <Button variant="primary" busy={busy() === 'approve'} onClick={() => review('approve')}>
            {t('common.approve')}
          </Button>
        </div>
      </Show>
    </article>
  );
}

function Metric(props: { label: string; value: string }) {
  return (
    <div class="grid">
      <dt class="text-xs text-fg-muted">{props.label}</dt>
      <dd class="tabular-nums">{props.value}</dd>
    </div>
  );
}
