/**
 * One lead on the board: name, company, value, owner, tags, score, the rotting mark and who has
 * it open. Fixed height (the column virtualizes by row). Focusable; the board handles its keys.
 */
import { For, Show } from 'solid-js';
import type { Lead } from '../../../../domain/pipeline/board-doc.ts';
import { t } from '../../lib/i18n.ts';
import { formatMoney } from '../../lib/money.ts';
import { Avatar } from './Avatar.tsx';
import type { PresenceState } from './board-connection.ts';

export const CARD_ROW_HEIGHT = 112;

export function scoreClass(score: number): string {
  if (score >= 70) return 'bg-brand-soft text-brand-strong';
  if (score >= 40) return 'bg-warn-soft text-warn';
  return 'bg-surface-muted text-fg-muted';
}

export interface LeadCardProps {
  lead: Lead;
  ownerName: string | null;
  rotting: boolean;
  viewers: PresenceState['user'][];
  /** Being carried by keyboard (lifted in place) or by pointer (a placeholder where it lands). */
  moving: 'keyboard' | 'pointer' | null;
  onOpen: () => void;
  onKeyDown: (event: KeyboardEvent) => void;
  onPointerDown?: (event: PointerEvent) => void;
}

export function LeadCard(props: LeadCardProps) {
  // Its accessible name is what it shows, read in order (a separate label would have to repeat
  // every visible word to pass "label in name"); short marks carry their full words for readers.
  return (
    // biome-ignore lint/a11y/useSemanticElements: a card holds rich content and is dragged; a <button> cannot hold it.
    <div
      role="button"
      tabIndex={0}
      data-lead-id={props.lead.id}
      data-testid="lead-card"
      aria-roledescription={t('pipeline.cardRole')}
      aria-describedby="kanban-instructions"
      aria-pressed={props.moving === 'keyboard' ? true : undefined}
      onClick={() => props.onOpen()}
      onKeyDown={(event) => props.onKeyDown(event)}
      onPointerDown={(event) => props.onPointerDown?.(event)}
      class={`focus-ring card mx-2 flex h-[104px] cursor-pointer select-none flex-col gap-1.5 p-3 text-left [touch-action:pan-x_pan-y] [-webkit-touch-callout:none] ${
        props.moving === 'keyboard' ? 'ring-2 ring-brand shadow-lg -rotate-1' : ''
      } ${props.moving === 'pointer' ? 'border-dashed border-brand bg-brand-soft opacity-60' : ''} ${
        props.rotting ? 'border-l-4 border-l-danger' : ''
      }`}
    >
      <div class="flex items-start gap-2">
        <p class="grow truncate text-sm font-semibold text-fg">{props.lead.name || '—'}</p>
        <span
          class={`shrink-0 rounded-md px-1.5 py-0.5 text-[11px] font-semibold tabular-nums ${scoreClass(props.lead.score)}`}
          title={t('pipeline.scoreLabel', { score: props.lead.score })}
        >
          <span class="sr-only">{t('pipeline.scoreLabel', { score: props.lead.score })}</span>
          <span aria-hidden="true" data-testid="lead-score">
            {props.lead.score}
          </span>
        </span>
      </div>
      <p class="truncate text-xs text-fg-muted">{props.lead.company || '\u00a0'}</p>
      <div class="mt-auto flex items-center gap-1.5 min-w-0">
        <span class="text-xs font-semibold tabular-nums text-fg">
          {formatMoney(props.lead.value, props.lead.currency)}
        </span>
        <Show when={props.rotting}>
          <span
            class="rounded bg-danger-soft px-1 text-[10px] font-semibold uppercase text-danger"
            data-testid="rotting-mark"
          >
            <span aria-hidden="true">{t('pipeline.rottingShort')}</span>
            <span class="sr-only">{t('pipeline.rotting')}</span>
          </span>
        </Show>
        <div class="flex min-w-0 grow gap-1 overflow-hidden">
          <For each={props.lead.tags.slice(0, 2)}>
            {(tag) => (
              <span class="truncate rounded bg-surface-muted px-1.5 text-[10px] text-fg-muted">
                {tag}
              </span>
            )}
          </For>
        </div>
        <div class="flex -space-x-1.5" data-testid="card-viewers">
          <For each={props.viewers.slice(0, 3)}>
            {(person) => <Avatar userId={person.id} name={person.name} size="sm" live />}
          </For>
        </div>
        <Show when={props.lead.ownerId}>
          {(ownerId) => (
            <Avatar
              userId={ownerId()}
              name={props.ownerName ?? t('pipeline.unknownOwner')}
              size="sm"
            />
          )}
        </Show>
      </div>
    </div>
  );
}
