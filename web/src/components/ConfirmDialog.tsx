/** "Are you sure?" for actions that cannot be undone (Kobalte AlertDialog); stays open while the action runs. */
// Named parts for the reason given in Dialog.tsx.
import * as AlertDialog from '@kobalte/core/alert-dialog';
import { createSignal, Show } from 'solid-js';
import { describeError } from '../lib/errors.ts';
import { t } from '../lib/i18n.ts';
import { Button } from './Button.tsx';
import { overlayClass, panelClass } from './Dialog.tsx';
import { Notice } from './Notice.tsx';

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description: string;
  confirmLabel: string;
  /** Resolves when done (the dialog closes); a thrown error is shown in the dialog. */
  onConfirm: () => Promise<unknown>;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onConfirm();
      props.onOpenChange(false);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <AlertDialog.Root
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setError(null);
        props.onOpenChange(open);
      }}
    >
      <AlertDialog.Portal>
        <AlertDialog.Overlay class={overlayClass} />
        <div class="fixed inset-0 z-50 grid place-items-center p-4">
          <AlertDialog.Content class={`${panelClass} max-w-md`}>
            <AlertDialog.Title class="text-lg font-semibold text-fg">
              {props.title}
            </AlertDialog.Title>
            <AlertDialog.Description class="mt-2 text-sm text-fg-muted">
              {props.description}
            </AlertDialog.Description>
            <Show when={error()}>
              <Notice kind="error" class="mt-4">
                {error()}
              </Notice>
            </Show>
            <div class="mt-6 flex justify-end gap-2">
              <AlertDialog.CloseButton class="btn-secondary">
                {t('common.cancel')}
              </AlertDialog.CloseButton>
              <Button variant="danger" busy={busy()} onClick={confirm}>
                {props.confirmLabel}
              </Button>
            </div>
          </AlertDialog.Content>
        </div>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
