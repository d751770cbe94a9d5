/**
 * One product: its verdict with every reason, and its creatives gallery — generated through the
 * studio (credits held and charged per creative; a progress bar while the studio jobs run),
 * grouped as headlines, body texts by style, calls to action and images, each text editable.
 */
import { A, useParams } from '@solidjs/router';
import {
  createEffect,
  createResource,
  createSignal,
  For,
  type JSX,
  onCleanup,
  Show,
} from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Creative, type CreativeStyle, productsApi } from '../../lib/ads-api.ts';
import { call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { locale, t } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { can } from '../../lib/session.ts';
import { DecideDialog } from './decide-dialog.tsx';
import { productFacts, ReasonList, ScoreBadge, StatusBadge } from './verdict.tsx';

const STYLES: CreativeStyle[] = ['informative', 'urgency', 'social_proof'];
const POLL_MS = 1500;

/** The picture behind the bearer token: fetched as a blob, shown from an object URL. */
export function CreativeImage(props: { creative: Creative; class?: string }) {
  const [src] = createResource(
    () => (props.creative.media ? props.creative.id : undefined),
    async (id) =>
      URL.createObjectURL(
        await call(
          client.GET('/api/v1/creatives/{id}/media', { params: { path: { id } }, parseAs: 'blob' }),
        ),
      ),
  );
  createEffect(() => {
    const url = src();
    if (url) onCleanup(() => URL.revokeObjectURL(url));
  });
  return (
    <Show
      when={src()}
      fallback={<div class={`animate-pulse bg-surface-muted ${props.class ?? ''}`} />}
    >
      <img src={src()} alt={t('creatives.creativeImageAlt')} class={props.class} />
    </Show>
  );
}

function CreativeText(props: { creative: Creative; onSaved: () => void }) {
  const [editing, setEditing] = createSignal(false);
  const [text, setText] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const c = () => props.creative;
  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      await productsApi.editCreative(c().id, text());
      setEditing(false);
      props.onSaved();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="grid gap-2 rounded-lg border border-line p-3" data-creative-kind={c().kind}>
      <Show
        when={editing()}
        fallback={
          <div class="flex items-start gap-2">
            <p class="grow whitespace-pre-wrap text-sm">
              <Show
                when={c().status !== 'draft'}
                fallback={<span class="text-fg-muted">{t('creatives.generating')}</span>}
              >
                {c().text ?? ''}
              </Show>
            </p>
            <Show when={c().status === 'failed'}>
              <span class="text-xs text-danger">{t('creatives.creativeFailed')}</span>
            </Show>
            <Show when={can('ads:write') && c().status !== 'draft'}>
              <Button
                size="sm"
                variant="ghost"
                aria-label={t('creatives.editCreative')}
                onClick={() => {
                  setText(c().text ?? '');
                  setEditing(true);
                }}
              >
                {t('products.edit')}
              </Button>
            </Show>
          </div>
        }
      >
        <label class="grid gap-1">
          <span class="sr-only">{t('creatives.editCreative')}</span>
          <textarea
            class="input h-auto min-h-16 py-2"
            rows={c().kind === 'body' ? 4 : 1}
            maxLength={c().kind === 'headline' ? 40 : c().kind === 'cta' ? 25 : 2000}
            value={text()}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <Show when={error()}>
          <Notice kind="error">{error()}</Notice>
        </Show>
        <div class="flex justify-end gap-2">
          <Button size="sm" onClick={() => setEditing(false)}>
            {t('common.cancel')}
          </Button>
          <Button size="sm" variant="primary" busy={busy()} onClick={save}>
            {t('common.save')}
          </Button>
        </div>
      </Show>
    </li>
  );
}

function Group(props: { title: string; children: JSX.Element }) {
  return (
    <section class="grid content-start gap-2">
      <h3 class="text-sm font-semibold text-fg">{props.title}</h3>
      <ul class="grid gap-2">{props.children}</ul>
    </section>
  );
}

function CreativesGallery(props: { productId: string; qualified: boolean }) {
  const [creatives, { refetch }] = createResource(
    () => props.productId,
    (id) => productsApi.creatives(id),
  );
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const items = () => creatives.latest?.items ?? [];
  const of = (kind: Creative['kind'], style?: CreativeStyle) =>
    items().filter((c) => c.kind === kind && (style === undefined || c.style === style));
  const pending = () => items().filter((c) => c.status === 'draft').length;
  const progress = () =>
    items().length ? Math.round(((items().length - pending()) / items().length) * 100) : 0;

  // The studio settles each creative when its job ends: poll while any is still a draft, and
  // look again at once when a job event arrives.
  createEffect(() => {
    if (pending() === 0) return;
    const timer = setInterval(() => void refetch(), POLL_MS);
    onCleanup(() => clearInterval(timer));
  });
  onCleanup(
    onOrgEvent((event) => {
      if (event.type === 'job' && pending() > 0) void refetch();
    }),
  );

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      await productsApi.generateCreatives(props.productId, locale(), crypto.randomUUID());
      await refetch();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card grid gap-4 p-5" aria-labelledby="creatives-title">
      <div class="flex flex-wrap items-center justify-between gap-3">
        <h2 id="creatives-title" class="text-lg font-semibold">
          {t('creatives.creatives')}
        </h2>
        <Show when={can('ads:write') && props.qualified}>
          <Button variant="primary" icon="studio" busy={busy()} onClick={generate}>
            {t('creatives.generateCreatives')}
          </Button>
        </Show>
      </div>
      <Show when={!props.qualified}>
        <Notice kind="info">{t('creatives.qualifyFirst')}</Notice>
      </Show>
      <Show when={error()}>
        <Notice kind="error">{error()}</Notice>
      </Show>
      <Show when={pending() > 0}>
        <div class="grid gap-1">
          <ProgressBar label={t('creatives.generatingProgress')} value={progress()} />
          <p class="text-xs text-fg-muted" aria-live="polite">
            {t('creatives.generatingCount', {
              done: items().length - pending(),
              total: items().length,
            })}
          </p>
        </div>
      </Show>
      <Show
        when={items().length > 0}
        fallback={
          <Show when={!creatives.loading}>
            <EmptyState
              icon="studio"
              title={t('creatives.noCreatives')}
              description={t('creatives.noCreativesBody')}
            />
          </Show>
        }
      >
        <div class="grid gap-6 md:grid-cols-2">
          <Group title={t('creatives.headlines')}>
            <For each={of('headline')}>
              {(c) => <CreativeText creative={c} onSaved={() => void refetch()} />}
            </For>
          </Group>
          <Group title={t('creatives.ctas')}>
            <For each={of('cta')}>
              {(c) => <CreativeText creative={c} onSaved={() => void refetch()} />}
            </For>
          </Group>
          <For each={STYLES}>
            {(style) => (
              <Group title={t('creatives.bodyStyle', { style: t(`creatives.style_${style}`) })}>
                <For each={of('body', style)}>
                  {(c) => <CreativeText creative={c} onSaved={() => void refetch()} />}
                </For>
              </Group>
            )}
          </For>
          <Group title={t('creatives.images')}>
            <For each={of('image')}>
              {(c) => (
                <li class="overflow-hidden rounded-lg border border-line">
                  <Show
                    when={c.status === 'ready' && c.media}
                    fallback={
                      <p class="p-3 text-sm text-fg-muted">
                        {c.status === 'failed'
                          ? t('creatives.creativeFailed')
                          : t('creatives.generating')}
                      </p>
                    }
                  >
                    <CreativeImage creative={c} class="aspect-square w-full object-cover" />
                  </Show>
                </li>
              )}
            </For>
          </Group>
        </div>
      </Show>
    </section>
  );
}

export default function ProductPage() {
  const params = useParams<{ id: string }>();
  const [product, { refetch }] = createResource(() => params.id, productsApi.get);
  const [deciding, setDeciding] = createSignal<'approve' | 'reject' | null>(null);
  const [judging, setJudging] = createSignal(false);
  const judge = async () => {
    setJudging(true);
    try {
      await productsApi.qualify(params.id);
      await refetch();
    } catch (err) {
      showToast({ kind: 'error', title: describeError(err) });
    } finally {
      setJudging(false);
    }
  };
  return (
    <>
      <A
        href="/products"
        class="focus-ring mb-3 inline-flex items-center gap-1 text-sm text-fg-muted"
      >
        <Icon name="arrowLeft" class="size-4" /> {t('products.productsTitle')}
      </A>
      <Show when={product.error}>
        <Notice kind="error">{describeError(product.error)}</Notice>
      </Show>
      <Show when={product.latest}>
        {(p) => (
          <div class="grid gap-6">
            <PageHeader
              title={p().title}
              description={p().description}
              actions={
                <Show when={can('ads:write')}>
                  <Button busy={judging()} onClick={judge}>
                    {t('products.qualifyAgain')}
                  </Button>
                  <Show when={p().status !== 'qualified'}>
                    <Button onClick={() => setDeciding('approve')}>{t('common.approve')}</Button>
                  </Show>
                  <Show when={p().status !== 'rejected'}>
                    <Button variant="ghost" onClick={() => setDeciding('reject')}>
                      {t('common.reject')}
                    </Button>
                  </Show>
                  <Show when={p().status === 'qualified'}>
                    <A href={`/campaigns?product=${p().id}`} class="btn-secondary">
                      {t('products.newCampaignForProduct')}
                    </A>
                  </Show>
                </Show>
              }
            />
            <section class="card grid gap-4 p-5 md:grid-cols-[auto_1fr]">
              <div class="grid content-start justify-items-center gap-2">
                <ScoreBadge product={p()} />
                <StatusBadge status={p().status} />
              </div>
              <div class="grid gap-3">
                <p class="text-sm text-fg-muted">{productFacts(p())}</p>
                <Show
                  when={p().verdict}
                  fallback={<p class="text-sm">{t('products.notJudged')}</p>}
                >
                  <ReasonList product={p()} />
                </Show>
              </div>
            </section>
            <CreativesGallery productId={p().id} qualified={p().status === 'qualified'} />
            <DecideDialog
              product={p()}
              verdict={deciding()}
              onClose={() => setDeciding(null)}
              onDone={() => void refetch()}
            />
          </div>
        )}
      </Show>
    </>
  );
}
