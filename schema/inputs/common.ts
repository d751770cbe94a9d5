/** @module Input building blocks shared by every domain's schemas (and by the web forms). */
import * as v from 'valibot';

export const Email = v.pipe(
  v.string('Enter an e-mail address.'),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, 'E-mail is too long.'),
  v.email('Enter a valid e-mail address.'),
);

export const Name = (label: string, max = 120) =>
  v.pipe(
    v.string(`${label} is required.`),
    v.trim(),
    v.minLength(1, `${label} is required.`),
    v.maxLength(max, `${label} must be at most ${max} characters.`),
  );

/**
 * Ids in their one canonical form, as the API writes them: lower-case hex with hyphens. An
 * upper-case or braced UUID is refused (422 naming the field) everywhere, never looked up as-is.
 */
export const Uuid = v.pipe(
  v.string('Must be a valid id.'),
  v.regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'Must be a valid id.'),
  v.metadata({
    jsonSchema: {
      type: 'string',
      format: 'uuid',
      pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    },
  }),
);

export const IdParams = v.object({ id: Uuid });

/** `?cursor=&limit=` for every list: the cursor is the last id of the previous page. */
export const PageQuery = v.object({
  cursor: v.optional(Uuid),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,4}$/, 'limit must be a whole number.'),
      v.transform(Number),
      v.minValue(1, 'limit must be at least 1.'),
      v.maxValue(200, 'limit must be at most 200.'),
      // Written in the query as text; what it must hold is a whole number 1–200.
      v.metadata({ jsonSchema: { type: 'integer', minimum: 1, maximum: 200, default: 50 } }),
    ),
    '50',
  ),
});

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * A nested JSON object field. valibot's `object` and `record` accept arrays (`typeof [] ===
 * 'object'`), so `[1, 2]` would pass as `{}`; this refuses anything but a plain object under the
 * field's own name first, and only then checks the fields (a pipe, not an intersection, so the
 * inner schema may transform its values).
 */
export const JsonObject = <S extends v.GenericSchema<Record<string, unknown>>>(
  schema: S,
  label: string,
) =>
  v.pipe(
    v.custom<Record<string, unknown>>(
      (x) => typeof x === 'object' && x !== null && !Array.isArray(x),
      `${label} must be an object.`,
    ),
    schema,
  );

/**
 * A client's name for one write, so a retry does the write once. The same rule on every route
 * that takes one; a route that needs it answers 422 naming `headers.idempotency-key` without it.
 */
const IdempotencyKey = v.pipe(
  v.string('Send an Idempotency-Key header.'),
  v.minLength(1, 'Send an Idempotency-Key header.'),
  v.maxLength(200, 'The Idempotency-Key must be at most 200 characters.'),
  v.regex(/^[\x21-\x7e]+$/, 'The Idempotency-Key must be printable ASCII without spaces.'),
);

/** Request headers are read by their lower-case names. */
export const IdempotencyHeaders = v.object({ 'idempotency-key': IdempotencyKey });
export const OptionalIdempotencyHeaders = v.object({
  'idempotency-key': v.optional(IdempotencyKey),
});
