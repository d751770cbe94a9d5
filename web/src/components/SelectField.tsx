/** A labelled single choice from a short list (Kobalte Select), also submitted with its form. */
import { Select } from '@kobalte/core/select';
import { Show } from 'solid-js';
import { Icon } from './Icon.tsx';

export interface Option {
  value: string;
  label: string;
  description?: string;
}

export interface SelectFieldProps {
  label: string;
  /** Hide the label visually (still read by screen readers), e.g. inside a table row. */
  hideLabel?: boolean;
  name?: string;
  options: Option[];
  value?: string;
  defaultValue?: string;
  onChange?: (value: string) => void;
  error?: string;
  description?: string;
  disabled?: boolean;
  placeholder?: string;
  size?: 'sm' | 'md';
  class?: string;
}

export function SelectField(props: SelectFieldProps) {
  const find = (value: string | undefined) => props.options.find((o) => o.value === value);
  return (
    <Select<Option>
      class={`grid content-start gap-1.5 ${props.class ?? ''}`}
      name={props.name}
      options={props.options}
      optionValue="value"
      optionTextValue="label"
      value={props.value === undefined ? undefined : (find(props.value) ?? null)}
      defaultValue={find(props.defaultValue)}
      onChange={(option) => option && props.onChange?.(option.value)}
      validationState={props.error ? 'invalid' : 'valid'}
      disabled={props.disabled}
      placeholder={props.placeholder}
      disallowEmptySelection
      gutter={6}
      itemComponent={(item) => (
        <Select.Item item={item.item} class="menu-item justify-between">
          <div class="grid">
            <Select.ItemLabel>{item.item.rawValue.label}</Select.ItemLabel>
            <Show when={item.item.rawValue.description}>
              <Select.ItemDescription class="help-text">
                {item.item.rawValue.description}
              </Select.ItemDescription>
            </Show>
          </div>
          <Select.ItemIndicator>
            <Icon name="check" class="size-4 text-brand" />
          </Select.ItemIndicator>
        </Select.Item>
      )}
    >
      <Select.HiddenSelect />
      <Select.Label class={props.hideLabel ? 'sr-only' : 'label-text'}>{props.label}</Select.Label>
      <Select.Trigger
        class={`input flex items-center justify-between gap-2 text-left cursor-pointer ${props.size === 'sm' ? 'h-8 text-[13px]' : ''}`}
      >
        <Select.Value<Option> class="truncate">
          {(state) => state.selectedOption()?.label}
        </Select.Value>
        <Select.Icon>
          <Icon name="chevronDown" class="size-4 text-fg-muted" />
        </Select.Icon>
      </Select.Trigger>
      <Show when={props.description && !props.error}>
        <Select.Description class="help-text">{props.description}</Select.Description>
      </Show>
      <Select.ErrorMessage class="error-text">{props.error}</Select.ErrorMessage>
      <Select.Portal>
        <Select.Content class="menu-content max-h-72 overflow-auto">
          <Select.Listbox class="outline-none" />
        </Select.Content>
      </Select.Portal>
    </Select>
  );
}
