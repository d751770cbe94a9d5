/**
 * @module Web-form capture: a board's secret (shown once, stored as SHA-256), and a submitted
 * form read into a lead candidate. Field names are matched the way CSV headers are ("nome",
 * "telefone", "E-mail"…), so an existing HTML form usually posts here unchanged; other fields
 * become custom fields, `utm_source` fills an empty source, and `_`-prefixed fields are controls.
 */
import { randomToken, sha256Hex } from '../../domain/ids.ts';
import {
  type ColumnTarget,
  type LeadCandidate,
  readImportRow,
  suggestMapping,
} from '../../domain/pipeline/import-rows.ts';
import type { FieldError } from '../../platform/problem.ts';

export const CAPTURE_SECRET_PREFIX = 'cap_';

export async function mintCaptureSecret(): Promise<{ secret: string; hash: string }> {
  const secret = `${CAPTURE_SECRET_PREFIX}${randomToken(24)}`;
  return { secret, hash: await sha256Hex(secret) };
}

/** Constant-time comparison of the presented secret's hash with the stored one. */
export async function captureSecretMatches(presented: string, storedHash: string | null) {
  if (!storedHash || !presented) return false;
  const hash = await sha256Hex(presented);
  if (hash.length !== storedHash.length) return false;
  let diff = 0;
  for (let i = 0; i < hash.length; i++) diff |= hash.charCodeAt(i) ^ storedHash.charCodeAt(i);
  return diff === 0;
}

/** Fields that steer the capture itself and are never stored on the lead. */
const CONTROL_FIELDS = new Set(['secret']);
const MAX_CUSTOM_FIELDS = 30;

export type CaptureForm = Record<string, string>;

/** A JSON body or form fields as plain text values; nested JSON and arrays are refused. */
export function captureFormOf(body: unknown): { form: CaptureForm; errors: FieldError[] } {
  const form: CaptureForm = {};
  const errors: FieldError[] = [];
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return { form, errors: [{ path: '', message: 'Send the form fields as an object.' }] };
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'string') form[key] = value;
    else if (typeof value === 'number' || typeof value === 'boolean') form[key] = String(value);
    else if (Array.isArray(value) && value.every((x) => typeof x === 'string'))
      form[key] = value.join(', ');
    else errors.push({ path: key, message: 'A form field is text, a number or true/false.' });
  }
  return { form, errors };
}

export type CaptureResult =
  | { ok: true; lead: LeadCandidate; spam: boolean; redirect: string | null }
  | { ok: false; errors: FieldError[] };

/** A submitted form as a lead candidate, or the fields at fault. */
export function readCaptureForm(form: CaptureForm): CaptureResult {
  const redirect = form._redirect?.trim() || null;
  if (redirect && !/^https?:\/\/[^\s]+$/i.test(redirect))
    return { ok: false, errors: [{ path: '_redirect', message: 'Use an http(s) address.' }] };
  const keys = Object.keys(form).filter((k) => !k.startsWith('_') && !CONTROL_FIELDS.has(k));
  // Forms cannot pick the owner: assignment does, or a seller later.
  const mapping = suggestMapping(keys).map(
    (target): ColumnTarget => (target === 'owner' ? 'ignore' : target),
  );
  const custom = mapping.filter((t) => t.startsWith('custom:'));
  if (custom.length > MAX_CUSTOM_FIELDS)
    return {
      ok: false,
      errors: [{ path: '', message: `At most ${MAX_CUSTOM_FIELDS} extra fields.` }],
    };
  const utmSource = form.utm_source?.trim();
  const result = readImportRow(
    keys.map((k) => form[k]!),
    {
      headers: keys,
      mapping,
      stagesByName: new Map(),
      membersByEmail: new Map(),
      defaultSource: utmSource ? utmSource.slice(0, 60) : 'web form',
    },
  );
  if (!result.ok)
    return {
      ok: false,
      errors: result.problems.map((p) => ({
        path: p.column || 'name',
        message: p.message,
      })),
    };
  // A filled honeypot (`_gotcha`, hidden from people) means a bot: answer as usual, keep nothing.
  return { ok: true, lead: result.lead, spam: !!form._gotcha?.trim(), redirect };
}
