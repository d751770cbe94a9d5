/** The accept-invitation page. */
import type { Messages } from '../define.ts';

export default {
  title: 'Você foi convidado',
  invitedBy: '{name} convidou {email} para participar.',
  invitedAnonymous: '{email} foi convidado para participar.',
  expires: 'O convite vale até {date}.',
  notFound: 'Este link de convite não é válido. Confira o endereço ou peça um novo convite.',
  statusAccepted: 'Este convite já foi usado.',
  gone: 'Este convite expirou ou foi revogado. Peça um novo a quem convidou você.',
  wrongAccount: 'Este convite é para outro e-mail. Entre com o e-mail convidado.',
  signedInAsOther: 'Você entrou como {email}, mas o convite é para {invited}.',
  switchAccount: 'Sair e usar outra conta',
  accept: 'Aceitar e entrar em {org}',
  joined: 'Você agora faz parte de {org}!',
  tabNewAccount: 'Sou novo aqui',
  tabHaveAccount: 'Já tenho conta',
  signUpAndAccept: 'Criar conta e aceitar',
  signInAndAccept: 'Entrar e aceitar',
  personalOrgName: 'Espaço de {name}',
} satisfies Messages;
