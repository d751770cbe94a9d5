/**
 * @module Answers of the pipeline: boards and stages, leads and their timelines, intake settings,
 * duplicates and scores, web-form capture and CSV imports.
 */
import * as v from 'valibot';
import { ASSIGNMENT_MODES } from '../../domain/pipeline/assignment.ts';
import { CUSTOM_OPERATORS, SCORED_FIELDS } from '../../domain/pipeline/scoring.ts';
import { JOB_STATUSES } from '../jobs.ts';
import { LEAD_EVENT_KINDS } from '../pipeline.ts';
import { Details, Id, Int, Items, Page, Timestamp } from './common.ts';

export const Stage = v.strictObject({
  id: Id,
  name: v.string(),
  color: v.string(),
  probability: Int,
  wipLimit: v.nullable(Int),
  rottingDays: v.nullable(Int),
  outcome: v.nullable(v.picklist(['won', 'lost'])),
  /** Orders stages (and leads) by plain string comparison. */
  rank: v.string(),
});

export const Board = v.strictObject({
  id: Id,
  name: v.string(),
  currency: v.string(),
  createdAt: Timestamp,
  stages: v.array(Stage),
});

export const Boards = Items(
  v.strictObject({ id: Id, name: v.string(), currency: v.string(), createdAt: Timestamp }),
);

export const BoardRenamed = v.strictObject({ id: Id, name: v.string(), currency: v.string() });

export const StageRemoved = v.strictObject({
  /** How many leads went to the target stage. */
  moved: Int,
});

export const BoardStorage = v.strictObject({
  snapshotBytes: Int,
  logUpdates: Int,
  logBytes: Int,
  version: Int,
});

const CustomValue = v.union([v.string(), v.number(), v.boolean()]);

export const Lead = v.strictObject({
  id: Id,
  boardId: Id,
  stageId: Id,
  rank: v.string(),
  name: v.string(),
  company: v.string(),
  email: v.string(),
  phone: v.string(),
  /** Integer minor units of `currency`. */
  value: Int,
  currency: v.string(),
  source: v.string(),
  ownerId: v.nullable(Id),
  tags: v.array(v.string()),
  score: Int,
  nextActivityAt: v.nullable(Timestamp),
  custom: v.record(v.string(), CustomValue),
  notes: v.string(),
  lostReason: v.string(),
  createdAt: Timestamp,
  stageEnteredAt: Timestamp,
  updatedAt: Timestamp,
});

export const Leads = Page(Lead);

const Author = v.nullable(
  v.variant('type', [
    v.strictObject({ type: v.literal('user'), id: Id, name: v.string() }),
    v.strictObject({ type: v.literal('api_key'), id: Id }),
  ]),
);

const TimelineFields = {
  id: Id,
  kind: v.picklist(LEAD_EVENT_KINDS),
  at: Timestamp,
  /** Null when the system wrote it (capture, import, assignment). */
  author: Author,
  /** Per kind: note {text}; stage_change {from, to}; field_change {fields: {name: {from, to}}}; merged {from}. */
  payload: Details,
};

export const Timeline = Page(v.strictObject(TimelineFields));

export const NoteAdded = v.strictObject({
  ...TimelineFields,
  kind: v.literal('note'),
  leadId: Id,
  payload: v.strictObject({ text: v.string() }),
});

export const Merged = v.strictObject({
  lead: Lead,
  /** The fields this lead took from the other. */
  filled: v.array(v.string()),
});

export const Duplicates = Items(
  v.strictObject({
    leadId: Id,
    /** 0–1; 1 for exact matches. */
    similarity: v.number(),
    exact: v.boolean(),
    reasons: v.array(
      v.variant('code', [
        v.strictObject({ code: v.literal('same_phone'), phone: v.string() }),
        v.strictObject({ code: v.literal('same_email'), email: v.string() }),
        v.strictObject({ code: v.literal('similar_name'), similarity: v.number() }),
        v.strictObject({ code: v.literal('similar_company'), similarity: v.number() }),
      ]),
    ),
    lead: Lead,
  }),
);

export const LeadScore = v.strictObject({
  score: Int,
  reasons: v.array(
    v.variant('code', [
      v.strictObject({ code: v.literal('source'), source: v.string(), points: Int }),
      v.strictObject({ code: v.literal('field'), field: v.picklist(SCORED_FIELDS), points: Int }),
      v.strictObject({
        code: v.literal('recency'),
        days: Int,
        withinDays: Int,
        points: Int,
      }),
      v.strictObject({
        code: v.literal('custom'),
        field: v.string(),
        op: v.picklist(CUSTOM_OPERATORS),
        value: v.optional(CustomValue),
        points: Int,
      }),
      v.strictObject({ code: v.literal('clamped'), total: Int, score: Int }),
    ]),
  ),
});

export const IntakeSettings = v.strictObject({
  scoring: v.strictObject({
    sources: v.record(v.string(), Int),
    fields: v.strictObject(
      Object.fromEntries(SCORED_FIELDS.map((f) => [f, v.optional(Int)])) as Record<
        (typeof SCORED_FIELDS)[number],
        v.OptionalSchema<typeof Int, undefined>
      >,
    ),
    recency: v.array(v.strictObject({ withinDays: Int, points: Int })),
    custom: v.array(
      v.strictObject({
        field: v.string(),
        op: v.picklist(CUSTOM_OPERATORS),
        value: v.optional(CustomValue),
        points: Int,
      }),
    ),
  }),
  assignment: v.strictObject({ mode: v.picklist(ASSIGNMENT_MODES), memberIds: v.array(Id) }),
  capture: v.strictObject({ enabled: v.boolean(), endpoint: v.string() }),
});

export const CaptureSecret = v.strictObject({
  /** Shown once; send it as `X-Capture-Secret` or a `secret` form field. */
  secret: v.string(),
  endpoint: v.string(),
});

export const CaptureReceived = v.strictObject({ status: v.literal('received') });

const ImportFields = {
  id: Id,
  boardId: Id,
  /** Its live progress arrives as `job` events with this id. Null until started. */
  jobId: v.nullable(Id),
  fileName: v.string(),
  sizeBytes: Int,
  delimiter: v.string(),
  columns: v.array(v.string()),
  /** Per column: a lead field, `custom:<name>` or `ignore`. Null until started. */
  mapping: v.nullable(v.array(v.string())),
  status: v.picklist(['uploaded', ...JOB_STATUSES]),
  error: v.nullable(v.string()),
  totalRows: Int,
  processedRows: Int,
  progress: Int,
  imported: Int,
  merged: Int,
  rejected: Int,
  /** The first 50 refused rows; the CSV has them all. */
  rejections: v.array(
    v.strictObject({
      line: Int,
      values: v.array(v.string()),
      problems: v.array(v.strictObject({ column: v.string(), message: v.string() })),
    }),
  ),
  createdAt: Timestamp,
};

export const LeadImport = v.strictObject(ImportFields);
export const LeadImports = Items(LeadImport);

export const LeadImportUploaded = v.strictObject({
  ...ImportFields,
  /** The first rows as read, to map columns by. */
  preview: v.array(v.array(v.string())),
  suggestedMapping: v.array(v.string()),
  /** The lead fields a column may map to. */
  fields: v.array(v.string()),
});
