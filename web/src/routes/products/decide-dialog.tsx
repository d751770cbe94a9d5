/**
 * Approving or rejecting a product by hand. When the person overrules the viability rules the API
 * wants a note saying why; the field says so before they submit.
 */
import { createSignal, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Field } from '../../components/Field.tsx';
import { Notice } from '../../components/Notice.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Product, productsApi } from '../../lib/ads-api.ts';
import { describeError, fieldErrorsOf } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';

export function DecideDialog(props: {
  product: Product;
  verdict: 'approve' | 'reject' | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const [note, setNote] = createSignal('');
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [noteError, setNoteError] = createSignal<string | undefined>();
  const overrules = () => {
    const rules = props.product.verdict && !props.product.decision ? props.product.status : null;
    return (
      !!rules &&
      rules !== 'scouted' &&
      rules !== (props.verdict === 'approve' ? 'qualified' : 'rejected')
    );
  };
  const submit = async () => {
    if (!props.verdict) return;
    setBusy(true);
    setError(null);
    setNoteError(undefined);
    try {
      const product = await productsApi.decide(
        props.product.id,
        props.verdict,
        note().trim() || undefined,
      );
      showToast({ title: t(`products.decided_${product.status}`, { title: product.title }) });
      setNote('');
      props.onClose();
      props.onDone();
    } catch (err) {
      const fields = fieldErrorsOf(err);
      if (fields.note) setNoteError(fields.note);
      else setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={props.verdict !== null}
      onOpenChange={(open) => !open && props.onClose()}
      title={
        props.verdict === 'approve'
          ? t('products.approveTitle', { title: props.product.title })
          : t('products.rejectTitle', { title: props.product.title })
      }
      description={overrules() ? t('products.overruleNote') : undefined}
    >
      <div class="grid gap-4">
        <Field
          label={overrules() ? t('products.noteRequired') : t('products.noteOptional')}
          name="note"
          rows={3}
          maxLength={500}
          value={note()}
          onInput={setNote}
          error={noteError()}
          required={overrules()}
        />
        <Show when={error()}>
          <Notice kind="error">{error()}</Notice>
        </Show>
        <div class="flex justify-end gap-2">
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
          <Button
            variant={props.verdict === 'reject' ? 'danger' : 'primary'}
            busy={busy()}
            onClick={submit}
          >
            {props.verdict === 'approve' ? t('common.approve') : t('common.reject')}
          </Button>
        </div>
      </div>
    </Dialog>
  );
}
