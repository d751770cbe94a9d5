/**
 * What to tell a person when a request fails: a localized sentence for the whole error, and
 * per-field messages. The API answers in English; the messages it is known to send are shown in
 * the person's language, anything else as the server wrote it.
 */
import type { MessageKey } from '../i18n/index.ts';
import { ApiError } from './api.ts';
import { t } from './i18n.ts';

export type FieldErrors = Partial<Record<string, string>>;

/** Server messages we know, by pattern; the first capture group fills `{n}`. */
const KNOWN_MESSAGES: [RegExp, MessageKey][] = [
  [/^This field is required/, 'common.errorRequired'],
  [/^Use at least (\d+) characters/, 'auth.passwordTooShort'],
  [/too easy to guess/, 'auth.passwordTooWeak'],
  [/^Do not use your e-mail/, 'auth.passwordHasEmail'],
  [/^Already registered/, 'auth.emailTaken'],
  [/already exists\. Sign in instead/, 'auth.emailTaken'],
  [/^E-mail or password is incorrect/, 'auth.wrongCredentials'],
  [/^Already a member|already a member/, 'members.alreadyMember'],
  [/must keep at least one owner/, 'members.lastOwner'],
  [/Only an owner can/, 'members.onlyOwnerForOwners'],
  [/^Your role \((\w+)\) does not allow this/, 'common.errorRoleForbidden'],
  [/already been used/, 'invite.statusAccepted'],
  [/has been (revoked|expired)/, 'invite.gone'],
  [/^This invitation is for/, 'invite.wrongAccount'],
];

/** The message in the person's language; null if unknown, or if its dictionary is not loaded here. */
function knownMessage(message: string): string | null {
  for (const [pattern, key] of KNOWN_MESSAGES) {
    const match = pattern.exec(message);
    if (match) return t(key, { n: match[1] ?? '' }) || null;
  }
  return null;
}

export function describeError(err: unknown): string {
  if (!(err instanceof ApiError)) return t('common.errorUnexpected');
  const known = knownMessage(err.detail);
  if (known) return known;
  if (err.status === 0) return t('common.errorOffline');
  if (err.status === 401) return t('common.errorSessionEnded');
  if (err.status === 403) return t('common.errorForbidden');
  if (err.status === 404) return t('common.errorNotFound');
  if (err.status === 422 || err.status === 400) return t('common.errorInvalid');
  if (err.status === 429) return t('common.errorRateLimited');
  if (err.status >= 500) return t('common.errorServer');
  return err.detail || err.title;
}

export function fieldErrorsOf(err: unknown): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  return Object.fromEntries(
    Object.entries(err.fields).map(([path, message]) => [path, knownMessage(message) ?? message]),
  );
}
