/**
 * @module The board's D1 read model: writes the stages and leads a document change touched, the
 * timeline events waiting in the outbox (with their audit rows, in the same D1 batch), and the
 * board row's `projected_version`. Every statement is an upsert or an `INSERT OR IGNORE` keyed by
 * id, so running a backlog twice (after a failure half-way) changes nothing the second time.
 * Upserts only ever overwrite rows of this org and board: a peer writing another board's ids into
 * its document cannot reach them.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import type * as Y from 'yjs';
import { emailKey } from '../domain/email.ts';
import { phoneKey } from '../domain/phone.ts';
import { readBoardInfo, readLead, readStage } from '../domain/pipeline/board-doc.ts';
import { type Db, orgScope } from '../platform/db.ts';
import { auditLog } from '../schema/audit.ts';
import { boards, leadEvents, leads, stages } from '../schema/pipeline.ts';
import type { ProjectionBacklog } from './board-storage.ts';

/** D1 binds at most 100 parameters per statement. */
const LEAD_ROWS_PER_STATEMENT = 3;
const STAGE_ROWS_PER_STATEMENT = 7;
const EVENT_ROWS_PER_STATEMENT = 10;
const AUDIT_ROWS_PER_STATEMENT = 9;
const IDS_PER_STATEMENT = 90;
/** Statements per D1 batch (one transaction each). */
const STATEMENTS_PER_BATCH = 50;

export interface ProjectionTarget {
  db: Db;
  orgId: string;
  boardId: string;
}

/** Writes the backlog to D1; throws if D1 refuses, leaving the backlog for the next attempt. */
export async function projectBoardToD1(
  doc: Y.Doc,
  backlog: ProjectionBacklog,
  version: number,
  { db, orgId, boardId }: ProjectionTarget,
): Promise<void> {
  const org = orgScope(orgId);
  const now = new Date();
  const statements: BatchItem<'sqlite'>[] = [];

  const stageIds = backlog.dirty.filter((d) => d.kind === 'stage').map((d) => d.id);
  const liveStages = stageIds.flatMap((id) => readStage(doc, id) ?? []);
  const goneStages = stageIds.filter((id) => !liveStages.some((stage) => stage.id === id));
  for (const rows of chunks(liveStages, STAGE_ROWS_PER_STATEMENT)) {
    statements.push(
      db
        .insert(stages)
        .values(
          rows.map((stage) => ({
            id: stage.id,
            orgId,
            boardId,
            name: stage.name,
            color: stage.color,
            probability: stage.probability,
            wipLimit: stage.wipLimit,
            rottingDays: stage.rottingDays,
            outcome: stage.outcome,
            rank: stage.rank,
            updatedAt: now,
            deletedAt: null,
          })),
        )
        .onConflictDoUpdate({
          target: stages.id,
          set: excluded([
            'name',
            'color',
            'probability',
            'wip_limit',
            'rotting_days',
            'outcome',
            'rank',
            'updated_at',
            'deleted_at',
          ]),
          setWhere: and(eq(stages.orgId, orgId), eq(stages.boardId, boardId)),
        }),
    );
  }
  for (const ids of chunks(goneStages, IDS_PER_STATEMENT)) {
    statements.push(
      db
        .update(stages)
        .set({ deletedAt: now })
        .where(
          org.where(
            stages,
            eq(stages.boardId, boardId),
            inArray(stages.id, ids),
            isNull(stages.deletedAt),
          ),
        ),
    );
  }

  const leadIds = backlog.dirty.filter((d) => d.kind === 'lead').map((d) => d.id);
  const liveLeads = leadIds.flatMap((id) => readLead(doc, id) ?? []);
  const goneLeads = leadIds.filter((id) => !liveLeads.some((lead) => lead.id === id));
  for (const rows of chunks(liveLeads, LEAD_ROWS_PER_STATEMENT)) {
    statements.push(
      db
        .insert(leads)
        .values(
          rows.map((lead) => ({
            id: lead.id,
            orgId,
            boardId,
            stageId: lead.stageId,
            rank: lead.rank,
            name: lead.name,
            company: lead.company,
            email: lead.email,
            phone: lead.phone,
            phoneE164: phoneKey(lead.phone),
            emailNormalized: emailKey(lead.email),
            value: lead.value,
            currency: lead.currency,
            source: lead.source,
            ownerId: lead.ownerId,
            tags: lead.tags,
            score: lead.score,
            nextActivityAt: date(lead.nextActivityAt),
            custom: lead.custom,
            notes: lead.notes,
            lostReason: lead.lostReason,
            createdAt: date(lead.createdAt) ?? now,
            stageEnteredAt: date(lead.stageEnteredAt),
            updatedAt: date(lead.updatedAt),
            deletedAt: null,
          })),
        )
        .onConflictDoUpdate({
          target: leads.id,
          set: excluded([
            'stage_id',
            'rank',
            'name',
            'company',
            'email',
            'phone',
            'phone_e164',
            'email_normalized',
            'value',
            'currency',
            'source',
            'owner_id',
            'tags',
            'score',
            'next_activity_at',
            'custom',
            'notes',
            'lost_reason',
            'stage_entered_at',
            'updated_at',
            'deleted_at',
          ]),
          setWhere: and(eq(leads.orgId, orgId), eq(leads.boardId, boardId)),
        }),
    );
  }
  for (const ids of chunks(goneLeads, IDS_PER_STATEMENT)) {
    statements.push(
      db
        .update(leads)
        .set({ deletedAt: now })
        .where(
          org.where(
            leads,
            eq(leads.boardId, boardId),
            inArray(leads.id, ids),
            isNull(leads.deletedAt),
          ),
        ),
    );
  }

  // From here on, statements that must commit together (an event and its audit row) go as a
  // group, which a batch never splits.
  const groups = statements.map((statement) => [statement]);
  for (const rows of chunks(backlog.events, EVENT_ROWS_PER_STATEMENT)) {
    const audits = rows.flatMap((event) => (event.audit ? [{ ...event.audit, orgId }] : []));
    groups.push([
      db
        .insert(leadEvents)
        .values(
          rows.map((event) => ({
            id: event.id,
            orgId,
            boardId,
            leadId: event.leadId,
            kind: event.kind,
            authorUserId: event.authorUserId,
            authorApiKeyId: event.authorApiKeyId,
            at: new Date(event.at),
            payload: event.payload,
          })),
        )
        .onConflictDoNothing(),
      ...chunks(audits, AUDIT_ROWS_PER_STATEMENT).map((auditRows) =>
        db.insert(auditLog).values(auditRows).onConflictDoNothing(),
      ),
    ]);
  }

  // Last, so the board only claims a version once everything before it is written.
  const board = readBoardInfo(doc);
  groups.push([
    db
      .update(boards)
      .set({
        ...(board.name ? { name: board.name, currency: board.currency } : {}),
        projectedVersion: version,
        projectedAt: now,
      })
      .where(org.where(boards, eq(boards.id, boardId))),
  ]);

  for (const batch of batches(groups, STATEMENTS_PER_BATCH)) {
    await db.batch(batch as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]);
  }
}

/** Packs groups of statements into batches of at most `size` statements, never splitting a group. */
export function batches<T>(groups: T[][], size: number): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  for (const group of groups) {
    if (current.length > 0 && current.length + group.length > size) {
      out.push(current);
      current = [];
    }
    current.push(...group);
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** `SET column = excluded.column` for an upsert. */
function excluded(columns: string[]) {
  return Object.fromEntries(
    columns.map((column) => [camel(column), sql.raw(`excluded.${column}`)]),
  ) as Record<string, ReturnType<typeof sql.raw>>;
}

function camel(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

function date(iso: string | null): Date | null {
  if (!iso) return null;
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? null : parsed;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
