/** Português or English, switched at once and remembered on this device. */
import { LOCALES, type Locale, locale, setLocale, t } from '../lib/i18n.ts';
import { ChoiceMenu } from './ChoiceMenu.tsx';
import { Icon } from './Icon.tsx';

/** Each language named in itself, so anyone can find their own. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  'pt-BR': 'Português (Brasil)',
  en: 'English',
};

export function LocaleMenu() {
  const shortName = () => (locale() === 'en' ? 'EN' : 'PT');
  return (
    <ChoiceMenu<Locale>
      // Starts with what the button shows ("PT"), so voice control finds it by that word too.
      label={`${shortName()} · ${t('shell.language')}`}
      testId="locale-menu"
      triggerClass="w-auto gap-1.5 px-2 text-xs font-semibold"
      trigger={
        <>
          <Icon name="languages" class="size-[18px]" />
          <span aria-hidden="true">{shortName()}</span>
        </>
      }
      choices={LOCALES.map((value) => ({ value, label: LANGUAGE_NAMES[value], lang: value }))}
      value={locale()}
      onChange={setLocale}
    />
  );
}
