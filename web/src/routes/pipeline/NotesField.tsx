/**
 * A lead's notes as a textarea bound to the shared `Y.Text`: each input sends only the changed
 * span (so a colleague typing elsewhere in the note keeps their text), and their edits arrive
 * without moving this person's caret.
 */
import { onCleanup, onMount } from 'solid-js';
import * as Y from 'yjs';
import { leadsMap } from '../../../../domain/pipeline/board-doc.ts';
import { diffText, shiftThroughDelta, type TextDelta } from '../../lib/text-diff.ts';

const LOCAL = Symbol('notes-field');

export function NotesField(props: {
  doc: Y.Doc;
  leadId: string;
  label: string;
  readOnly: boolean;
}) {
  let area!: HTMLTextAreaElement;

  onMount(() => {
    const record = leadsMap(props.doc).get(props.leadId);
    const text = record?.get('notes');
    if (!(record instanceof Y.Map) || !(text instanceof Y.Text)) return;
    area.value = text.toString();

    const onRemote = (event: Y.YTextEvent, transaction: Y.Transaction) => {
      if (transaction.origin === LOCAL) return;
      const delta = event.delta as TextDelta;
      const { selectionStart, selectionEnd } = area;
      const focused = document.activeElement === area;
      area.value = text.toString();
      if (focused)
        area.setSelectionRange(
          shiftThroughDelta(selectionStart, delta),
          shiftThroughDelta(selectionEnd, delta),
        );
    };
    text.observe(onRemote);
    onCleanup(() => text.unobserve(onRemote));

    area.addEventListener('input', () => {
      const edit = diffText(text.toString(), area.value, area.selectionEnd);
      if (!edit) return;
      props.doc.transact(() => {
        if (edit.remove) text.delete(edit.index, edit.remove);
        if (edit.insert) text.insert(edit.index, edit.insert);
        record.set('updatedAt', new Date().toISOString());
      }, LOCAL);
    });
  });

  return (
    <label class="grid gap-1.5">
      <span class="label-text">{props.label}</span>
      <textarea
        ref={area}
        class="input min-h-32 h-auto py-2 leading-relaxed resize-y"
        readOnly={props.readOnly}
        data-testid="lead-notes"
      />
    </label>
  );
}
