/** A labelled text input (or text area) with its help text and error (Kobalte wires the ARIA between them). */
import { TextField } from '@kobalte/core/text-field';
import { type JSX, Show } from 'solid-js';

export interface FieldProps {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url' | 'number' | 'date';
  /** A text area of this many rows instead of a one-line input. */
  rows?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  value?: string;
  defaultValue?: string;
  onInput?: (value: string) => void;
  placeholder?: string;
  description?: string;
  error?: string;
  autocomplete?: string;
  required?: boolean;
  disabled?: boolean;
  readOnly?: boolean;
  autofocus?: boolean;
  /** Shown right of the label, e.g. a "forgot password?" link. */
  aside?: JSX.Element;
  class?: string;
}

export function Field(props: FieldProps) {
  return (
    <TextField
      class={`grid content-start gap-1.5 ${props.class ?? ''}`}
      name={props.name}
      value={props.value}
      defaultValue={props.defaultValue}
      onChange={props.onInput}
      validationState={props.error ? 'invalid' : 'valid'}
      required={props.required}
      disabled={props.disabled}
      readOnly={props.readOnly}
    >
      <div class="flex items-center justify-between gap-2">
        <TextField.Label class="label-text">{props.label}</TextField.Label>
        {props.aside}
      </div>
      <Show
        when={props.rows}
        fallback={
          <TextField.Input
            class="input"
            type={props.type ?? 'text'}
            placeholder={props.placeholder}
            autocomplete={props.autocomplete}
            autofocus={props.autofocus}
            maxLength={props.maxLength}
            min={props.min}
            max={props.max}
          />
        }
      >
        <TextField.TextArea
          class="input h-auto min-h-20 py-2 leading-relaxed"
          rows={props.rows}
          placeholder={props.placeholder}
          autofocus={props.autofocus}
          maxLength={props.maxLength}
        />
      </Show>
      <Show when={props.description && !props.error}>
        <TextField.Description class="help-text">{props.description}</TextField.Description>
      </Show>
      <TextField.ErrorMessage class="error-text">{props.error}</TextField.ErrorMessage>
    </TextField>
  );
}
