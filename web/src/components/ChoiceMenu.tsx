/**
 * A top-bar menu that picks one of a few choices (theme, language); closes on choice. The menu's
 * code (Kobalte's DropdownMenu, with its positioning) is fetched when a menu is first used: until
 * then a plain button of the same look stands in, so the sign-in page does not load it to show two
 * buttons. Pointing at or focusing the button starts the fetch; pressing it opens the menu once in.
 */
import { createSignal, type JSX, Show } from 'solid-js';
import type { ChoiceDropdown } from './ChoiceDropdown.tsx';
import type { IconName } from './Icon.tsx';

export interface Choice<T extends string> {
  value: T;
  label: string;
  icon?: IconName;
  lang?: string;
}

export interface ChoiceMenuProps<T extends string> {
  label: string;
  trigger: JSX.Element;
  triggerClass?: string;
  testId?: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
}

const [dropdown, setDropdown] = createSignal<typeof ChoiceDropdown>();
let fetching: Promise<void> | undefined;
const fetchDropdown = () => {
  fetching ??= import('./ChoiceDropdown.tsx').then(
    (module) => void setDropdown(() => module.ChoiceDropdown),
    () => {
      fetching = undefined; // Offline before it was cached: the next press tries again.
    },
  );
  return fetching;
};

export function ChoiceMenu<T extends string>(props: ChoiceMenuProps<T>) {
  // Pressed before the menu's code was in: it opens as soon as it arrives.
  const [pressed, setPressed] = createSignal(false);
  const press = () => {
    setPressed(true);
    void fetchDropdown();
  };
  return (
    <Show
      when={dropdown()}
      fallback={
        <button
          type="button"
          class={`icon-btn ${props.triggerClass ?? ''}`}
          aria-label={props.label}
          aria-haspopup="menu"
          aria-expanded="false"
          data-testid={props.testId}
          onPointerEnter={fetchDropdown}
          onFocus={fetchDropdown}
          onClick={press}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              press();
            }
          }}
        >
          {props.trigger}
        </button>
      }
    >
      {(dropdown) => {
        const Dropdown = dropdown();
        return <Dropdown {...props} open={pressed()} />;
      }}
    </Show>
  );
}
