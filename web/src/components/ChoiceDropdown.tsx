/**
 * ChoiceMenu's menu itself (Kobalte's DropdownMenu), in its own chunk: see ChoiceMenu.tsx. Inside
 * a dialog (the phone's menu) its list opens within the dialog, as SelectField's does, so the
 * dialog's modal hiding does not cover it.
 */
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, Show } from 'solid-js';
import type { ChoiceMenuProps } from './ChoiceMenu.tsx';
import { Icon } from './Icon.tsx';

export function ChoiceDropdown<T extends string>(props: ChoiceMenuProps<T> & { open: boolean }) {
  let trigger: HTMLButtonElement | undefined;
  return (
    <DropdownMenu gutter={6} placement="bottom-end" defaultOpen={props.open}>
      <DropdownMenu.Trigger
        ref={trigger}
        class={`icon-btn ${props.triggerClass ?? ''}`}
        aria-label={props.label}
        data-testid={props.testId}
      >
        {props.trigger}
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal mount={trigger?.closest('[role="dialog"]') ?? undefined}>
        <DropdownMenu.Content class="menu-content">
          <DropdownMenu.RadioGroup
            value={props.value}
            onChange={(value) => props.onChange(value as T)}
          >
            <For each={props.choices}>
              {(choice) => (
                <DropdownMenu.RadioItem value={choice.value} class="menu-item" closeOnSelect>
                  <Show when={choice.icon}>{(icon) => <Icon name={icon()} />}</Show>
                  <span class="grow" lang={choice.lang}>
                    {choice.label}
                  </span>
                  <DropdownMenu.ItemIndicator>
                    <Icon name="check" class="size-4 text-brand" />
                  </DropdownMenu.ItemIndicator>
                </DropdownMenu.RadioItem>
              )}
            </For>
          </DropdownMenu.RadioGroup>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu>
  );
}
