/**
 * @module The API's way into a board: the board's Durable Object stub (its refusals become
 * problem+json through platform/room-refusal.ts), and the one lead shape the API returns (from the document or from D1).
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Lead } from '../../domain/pipeline/board-doc.ts';
import type { Db, OrgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import type { Actor, OrgPrincipal } from '../../platform/principal.ts';
import { conflict, invalid, notFound, Problem } from '../../platform/problem.ts';
import { members } from '../../schema/orgs.ts';
import { boards, leads } from '../../schema/pipeline.ts';

export function boardRoom(env: Env, boardId: string) {
  return env.PIPELINE_BOARD.getByName(boardId);
}

export function actorOf(who: OrgPrincipal): Actor {
  return who.kind === 'user'
    ? { kind: 'user', userId: who.userId }
    : { kind: 'api_key', keyId: who.keyId };
}

/** A board of this org that is not deleted, or 404. */
export async function requireBoard(db: Db, org: OrgScope, boardId: string) {
  const board = await db
    .select()
    .from(boards)
    .where(org.where(boards, eq(boards.id, boardId), isNull(boards.deletedAt)))
    .get();
  if (!board) throw notFound('Board');
  return board;
}

/** Refuses an owner who is not a member of the org (422 naming `ownerId`). */
export async function checkOwner(db: Db, org: OrgScope, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const member = await db
    .select({ userId: members.userId })
    .from(members)
    .where(org.where(members, eq(members.userId, ownerId)))
    .get();
  if (!member)
    throw invalid([
      { path: 'ownerId', message: 'The owner must be a member of this organization.' },
    ]);
}

/** The board a live lead of this org is on, or 404. */
export async function boardOfLead(db: Db, org: OrgScope, leadId: string): Promise<string> {
  const row = await db
    .select({ boardId: leads.boardId })
    .from(leads)
    .innerJoin(boards, and(eq(boards.id, leads.boardId), isNull(boards.deletedAt)))
    .where(org.where(leads, eq(leads.id, leadId), isNull(leads.deletedAt)))
    .get();
  if (!row) throw notFound('Lead');
  return row.boardId;
}

export type LeadView = Lead & { boardId: string };

export function leadFromDoc(boardId: string, lead: Lead): LeadView {
  return { ...lead, boardId };
}

export function leadFromRow(row: typeof leads.$inferSelect): LeadView {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    boardId: row.boardId,
    stageId: row.stageId,
    rank: row.rank,
    name: row.name,
    company: row.company,
    email: row.email,
    phone: row.phone,
    value: row.value,
    currency: row.currency,
    source: row.source,
    ownerId: row.ownerId,
    tags: row.tags,
    score: row.score,
    nextActivityAt: iso(row.nextActivityAt),
    custom: row.custom,
    notes: row.notes,
    lostReason: row.lostReason,
    createdAt: row.createdAt.toISOString(),
    stageEnteredAt: iso(row.stageEnteredAt) ?? row.createdAt.toISOString(),
    updatedAt: iso(row.updatedAt) ?? row.createdAt.toISOString(),
  };
}
