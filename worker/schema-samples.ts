/**
 * @module Values made from the JSON Schemas in the OpenAPI document: a plausible valid value for a
 * schema (the document's examples, and request bodies in tests), and values of the wrong shape
 * for it. The API-wide bad-input test uses them to reach every field of every route, including
 * routes added after it was written.
 */

export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  /** `JsonObject` fields: the object schema, then the "not an array" check. */
  allOf?: JsonSchema[];
}

const typeOf = (schema: JsonSchema): string | undefined => {
  if (schema.const !== undefined) return typeof schema.const;
  if (schema.enum) return typeof schema.enum[0];
  const t = Array.isArray(schema.type) ? schema.type.find((x) => x !== 'null') : schema.type;
  if (t) return t;
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  return branch ? typeOf(branch) : undefined;
};

/**
 * A valid-looking value. `fresh` makes ids and e-mails unique per call (tests writing rows);
 * without it the value is the same every time (the document's examples).
 */
export function sampleFor(schema: JsonSchema, fresh = false): unknown {
  if (schema.allOf?.[0] && !schema.type) return sampleFor(schema.allOf[0], fresh);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const branch = schema.anyOf?.[0] ?? schema.oneOf?.[0];
  if (branch && !schema.type) return sampleFor(branch, fresh);
  switch (typeOf(schema)) {
    case 'object':
      return Object.fromEntries(
        Object.entries(schema.properties ?? {}).map(([key, property]) => [
          key,
          sampleFor(property, fresh),
        ]),
      );
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 0) }, () =>
        sampleFor(schema.items ?? {}, fresh),
      );
    case 'integer':
    case 'number':
      return Math.max(schema.minimum ?? 1, Math.min(schema.maximum ?? 1, 1));
    case 'boolean':
      return true;
    default:
      if (schema.format === 'email')
        return `sample-${fresh ? crypto.randomUUID().slice(0, 8) : 'person'}@example.com`;
      if (schema.format === 'uuid')
        return fresh ? crypto.randomUUID() : '0190f3c4-5a6b-7c8d-9e0f-a1b2c3d4e5f6';
      if (schema.format === 'date-time') return '2026-12-07T12:00:00.000Z';
      if (schema.format === 'uri' || schema.format === 'url') return 'https://example.com/';
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1, Math.min(schema.maxLength ?? 8, 8)));
  }
}

/** Values a schema must refuse: the wrong type, null where null is not allowed, an unknown enum. */
export function wrongValuesFor(schema: JsonSchema): unknown[] {
  const values: unknown[] = [];
  const nullable =
    (Array.isArray(schema.type) && schema.type.includes('null')) ||
    schema.anyOf?.some((s) => s.type === 'null');
  if (!nullable) values.push(null);
  switch (typeOf(schema)) {
    case 'string':
      values.push(12345, { nested: true }, ['list']);
      if (schema.enum || schema.const !== undefined) values.push('not-a-valid-choice');
      if (schema.format === 'email') values.push('not-an-email');
      if (schema.format === 'uuid') values.push('not-a-uuid');
      if (schema.maxLength !== undefined) values.push('y'.repeat(schema.maxLength + 1));
      break;
    case 'number':
    case 'integer':
      values.push('abc', { n: 1 });
      if (schema.maximum !== undefined) values.push(schema.maximum + 1);
      if (schema.minimum !== undefined) values.push(schema.minimum - 1);
      if (typeOf(schema) === 'integer') values.push(1.5);
      break;
    case 'boolean':
      values.push('yes', 1);
      break;
    case 'array':
      values.push('not-a-list', { a: 1 });
      break;
    case 'object':
      values.push('not-an-object', [1, 2]);
      break;
  }
  return values;
}
