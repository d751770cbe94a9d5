/** Toasts (Kobalte): `showToast` from anywhere; the region lives once in the app root. */
import { Toast, toaster } from '@kobalte/core/toast';
import { Show } from 'solid-js';
import { Portal } from 'solid-js/web';
import { t } from '../lib/i18n.ts';
import { Icon } from './Icon.tsx';

type ToastKind = 'success' | 'error' | 'info';

const ICONS = { success: 'checkCircle', error: 'alert', info: 'info' } as const;
const ICON_COLORS = { success: 'text-brand', error: 'text-danger', info: 'text-accent' } as const;

export function showToast(toast: { title: string; description?: string; kind?: ToastKind }) {
  const kind = toast.kind ?? 'success';
  return toaster.show((props) => (
    <Toast
      toastId={props.toastId}
      class="card flex items-start gap-3 p-4 pr-3 w-full shadow-lg data-[opened]:animate-fade-in-up data-[closed]:animate-fade-out data-[swipe=move]:translate-x-[var(--kb-toast-swipe-move-x)]"
    >
      <Icon name={ICONS[kind]} class={`size-5 mt-0.5 ${ICON_COLORS[kind]}`} />
      <div class="grid gap-0.5 grow min-w-0">
        <Toast.Title class="text-sm font-semibold text-fg">{toast.title}</Toast.Title>
        <Show when={toast.description}>
          <Toast.Description class="text-sm text-fg-muted break-words">
            {toast.description}
          </Toast.Description>
        </Show>
      </div>
      <Toast.CloseButton class="icon-btn size-7 -mt-1" aria-label={t('common.close')}>
        <Icon name="close" class="size-4" />
      </Toast.CloseButton>
    </Toast>
  ));
}

export function ToastRegion() {
  return (
    <Portal>
      <Toast.Region duration={5000} swipeDirection="right" limit={4}>
        <Toast.List class="fixed z-[60] bottom-20 md:bottom-4 right-4 left-4 md:left-auto md:w-96 grid gap-2 outline-none" />
      </Toast.Region>
    </Portal>
  );
}
