/**
 * @module Inputs for lead intake: a board's scoring rules and assignment, web-form capture,
 * CSV import mappings and merges.
 */
import * as v from 'valibot';
import { ASSIGNMENT_MODES } from '../../domain/pipeline/assignment.ts';
import { IMPORT_FIELDS } from '../../domain/pipeline/import-rows.ts';
import { CUSTOM_OPERATORS, SCORED_FIELDS } from '../../domain/pipeline/scoring.ts';
import { JsonObject, OptionalIdempotencyHeaders, Uuid } from './common.ts';

const Points = v.pipe(
  v.number('points must be a number.'),
  v.integer('points must be a whole number.'),
  v.minValue(-100, 'points must be at least -100.'),
  v.maxValue(100, 'points must be at most 100.'),
);

const RuleName = (label: string) =>
  v.pipe(
    v.string(`${label} must be text.`),
    v.trim(),
    v.minLength(1, `${label} is required.`),
    v.maxLength(60, `${label} must be at most 60 characters.`),
  );

export const ScoringRulesInput = v.strictObject({
  sources: JsonObject(
    v.pipe(
      v.record(RuleName('source'), Points),
      v.check((r) => Object.keys(r).length <= 50, 'At most 50 sources.'),
    ),
    'sources',
  ),
  fields: JsonObject(
    v.partial(
      v.strictObject(
        Object.fromEntries(SCORED_FIELDS.map((f) => [f, Points])) as Record<
          (typeof SCORED_FIELDS)[number],
          typeof Points
        >,
      ),
    ),
    'fields',
  ),
  recency: v.pipe(
    v.array(
      v.strictObject({
        withinDays: v.pipe(
          v.number('withinDays must be a number.'),
          v.integer('withinDays must be a whole number.'),
          v.minValue(0, 'withinDays must be at least 0.'),
          v.maxValue(3650, 'withinDays must be at most 3650.'),
        ),
        points: Points,
      }),
      'recency must be a list.',
    ),
    v.maxLength(10, 'At most 10 recency bands.'),
  ),
  custom: v.pipe(
    v.array(
      v.pipe(
        v.strictObject({
          field: v.pipe(
            v.string(),
            v.regex(/^[\w.-]{1,40}$/, 'Custom field names are 1-40 letters, digits, _ . -'),
          ),
          op: v.picklist(CUSTOM_OPERATORS, `op is one of: ${CUSTOM_OPERATORS.join(', ')}.`),
          value: v.optional(
            v.union(
              [v.pipe(v.string(), v.maxLength(200)), v.number(), v.boolean()],
              'value is text, a number or true/false.',
            ),
          ),
          points: Points,
        }),
        v.check(
          (rule) => rule.op === 'filled' || rule.value !== undefined,
          'This rule needs a value to compare with.',
        ),
        v.check(
          (rule) => !['gte', 'lte'].includes(rule.op) || Number.isFinite(Number(rule.value)),
          'gte and lte compare with a number.',
        ),
      ),
      'custom must be a list.',
    ),
    v.maxLength(30, 'At most 30 custom rules.'),
  ),
});

export const AssignmentInput = v.strictObject({
  mode: v.picklist(ASSIGNMENT_MODES, `mode is one of: ${ASSIGNMENT_MODES.join(', ')}.`),
  memberIds: v.pipe(
    v.array(Uuid, 'memberIds must be a list.'),
    v.maxLength(100, 'At most 100 members.'),
    v.check((ids) => new Set(ids).size === ids.length, 'Name each member once.'),
  ),
});

export const IntakeSettingsPatch = v.pipe(
  v.strictObject({
    scoring: v.optional(JsonObject(ScoringRulesInput, 'scoring')),
    assignment: v.optional(JsonObject(AssignmentInput, 'assignment')),
  }),
  v.check((patch) => Object.keys(patch).length > 0, 'Send scoring, assignment or both.'),
);

const ColumnTargetInput = v.union(
  [v.picklist([...IMPORT_FIELDS, 'ignore']), v.pipe(v.string(), v.regex(/^custom:[\w.-]{1,40}$/))],
  `Each column maps to one of: ${IMPORT_FIELDS.join(', ')}, ignore, or custom:<name>.`,
);

export const ImportStartInput = v.strictObject({
  /** One target per detected column, in column order. */
  mapping: v.pipe(
    v.array(ColumnTargetInput, 'mapping must be a list.'),
    v.minLength(1, 'Map at least one column.'),
    v.maxLength(200, 'At most 200 columns.'),
  ),
  /** The source given to leads whose row has none. */
  defaultSource: v.optional(
    v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(60, 'At most 60 characters.')),
    'import',
  ),
});

export const ImportParams = v.object({ id: Uuid, importId: Uuid });

export const MergeInput = v.strictObject({ otherId: Uuid });

export const CaptureParams = v.object({ boardId: Uuid });

/** The headers web-form capture reads: the board's secret (or a `secret` field) and a retry key. */
export const CaptureHeaders = v.object({
  ...OptionalIdempotencyHeaders.entries,
  'x-capture-secret': v.optional(
    v.pipe(v.string(), v.maxLength(200, 'The capture secret is at most 200 characters.')),
  ),
});

const FormValue = v.union([v.string(), v.number(), v.boolean()]);

/**
 * A captured form, for the document: the capture route reads the fields itself (any names, matched
 * like CSV headers), so this describes them rather than validating them.
 */
export const CaptureFormFields = v.objectWithRest(
  {
    secret: v.optional(
      v.pipe(v.string(), v.description('The capture secret, if not in the header.')),
    ),
    nome: v.optional(v.pipe(v.string(), v.description('Or `name`: required.'))),
    email: v.optional(v.string()),
    telefone: v.optional(v.pipe(v.string(), v.description('Or `phone`.'))),
    empresa: v.optional(v.pipe(v.string(), v.description('Or `company`.'))),
    origem: v.optional(v.pipe(v.string(), v.description('Or `source`.'))),
    valor: v.optional(v.pipe(v.string(), v.description('Or `value`, e.g. 1.234,56.'))),
    tags: v.optional(v.string()),
    mensagem: v.optional(v.pipe(v.string(), v.description('Or `notes`.'))),
    utm_source: v.optional(v.pipe(v.string(), v.description('Fills an empty source.'))),
    _redirect: v.optional(
      v.pipe(v.string(), v.url(), v.description('Answer 303 to this http(s) address.')),
    ),
    _gotcha: v.optional(v.pipe(v.string(), v.description('Honeypot: leave empty.'))),
  },
  v.pipe(FormValue, v.description('Any other field becomes a custom field (at most 30).')),
);

/** An uploaded CSV file, for the document. */
export const LeadCsv = v.pipe(
  v.string(),
  v.description(
    'The file itself: UTF-8 (with or without BOM) or Windows-1252, separated by `,` `;` or tabs; ' +
      'the first line names the columns.',
  ),
);
