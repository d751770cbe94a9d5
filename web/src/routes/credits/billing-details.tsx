/**
 * Who the org's invoices are made out to (owners and admins): CPF or CNPJ, razão social and the
 * address. Checked here with the API's own schema (CPF/CNPJ check digits included), saved to the
 * org and to the payment provider's customer, so checkouts, boletos and invoices carry them.
 */
import { createEffect, createResource, For, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import {
  BillingDetailsInput,
  BRAZILIAN_STATES,
} from '../../../../schema/inputs/billing-details.ts';
import { Button } from '../../components/Button.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { SkeletonRows } from '../../components/Skeleton.tsx';
import { showToast } from '../../components/Toast.tsx';
import { call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { createForm } from '../../lib/forms.ts';
import { t } from '../../lib/i18n.ts';
import { session } from '../../lib/session.ts';

const FIELDS = [
  'taxId',
  'legalName',
  'postalCode',
  'street',
  'number',
  'complement',
  'district',
  'city',
  'state',
] as const;
type Details = Record<(typeof FIELDS)[number], string>;

const EMPTY: Details = Object.fromEntries(FIELDS.map((field) => [field, ''])) as Details;

export function BillingDetailsForm() {
  const [saved, { mutate }] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/billing/details')),
  );
  const [values, setValues] = createStore<Details>({ ...EMPTY });
  createEffect(() => {
    const current = saved();
    if (current) setValues(Object.fromEntries(FIELDS.map((f) => [f, current[f]])) as Details);
  });

  const form = createForm(BillingDetailsInput, async (input) => {
    const stored = await call(client.PUT('/api/v1/billing/details', { body: input }));
    mutate(stored);
    showToast({ title: t('credits.detailsSaved') });
  });
  // The schema's messages are the API's (English); these two say what to fix, in the page's language.
  const errorOf = (field: keyof Details) => {
    const error = form.error(field);
    if (!error || !values[field].trim()) return error;
    if (field === 'taxId') return t('credits.taxIdInvalid');
    if (field === 'postalCode') return t('credits.postalCodeInvalid');
    return error;
  };
  const text = (field: keyof Details, label: string, extra: { class?: string } = {}) => (
    <Field
      label={label}
      name={field}
      value={values[field]}
      onInput={(value) => setValues(field, value)}
      error={errorOf(field)}
      required={field !== 'complement'}
      class={extra.class}
    />
  );

  return (
    <section class="card grid gap-4 p-5" aria-labelledby="billing-details-title">
      <div class="grid gap-1">
        <h2 id="billing-details-title" class="text-base font-semibold text-fg">
          {t('credits.detailsTitle')}
        </h2>
        <p class="text-sm text-fg-muted">{t('credits.detailsBody')}</p>
      </div>
      <Show when={saved.error}>
        <Notice kind="error">{describeError(saved.error)}</Notice>
      </Show>
      <Show
        when={!saved.loading || saved.latest !== undefined}
        fallback={<SkeletonRows rows={3} label={t('common.loading')} />}
      >
        <form
          class="grid grid-cols-2 gap-4 sm:grid-cols-6"
          onSubmit={form.onSubmit}
          novalidate
          data-testid="billing-details-form"
        >
          <Field
            label={t('credits.taxId')}
            name="taxId"
            value={values.taxId}
            onInput={(value) => setValues('taxId', value)}
            description={t('credits.taxIdHelp')}
            error={errorOf('taxId')}
            required
            class="col-span-2"
          />
          {text('legalName', t('credits.legalName'), { class: 'col-span-2 sm:col-span-4' })}
          {text('postalCode', t('credits.postalCode'), { class: 'sm:col-span-2' })}
          <span class="sm:hidden" />
          {text('street', t('credits.street'), { class: 'col-span-2 sm:col-span-3' })}
          {text('number', t('credits.number'))}
          {text('complement', t('credits.complement'), { class: 'sm:col-span-2' })}
          {text('district', t('credits.district'), { class: 'col-span-2' })}
          {text('city', t('credits.city'), { class: 'sm:col-span-2' })}
          <label class="grid content-start gap-1.5 sm:col-span-2">
            <span class="label-text">{t('credits.state')}</span>
            <select
              class="input"
              name="state"
              value={values.state}
              onChange={(event) => setValues('state', event.currentTarget.value)}
              aria-invalid={errorOf('state') ? true : undefined}
              required
            >
              <option value="" />
              <For each={BRAZILIAN_STATES}>{(uf) => <option value={uf}>{uf}</option>}</For>
            </select>
            <Show when={errorOf('state')}>
              <span class="error-text">{errorOf('state')}</span>
            </Show>
          </label>
          <Show when={form.formError()}>
            <Notice kind="error" class="col-span-2 sm:col-span-6">
              {form.formError()}
            </Notice>
          </Show>
          <div class="col-span-2 flex justify-end sm:col-span-6">
            <Button type="submit" variant="primary" busy={form.busy()}>
              {t('credits.detailsSave')}
            </Button>
          </div>
        </form>
      </Show>
    </section>
  );
}
