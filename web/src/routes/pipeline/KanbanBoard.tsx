/**
 * The columns and the moving of cards. A card is carried by pointer (mouse, pen, finger) or by
 * keyboard (Space/Enter picks up, arrows move, Space/Enter drops, Escape cancels); meanwhile the
 * columns show where it would land, every step is announced, and nothing is written until the
 * drop. The drop writes once to the local document (optimistic: the card stays where it was put;
 * the room merges it with everyone's edits).
 */
import { createMemo, createSignal, Index, onCleanup, onMount, Show } from 'solid-js';
import { moveLead } from '../../../../domain/pipeline/board-doc.ts';
import { VirtualList, type VirtualListHandle } from '../../components/VirtualList.tsx';
import { rowAt } from '../../components/virtual-window.ts';
import { t } from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';
import type { PresenceState } from './board-connection.ts';
import type { BoardStore } from './board-store.ts';
import { type Column, documentIndex, isRotting } from './board-view.ts';
import { type CardSpot, MOVE_KEYS, type MoveKey, previewIds, stepSpot } from './card-move.ts';
import { CARD_ROW_HEIGHT, LeadCard } from './LeadCard.tsx';
import { guardFingerDrags, trackPointerDrag } from './pointer-drag.ts';

interface Moving {
  id: string;
  mode: 'keyboard' | 'pointer';
  origin: CardSpot;
  spot: CardSpot;
}

const EDGE_PX = 56;
const SCROLL_STEP_PX = 14;

export interface KanbanBoardProps {
  store: BoardStore;
  columns: Column[];
  doc: import('yjs').Doc;
  canEdit: boolean;
  currency: string;
  now: number;
  ownerName: (userId: string) => string | null;
  viewersOf: (leadId: string) => PresenceState['user'][];
  onOpen: (leadId: string) => void;
  announce: (message: string) => void;
  /** After this person dropped a card in a stage (by pointer or keyboard). */
  onDropped?: (leadId: string, stageId: string) => void;
}

export function KanbanBoard(props: KanbanBoardProps) {
  const [moving, setMoving] = createSignal<Moving | null>(null);
  const lists = new Map<string, VirtualListHandle>();
  let scroller!: HTMLDivElement;
  onMount(() => onCleanup(guardFingerDrags(scroller)));

  /** Shown ids per column without the moving card: what spots are counted against. */
  const resting = createMemo(() => {
    const id = moving()?.id;
    return props.columns.map((column) => (id ? column.ids.filter((x) => x !== id) : column.ids));
  });
  const shownIds = (columnIndex: number) =>
    previewIds(props.columns[columnIndex]?.ids ?? [], columnIndex, moving());

  const spotOf = (leadId: string): CardSpot | null => {
    for (const [column, col] of props.columns.entries()) {
      const index = col.ids.indexOf(leadId);
      if (index >= 0) return { column, index };
    }
    return null;
  };

  const describeSpot = (spot: CardSpot) => {
    const column = props.columns[spot.column];
    return t('pipeline.spot', {
      stage: column?.stage.name ?? '',
      position: spot.index + 1,
      count: (resting()[spot.column]?.length ?? 0) + 1,
    });
  };

  const nameOf = (id: string) => props.store.lead(id)?.name || t('pipeline.untitled');

  /** After a keyboard step the card is rendered anew in its new spot: follow it with focus. */
  const followFocus = (id: string, spot: CardSpot) => {
    const stageId = props.columns[spot.column]?.stage.id;
    const list = stageId ? lists.get(stageId) : undefined;
    list?.showIndex(spot.index);
    list?.element.closest('[data-column]')?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    requestAnimationFrame(() => {
      const card = scroller.querySelector<HTMLElement>(`[data-lead-id="${CSS.escape(id)}"]`);
      // A dialog the move opened (the loss reason of a lost deal) keeps the focus.
      if (document.activeElement?.closest('[role=dialog]')) return;
      if (card && document.activeElement !== card) card.focus({ preventScroll: true });
    });
  };

  const drop = (current: Moving) => {
    const column = props.columns[current.spot.column];
    if (!column) return setMoving(null);
    const allWithout = column.allIds.filter((x) => x !== current.id);
    const shownWithout = column.ids.filter((x) => x !== current.id);
    const index = documentIndex(allWithout, shownWithout, current.spot.index);
    // A peer may have removed the lead or the stage meanwhile: then the move simply does not happen.
    try {
      moveLead(props.doc, current.id, column.stage.id, index, { origin: 'kanban' });
      props.store.flush();
      props.announce(
        t('pipeline.dropped', { name: nameOf(current.id), spot: describeSpot(current.spot) }),
      );
      props.onDropped?.(current.id, column.stage.id);
    } catch {
      props.announce(t('pipeline.moveFailed', { name: nameOf(current.id) }));
    }
    setMoving(null);
  };

  const cancel = (current: Moving) => {
    setMoving(null);
    props.announce(
      t('pipeline.cancelled', { name: nameOf(current.id), spot: describeSpot(current.origin) }),
    );
  };

  const onCardKey = (leadId: string, event: KeyboardEvent) => {
    const current = moving();
    const key = event.key === ' ' ? 'Space' : event.key;
    if (current && current.id === leadId && current.mode === 'keyboard') {
      if (key === 'Space' || key === 'Enter') {
        event.preventDefault();
        drop(current);
        followFocus(leadId, current.spot);
      } else if (key === 'Escape') {
        event.preventDefault();
        cancel(current);
        followFocus(leadId, current.origin);
      } else if (MOVE_KEYS.includes(key)) {
        event.preventDefault();
        const lengths = resting().map((ids) => ids.length);
        const spot = stepSpot(current.spot, key as MoveKey, lengths);
        setMoving({ ...current, spot });
        props.announce(t('pipeline.movedTo', { spot: describeSpot(spot) }));
        followFocus(leadId, spot);
      } else if (key === 'Tab') {
        cancel(current);
      }
      return;
    }
    if ((key === 'Space' || key === 'Enter') && props.canEdit) {
      event.preventDefault();
      const origin = spotOf(leadId);
      if (!origin) return;
      setMoving({ id: leadId, mode: 'keyboard', origin, spot: origin });
      props.announce(t('pipeline.pickedUp', { name: nameOf(leadId), spot: describeSpot(origin) }));
    } else if (key === 'o' || key === 'O') {
      event.preventDefault();
      props.onOpen(leadId);
    } else if (
      key === 'ArrowUp' ||
      key === 'ArrowDown' ||
      key === 'ArrowLeft' ||
      key === 'ArrowRight'
    ) {
      // Without a card in hand, arrows walk between cards (Tab would visit thousands).
      event.preventDefault();
      const here = spotOf(leadId);
      if (!here) return;
      const lengths = props.columns.map((column) => Math.max(0, column.ids.length - 1));
      let target = stepSpot(here, key, lengths);
      while (
        (key === 'ArrowLeft' || key === 'ArrowRight') &&
        props.columns[target.column]?.ids.length === 0 &&
        target.column !== here.column
      ) {
        const next = stepSpot(target, key, lengths);
        if (next.column === target.column) break;
        target = next;
      }
      const id = props.columns[target.column]?.ids[target.index];
      if (id) followFocus(id, target);
    }
  };

  const onCardPointer = (leadId: string, event: PointerEvent) => {
    if (!props.canEdit || moving()) return;
    const origin = spotOf(leadId);
    if (!origin) return;
    trackPointerDrag(event, event.currentTarget as HTMLElement, {
      onStart: () => setMoving({ id: leadId, mode: 'pointer', origin, spot: origin }),
      onFrame: (x, y) => {
        const current = moving();
        if (!current) return;
        autoScroll(scroller, x, 'x');
        for (const [column, col] of props.columns.entries()) {
          const list = lists.get(col.stage.id);
          if (!list) continue;
          const rect = list.element.getBoundingClientRect();
          if (x < rect.left || x > rect.right) continue;
          autoScroll(list.element, y, 'y');
          const offset = y - rect.top + list.element.scrollTop;
          const index = rowAt(offset, CARD_ROW_HEIGHT, resting()[column]?.length ?? 0);
          if (current.spot.column !== column || current.spot.index !== index)
            setMoving({ ...current, spot: { column, index } });
          return;
        }
      },
      onDrop: () => {
        const current = moving();
        if (current) drop(current);
      },
      onCancel: () => setMoving(null),
    });
  };

  onCleanup(() => setMoving(null));

  return (
    <div
      ref={scroller}
      class="flex gap-3 overflow-x-auto pb-3 snap-x snap-mandatory md:snap-none"
      data-testid="kanban"
    >
      <Index each={props.columns}>
        {(column, columnIndex) => {
          const ids = createMemo(() => shownIds(columnIndex));
          const count = () => column().ids.length;
          const total = () => column().allIds.length;
          return (
            <section
              data-column
              data-stage-id={column().stage.id}
              aria-labelledby={`stage-title-${column().stage.id}`}
              class="flex w-[min(18rem,82vw)] shrink-0 snap-start flex-col rounded-xl bg-surface-muted/60 border border-line"
            >
              <header class="grid gap-1 border-b border-line px-3 py-2.5">
                <div class="flex items-center gap-2">
                  <span
                    class="size-2.5 shrink-0 rounded-full"
                    style={{ background: column().stage.color }}
                  />
                  <h2
                    id={`stage-title-${column().stage.id}`}
                    class="grow truncate text-sm font-semibold text-fg"
                  >
                    {column().stage.name}
                  </h2>
                  <span
                    class={`rounded-full px-2 text-xs font-semibold tabular-nums ${
                      column().overWip ? 'bg-warn-soft text-warn' : 'bg-surface text-fg-muted'
                    }`}
                    data-testid="stage-count"
                    title={t('pipeline.countTitle')}
                  >
                    {count() === total() ? count() : `${count()}/${total()}`}
                    <Show when={column().stage.wipLimit !== null}>
                      {` · ${t('pipeline.wipShort', { limit: column().stage.wipLimit ?? 0 })}`}
                    </Show>
                  </span>
                </div>
                <div class="flex justify-between gap-2 text-xs text-fg-muted tabular-nums">
                  <span title={t('pipeline.totalValue')}>
                    {formatMoney(column().totalValue, props.currency, true)}
                  </span>
                  <span title={t('pipeline.weightedValue')}>
                    {t('pipeline.weightedShort', {
                      value: formatMoney(column().weightedValue, props.currency, true),
                      probability: column().stage.probability,
                    })}
                  </span>
                </div>
                <Show when={column().overWip}>
                  <p class="text-xs font-medium text-warn" role="status">
                    {t('pipeline.overWip', { limit: column().stage.wipLimit ?? 0 })}
                  </p>
                </Show>
              </header>
              <VirtualList
                ids={ids()}
                rowHeight={CARD_ROW_HEIGHT}
                class="h-[max(20rem,calc(100dvh-19rem))] py-2"
                label={column().stage.name}
                testId="stage-list"
                ref={(handle) => {
                  lists.set(column().stage.id, handle);
                  onCleanup(() => lists.delete(column().stage.id));
                }}
              >
                {(leadId) => (
                  <Show when={props.store.lead(leadId)}>
                    {(lead) => (
                      <LeadCard
                        lead={lead()}
                        ownerName={lead().ownerId ? props.ownerName(lead().ownerId!) : null}
                        rotting={isRotting(lead(), column().stage, props.now)}
                        viewers={props.viewersOf(leadId)}
                        moving={moving()?.id === leadId ? moving()!.mode : null}
                        onOpen={() => props.onOpen(leadId)}
                        onKeyDown={(event) => onCardKey(leadId, event)}
                        onPointerDown={(event) => onCardPointer(leadId, event)}
                      />
                    )}
                  </Show>
                )}
              </VirtualList>
            </section>
          );
        }}
      </Index>
      <Show when={props.columns.length === 0}>
        <p class="p-6 text-sm text-fg-muted">{t('pipeline.noStages')}</p>
      </Show>
    </div>
  );
}

/** Scrolls `element` along `axis` when the pointer nears one of its edges. */
function autoScroll(element: HTMLElement, pointer: number, axis: 'x' | 'y') {
  const rect = element.getBoundingClientRect();
  const [start, end] = axis === 'x' ? [rect.left, rect.right] : [rect.top, rect.bottom];
  const delta =
    pointer < start + EDGE_PX ? -SCROLL_STEP_PX : pointer > end - EDGE_PX ? SCROLL_STEP_PX : 0;
  if (delta === 0) return;
  if (axis === 'x') element.scrollLeft += delta;
  else element.scrollTop += delta;
}
