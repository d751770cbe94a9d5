/** English for ../pt-BR/settings.ts: exactly its keys. */
import type { Translation } from '../define.ts';
import type words from '../pt-BR/settings.ts';

export default {
  title: 'Settings',
  description: 'The organization’s name, time zone, language and currency.',
  readOnly: 'Only owners and admins can change the settings.',
  orgName: 'Organization name',
  timeZone: 'Time zone',
  timeZoneHint: 'Reports and schedules use this time zone.',
  locale: 'Default language',
  localeHint: 'Language of reports and messages the organization sends.',
  currency: 'Currency',
  currency_BRL: 'Brazilian real (R$)',
  currency_USD: 'US dollar (US$)',
  currency_EUR: 'Euro (€)',
  saved: 'Settings saved.',
  nothingChanged: 'Nothing to save: no field changed.',
  meta: 'Handle: {slug} · Plan: {plan} · Created {date}',
} satisfies Translation<typeof words>;
