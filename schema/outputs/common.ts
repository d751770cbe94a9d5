/**
 * @module Building blocks of the API's answers. Answers are strict objects: a field the schema
 * does not name fails the contract test, so the document lists every field a client receives.
 */
import * as v from 'valibot';

export const Id = v.pipe(v.string(), v.uuid());
/** An instant as JSON carries a `Date`: ISO 8601 in UTC. */
export const Timestamp = v.pipe(v.string(), v.isoTimestamp());
/** A calendar day, `2026-12-07`. */
export const Day = v.pipe(v.string(), v.isoDate());
export const Int = v.pipe(v.number(), v.integer());
/** A JSON object whose members depend on a `kind` beside it (job results, audit details). */
export const Details = v.record(v.string(), v.unknown());

/** One page of a cursor-paginated list. */
export const Page = <S extends v.GenericSchema>(item: S) =>
  v.strictObject({ items: v.array(item), nextCursor: v.nullable(Id) });

/** A whole list, unpaginated. */
export const Items = <S extends v.GenericSchema>(item: S) =>
  v.strictObject({ items: v.array(item) });
