/** Português or English, switched at once and remembered on this device. */
import { DropdownMenu } from '@kobalte/core/dropdown-menu';
import { For } from 'solid-js';
import type { Locale } from '../i18n/index.ts';
import { locale, setLocale, t } from '../lib/i18n.ts';
import { Icon } from './Icon.tsx';

/** Each language named in itself, so anyone can find their own. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  'pt-BR': 'Português (Brasil)',
  en: 'English',
};

export function LocaleMenu() {
  return (
    <DropdownMenu gutter={6} placement="bottom-end">
      <DropdownMenu.Trigger
        class="icon-btn w-auto gap-1.5 px-2 text-xs font-semibold"
        aria-label={t('shell.language')}
        data-testid="locale-menu"
      >
        <Icon name="languages" class="size-[18px]" />
        <span aria-hidden="true">{locale() === 'en' ? 'EN' : 'PT'}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content class="menu-content">
          <DropdownMenu.RadioGroup
            value={locale()}
            onChange={(value) => setLocale(value as Locale)}
          >
            <For each={Object.entries(LANGUAGE_NAMES)}>
              {([value, name]) => (
                <DropdownMenu.RadioItem value={value} class="menu-item" closeOnSelect>
                  <span class="grow" lang={value}>
                    {name}
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
