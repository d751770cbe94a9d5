/**
 * Campaigns: every campaign with its status (live as publishing ends), and starting a new draft
 * for a qualified product. `?product=<id>` (from a product page) opens the dialog for it.
 */
import { A, useNavigate, useSearchParams } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import { AD_OBJECTIVES, type AdObjective } from '../../../../domain/ads/vocabulary.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Field } from '../../components/Field.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { type Campaign, campaignsApi, productsApi } from '../../lib/ads-api.ts';
import { describeError, fieldErrorsOf } from '../../lib/errors.ts';
import { codeLabel, formatDateTime, t } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { can } from '../../lib/session.ts';

export function CampaignStatusBadge(props: { status: Campaign['status'] }) {
  const tone = () =>
    ({
      draft: 'bg-surface-muted text-fg-muted',
      publishing: 'bg-accent-soft text-accent',
      active: 'bg-brand-soft text-brand-strong',
      paused: 'bg-warn-soft text-warn',
      error: 'bg-danger-soft text-danger',
    })[props.status];
  return (
    <span
      class={`rounded-full px-2 py-0.5 text-xs font-medium ${tone()}`}
      data-status={props.status}
    >
      {t(`campaigns.campaignStatus_${props.status}`)}
    </span>
  );
}

function NewCampaignDialog(props: {
  open: boolean;
  productId: string | null;
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [products] = createResource(
    () => props.open,
    () => productsApi.list({ status: 'qualified' }),
  );
  const [name, setName] = createSignal('');
  const [productId, setProductId] = createSignal<string | null>(null);
  const [objective, setObjective] = createSignal<AdObjective>('SALES');
  const [busy, setBusy] = createSignal(false);
  const [errors, setErrors] = createSignal<Record<string, string | undefined>>({});
  const [error, setError] = createSignal<string | null>(null);
  const chosenProduct = () => productId() ?? props.productId;
  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setErrors({});
    try {
      const campaign = await campaignsApi.create({
        name: name().trim(),
        productId: chosenProduct(),
        objective: objective(),
      });
      props.onClose();
      navigate(`/campaigns/${campaign.id}`);
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      if (!Object.keys(fields).length) setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => !open && props.onClose()}
      title={t('campaigns.newCampaign')}
      description={t('campaigns.newCampaignDescription')}
    >
      <form class="grid gap-4" onSubmit={submit} novalidate>
        <Field
          label={t('campaigns.campaignName')}
          name="name"
          value={name()}
          onInput={setName}
          error={errors().name}
          required
          autofocus
        />
        <SelectField
          label={t('campaigns.product')}
          value={chosenProduct() ?? ''}
          onChange={(id) => setProductId(id || null)}
          options={[
            { value: '', label: t('campaigns.noProduct') },
            ...(products.latest?.items ?? []).map((p) => ({ value: p.id, label: p.title })),
          ]}
          error={errors().productId}
        />
        <SelectField
          label={t('campaigns.objective')}
          value={objective()}
          onChange={(value) => setObjective(value as AdObjective)}
          options={AD_OBJECTIVES.map((o) => ({ value: o, label: t(`campaigns.objective_${o}`) }))}
        />
        <Show when={error()}>
          <Notice kind="error">{error()}</Notice>
        </Show>
        <div class="flex justify-end gap-2">
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={busy()}>
            {t('campaigns.createDraft')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export default function CampaignsPage() {
  const [search, setSearch] = useSearchParams<{ product?: string }>();
  const [creating, setCreating] = createSignal(!!search.product);
  const [list, { refetch }] = createResource(() => campaignsApi.list());
  onCleanup(
    onOrgEvent((event) => {
      if (event.type === 'campaign') void refetch();
    }),
  );
  return (
    <>
      <PageHeader
        title={t('sections.campaigns')}
        description={t('campaigns.campaignsDescription')}
        actions={
          <Show when={can('ads:write')}>
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
              {t('campaigns.newCampaign')}
            </Button>
          </Show>
        }
      />
      <section class="card">
        <ListStatus
          error={list.error}
          loading={list.loading && !list.latest}
          empty={list.latest?.items.length === 0}
          emptyState={
            <EmptyState
              icon="campaigns"
              title={t('sections.campaignsEmptyTitle')}
              description={t('sections.campaignsEmptyBody')}
            />
          }
        >
          <ul class="divide-y divide-line">
            <For each={list.latest?.items}>
              {(c) => (
                <li class="flex flex-wrap items-center gap-3 p-4">
                  <div class="grid min-w-0 grow gap-0.5">
                    <A
                      href={`/campaigns/${c.id}`}
                      class="focus-ring truncate font-medium hover:underline"
                    >
                      {c.name}
                    </A>
                    <p class="text-xs text-fg-muted">
                      {t(`campaigns.objective_${c.objective as 'SALES'}`)} ·{' '}
                      {codeLabel('campaigns.platform_', c.platform)} ·{' '}
                      {c.publishedAt
                        ? t('campaigns.publishedAt', { at: formatDateTime(c.publishedAt) })
                        : t('campaigns.createdAt', { at: formatDateTime(c.createdAt) })}
                    </p>
                  </div>
                  <CampaignStatusBadge status={c.status} />
                  <Show when={c.publishedAt}>
                    <A href={`/campaigns/${c.id}/results`} class="btn-ghost btn-sm">
                      {t('campaigns.results')}
                    </A>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </ListStatus>
      </section>
      <NewCampaignDialog
        open={creating()}
        productId={search.product ?? null}
        onClose={() => {
          setCreating(false);
          if (search.product) setSearch({ product: undefined });
        }}
      />
    </>
  );
}
