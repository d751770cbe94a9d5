/** English for ../pt-BR/invite.ts: exactly its keys. */
import type { Translation } from '../define.ts';
import type words from '../pt-BR/invite.ts';

export default {
  title: 'You are invited',
  invitedBy: '{name} invited {email} to join.',
  invitedAnonymous: '{email} was invited to join.',
  expires: 'The invitation is valid until {date}.',
  notFound: 'This invitation link is not valid. Check the address or ask for a new invitation.',
  statusAccepted: 'This invitation has already been used.',
  gone: 'This invitation has expired or was revoked. Ask whoever invited you for a new one.',
  wrongAccount: 'This invitation is for another e-mail. Sign in with the invited e-mail.',
  signedInAsOther: 'You are signed in as {email}, but the invitation is for {invited}.',
  switchAccount: 'Sign out and use another account',
  accept: 'Accept and join {org}',
  joined: 'You are now part of {org}!',
  tabNewAccount: 'I am new here',
  tabHaveAccount: 'I have an account',
  signUpAndAccept: 'Create account and accept',
  signInAndAccept: 'Sign in and accept',
  personalOrgName: '{name}’s space',
} satisfies Translation<typeof words>;
