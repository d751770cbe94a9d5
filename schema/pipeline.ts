/**
 * @module Sales pipelines in D1: boards, their stages, leads and each lead's timeline.
 * The board's content (stages, card order, lead fields, notes) lives in its PipelineBoard Yjs
 * document; the `stages` and `leads` rows here are its read model, projected by the board's
 * Durable Object within ~2 s of a change, for search, pagination, reports and dedup. Board
 * settings that are not co-edited (capture secret, scoring rules, assignment) live only here.
 */
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, orgId, timestamp } from './columns.ts';

export const boards = sqliteTable(
  'boards',
  {
    id: id(),
    orgId: orgId(),
    /** Mirrors the document's `board.name`, projected. */
    name: text('name').notNull(),
    /** ISO 4217; mirrors the document's `board.currency`. */
    currency: text('currency').notNull().default('BRL'),
    /** SHA-256 of the per-board capture secret (`POST /api/v1/capture/:boardId`), if enabled. */
    captureSecretHash: text('capture_secret_hash'),
    /** The board's scoring rules (shape owned by worker/services/scoring.ts). */
    scoringRules: text('scoring_rules', { mode: 'json' }).$type<unknown>(),
    /** Who new leads go to: round-robin or least-loaded among chosen members. */
    assignment: text('assignment', { mode: 'json' }).$type<unknown>(),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
    deletedAt: timestamp('deleted_at'),
    /** The board document version last written here, so a failed projection is caught up. */
    projectedVersion: integer('projected_version').notNull().default(0),
    projectedAt: timestamp('projected_at'),
  },
  (t) => [index('boards_org').on(t.orgId, t.id)],
);

export const stages = sqliteTable(
  'stages',
  {
    id: id(),
    orgId: orgId(),
    boardId: text('board_id').notNull(),
    name: text('name').notNull(),
    color: text('color').notNull(),
    probability: integer('probability').notNull().default(0),
    wipLimit: integer('wip_limit'),
    rottingDays: integer('rotting_days'),
    /** `won` or `lost` for the stages that close a deal; null for stages still in play. */
    outcome: text('outcome', { enum: ['won', 'lost'] }),
    /** Fractional rank: `ORDER BY rank, id` (binary collation) is board order. */
    rank: text('rank').notNull(),
    updatedAt: timestamp('updated_at'),
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [index('stages_board').on(t.orgId, t.boardId, t.rank)],
);

export const leads = sqliteTable(
  'leads',
  {
    id: id(),
    orgId: orgId(),
    boardId: text('board_id').notNull(),
    stageId: text('stage_id').notNull(),
    /** Fractional rank inside the stage: `ORDER BY rank, id` is card order. */
    rank: text('rank').notNull(),
    name: text('name').notNull(),
    company: text('company').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    /** The phone in E.164 (e.g. +5511987654321), for exact-match dedup; null if unparseable. */
    phoneE164: text('phone_e164'),
    /** The e-mail's dedup key (worker/services/leads/email.ts: Gmail dots and +tags folded); null if empty. */
    emailNormalized: text('email_normalized'),
    /** Integer minor units of `currency`. */
    value: integer('value').notNull().default(0),
    currency: text('currency').notNull().default('BRL'),
    source: text('source').notNull().default(''),
    ownerId: text('owner_id'),
    tags: text('tags', { mode: 'json' }).$type<string[]>().notNull().default([]),
    score: integer('score').notNull().default(0),
    nextActivityAt: timestamp('next_activity_at'),
    custom: text('custom', { mode: 'json' })
      .$type<Record<string, string | number | boolean>>()
      .notNull()
      .default({}),
    notes: text('notes').notNull().default(''),
    /** Why the deal was lost, set when the lead sits in a `lost` stage. */
    lostReason: text('lost_reason').notNull().default(''),
    createdAt: createdAt(),
    stageEnteredAt: timestamp('stage_entered_at'),
    updatedAt: timestamp('updated_at'),
    /** Set when the lead leaves the board document (deleted or merged away). */
    deletedAt: timestamp('deleted_at'),
  },
  (t) => [
    index('leads_board_stage').on(t.orgId, t.boardId, t.stageId, t.rank),
    index('leads_org_id').on(t.orgId, t.id),
    index('leads_owner').on(t.orgId, t.ownerId),
    index('leads_phone').on(t.orgId, t.phoneE164),
    index('leads_email').on(t.orgId, t.emailNormalized),
  ],
);

export const LEAD_EVENT_KINDS = [
  'created',
  'note',
  'stage_change',
  'field_change',
  'merged',
  'deleted',
] as const;
export type LeadEventKind = (typeof LEAD_EVENT_KINDS)[number];

/** A lead's timeline. Append-only; written by the board room (live and REST edits) and intake. */
export const leadEvents = sqliteTable(
  'lead_events',
  {
    id: id(),
    orgId: orgId(),
    boardId: text('board_id').notNull(),
    leadId: text('lead_id').notNull(),
    kind: text('kind', { enum: LEAD_EVENT_KINDS }).notNull(),
    /** The person who made the change, if a person did. */
    authorUserId: text('author_user_id'),
    /** The API key that made the change, if an external client did. */
    authorApiKeyId: text('author_api_key_id'),
    at: timestamp('at').notNull(),
    /** Per kind: note {text}; stage_change {from,to}; field_change {fields:{k:{from,to}}}; merged {from}. */
    payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('lead_events_lead').on(t.orgId, t.leadId, t.at)],
);
