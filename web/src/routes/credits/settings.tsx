/**
 * Spend limits (per org and per member, monthly) and auto-recharge, for owners and admins. A blank
 * limit means none. Auto-recharge charges the card saved by an earlier purchase, so it can only be
 * switched on after one.
 */
import { createEffect, createResource, createSignal, For, Show, untrack } from 'solid-js';
import { createStore } from 'solid-js/store';
import type { PackId } from '../../../../domain/credits/catalog.ts';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { call, client } from '../../lib/api.ts';
import { describeError, fieldErrorsOf } from '../../lib/errors.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import { currencySymbol, formatMoney, majorUnits, minorUnits } from '../../lib/money.ts';
import { session } from '../../lib/session.ts';
import type { Catalog } from './buy.tsx';

type Limit = number | null;

const asText = (limit: Limit | undefined) =>
  limit === null || limit === undefined ? '' : String(limit);
/** Blank is no limit; anything else goes to the server as typed, which names what is wrong with it. */
const asLimit = (text: string): Limit => (text.trim() === '' ? null : Number(text));

export function CreditSettingsForm(props: { catalog: Catalog | undefined }) {
  // The cap is in the currency the packs are priced in; read untracked so the catalog arriving
  // does not reset a form the person is already editing.
  const capCurrency = () => untrack(() => props.catalog?.currency ?? 'BRL');
  const [settings, { refetch }] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/credits/settings')),
  );
  const [members] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/org/members')),
  );
  const [form, setForm] = createStore({
    orgMonthly: '',
    memberMonthly: '',
    members: {} as Record<string, string>,
    recharge: false,
    threshold: '100',
    packId: 'pack-500' as PackId,
    capMajor: '500',
  });
  const [errors, setErrors] = createSignal<Record<string, string>>({});
  const [formError, setFormError] = createSignal('');
  const [busy, setBusy] = createSignal(false);

  createEffect(() => {
    const s = settings();
    if (!s) return;
    setForm({
      orgMonthly: asText(s.spendLimits.orgMonthly),
      memberMonthly: asText(s.spendLimits.memberMonthly),
      members: Object.fromEntries(
        Object.entries(s.spendLimits.members).map(([id, limit]) => [id, asText(limit)]),
      ),
      recharge: s.autoRecharge?.enabled ?? false,
      threshold: String(s.autoRecharge?.thresholdCredits ?? 100),
      packId: (s.autoRecharge?.packId ?? 'pack-500') as PackId,
      capMajor: String(majorUnits(s.autoRecharge?.monthlyCapMinor ?? 50000, capCurrency())),
    });
  });

  const save = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setErrors({});
    setFormError('');
    const memberLimits = Object.fromEntries(
      Object.entries(form.members)
        .filter(([, text]) => text.trim() !== '')
        .map(([id, text]) => [id, asLimit(text)]),
    );
    try {
      await call(
        client.PUT('/api/v1/credits/settings', {
          body: {
            spendLimits: {
              orgMonthly: asLimit(form.orgMonthly),
              memberMonthly: asLimit(form.memberMonthly),
              members: memberLimits,
            },
            autoRecharge: {
              enabled: form.recharge,
              thresholdCredits: Number(form.threshold),
              packId: form.packId,
              monthlyCapMinor: minorUnits(Number(form.capMajor), capCurrency()),
            },
          },
        }),
      );
      showToast({ title: t('credits.settingsSaved') });
      void refetch();
    } catch (err) {
      const fields = fieldErrorsOf(err) as Record<string, string>;
      setErrors(fields);
      setFormError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const used = (spent: number, limit: Limit) =>
    limit === null
      ? t('credits.usedNoLimit', { n: formatNumber(spent) })
      : t('credits.usedOfLimit', { n: formatNumber(spent), limit: formatNumber(limit) });

  return (
    <form class="grid gap-6" onSubmit={save} novalidate aria-label={t('credits.settingsTitle')}>
      <section class="card grid gap-4 p-5">
        <div class="grid gap-1">
          <h2 class="text-base font-semibold text-fg">{t('credits.limitsTitle')}</h2>
          <p class="text-sm text-fg-muted">{t('credits.limitsBody')}</p>
        </div>
        <div class="grid gap-4 sm:grid-cols-2">
          <Field
            label={t('credits.orgMonthly')}
            name="orgMonthly"
            type="number"
            min={0}
            value={form.orgMonthly}
            onInput={(value) => setForm('orgMonthly', value)}
            placeholder={t('credits.noLimit')}
            description={
              settings()
                ? used(settings()!.spend.org, settings()!.spendLimits.orgMonthly)
                : undefined
            }
            error={errors()['spendLimits.orgMonthly']}
          />
          <Field
            label={t('credits.memberMonthly')}
            name="memberMonthly"
            type="number"
            min={0}
            value={form.memberMonthly}
            onInput={(value) => setForm('memberMonthly', value)}
            placeholder={t('credits.noLimit')}
            description={t('credits.memberMonthlyHelp')}
            error={errors()['spendLimits.memberMonthly']}
          />
        </div>
        <Show when={members()?.items.length}>
          <details class="grid gap-3">
            <summary class="focus-ring w-fit cursor-pointer rounded text-sm font-medium text-fg">
              {t('credits.perMember')}
            </summary>
            <div class="mt-3 grid gap-3 sm:grid-cols-2">
              <For each={members()!.items}>
                {(member) => (
                  <Field
                    label={member.name}
                    name={`member-${member.userId}`}
                    type="number"
                    min={0}
                    value={form.members[member.userId] ?? ''}
                    onInput={(value) => setForm('members', member.userId, value)}
                    placeholder={t('credits.memberDefault')}
                    description={
                      settings()?.spend.members[member.userId] !== undefined
                        ? used(
                            settings()!.spend.members[member.userId]!,
                            settings()!.spendLimits.members[member.userId] ?? null,
                          )
                        : member.email
                    }
                    error={errors()[`spendLimits.members.${member.userId}`]}
                  />
                )}
              </For>
            </div>
          </details>
        </Show>
      </section>

      <section class="card grid gap-4 p-5">
        <div class="grid gap-1">
          <h2 class="text-base font-semibold text-fg">{t('credits.rechargeTitle')}</h2>
          <p class="text-sm text-fg-muted">{t('credits.rechargeBody')}</p>
        </div>
        <Show when={settings() && !settings()!.hasSavedCard}>
          <Notice kind="info">{t('credits.rechargeNeedsCard')}</Notice>
        </Show>
        <label class="flex w-fit cursor-pointer items-center gap-2 text-sm font-medium text-fg">
          <input
            type="checkbox"
            class="size-4 accent-[var(--c-brand)]"
            checked={form.recharge}
            disabled={settings() && !settings()!.hasSavedCard && !form.recharge}
            onChange={(event) => setForm('recharge', event.currentTarget.checked)}
          />
          {t('credits.rechargeEnabled')}
        </label>
        <Show when={errors()['autoRecharge.enabled']}>
          <p class="error-text">{errors()['autoRecharge.enabled']}</p>
        </Show>
        <div class="grid gap-4 sm:grid-cols-3">
          <Field
            label={t('credits.rechargeThreshold')}
            name="threshold"
            type="number"
            min={1}
            value={form.threshold}
            onInput={(value) => setForm('threshold', value)}
            error={errors()['autoRecharge.thresholdCredits']}
          />
          <SelectField
            label={t('credits.rechargePack')}
            value={form.packId}
            onChange={(value) => setForm('packId', value as PackId)}
            options={(props.catalog?.packs ?? []).map((p) => ({
              value: p.id,
              label: `${formatNumber(p.credits)} ${t('credits.unit')} · ${formatMoney(p.amountMinor, props.catalog!.currency)}`,
            }))}
            error={errors()['autoRecharge.packId']}
          />
          <Field
            label={t('credits.rechargeCap', {
              currency: props.catalog ? currencySymbol(props.catalog.currency) : '',
            })}
            name="cap"
            type="number"
            min={0}
            value={form.capMajor}
            onInput={(value) => setForm('capMajor', value)}
            error={errors()['autoRecharge.monthlyCapMinor']}
          />
        </div>
      </section>
      <Show when={formError()}>
        <Notice kind="error">{formError()}</Notice>
      </Show>
      <div class="flex justify-end">
        <Button type="submit" variant="primary" busy={busy()} disabled={!settings()}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}
