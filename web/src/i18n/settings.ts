/** Organization settings. */
import { defineMessages } from './define.ts';

export default defineMessages({
  'pt-BR': {
    title: 'Configurações',
    description: 'Nome, fuso horário, idioma e moeda da organização.',
    readOnly: 'Somente proprietários e administradores podem alterar as configurações.',
    orgName: 'Nome da organização',
    timeZone: 'Fuso horário',
    timeZoneHint: 'Relatórios e agendamentos usam este fuso.',
    locale: 'Idioma padrão',
    localeHint: 'Idioma de relatórios e mensagens enviadas pela organização.',
    currency: 'Moeda',
    currency_BRL: 'Real brasileiro (R$)',
    currency_USD: 'Dólar americano (US$)',
    currency_EUR: 'Euro (€)',
    saved: 'Configurações salvas.',
    nothingChanged: 'Nada para salvar: nenhum campo mudou.',
    meta: 'Endereço: {slug} · Plano: {plan} · Criada em {date}',
  },
  en: {
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
  },
});
