/**
 * What to tell a person when a request fails: a localized sentence for the whole error, and
 * per-field messages. The API answers in English with a code on each field problem
 * (schema/inputs/issues.ts); the code is shown in the person's language, and the few messages
 * without a code that it is known to send are recognized by pattern.
 */
import type { CodedIssue, IssueCode } from '../../../schema/inputs/issues.ts';
import type { MessageKey } from '../i18n/index.ts';
import { ApiError, type FieldError } from './api.ts';
import { t, tp } from './i18n.ts';

export type FieldErrors = Partial<Record<string, string>>;

type Params = Record<string, string | number>;
const count = (params: Params | undefined, name: string) => Number(params?.[name] ?? 0);

const ISSUE_TEXT: Record<IssueCode, (params?: Params) => string> = {
  required: () => t('common.errorRequired'),
  too_short: (p) => tp('common.errorMinLength', count(p, 'min')),
  too_long: (p) => tp('common.errorMaxLength', count(p, 'max')),
  too_few: (p) => tp('common.errorTooFew', count(p, 'min')),
  too_many: (p) => tp('common.errorTooMany', count(p, 'max')),
  too_small: (p) => t('common.errorTooSmall', { min: count(p, 'min') }),
  too_large: (p) => t('common.errorTooLarge', { max: count(p, 'max') }),
  not_whole: () => t('common.errorWhole'),
  not_number: () => t('common.errorNumber'),
  email: () => t('common.errorEmail'),
  url: () => t('common.errorUrl'),
  choose: () => t('common.errorChoose'),
  invalid: () => t('common.errorInvalid'),
};

/** A validation issue's code in the person's words. */
export const describeIssue = (issue: CodedIssue): string => ISSUE_TEXT[issue.code](issue.params);

/**
 * Words a page has for one of its own fields or codes, keyed `field:code` (the field is the
 * path's last name: `adSets`, `ageMax`) or by the code alone (a service's own, e.g.
 * `https_required`); the rest fall back to the common words.
 */
export type FieldWords = Partial<Record<string, (params: Params) => string>>;

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

/** One field problem in the person's words: the page's own, its code's, or a known message. */
export function describeFieldError(error: FieldError, words: FieldWords = {}): string {
  const field = error.path.split('.').findLast((part) => !/^\d+$/.test(part)) ?? '';
  const own = words[`${field}:${error.code}`] ?? (error.code ? words[error.code] : undefined);
  if (own) return own(error.params ?? {});
  if (error.code && error.code in ISSUE_TEXT)
    return describeIssue(error as CodedIssue & { code: IssueCode });
  return knownMessage(error.message) ?? error.message;
}

/** Field path → what to tell the person about it (the first problem of each field). */
export function fieldErrorsOf(err: unknown, words: FieldWords = {}): FieldErrors {
  if (!(err instanceof ApiError)) return {};
  const fields: FieldErrors = {};
  for (const error of err.errors) fields[error.path] ??= describeFieldError(error, words);
  return fields;
}
