/** Light, dark, or follow the system: a small menu in the top bar. */
import { t } from '../lib/i18n.ts';
import { isDark, setThemePreference, type ThemePreference, themePreference } from '../lib/theme.ts';
import { ChoiceMenu } from './ChoiceMenu.tsx';
import { Icon } from './Icon.tsx';

export function ThemeMenu() {
  return (
    <ChoiceMenu<ThemePreference>
      label={t('shell.theme')}
      testId="theme-menu"
      trigger={<Icon name={isDark() ? 'moon' : 'sun'} class="size-[18px]" />}
      choices={[
        { value: 'system', icon: 'monitor', label: t('shell.themeSystem') },
        { value: 'light', icon: 'sun', label: t('shell.themeLight') },
        { value: 'dark', icon: 'moon', label: t('shell.themeDark') },
      ]}
      value={themePreference()}
      onChange={setThemePreference}
    />
  );
}
