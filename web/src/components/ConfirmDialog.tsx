/** "Are you sure?" for actions that cannot be undone (an `alertdialog` Modal); stays open while the action runs. */
// Named parts for the reason given in Dialog.tsx.
import * as KDialog from '@kobalte/core/dialog';
import { createSignal, Show } from 'solid-js';
import { describeError } from '../lib/errors.ts';
import { t } from '../lib/i18n.ts';
import { Button } from './Button.tsx';
import { Modal } from './Dialog.tsx';
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
    <Modal
      open={props.open}
      onOpenChange={(open) => {
        if (!open) setError(null);
        props.onOpenChange(open);
      }}
      role="alertdialog"
      class="max-w-md"
    >
      <KDialog.Title class="text-lg font-semibold text-fg">{props.title}</KDialog.Title>
      <KDialog.Description class="mt-2 text-sm text-fg-muted">
        {props.description}
      </KDialog.Description>
      <Show when={error()}>
        <Notice kind="error" class="mt-4">
          {error()}
        </Notice>
      </Show>
      <div class="mt-6 flex justify-end gap-2">
        {/* Kobalte names a close button "Dismiss" unless told otherwise: it is named by its text. */}
        <KDialog.CloseButton class="btn-secondary" aria-label={t('common.cancel')}>
          {t('common.cancel')}
        </KDialog.CloseButton>
        <Button variant="danger" busy={busy()} onClick={confirm}>
          {props.confirmLabel}
        </Button>
      </div>
    </Modal>
  );
}
