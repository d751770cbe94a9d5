/** Organization settings. */
import type { Messages } from '../define.ts';

export default {
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
} satisfies Messages;
