/**
 * Connecting a form on the agency's site to the board: creates the board's capture secret (shown
 * once; a new one retires the old) and shows a ready HTML form that posts leads straight onto the
 * board. Field names follow what the capture endpoint reads (nome, email, telefone), plus the
 * `_gotcha` honeypot that keeps bots out.
 */
import { createSignal, Show } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Notice } from '../../components/Notice.tsx';
import { call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';

/** The HTML to paste on a site: a plain form, no script. */
export function captureFormHtml(actionUrl: string, secret: string): string {
  return [
    `<form action="${actionUrl}" method="post">`,
    `  <input type="hidden" name="secret" value="${secret}">`,
    '  <label>Nome <input name="nome" required></label>',
    '  <label>E-mail <input name="email" type="email"></label>',
    '  <label>WhatsApp <input name="telefone" type="tel"></label>',
    '  <input name="_gotcha" tabindex="-1" autocomplete="off" style="display:none">',
    '  <button type="submit">Quero ser atendido</button>',
    '</form>',
  ].join('\n');
}

export function ConnectFormDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  boardId: string;
}) {
  const [html, setHtml] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);

  const generate = async () => {
    setBusy(true);
    setError(null);
    try {
      const { secret, endpoint } = await call(
        client.POST('/api/v1/boards/{id}/capture-secret', {
          params: { path: { id: props.boardId } },
        }),
      );
      setHtml(captureFormHtml(`${location.origin}${endpoint}`, secret));
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        // The secret is shown once: closing forgets it.
        if (!open) setHtml(null);
        props.onOpenChange(open);
      }}
      title={t('pipeline.connectFormTitle')}
      description={t('pipeline.connectFormBody')}
      size="lg"
    >
      <div class="grid gap-4">
        <Show
          when={html()}
          fallback={
            <>
              <Notice kind="info">{t('pipeline.connectFormRotates')}</Notice>
              <div class="flex justify-end">
                <Button variant="primary" busy={busy()} onClick={generate}>
                  {t('pipeline.connectFormGenerate')}
                </Button>
              </div>
            </>
          }
        >
          {(code) => (
            <>
              <p class="text-sm text-fg-muted">{t('pipeline.connectFormPaste')}</p>
              <pre
                class="max-h-64 overflow-auto rounded-lg bg-surface-muted p-3 text-xs"
                data-testid="capture-form-html"
              >
                {code()}
              </pre>
              <div class="flex justify-end">
                <CopyButton text={code()} variant="primary" />
              </div>
            </>
          )}
        </Show>
        <Show when={error()}>
          <Notice kind="error">{error()}</Notice>
        </Show>
      </div>
    </Dialog>
  );
}
