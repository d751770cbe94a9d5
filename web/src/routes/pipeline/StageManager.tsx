/**
 * Stage management for members who may edit the board: add, rename, reorder and remove stages,
 * each with its color, win probability, WIP limit and rotting days. Edits go straight into the
 * shared document, so everyone's columns change as they are made. Removing a stage that has
 * cards asks where they go; no lead is dropped with its column.
 */
import { createSignal, For, Show } from 'solid-js';
import type * as Y from 'yjs';
import {
  addStage,
  moveStage,
  removeStage,
  type StageFields,
  updateStage,
} from '../../../../domain/pipeline/board-doc.ts';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { t } from '../../lib/i18n.ts';
import type { Column } from './board-view.ts';

const ORIGIN = { origin: 'kanban' };

/** An optional non-negative whole number from an input: empty means "no limit". */
function optionalCount(text: string): number | null {
  const n = Number.parseInt(text, 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function StageManager(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  doc: Y.Doc;
  columns: Column[];
}) {
  const [removing, setRemoving] = createSignal<Column | null>(null);
  const [target, setTarget] = createSignal('');
  const [newName, setNewName] = createSignal('');

  const update = (id: string, patch: Partial<StageFields>) =>
    updateStage(props.doc, id, patch, ORIGIN);

  const add = (event: SubmitEvent) => {
    event.preventDefault();
    const name = newName().trim();
    if (!name) return;
    addStage(props.doc, { name, probability: 0 }, {}, ORIGIN);
    setNewName('');
  };

  const confirmRemove = () => {
    const column = removing();
    if (!column) return;
    removeStage(props.doc, column.stage.id, column.allIds.length > 0 ? target() : null, ORIGIN);
    setRemoving(null);
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('pipeline.manageStages')}
      description={t('pipeline.manageStagesHelp')}
      size="lg"
    >
      <ol class="grid gap-3" data-testid="stage-manager">
        <For each={props.columns}>
          {(column, index) => (
            <li class="card grid gap-2 p-3 sm:grid-cols-[auto_1fr_auto] sm:items-end">
              <input
                type="color"
                class="h-10 w-10 cursor-pointer rounded-lg border border-line bg-surface"
                aria-label={t('pipeline.stageColor', { name: column.stage.name })}
                value={column.stage.color}
                onChange={(event) => update(column.stage.id, { color: event.currentTarget.value })}
              />
              <div class="grid grid-cols-2 gap-2 sm:grid-cols-4">
                <label class="col-span-2 grid gap-1 text-xs text-fg-muted sm:col-span-1">
                  {t('pipeline.stageName')}
                  <input
                    class="input"
                    value={column.stage.name}
                    onChange={(event) => {
                      const name = event.currentTarget.value.trim();
                      if (name) update(column.stage.id, { name });
                    }}
                  />
                </label>
                <label class="grid gap-1 text-xs text-fg-muted">
                  {t('pipeline.stageProbability')}
                  <input
                    class="input"
                    type="number"
                    min="0"
                    max="100"
                    value={column.stage.probability}
                    onChange={(event) => {
                      const n = Number.parseInt(event.currentTarget.value, 10);
                      if (Number.isFinite(n))
                        update(column.stage.id, { probability: Math.max(0, Math.min(100, n)) });
                    }}
                  />
                </label>
                <label class="grid gap-1 text-xs text-fg-muted">
                  {t('pipeline.stageWip')}
                  <input
                    class="input"
                    type="number"
                    min="0"
                    placeholder={t('pipeline.noLimit')}
                    value={column.stage.wipLimit ?? ''}
                    onChange={(event) =>
                      update(column.stage.id, {
                        wipLimit: optionalCount(event.currentTarget.value),
                      })
                    }
                  />
                </label>
                <label class="grid gap-1 text-xs text-fg-muted">
                  {t('pipeline.stageRotting')}
                  <input
                    class="input"
                    type="number"
                    min="1"
                    placeholder={t('pipeline.noLimit')}
                    value={column.stage.rottingDays ?? ''}
                    onChange={(event) =>
                      update(column.stage.id, {
                        rottingDays: optionalCount(event.currentTarget.value),
                      })
                    }
                  />
                </label>
              </div>
              <div class="flex gap-1">
                <button
                  type="button"
                  class="icon-btn"
                  aria-label={t('pipeline.stageUp', { name: column.stage.name })}
                  disabled={index() === 0}
                  onClick={() => moveStage(props.doc, column.stage.id, index() - 1, ORIGIN)}
                >
                  <Icon name="chevronDown" class="rotate-180" />
                </button>
                <button
                  type="button"
                  class="icon-btn"
                  aria-label={t('pipeline.stageDown', { name: column.stage.name })}
                  disabled={index() === props.columns.length - 1}
                  onClick={() => moveStage(props.doc, column.stage.id, index() + 1, ORIGIN)}
                >
                  <Icon name="chevronDown" />
                </button>
                <button
                  type="button"
                  class="icon-btn hover:text-danger"
                  aria-label={t('pipeline.stageRemove', { name: column.stage.name })}
                  onClick={() => {
                    setTarget(
                      props.columns.find((c) => c.stage.id !== column.stage.id)?.stage.id ?? '',
                    );
                    setRemoving(column);
                  }}
                >
                  <Icon name="trash" />
                </button>
              </div>
              <Show when={removing()?.stage.id === column.stage.id}>
                <div class="grid gap-2 rounded-lg bg-danger-soft p-3 text-sm sm:col-span-3">
                  <Show
                    when={column.allIds.length > 0}
                    fallback={<p>{t('pipeline.removeEmptyStage', { name: column.stage.name })}</p>}
                  >
                    <label class="grid gap-1">
                      {t('pipeline.removeStageTarget', {
                        count: column.allIds.length,
                        name: column.stage.name,
                      })}
                      <select
                        class="input"
                        value={target()}
                        onChange={(event) => setTarget(event.currentTarget.value)}
                      >
                        <For each={props.columns.filter((c) => c.stage.id !== column.stage.id)}>
                          {(other) => <option value={other.stage.id}>{other.stage.name}</option>}
                        </For>
                      </select>
                    </label>
                  </Show>
                  <div class="flex justify-end gap-2">
                    <Button size="sm" onClick={() => setRemoving(null)}>
                      {t('common.cancel')}
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      disabled={column.allIds.length > 0 && !target()}
                      onClick={confirmRemove}
                    >
                      {t('pipeline.removeStage')}
                    </Button>
                  </div>
                </div>
              </Show>
            </li>
          )}
        </For>
      </ol>
      <form class="mt-4 flex gap-2" onSubmit={add}>
        <label class="grow">
          <span class="sr-only">{t('pipeline.newStageName')}</span>
          <input
            class="input"
            placeholder={t('pipeline.newStageName')}
            value={newName()}
            onInput={(event) => setNewName(event.currentTarget.value)}
          />
        </label>
        <Button type="submit" icon="plus" disabled={!newName().trim()}>
          {t('pipeline.addStage')}
        </Button>
      </form>
    </Dialog>
  );
}
