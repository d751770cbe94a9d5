/**
 * A labelled single choice from a short list (Kobalte Select), also submitted with its form.
 * Two accessibility fixes over Kobalte's defaults: the value goes to the form in a hidden input
 * (Kobalte's hidden native select keeps a focusable input inside an aria-hidden box), and inside
 * a dialog the list opens within the dialog, where the dialog's modal hiding cannot cover it.
 */
import { Select } from '@kobalte/core/select';
import { createMemo, createSignal, Show } from 'solid-js';
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

/** Kobalte's Select takes an empty key for "nothing chosen": the empty value gets a key of its own. */
const EMPTY_VALUE_KEY = '\u0000empty';
type KeyedOption = Option & { key: string };

export function SelectField(props: SelectFieldProps) {
  const options = createMemo(() =>
    props.options.map((o) => ({ ...o, key: o.value === '' ? EMPTY_VALUE_KEY : o.value })),
  );
  const find = (value: string | undefined) => options().find((o) => o.value === value);
  let root: HTMLDivElement | undefined;
  const [picked, setPicked] = createSignal(props.defaultValue);
  const current = () => (props.value === undefined ? picked() : props.value);
  return (
    <Select<KeyedOption>
      ref={root}
      class={`grid content-start gap-1.5 ${props.class ?? ''}`}
      options={options()}
      optionValue="key"
      optionTextValue="label"
      value={props.value === undefined ? undefined : (find(props.value) ?? null)}
      defaultValue={find(props.defaultValue)}
      onChange={(option) => {
        if (!option) return;
        setPicked(option.value);
        props.onChange?.(option.value);
      }}
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
      <Show when={props.name}>
        {(name) => (
          <input type="hidden" name={name()} value={current() ?? ''} disabled={props.disabled} />
        )}
      </Show>
      <Select.Label class={props.hideLabel ? 'sr-only' : 'label-text'}>{props.label}</Select.Label>
      <Select.Trigger
        class={`input flex items-center justify-between gap-2 text-left cursor-pointer ${props.size === 'sm' ? 'h-8 text-[13px]' : ''}`}
      >
        <Select.Value<KeyedOption> class="truncate">
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
      {/* Opened inside a dialog, the list lives in it: a list outside is hidden with the page. */}
      <Select.Portal mount={root?.closest('[role="dialog"]') ?? undefined}>
        {/* As wide as the field (long options wrap), never wider than the screen. */}
        <Select.Content class="menu-content max-h-72 w-[var(--kb-popper-anchor-width)] overflow-auto">
          <Select.Listbox class="outline-none" />
        </Select.Content>
      </Select.Portal>
    </Select>
  );
}
