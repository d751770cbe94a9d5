/**
 * The drawer's "add a note to the timeline" form: unlike the shared notes field, each note is a
 * dated entry with its author. Ctrl/Cmd+Enter adds it; the 10,000-character limit is counted as
 * the person types, and a note over it cannot be sent.
 */
import { createSignal, Show } from 'solid-js';
import { NoteInput } from '../../../../schema/inputs/pipeline.ts';
import { Button } from '../../components/Button.tsx';
import { showToast } from '../../components/Toast.tsx';
import { call, client } from '../../lib/api.ts';
import { createForm } from '../../lib/forms.ts';
import { formatNumber, t } from '../../lib/i18n.ts';
import { NOTE_MAX_CHARS, noteLength, type TimelineEvent } from './lead-insights.ts';

export function NoteComposer(props: {
  leadId: string;
  /** Viewers see the form greyed out: the timeline is not theirs to write. */
  disabled: boolean;
  onAdded: (event: TimelineEvent) => void;
}) {
  const [text, setText] = createSignal('');
  const size = () => noteLength(text());
  const form = createForm(NoteInput, async (input) => {
    const event = await call(
      client.POST('/api/v1/leads/{id}/notes', {
        params: { path: { id: props.leadId } },
        body: input,
      }),
    );
    setText('');
    props.onAdded(event);
    showToast({ kind: 'success', title: t('pipeline.noteAdded') });
  });
  const send = () => {
    if (props.disabled || size().empty || size().over > 0 || form.busy()) return;
    void form.submit({ text: text() });
  };

  return (
    <form
      class="grid gap-1.5"
      data-testid="note-composer"
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
    >
      <label class="grid gap-1.5">
        <span class="label-text">{t('pipeline.noteLabel')}</span>
        <textarea
          disabled={props.disabled}
          name="text"
          class="input min-h-20 h-auto py-2 leading-relaxed resize-y"
          placeholder={t('pipeline.notePlaceholder')}
          aria-describedby="note-composer-help"
          aria-invalid={size().over > 0 || !!form.error('text') || undefined}
          value={text()}
          onInput={(event) => setText(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
              event.preventDefault();
              send();
            }
          }}
        />
      </label>
      <div id="note-composer-help" class="flex flex-wrap items-start gap-x-3 gap-y-1 text-xs">
        <Show
          when={size().over > 0}
          fallback={
            <Show when={form.error('text') ?? form.formError()}>
              {(message) => (
                <span class="error-text" role="alert">
                  {message()}
                </span>
              )}
            </Show>
          }
        >
          <span class="error-text" role="alert" data-testid="note-too-long">
            {t('pipeline.noteTooLong', {
              over: formatNumber(size().over),
              max: formatNumber(NOTE_MAX_CHARS),
            })}
          </span>
        </Show>
        <span class="grow text-fg-muted">
          {props.disabled ? t('pipeline.readOnly') : t('pipeline.noteHint')}
        </span>
        <span
          class={`tabular-nums ${size().over > 0 ? 'text-danger' : 'text-fg-muted'}`}
          data-testid="note-count"
        >
          {t('pipeline.noteCount', {
            length: formatNumber(size().length),
            max: formatNumber(NOTE_MAX_CHARS),
          })}
        </span>
      </div>
      <div class="flex justify-end">
        <Button
          type="submit"
          size="sm"
          icon="plus"
          busy={form.busy()}
          disabled={props.disabled || size().empty || size().over > 0}
        >
          {t('pipeline.noteSubmit')}
        </Button>
      </div>
    </form>
  );
}
