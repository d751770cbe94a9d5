/**
 * Products: the catalog to advertise, filtered by status or text, each with its viability score and
 * reasons; approve or reject (a note when overruling the rules), add one by hand, import a CSV, or
 * send the scout to look for more (its progress shows in the jobs tray; the list refreshes when done).
 */
import { A } from '@solidjs/router';
import { createResource, createSignal, For, onCleanup, Show } from 'solid-js';
import * as v from 'valibot';
import { ProductInput } from '../../../../schema/inputs/products.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Field } from '../../components/Field.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { showToast } from '../../components/Toast.tsx';
import type { MessageKey } from '../../i18n/index.ts';
import { type Product, productsApi } from '../../lib/ads-api.ts';
import type { FieldError } from '../../lib/api.ts';
import { describeError, describeFieldError, type FieldWords } from '../../lib/errors.ts';
import { createForm } from '../../lib/forms.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { parseMoney } from '../../lib/money.ts';
import { can } from '../../lib/session.ts';
import { DecideDialog } from './decide-dialog.tsx';
import { productFacts, ReasonList, ScoreBadge, StatusBadge } from './verdict.tsx';

const STATUSES = ['', 'scouted', 'qualified', 'rejected'] as const;

/** The form's text fields as the API wants them: money typed as "19,90", keywords comma-separated. */
const NewProductForm = v.pipe(
  v.object({
    title: v.string(),
    category: v.string(),
    description: v.optional(v.string(), ''),
    supplierCost: v.string(),
    marketPrice: v.string(),
    keywords: v.optional(v.string(), ''),
  }),
  v.transform(
    (f): v.InferInput<typeof ProductInput> => ({
      title: f.title,
      category: f.category,
      description: f.description,
      supplierCostMinor: parseMoney(f.supplierCost, 'BRL') ?? Number.NaN,
      marketPriceMinor: parseMoney(f.marketPrice, 'BRL') ?? Number.NaN,
      keywords: f.keywords
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    }),
  ),
  ProductInput,
);

function NewProductDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: () => void;
}) {
  const form = createForm(NewProductForm, async (input) => {
    const product = await productsApi.create(input);
    await productsApi.qualify(product.id);
    showToast({ title: t('products.productCreated', { title: product.title }) });
    props.onOpenChange(false);
    props.onCreated();
  });
  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      size="lg"
      title={t('products.newProduct')}
      description={t('products.newProductDescription')}
    >
      <form class="grid gap-4" onSubmit={form.onSubmit} novalidate>
        <Field
          label={t('products.title')}
          name="title"
          error={form.error('title')}
          required
          autofocus
        />
        <div class="grid gap-4 sm:grid-cols-3">
          <Field
            label={t('products.category')}
            name="category"
            placeholder="kitchen"
            error={form.error('category')}
            required
          />
          <Field
            label={t('products.supplierCost')}
            name="supplierCost"
            placeholder="19,90"
            error={form.error('supplierCostMinor')}
            required
          />
          <Field
            label={t('products.marketPrice')}
            name="marketPrice"
            placeholder="79,90"
            error={form.error('marketPriceMinor')}
            required
          />
        </div>
        <Field
          label={t('products.description')}
          name="description"
          rows={3}
          error={form.error('description')}
        />
        <Field
          label={t('products.keywords')}
          name="keywords"
          description={t('products.keywordsHelp')}
          error={form.error('keywords')}
        />
        <Show when={form.formError()}>
          <Notice kind="error">{form.formError()}</Notice>
        </Show>
        <div class="flex justify-end gap-2">
          <Button onClick={() => props.onOpenChange(false)}>{t('common.cancel')}</Button>
          <Button type="submit" variant="primary" busy={form.busy()}>
            {t('products.createAndQualify')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

function ImportDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onImported: () => void;
}) {
  const [csv, setCsv] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [result, setResult] = createSignal<Awaited<
    ReturnType<typeof productsApi.importCsv>
  > | null>(null);
  const readFile = async (file: File | undefined) => {
    if (file) setCsv(await file.text());
  };
  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await productsApi.importCsv(csv()));
      props.onImported();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setResult(null);
        props.onOpenChange(open);
      }}
      size="lg"
      title={t('products.importCsv')}
      description={t('products.importCsvDescription')}
    >
      <div class="grid gap-4">
        <label class="grid gap-1.5">
          <span class="label-text">{t('products.csvFile')}</span>
          <input
            type="file"
            accept=".csv,text/csv"
            class="input py-1.5"
            onChange={(e) => readFile(e.currentTarget.files?.[0])}
          />
        </label>
        <Field
          label={t('products.csvText')}
          name="csv"
          rows={6}
          value={csv()}
          onInput={setCsv}
          placeholder={t('products.csvPlaceholder')}
        />
        <Show when={error()}>
          <Notice kind="error">{error()}</Notice>
        </Show>
        <Show when={result()}>
          {(r) => (
            <Notice kind={r().errors.length ? 'warning' : 'success'}>
              <p>{t('products.importResult', { imported: r().imported, skipped: r().skipped })}</p>
              <ul class="mt-1 list-disc pl-5">
                <For each={r().errors.slice(0, 20)}>
                  {(e) => (
                    <li>
                      {t('products.importLineError', { line: e.line, message: csvErrorWords(e) })}
                    </li>
                  )}
                </For>
              </ul>
            </Notice>
          )}
        </Show>
        <div class="flex justify-end gap-2">
          <Button onClick={() => props.onOpenChange(false)}>{t('common.close')}</Button>
          <Button variant="primary" icon="upload" busy={busy()} disabled={!csv()} onClick={submit}>
            {t('products.import')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}

function ProductRow(props: { product: Product; onChanged: () => void }) {
  const [open, setOpen] = createSignal(false);
  const [deciding, setDeciding] = createSignal<'approve' | 'reject' | null>(null);
  const p = () => props.product;
  return (
    <li class="grid gap-3 p-4">
      <div class="flex flex-wrap items-center gap-3">
        <ScoreBadge product={p()} />
        <div class="grid min-w-0 grow gap-0.5">
          <A
            href={`/products/${p().id}`}
            class="focus-ring truncate font-medium text-fg hover:underline"
          >
            {p().title}
          </A>
          <p class="text-xs text-fg-muted">
            {productFacts(p())} · {t(`products.source_${sourceKey(p())}`)}
          </p>
        </div>
        <StatusBadge status={p().status} />
        <Button size="sm" variant="ghost" aria-expanded={open()} onClick={() => setOpen(!open())}>
          {open() ? t('products.hideReasons') : t('products.showReasons')}
        </Button>
        <Show when={can('ads:write')}>
          <Show when={p().status !== 'qualified'}>
            <Button size="sm" onClick={() => setDeciding('approve')}>
              {t('common.approve')}
            </Button>
          </Show>
          <Show when={p().status !== 'rejected'}>
            <Button size="sm" variant="ghost" onClick={() => setDeciding('reject')}>
              {t('common.reject')}
            </Button>
          </Show>
        </Show>
      </div>
      <Show when={open()}>
        <div class="rounded-lg bg-surface-muted/50 p-3">
          <Show when={p().verdict} fallback={<p class="text-sm">{t('products.notJudged')}</p>}>
            <ReasonList product={p()} />
          </Show>
        </div>
      </Show>
      <DecideDialog
        product={p()}
        verdict={deciding()}
        onClose={() => setDeciding(null)}
        onDone={props.onChanged}
      />
    </li>
  );
}

const sourceKey = (p: Product) =>
  (['manual', 'csv', 'sandbox'] as const).find((s) => s === p.source) ?? 'sandbox';

/** The columns of a product CSV, by the field they fill, in the person's words. */
const CSV_FIELDS: Record<string, MessageKey> = {
  title: 'products.title',
  description: 'products.description',
  category: 'products.category',
  keywords: 'products.keywords',
  images: 'creatives.images',
  supplierCostMinor: 'products.supplierCost',
  marketPriceMinor: 'products.marketPrice',
  currency: 'products.currencyField',
  'signals.monthlyOrders': 'products.signalMonthlyOrders',
  'signals.rating': 'products.signalRating',
  'signals.competingAds': 'products.signalCompetingAds',
};

/** The import's own problems (`column_unknown`…); validation codes use the common words. */
const CSV_WORDS: FieldWords = {
  column_unknown: (p) => t('products.csvColumnUnknown', { column: String(p.column ?? '') }),
  column_missing: () => t('products.csvColumnMissing'),
  too_many_rows: (p) =>
    t('products.csvTooManyRows', {
      max: formatNumber(Number(p.max)),
      rows: formatNumber(Number(p.rows)),
    }),
  amount: () => t('products.csvAmount'),
};

/** "Título: Campo obrigatório." for one refused line of the file. */
function csvErrorWords(error: FieldError): string {
  const field = CSV_FIELDS[error.path.replace(/\.\d+$/, '')];
  const words = describeFieldError(error, CSV_WORDS);
  return field ? `${t(field)}: ${words}` : words;
}

export default function ProductsPage() {
  const [status, setStatus] = createSignal<(typeof STATUSES)[number]>('');
  const [query, setQuery] = createSignal('');
  const [creating, setCreating] = createSignal(false);
  const [importing, setImporting] = createSignal(false);
  const [scouting, setScouting] = createSignal(false);
  const [scoutJob, setScoutJob] = createSignal<string | null>(null);
  const [list, { refetch }] = createResource(
    () => ({ status: status() || undefined, q: query() || undefined }),
    (filter) => productsApi.list(filter),
  );
  onCleanup(
    onOrgEvent((event) => {
      if (event.type === 'job' && event.jobId === scoutJob() && event.status === 'done') {
        setScoutJob(null);
        showToast({ title: t('products.scoutDone') });
        void refetch();
      }
    }),
  );
  const scout = async () => {
    setScouting(true);
    try {
      const { jobId } = await productsApi.scout({ limit: 10 });
      setScoutJob(jobId);
      showToast({ title: t('products.scoutStarted') });
    } catch (err) {
      showToast({ kind: 'error', title: describeError(err) });
    } finally {
      setScouting(false);
    }
  };
  return (
    <>
      <PageHeader
        title={t('products.productsTitle')}
        description={t('products.productsDescription')}
        actions={
          <Show when={can('ads:write')}>
            <Button icon="search" busy={scouting() || !!scoutJob()} onClick={scout}>
              {t('products.scout')}
            </Button>
            <Button icon="upload" onClick={() => setImporting(true)}>
              {t('products.importCsv')}
            </Button>
            <Button variant="primary" icon="plus" onClick={() => setCreating(true)}>
              {t('products.newProduct')}
            </Button>
          </Show>
        }
      />
      <div class="mb-4 flex flex-wrap items-end gap-3">
        <fieldset class="flex flex-wrap gap-1">
          <legend class="sr-only">{t('products.filterStatus')}</legend>
          <For each={STATUSES}>
            {(s) => (
              <button
                type="button"
                class={`btn-sm ${status() === s ? 'btn-primary' : 'btn-ghost'}`}
                aria-pressed={status() === s}
                onClick={() => setStatus(s)}
              >
                {s ? t(`products.status_${s}`) : t('products.all')}
              </button>
            )}
          </For>
        </fieldset>
        <Field
          class="w-64"
          label={t('products.searchProducts')}
          name="q"
          type="search"
          value={query()}
          onInput={setQuery}
        />
      </div>
      <section class="card">
        <ListStatus
          error={list.error}
          loading={list.loading && !list.latest}
          empty={list.latest?.items.length === 0}
          emptyState={
            <EmptyState
              icon="package"
              title={t('products.noProducts')}
              description={t('products.noProductsBody')}
            />
          }
        >
          <ul class="divide-y divide-line" aria-label={t('products.productsTitle')}>
            <For each={list.latest?.items}>
              {(product) => <ProductRow product={product} onChanged={() => void refetch()} />}
            </For>
          </ul>
        </ListStatus>
      </section>
      <NewProductDialog open={creating()} onOpenChange={setCreating} onCreated={() => refetch()} />
      <ImportDialog open={importing()} onOpenChange={setImporting} onImported={() => refetch()} />
    </>
  );
}
