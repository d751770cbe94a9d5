/** Organization settings: name, time zone (reports use it), locale and currency. Admins edit; others read. */
import { createEffect, createResource, createSignal, Show } from 'solid-js';
import { CURRENCIES } from '../../../../domain/money.ts';
import { LOCALES, UpdateOrgInput } from '../../../../schema/inputs/orgs.ts';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { LANGUAGE_NAMES } from '../../components/LocaleMenu.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { SkeletonLine } from '../../components/Skeleton.tsx';
import { showToast } from '../../components/Toast.tsx';
import { Tooltip } from '../../components/Tooltip.tsx';
import { type Answer, call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { createForm } from '../../lib/forms.ts';
import { codeLabel, formatDate, t } from '../../lib/i18n.ts';
import { can, reloadMemberships, session } from '../../lib/session.ts';
import { TimeZoneField } from './time-zone-field.tsx';

type OrgSettings = Answer<'/api/v1/org', 'get'>;

type Editable = Pick<OrgSettings, 'name' | 'timeZone' | 'locale' | 'currency'>;

export default function SettingsPage() {
  const [org, { mutate }] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/org')),
  );
  const [draft, setDraft] = createSignal<Editable | null>(null);
  createEffect(() => {
    const current = org();
    if (current)
      setDraft({
        name: current.name,
        timeZone: current.timeZone,
        locale: current.locale,
        currency: current.currency,
      });
  });
  const editable = () => can('org:update');
  const set = <K extends keyof Editable>(key: K, value: Editable[K]) =>
    setDraft((d) => (d ? { ...d, [key]: value } : d));
  const changes = () => {
    const current = org();
    const next = draft();
    if (!current || !next) return {};
    return Object.fromEntries(
      (Object.keys(next) as (keyof Editable)[])
        .filter((k) => next[k] !== current[k])
        .map((k) => [k, next[k]]),
    );
  };

  const form = createForm(UpdateOrgInput, async (input) => {
    const updated = await call(client.PATCH('/api/v1/org', { body: input }));
    mutate(updated);
    if (input.name) void reloadMemberships();
    showToast({ title: t('settings.saved') });
  });

  return (
    <>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <Show when={!editable()}>
        <Notice kind="info" class="mb-6">
          {t('settings.readOnly')}
        </Notice>
      </Show>
      <Show when={!org.error} fallback={<Notice kind="error">{describeError(org.error)}</Notice>}>
        <Show
          when={draft()}
          fallback={
            <div class="card grid gap-6 p-6" role="status" aria-label={t('common.loading')}>
              <SkeletonLine class="w-1/3" />
              <SkeletonLine class="h-10" />
              <SkeletonLine class="h-10" />
            </div>
          }
        >
          {(values) => (
            <form
              class="card grid gap-6 p-6"
              novalidate
              onSubmit={(event) => {
                event.preventDefault();
                if (!Object.keys(changes()).length) {
                  showToast({ kind: 'info', title: t('settings.nothingChanged') });
                  return;
                }
                void form.submit(changes());
              }}
            >
              <fieldset disabled={!editable()} class="grid gap-5 sm:grid-cols-2">
                <Field
                  class="sm:col-span-2"
                  label={t('settings.orgName')}
                  name="name"
                  value={values().name}
                  onInput={(value) => set('name', value)}
                  error={form.error('name')}
                  disabled={!editable()}
                  required
                />
                <TimeZoneField
                  label={t('settings.timeZone')}
                  description={t('settings.timeZoneHint')}
                  value={values().timeZone}
                  onChange={(zone) => set('timeZone', zone)}
                  error={form.error('timeZone')}
                  disabled={!editable()}
                />
                <SelectField
                  label={t('settings.currency')}
                  name="currency"
                  options={CURRENCIES.map((code) => ({
                    value: code,
                    label: t(`settings.currency_${code}`),
                  }))}
                  value={values().currency}
                  onChange={(code) => set('currency', code as Editable['currency'])}
                  error={form.error('currency')}
                  disabled={!editable()}
                />
                <SelectField
                  label={t('settings.locale')}
                  description={t('settings.localeHint')}
                  name="locale"
                  options={LOCALES.map((code) => ({ value: code, label: LANGUAGE_NAMES[code] }))}
                  value={values().locale}
                  onChange={(code) => set('locale', code as Editable['locale'])}
                  error={form.error('locale')}
                  disabled={!editable()}
                />
              </fieldset>
              <Show when={form.formError()}>
                <Notice kind="error">{form.formError()}</Notice>
              </Show>
              <div class="flex flex-wrap items-center justify-between gap-3 border-t border-line pt-5">
                <p class="text-xs text-fg-muted">
                  {t('settings.meta', {
                    slug: org()!.slug,
                    plan: codeLabel('common.plan_', org()!.plan),
                    date: formatDate(org()!.createdAt),
                  })}
                </p>
                <Show
                  when={editable()}
                  fallback={
                    <Tooltip content={t('settings.readOnly')} focusable>
                      <Button type="submit" variant="primary" disabled>
                        {t('common.save')}
                      </Button>
                    </Tooltip>
                  }
                >
                  <Button type="submit" variant="primary" busy={form.busy()}>
                    {t('common.save')}
                  </Button>
                </Show>
              </div>
            </form>
          )}
        </Show>
      </Show>
    </>
  );
}
