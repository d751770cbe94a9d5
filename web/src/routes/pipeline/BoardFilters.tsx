/**
 * The board's filters: text (name, company, e-mail, phone), owner, tag and score range. On a
 * phone the search stays in view and the rest folds behind a "Filtros" button that counts the
 * active ones, so the first cards show without scrolling past three rows of fields.
 */
import { createSignal, createUniqueId, For, Show } from 'solid-js';
import { Icon } from '../../components/Icon.tsx';
import { t } from '../../lib/i18n.ts';
import { type BoardFilter, foldedFilterCount, isFiltering, NO_FILTER } from './board-view.ts';

export function BoardFilters(props: {
  value: BoardFilter;
  onChange: (next: BoardFilter) => void;
  tags: string[];
  owners: { id: string; name: string }[];
}) {
  const set = (patch: Partial<BoardFilter>) => props.onChange({ ...props.value, ...patch });
  const score = (text: string, fallback: number) => {
    const n = Number.parseInt(text, 10);
    return Number.isFinite(n) ? Math.max(0, Math.min(100, n)) : fallback;
  };
  const [unfolded, setUnfolded] = createSignal(false);
  const foldId = createUniqueId();
  const folded = () => foldedFilterCount(props.value);
  return (
    <search class="flex flex-wrap items-end gap-2" aria-label={t('pipeline.filters')}>
      <label class="relative grow basis-48">
        <span class="sr-only">{t('pipeline.filterText')}</span>
        <Icon
          name="search"
          class="pointer-events-none absolute left-3 top-3 size-4 text-fg-muted"
        />
        <input
          type="search"
          class="input pl-9"
          placeholder={t('pipeline.filterTextPlaceholder')}
          value={props.value.text}
          onInput={(event) => set({ text: event.currentTarget.value })}
          data-testid="filter-text"
        />
      </label>
      <button
        type="button"
        class="btn-secondary h-10 md:hidden"
        aria-expanded={unfolded()}
        aria-controls={foldId}
        onClick={() => setUnfolded(!unfolded())}
      >
        <Icon name="filter" />
        {t('pipeline.filters')}
        <Show when={folded()}>
          <span
            class="grid min-w-5 place-items-center rounded-full bg-brand px-1.5 text-xs font-semibold text-brand-fg"
            data-testid="active-filter-count"
          >
            {folded()}
          </span>
        </Show>
      </button>
      {/* On a laptop this wrapper steps aside (display: contents) and the fields sit in the row. */}
      <div
        id={foldId}
        class={`${unfolded() ? 'flex' : 'hidden'} w-full flex-wrap items-end gap-2 md:contents`}
      >
        <label class="grid grow basis-36 gap-1 text-xs text-fg-muted md:grow-0 md:basis-auto">
          {t('pipeline.filterOwner')}
          <select
            class="input h-10 md:w-40"
            value={props.value.ownerId ?? ''}
            onChange={(event) => set({ ownerId: event.currentTarget.value || null })}
          >
            <option value="">{t('pipeline.filterAnyone')}</option>
            <For each={props.owners}>
              {(owner) => <option value={owner.id}>{owner.name}</option>}
            </For>
          </select>
        </label>
        <label class="grid grow basis-36 gap-1 text-xs text-fg-muted md:grow-0 md:basis-auto">
          {t('pipeline.filterTag')}
          <select
            class="input h-10 md:w-36"
            value={props.value.tag ?? ''}
            onChange={(event) => set({ tag: event.currentTarget.value || null })}
          >
            <option value="">{t('pipeline.filterAnyTag')}</option>
            <For each={props.tags}>{(tag) => <option value={tag}>{tag}</option>}</For>
          </select>
        </label>
        <fieldset class="grid gap-1 text-xs text-fg-muted">
          <legend class="mb-1">{t('pipeline.filterScore')}</legend>
          <div class="flex items-center gap-1">
            <input
              type="number"
              min="0"
              max="100"
              class="input h-10 w-18"
              aria-label={t('pipeline.filterScoreMin')}
              value={props.value.scoreMin}
              onChange={(event) => set({ scoreMin: score(event.currentTarget.value, 0) })}
            />
            <span aria-hidden="true">–</span>
            <input
              type="number"
              min="0"
              max="100"
              class="input h-10 w-18"
              aria-label={t('pipeline.filterScoreMax')}
              value={props.value.scoreMax}
              onChange={(event) => set({ scoreMax: score(event.currentTarget.value, 100) })}
            />
          </div>
        </fieldset>
        <Show when={isFiltering(props.value)}>
          <button
            type="button"
            class="btn-ghost btn-sm h-10"
            onClick={() => props.onChange(NO_FILTER)}
          >
            <Icon name="close" />
            {t('pipeline.clearFilters')}
          </button>
        </Show>
      </div>
    </search>
  );
}
