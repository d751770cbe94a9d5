/** A labelled text input with its help text and error (Kobalte wires the ARIA between them). */
import { TextField } from '@kobalte/core/text-field';
import { type JSX, Show } from 'solid-js';

export interface FieldProps {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'password' | 'search' | 'url';
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
      <TextField.Input
        class="input"
        type={props.type ?? 'text'}
        placeholder={props.placeholder}
        autocomplete={props.autocomplete}
        autofocus={props.autofocus}
      />
      <Show when={props.description && !props.error}>
        <TextField.Description class="help-text">{props.description}</TextField.Description>
      </Show>
      <TextField.ErrorMessage class="error-text">{props.error}</TextField.ErrorMessage>
    </TextField>
  );
}
