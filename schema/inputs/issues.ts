/**
 * @module A validation issue as a stable code with its parameters (`too_long` with `{max: 40}`),
 * the same on both sides: the API puts it beside its English message on each field error, and
 * the web shows it in the person's language, whether the issue was found in the browser or by
 * the server. Issues no code describes are `invalid`.
 */
import * as v from 'valibot';

export const ISSUE_CODES = [
  'required',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'too_small',
  'too_large',
  'not_whole',
  'not_number',
  'email',
  'url',
  'choose',
  'invalid',
] as const;
export type IssueCode = (typeof ISSUE_CODES)[number];

export interface CodedIssue {
  code: IssueCode;
  params?: Record<string, number>;
}

/** A field's problem as the API reports it: where, in English, and as a code for translation. */
export interface FieldIssue extends CodedIssue {
  path: string;
  message: string;
}

const isEmpty = (issue: v.BaseIssue<unknown>) =>
  issue.received === 'undefined' || issue.received === 'null' || issue.received === '""';

export function codeOfIssue(issue: v.BaseIssue<unknown>): CodedIssue {
  const requirement = typeof issue.requirement === 'number' ? issue.requirement : undefined;
  const list = Array.isArray(issue.input);
  if (isEmpty(issue)) return { code: 'required' };
  switch (issue.type) {
    case 'min_length':
    case 'non_empty':
      if (list) return { code: 'too_few', params: { min: requirement ?? 1 } };
      return (requirement ?? 1) <= 1
        ? { code: 'required' }
        : { code: 'too_short', params: { min: requirement! } };
    case 'max_length':
      return { code: list ? 'too_many' : 'too_long', params: { max: requirement ?? 0 } };
    case 'min_value':
      return { code: 'too_small', params: { min: requirement ?? 0 } };
    case 'max_value':
      return { code: 'too_large', params: { max: requirement ?? 0 } };
    case 'integer':
      return { code: 'not_whole' };
    case 'number':
      return { code: 'not_number' };
    case 'email':
      return { code: 'email' };
    case 'url':
      return { code: 'url' };
    case 'picklist':
    case 'enum':
      return { code: 'choose' };
    default:
      return { code: 'invalid' };
  }
}

/**
 * One valibot issue as the API's field error, its path under `prefix` (`query`, `params`).
 * valibot says "Invalid key: Expected "x" but received undefined" for a missing field; ours says
 * what to do.
 */
export function fieldIssueOf(issue: v.BaseIssue<unknown>, prefix = ''): FieldIssue {
  const path = v.getDotPath(issue) ?? '';
  const coded = codeOfIssue(issue);
  return {
    path: prefix ? (path ? `${prefix}.${path}` : prefix) : path,
    message: issue.received === 'undefined' ? 'This field is required.' : issue.message,
    ...coded,
  };
}

/** What each code says when a schema gives no words of its own (never valibot's English). */
export function messageOfIssue(issue: v.BaseIssue<unknown>): string {
  const { code, params } = codeOfIssue(issue);
  switch (code) {
    case 'required':
      return 'This field is required.';
    case 'too_short':
      return `At least ${params?.min} characters.`;
    case 'too_long':
      return `At most ${params?.max} characters.`;
    case 'too_few':
      return `At least ${params?.min} items.`;
    case 'too_many':
      return `At most ${params?.max} items.`;
    case 'too_small':
      return `At least ${params?.min}.`;
    case 'too_large':
      return `At most ${params?.max}.`;
    case 'not_whole':
      return 'A whole number.';
    case 'not_number':
      return 'A number.';
    case 'email':
      return 'A valid e-mail address.';
    case 'url':
      return 'A valid address (https://…).';
    case 'choose':
      return 'One of the listed choices.';
    default:
      return issue.kind === 'schema'
        ? `A value of the right type (${issue.expected}).`
        : 'Invalid.';
  }
}

// Control characters other than tab and line breaks, and halves of a UTF-16 pair on their own:
// they cannot be shown, searched or stored the same way twice.
const BAD_TEXT =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is this pattern's job.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Every string (and object key) in `value` holding control characters or broken Unicode. */
export function badTextIssues(value: unknown, prefix = ''): FieldIssue[] {
  const at = (key: string) => (prefix ? `${prefix}.${key}` : key);
  if (typeof value === 'string')
    return BAD_TEXT.test(value)
      ? [
          {
            path: prefix,
            message: 'Text may not hold control characters or broken Unicode.',
            code: 'invalid',
          },
        ]
      : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => badTextIssues(item, at(String(i))));
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([key, item]) => [
      ...badTextIssues(key, at(key)),
      ...badTextIssues(item, at(key)),
    ]);
  return [];
}
