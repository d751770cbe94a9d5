/** Light, dark, or follow the system: a small menu in the top bar. */
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For } from 'solid-js';
import { t } from '../lib/i18n.ts';
import { isDark, setThemePreference, type ThemePreference, themePreference } from '../lib/theme.ts';
import { Icon } from './Icon.tsx';

const CHOICES = [
  { value: 'system', icon: 'monitor', label: 'shell.themeSystem' },
  { value: 'light', icon: 'sun', label: 'shell.themeLight' },
  { value: 'dark', icon: 'moon', label: 'shell.themeDark' },
] as const;

export function ThemeMenu() {
  return (
    <DropdownMenu gutter={6} placement="bottom-end">
      <DropdownMenu.Trigger class="icon-btn" aria-label={t('shell.theme')} data-testid="theme-menu">
        <Icon name={isDark() ? 'moon' : 'sun'} class="size-[18px]" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu-content">
          <DropdownMenu.RadioGroup
            value={themePreference()}
            onChange={(value) => setThemePreference(value as ThemePreference)}
          >
            <For each={CHOICES}>
              {(choice) => (
                <DropdownMenu.RadioItem value={choice.value} class="menu-item" closeOnSelect>
                  <Icon name={choice.icon} />
                  <span class="grow">{t(choice.label)}</span>
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
