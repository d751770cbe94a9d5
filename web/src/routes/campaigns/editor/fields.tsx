/** The editor's inputs bound to the shared draft, each showing the publish check's message for it. */
import { type JSX, Show } from 'solid-js';

/** The publish check's messages by field path (`adSets.0.ads.1.headline`). */
export type Errors = Record<string, string | undefined>;

/** A labelled input bound to a shared value; `error` is the publish check's message for it. */
export function Input(props: {
  label: string;
  value: string;
  error?: string;
  onCommit: (value: string) => void;
  /** Commit on each keystroke (text) or when the field is left (numbers, money). */
  live?: boolean;
  disabled?: boolean;
  type?: string;
  inputMode?: 'numeric' | 'decimal' | 'text' | 'url';
  class?: string;
  hint?: JSX.Element;
  testId?: string;
}) {
  return (
    <label class={`grid content-start gap-1.5 ${props.class ?? ''}`}>
      <span class="label-text">{props.label}</span>
      <input
        class="input"
        type={props.type ?? 'text'}
        inputMode={props.inputMode}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        data-testid={props.testId}
        onInput={(e) => props.live && props.onCommit(e.currentTarget.value)}
        onChange={(e) => !props.live && props.onCommit(e.currentTarget.value)}
      />
      <Show when={props.hint}>
        <span class="help-text">{props.hint}</span>
      </Show>
      <Show when={props.error}>
        <span class="error-text" role="alert">
          {props.error}
        </span>
      </Show>
    </label>
  );
}

/** Headline and body are shared texts: only the changed span is sent (see text-diff.ts). */
export function SharedText(props: {
  label: string;
  value: string;
  rows?: number;
  maxLength: number;
  error?: string;
  disabled?: boolean;
  onEdit: (value: string, cursor: number) => void;
}) {
  return (
    <label class="grid content-start gap-1.5">
      <span class="label-text">
        {props.label}{' '}
        <span class="text-fg-muted font-normal">
          {props.value.length}/{props.maxLength}
        </span>
      </span>
      <textarea
        class="input h-auto py-2"
        rows={props.rows ?? 1}
        maxLength={props.maxLength}
        value={props.value}
        disabled={props.disabled}
        aria-invalid={props.error ? true : undefined}
        onInput={(e) =>
          props.onEdit(e.currentTarget.value, e.currentTarget.selectionStart ?? undefined!)
        }
      />
      <Show when={props.error}>
        <span class="error-text" role="alert">
          {props.error}
        </span>
      </Show>
    </label>
  );
}
