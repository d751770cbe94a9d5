/**
 * The org's generations, newest first: search by text, filter by modality and favorites, open one,
 * star it, delete it, and load more by cursor. New and finished generations are merged in by the
 * page, so the grid stays current without reloading.
 */
import { createEffect, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { createStore } from 'solid-js/store';
import { Button } from '../../components/Button.tsx';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { Field } from '../../components/Field.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ListStatus } from '../../components/ListStatus.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { showToast } from '../../components/Toast.tsx';
import { call, client } from '../../lib/api.ts';
import { formatCredits } from '../../lib/credits.ts';
import { describeError } from '../../lib/errors.ts';
import { formatRelative, t } from '../../lib/i18n.ts';
import { createPagedList, type Page } from '../../lib/paged-list.ts';
import { can } from '../../lib/session.ts';
import {
  createMediaUrl,
  type Generation,
  isFinished,
  MODALITIES,
  MODALITY_ICONS,
  MODALITY_LABELS,
  type Modality,
  STATUS_LABELS,
} from './generation.ts';

const PAGE_SIZE = 12;
const SEARCH_DELAY_MS = 300;

interface Filters {
  q: string;
  modality: Modality | '';
  favorite: boolean;
}

export function createHistory() {
  const [filters, setFilters] = createStore<Filters>({ q: '', modality: '', favorite: false });
  const { state, setState, reload, loadMore } = createPagedList(
    (cursor) =>
      call(
        client.GET('/api/v1/studio/generations', {
          params: {
            query: {
              limit: PAGE_SIZE,
              cursor: cursor ?? undefined,
              q: filters.q.trim() || undefined,
              modality: filters.modality || undefined,
              favorite: filters.favorite ? 'true' : undefined,
            },
          },
        }),
      ),
    (error) => showToast({ kind: 'error', title: describeError(error) }),
  );

  const matches = (g: Generation) =>
    (!filters.modality || g.modality === filters.modality) &&
    (!filters.favorite || g.favorite) &&
    (!filters.q.trim() || g.prompt.toLowerCase().includes(filters.q.trim().toLowerCase()));

  /** A new or changed generation: replaced where it is, or put first when it fits the filters. */
  const upsert = (g: Generation) => {
    const index = state.items.findIndex((x) => x.id === g.id);
    if (index >= 0) setState('items', index, g);
    else if (matches(g)) setState('items', (items) => [g, ...items]);
  };
  const remove = (id: string) => setState('items', (items) => items.filter((g) => g.id !== id));

  return { filters, setFilters, state, reload, loadMore, upsert, remove };
}

export type History = ReturnType<typeof createHistory>;

function Thumbnail(props: { generation: Generation }) {
  const media = createMediaUrl(() => props.generation);
  createEffect(
    () =>
      props.generation.modality === 'image' && props.generation.status === 'done' && media.load(),
  );
  return (
    <div class="grid aspect-video place-items-center overflow-hidden rounded-lg bg-surface-muted">
      <Show
        when={props.generation.modality === 'image' && media.url()}
        fallback={
          <Show
            when={props.generation.modality === 'text' && props.generation.output?.text}
            fallback={
              <Icon name={MODALITY_ICONS[props.generation.modality]} class="size-8 text-fg-muted" />
            }
          >
            <p class="line-clamp-4 self-start p-3 text-xs leading-relaxed text-fg-muted">
              {props.generation.output?.text}
            </p>
          </Show>
        }
      >
        {(url) => <img src={url()} alt="" class="size-full object-cover" />}
      </Show>
    </div>
  );
}

export function HistoryGrid(props: { history: History; onOpen: (g: Generation) => void }) {
  const { filters, setFilters, state, reload, loadMore, upsert, remove } = props.history;
  const [search, setSearch] = createSignal('');
  const [deleting, setDeleting] = createSignal<Generation | null>(null);

  createEffect(() => {
    const q = search();
    const timer = setTimeout(() => setFilters('q', q), SEARCH_DELAY_MS);
    onCleanup(() => clearTimeout(timer));
  });
  createEffect(
    on(
      () => [filters.q, filters.modality, filters.favorite],
      () => void reload(),
    ),
  );

  const toggleFavorite = async (g: Generation) => {
    try {
      await call(
        client.POST('/api/v1/studio/generations/{id}/favorite', {
          params: { path: { id: g.id } },
          body: { favorite: !g.favorite },
        }),
      );
      if (filters.favorite && g.favorite) remove(g.id);
      else upsert({ ...g, favorite: !g.favorite });
    } catch (err) {
      showToast({ kind: 'error', title: describeError(err) });
    }
  };

  return (
    <section class="grid gap-4" aria-labelledby="studio-history-title">
      <div class="flex flex-wrap items-end justify-between gap-3">
        <h2 id="studio-history-title" class="text-lg font-semibold text-fg">
          {t('studio.history')}
        </h2>
        <div class="flex flex-wrap items-end gap-2">
          <Field
            label={t('studio.search')}
            name="q"
            type="search"
            value={search()}
            onInput={setSearch}
            placeholder={t('studio.searchPlaceholder')}
            class="w-56"
          />
          <SelectField
            label={t('studio.filterModality')}
            value={filters.modality || 'all'}
            onChange={(value) => setFilters('modality', value === 'all' ? '' : (value as Modality))}
            options={[
              { value: 'all', label: t('studio.allModalities') },
              ...MODALITIES.map((m) => ({ value: m, label: t(MODALITY_LABELS[m]) })),
            ]}
            class="w-40"
          />
          <Button
            icon="star"
            aria-pressed={filters.favorite}
            variant={filters.favorite ? 'primary' : 'secondary'}
            onClick={() => setFilters('favorite', !filters.favorite)}
          >
            {t('studio.onlyFavorites')}
          </Button>
        </div>
      </div>
      <ListStatus
        error={state.error}
        loading={state.loading && !state.items.length}
        empty={!state.items.length}
        emptyState={
          <div class="card">
            <EmptyState
              icon="studio"
              title={
                filters.q || filters.modality || filters.favorite
                  ? t('studio.historyNoMatch')
                  : t('studio.historyEmptyTitle')
              }
              description={t('studio.historyEmptyBody')}
            />
          </div>
        }
      >
        <ul class="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          <For each={state.items}>
            {(g) => (
              <li class="card grid gap-3 p-3" data-testid="history-item">
                <Thumbnail generation={g} />
                <div class="grid gap-1">
                  <p class="line-clamp-2 text-sm text-fg" title={g.prompt}>
                    {g.prompt}
                  </p>
                  <p class="flex flex-wrap items-center gap-x-2 text-xs text-fg-muted">
                    <span>{t(MODALITY_LABELS[g.modality])}</span>
                    <span aria-hidden="true">·</span>
                    <span>{t(STATUS_LABELS[g.status])}</span>
                    <Show when={g.status === 'done'}>
                      <span aria-hidden="true">·</span>
                      <span>{formatCredits(g.creditsCharged ?? 0)}</span>
                    </Show>
                    <span aria-hidden="true">·</span>
                    <span>{formatRelative(g.createdAt)}</span>
                  </p>
                </div>
                <div class="flex items-center gap-1">
                  <Button size="sm" onClick={() => props.onOpen(g)}>
                    {t('studio.open')}
                  </Button>
                  <div class="grow" />
                  <button
                    type="button"
                    class="icon-btn"
                    aria-pressed={g.favorite}
                    aria-label={g.favorite ? t('studio.unfavorite') : t('studio.favorite')}
                    disabled={!can('studio:write')}
                    onClick={() => toggleFavorite(g)}
                  >
                    <Icon
                      name="star"
                      class={`size-[18px] ${g.favorite ? 'text-warn' : ''}`}
                      fill={g.favorite ? 'currentColor' : 'none'}
                    />
                  </button>
                  <button
                    type="button"
                    class="icon-btn"
                    aria-label={t('studio.delete')}
                    disabled={!can('studio:write') || !isFinished(g)}
                    onClick={() => setDeleting(g)}
                  >
                    <Icon name="trash" class="size-[18px]" />
                  </button>
                </div>
              </li>
            )}
          </For>
        </ul>
        <Show when={state.nextCursor}>
          <div class="flex justify-center">
            <Button busy={state.loadingMore} onClick={loadMore}>
              {t('studio.loadMore')}
            </Button>
          </div>
        </Show>
      </ListStatus>
      <ConfirmDialog
        open={!!deleting()}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('studio.deleteTitle')}
        description={t('studio.deleteBody')}
        confirmLabel={t('studio.delete')}
        onConfirm={async () => {
          const g = deleting()!;
          await call(
            client.DELETE('/api/v1/studio/generations/{id}', { params: { path: { id: g.id } } }),
          );
          remove(g.id);
          showToast({ title: t('studio.deleted') });
        }}
      />
    </section>
  );
}
