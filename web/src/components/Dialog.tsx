/**
 * Every modal layer of the app is a `Modal`: dialogs (`Dialog` below), "are you sure?" prompts
 * (ConfirmDialog) and the side drawers (a lead, the phone's menu). It is one Kobalte Dialog set up
 * so that a closed modal always leaves the page: no panel, dim layer, `pointer-events: none` on the
 * body, hidden app or locked scroll stays behind, and focus goes back to what opened it.
 *
 * Closing the lead drawer used to leave a blank panel and a dim layer that caught every click (on a
 * phone, a white screen). Two things added up:
 * - Kobalte 0.13 keeps a closed dialog mounted until its exit animation ends, and tells the enter
 *   animation from an exit one only by having seen the enter one's `animationstart`. Having missed
 *   it, it took the enter animation, still set on the closed panel, for an exit animation, and
 *   waited for an `animationend` that never came. Our panels and overlays animate only while
 *   `data-expanded` is set: a closed one has no animation and is unmounted at once, whatever events
 *   were seen.
 * - It missed the event because the drawer loads data (score, duplicates, timeline) and reading it
 *   suspended the page's <Suspense>: the page behind turned into a progress bar and Solid held every
 *   effect under it, Kobalte's listeners included, until the loads ended. A modal's content is its
 *   own Suspense boundary, so what a modal loads never reaches the page under it.
 */
// Named parts, not the `Dialog` namespace object: Kobalte 0.13 builds `Dialog` and `AlertDialog` by
// Object.assign onto one shared root, so whichever loads last decides what `Dialog.Content` is.
import * as KDialog from '@kobalte/core/dialog';
import { createComputed, type JSX, on, Show, Suspense } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { Icon } from './Icon.tsx';
import { Spinner } from './Spinner.tsx';

const OVERLAY = {
  center: 'fixed inset-0 z-40 bg-slate-950/40 backdrop-blur-[2px]',
  side: 'fixed inset-0 z-40 bg-slate-950/30',
};
const PANEL = {
  center:
    'card w-full p-6 shadow-2xl outline-none data-[expanded]:(animate-fade-in-up animate-duration-200)',
  right:
    'fixed inset-y-0 right-0 z-50 flex flex-col bg-surface shadow-2xl outline-none data-[expanded]:(animate-slide-in-right animate-duration-200)',
  left: 'fixed inset-y-0 left-0 z-50 bg-surface shadow-2xl outline-none data-[expanded]:(animate-slide-in-left animate-duration-200)',
};

export interface ModalProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** A centred panel (dialogs) or a full-height drawer from one side. */
  placement?: 'center' | 'left' | 'right';
  /** `alertdialog` for a prompt about an action that cannot be undone. */
  role?: 'dialog' | 'alertdialog';
  /** The panel's own classes (its width). */
  class?: string;
  /** Where focus goes on close when what opened the modal has left the page (a card re-rendered in another stage). */
  returnFocus?: () => HTMLElement | null | undefined;
  /** Where focus starts inside the panel, when not on its first focusable element. */
  initialFocus?: (panel: HTMLElement) => HTMLElement | null | undefined;
  'aria-label'?: string;
  'data-testid'?: string;
  children: JSX.Element;
}

export function Modal(props: ModalProps) {
  // Kobalte returns focus only to its own Trigger part; ours open from plain buttons, cards and menu
  // items, so remember what had focus as the modal opens, before anything inside it takes focus.
  let opener: HTMLElement | null = null;
  createComputed(
    on(
      () => props.open,
      (open) => {
        if (open && document.activeElement instanceof HTMLElement) opener = document.activeElement;
      },
    ),
  );
  const returnFocus = (event: Event) => {
    const target = opener?.isConnected ? opener : props.returnFocus?.();
    opener = null;
    if (!target) return;
    event.preventDefault();
    target.focus({ preventScroll: true });
  };
  const placement = () => props.placement ?? 'center';
  const panel = () => (
    <KDialog.Content
      role={props.role}
      class={`${PANEL[placement()]} ${props.class ?? ''}`}
      aria-label={props['aria-label']}
      data-testid={props['data-testid']}
      onCloseAutoFocus={returnFocus}
      onOpenAutoFocus={(event) => {
        const target = props.initialFocus?.(event.currentTarget as HTMLElement);
        if (!target) return;
        event.preventDefault();
        target.focus();
      }}
    >
      <Suspense
        fallback={
          <div class="grid place-items-center p-8 text-fg-muted" role="status">
            <Spinner class="size-6" />
            <span class="sr-only">{t('common.loading')}</span>
          </div>
        }
      >
        {props.children}
      </Suspense>
    </KDialog.Content>
  );
  return (
    <KDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <KDialog.Portal>
        <KDialog.Overlay
          class={`${placement() === 'center' ? OVERLAY.center : OVERLAY.side} data-[expanded]:(animate-fade-in animate-duration-150)`}
          data-modal-overlay
        />
        <Show when={placement() === 'center'} fallback={panel()}>
          <div class="fixed inset-0 z-50 grid place-items-center overflow-y-auto p-4">
            {panel()}
          </div>
        </Show>
      </KDialog.Portal>
    </KDialog.Root>
  );
}

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: JSX.Element;
  /** Buttons, right-aligned under the content. */
  footer?: JSX.Element;
  size?: 'md' | 'lg';
  returnFocus?: ModalProps['returnFocus'];
}

/** A titled dialog: focus stays inside, ×, Escape or a click outside closes it. */
export function Dialog(props: DialogProps) {
  return (
    <Modal
      open={props.open}
      onOpenChange={props.onOpenChange}
      class={props.size === 'lg' ? 'max-w-2xl' : 'max-w-lg'}
      returnFocus={props.returnFocus}
    >
      {/* The title wraps (min-w-0) and the × keeps its size (icon-btn does not shrink), so on a
          narrow screen a long title or description never squeezes the × or lies over it. */}
      <div class="flex items-start justify-between gap-4 mb-4">
        <div class="grid min-w-0 gap-1 break-words">
          <KDialog.Title class="text-lg font-semibold text-fg">{props.title}</KDialog.Title>
          <Show when={props.description}>
            <KDialog.Description class="text-sm text-fg-muted">
              {props.description}
            </KDialog.Description>
          </Show>
        </div>
        <KDialog.CloseButton class="icon-btn -mr-2 -mt-2" aria-label={t('common.close')}>
          <Icon name="close" />
        </KDialog.CloseButton>
      </div>
      {props.children}
      <Show when={props.footer}>
        <div class="mt-6 flex flex-wrap justify-end gap-2">{props.footer}</div>
      </Show>
    </Modal>
  );
}
