/**
 * A top-bar menu that picks one of a few choices (theme, language); closes on choice. Inside a
 * dialog (the phone's menu) its list opens within the dialog, as SelectField's does, so the
 * dialog's modal hiding does not cover it.
 */
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For, type JSX, Show } from 'solid-js';
import { Icon, type IconName } from './Icon.tsx';

export interface Choice<T extends string> {
  value: T;
  label: string;
  icon?: IconName;
  lang?: string;
}

export function ChoiceMenu<T extends string>(props: {
  label: string;
  trigger: JSX.Element;
  triggerClass?: string;
  testId?: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  let trigger: HTMLButtonElement | undefined;
  return (
    <DropdownMenu gutter={6} placement="bottom-end">
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
