/**
 * The autopilot: the approval queue (proposals with their justification, approve or reject), its
 * settings (mode, targets, spend caps, approval threshold; owners and admins change them, others
 * read them) and the history of every decision.
 */
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { AUTOPILOT_MODES } from '../../../../domain/autopilot/settings.ts';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type AutopilotSettingsView, autopilotApi, campaignsApi } from '../../lib/ads-api.ts';
import { ApiError } from '../../lib/api.ts';
import { describeError, fieldErrorsOf } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { currencySymbol, moneyInputValue, parseMoney } from '../../lib/money.ts';
import { can } from '../../lib/session.ts';
import { DecisionCard, rulesVersionWords } from './decision-card.tsx';

/** Campaign names by id, to title decisions (the API gives ids). */
export function useCampaignNames() {
  const [campaigns] = createResource(() => campaignsApi.list());
  return (id: string) => campaigns.latest?.items.find((c) => c.id === id)?.name;
}

function SettingsForm(props: { settings: AutopilotSettingsView; onSaved: () => void }) {
  const s = () => props.settings;
  const currency = () => s().currency;
  const readOnly = () => !can('ads:manage');
  const [mode, setMode] = createSignal(s().mode);
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (event: SubmitEvent & { currentTarget: HTMLFormElement }) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const num = (name: string) => Number(String(form.get(name) ?? '').replace(',', '.'));
    const money = (name: string) => parseMoney(String(form.get(name) ?? ''), currency()) ?? -1;
    const body = {
      mode: mode(),
      targets: {
        minRoasPercent: Math.round(num('minRoas') * 100),
        minCtrBasisPoints: Math.round(num('minCtr') * 100),
        minCvrBasisPoints: Math.round(num('minCvr') * 100),
        maxCpaPercentOfAov: Math.round(num('maxCpa')),
      },
      caps: { dailyMinor: money('dailyCap'), weeklyMinor: money('weeklyCap') },
      approvalThresholdMinor: money('threshold'),
      minimumData: {
        ad: {
          impressions: num('adImpressions'),
          hoursLive: num('adHours'),
          spendMinor: money('adSpend'),
        },
        adSet: {
          impressions: num('adSetImpressions'),
          hoursLive: num('adSetHours'),
          spendMinor: money('adSetSpend'),
        },
      },
    };
    setBusy(true);
    setErrors({});
    setError(null);
    try {
      await autopilotApi.saveSettings(body);
      showToast({ title: t('autopilot.settingsSaved') });
      props.onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setErrors(fieldErrorsOf(err));
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: string, label: string, value: string, errorPath: string, hint?: string) => (
    <label class="grid content-start gap-1.5">
      <span class="label-text">{label}</span>
      <input
        class="input"
        name={name}
        inputMode="decimal"
        value={value}
        disabled={readOnly()}
        aria-invalid={errors()[errorPath] ? true : undefined}
      />
      <Show when={errors()[errorPath]} fallback={hint && <span class="help-text">{hint}</span>}>
        <span class="error-text" role="alert">
          {errors()[errorPath]}
        </span>
      </Show>
    </label>
  );

  return (
    <form class="card grid gap-5 p-5" onSubmit={submit} aria-labelledby="settings-title" novalidate>
      <div class="flex flex-wrap items-center justify-between gap-2">
        <h2 id="settings-title" class="text-lg font-semibold">
          {t('autopilot.settingsTitle')}
        </h2>
        <span class="text-xs text-fg-muted">{rulesVersionWords(s().ruleVersion)}</span>
      </div>
      <Show when={readOnly()}>
        <Notice kind="info">{t('autopilot.settingsReadOnly')}</Notice>
      </Show>
      <SelectField
        label={t('autopilot.mode')}
        name="mode"
        value={mode()}
        onChange={(value) => setMode(value as AutopilotSettingsView['mode'])}
        disabled={readOnly()}
        options={AUTOPILOT_MODES.map((m) => ({
          value: m,
          label: t(`autopilot.mode_${m}`),
          description: t(`autopilot.modeHelp_${m}`),
        }))}
        error={errors().mode}
      />
      <fieldset class="grid gap-3 sm:grid-cols-4">
        <legend class="label-text mb-2">{t('autopilot.targets')}</legend>
        {field(
          'minRoas',
          t('autopilot.minRoas'),
          String(s().targets.minRoasPercent / 100),
          'targets.minRoasPercent',
          t('autopilot.minRoasHint'),
        )}
        {field(
          'minCtr',
          t('autopilot.minCtr'),
          String(s().targets.minCtrBasisPoints / 100),
          'targets.minCtrBasisPoints',
        )}
        {field(
          'minCvr',
          t('autopilot.minCvr'),
          String(s().targets.minCvrBasisPoints / 100),
          'targets.minCvrBasisPoints',
        )}
        {field(
          'maxCpa',
          t('autopilot.maxCpa'),
          String(s().targets.maxCpaPercentOfAov),
          'targets.maxCpaPercentOfAov',
        )}
      </fieldset>
      <fieldset class="grid gap-3 sm:grid-cols-3">
        <legend class="label-text mb-2">
          {t('autopilot.capsTitle', { currency: currencySymbol(currency()) })}
        </legend>
        {field(
          'dailyCap',
          t('autopilot.dailyCap'),
          moneyInputValue(s().caps.dailyMinor, currency()),
          'caps.dailyMinor',
        )}
        {field(
          'weeklyCap',
          t('autopilot.weeklyCap'),
          moneyInputValue(s().caps.weeklyMinor, currency()),
          'caps.weeklyMinor',
        )}
        {field(
          'threshold',
          t('autopilot.approvalThreshold'),
          moneyInputValue(s().approvalThresholdMinor, currency()),
          'approvalThresholdMinor',
          t('autopilot.approvalThresholdHint'),
        )}
      </fieldset>
      <For each={['ad', 'adSet'] as const}>
        {(level) => (
          <fieldset class="grid gap-3 sm:grid-cols-3">
            <legend class="label-text mb-2">{t(`autopilot.minimumData_${level}`)}</legend>
            {field(
              `${level}Impressions`,
              t('autopilot.minImpressions'),
              String(s().minimumData[level].impressions),
              `minimumData.${level}.impressions`,
            )}
            {field(
              `${level}Hours`,
              t('autopilot.minHoursLive'),
              String(s().minimumData[level].hoursLive),
              `minimumData.${level}.hoursLive`,
            )}
            {field(
              `${level}Spend`,
              t('autopilot.minSpend', { currency: currencySymbol(currency()) }),
              moneyInputValue(s().minimumData[level].spendMinor, currency()),
              `minimumData.${level}.spendMinor`,
            )}
          </fieldset>
        )}
      </For>
      <Show when={error()}>
        <Notice kind="error">{error()}</Notice>
      </Show>
      <Show when={!readOnly()}>
        <div class="flex justify-end">
          <Button type="submit" variant="primary" busy={busy()}>
            {t('common.save')}
          </Button>
        </div>
      </Show>
    </form>
  );
}

export default function AutopilotPage() {
  const [settings, { refetch: refetchSettings }] = createResource(() => autopilotApi.settings());
  const [proposals, { refetch: refetchProposals }] = createResource(() =>
    autopilotApi.decisions({ status: 'proposed' }),
  );
  const [history, { refetch: refetchHistory }] = createResource(() => autopilotApi.decisions({}));
  const campaignName = useCampaignNames();
  const refresh = () => {
    void refetchProposals();
    void refetchHistory();
  };
  onCleanup(
    onOrgEvent((event) => {
      if (event.type === 'job' && event.status === 'done') refresh();
    }),
  );
  const currency = () => settings.latest?.currency ?? 'BRL';
  return (
    <>
      <PageHeader
        title={t('autopilot.autopilotTitle')}
        description={t('autopilot.autopilotDescription')}
        actions={
          <Button icon="zap" onClick={refresh}>
            {t('autopilot.refresh')}
          </Button>
        }
      />
      <div class="grid gap-8">
        <section class="grid gap-3" aria-labelledby="queue-title">
          <h2 id="queue-title" class="text-lg font-semibold">
            {t('autopilot.approvalQueue')}
          </h2>
          <Show when={proposals.error}>
            <Notice kind="error">{describeError(proposals.error)}</Notice>
          </Show>
          <Show
            when={(proposals.latest?.items.length ?? 0) > 0}
            fallback={
              <div class="card">
                <EmptyState
                  icon="checkCircle"
                  title={t('autopilot.noProposals')}
                  description={t('autopilot.noProposalsBody')}
                />
              </div>
            }
          >
            <For each={proposals.latest?.items}>
              {(d) => (
                <DecisionCard
                  decision={d}
                  currency={currency()}
                  campaignName={campaignName(d.campaignId)}
                  onReviewed={refresh}
                />
              )}
            </For>
          </Show>
        </section>
        <Show when={settings.latest}>
          {(s) => <SettingsForm settings={s()} onSaved={() => void refetchSettings()} />}
        </Show>
        <section class="grid gap-3" aria-labelledby="history-title">
          <h2 id="history-title" class="text-lg font-semibold">
            {t('autopilot.decisionHistory')}
          </h2>
          <Show
            when={(history.latest?.items.length ?? 0) > 0}
            fallback={<p class="text-sm text-fg-muted">{t('autopilot.noDecisions')}</p>}
          >
            <For each={history.latest?.items.filter((d) => d.status !== 'proposed')}>
              {(d) => (
                <DecisionCard
                  decision={d}
                  currency={currency()}
                  campaignName={campaignName(d.campaignId)}
                />
              )}
            </For>
          </Show>
        </section>
      </div>
    </>
  );
}
