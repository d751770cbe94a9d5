/** A modal dialog (Kobalte): focus stays inside, Escape or the close button closes it. */
// Named parts, not the `Dialog` namespace object: Kobalte 0.13 builds `Dialog` and `AlertDialog` by
// Object.assign onto one shared root, so whichever loads last decides what `Dialog.Content` is.
import * as KDialog from '@kobalte/core/dialog';
import { type JSX, Show } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { Icon } from './Icon.tsx';

export const overlayClass =
  'fixed inset-0 z-40 bg-slate-950/40 backdrop-blur-[2px] animate-fade-in animate-duration-150';
const positionerClass = 'fixed inset-0 z-50 grid place-items-center p-4 overflow-y-auto';
export const panelClass =
  'card w-full max-w-lg p-6 shadow-2xl outline-none animate-fade-in-up animate-duration-200';

export interface DialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: string;
  children: JSX.Element;
  /** Buttons, right-aligned under the content. */
  footer?: JSX.Element;
  size?: 'md' | 'lg';
}

export function Dialog(props: DialogProps) {
  return (
    <KDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <KDialog.Portal>
        <KDialog.Overlay class={overlayClass} />
        <div class={positionerClass}>
          <KDialog.Content class={`${panelClass} ${props.size === 'lg' ? 'max-w-2xl' : ''}`}>
            <div class="flex items-start justify-between gap-4 mb-4">
              <div class="grid gap-1">
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
          </KDialog.Content>
        </div>
      </KDialog.Portal>
    </KDialog.Root>
  );
}
