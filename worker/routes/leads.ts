/**
 * @module Leads. Lists and searches read the D1 read model; every write goes through the lead's
 * board room as a Yjs transaction, so people on the board see it at once, and the room projects
 * it to D1 before answering (a client reads its own write).
 */

import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { auditEntry, auditRow } from '../../platform/audit.ts';
import { page } from '../../platform/pagination.ts';
import { memberId } from '../../platform/principal.ts';
import { notFound } from '../../platform/problem.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { users } from '../../schema/accounts.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import {
  LeadInput,
  LeadListQuery,
  LeadMoveInput,
  LeadPatchInput,
  NoteInput,
  TimelineQuery,
} from '../../schema/inputs/pipeline.ts';
import { Lead, Leads, NoteAdded, Timeline } from '../../schema/outputs/pipeline.ts';
import { boards, leadEvents, leads } from '../../schema/pipeline.ts';
import {
  actorOf,
  boardOfLead,
  boardRoom,
  checkOwner,
  leadFromDoc,
  leadFromRow,
  requireBoard,
} from '../../services/pipeline/boards.ts';
import { Routes } from '../router.ts';

/** Who wrote a timeline event: a person (with their name), an API key, or the system (null). */
function timelineAuthor(userId: string | null, apiKeyId: string | null, name: string | null) {
  if (userId) return { type: 'user' as const, id: userId, name: name ?? '' };
  if (apiKeyId) return { type: 'api_key' as const, id: apiKeyId };
  return null;
}

/** `%` and `_` in what people type are literal characters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

export const leadRoutes = new Routes('Leads')
  .get(
    '/leads',
    {
      summary: 'Leads, filtered and searched (cursor pagination)',
      description:
        '`q` matches name, company, e-mail or phone. Reads the read model, which follows the boards within ~2 s.',
      auth: 'leads:read',
      query: LeadListQuery,
      responses: {
        200: {
          description: 'A page of leads, newest first, and the cursor of the next page.',
          schema: Leads,
        },
      },
    },
    async ({ c, db, org, query }) => {
      const pattern = query.q ? likePattern(query.q) : null;
      const rows = await db
        .select({ lead: leads })
        .from(leads)
        .innerJoin(boards, and(eq(boards.id, leads.boardId), isNull(boards.deletedAt)))
        .where(
          org.where(
            leads,
            isNull(leads.deletedAt),
            query.board ? eq(leads.boardId, query.board) : undefined,
            query.stage ? eq(leads.stageId, query.stage) : undefined,
            query.owner ? eq(leads.ownerId, query.owner) : undefined,
            query.tag
              ? sql`exists (select 1 from json_each(${leads.tags}) where json_each.value = ${query.tag})`
              : undefined,
            pattern
              ? or(
                  sql`${leads.name} like ${pattern} escape '\\'`,
                  sql`${leads.company} like ${pattern} escape '\\'`,
                  sql`${leads.email} like ${pattern} escape '\\'`,
                  sql`${leads.phone} like ${pattern} escape '\\'`,
                )
              : undefined,
            query.cursor ? lt(leads.id, query.cursor) : undefined,
          ),
        )
        .orderBy(desc(leads.id))
        .limit(query.limit + 1);
      return c.json(
        page(
          rows.map((row) => leadFromRow(row.lead)),
          query.limit,
        ),
      );
    },
  )
  .post(
    '/leads',
    {
      summary: 'Create a lead on a board (appears on every open board at once)',
      auth: 'leads:write',
      body: LeadInput,
      responses: {
        201: { description: 'The lead.', schema: Lead },
        404: 'No such board.',
        422: 'Invalid field (an unknown stage, an owner who is not a member…).',
      },
    },
    async ({ c, env, db, org, who, body }) => {
      await requireBoard(db, org, body.boardId);
      await checkOwner(db, org, body.ownerId);
      const { boardId, index, ...fields } = body;
      const lead = unwrap(
        await boardRoom(env, boardId).createLead(fields, { index }, actorOf(who)),
      );
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'lead.created',
        targetType: 'lead',
        targetId: lead.id,
        data: { boardId },
      });
      return c.json(leadFromDoc(boardId, lead), 201);
    },
  )
  .get(
    '/leads/:id',
    {
      summary: 'A lead, as its board holds it now',
      auth: 'leads:read',
      params: IdParams,
      responses: { 200: { description: 'The lead.', schema: Lead }, 404: 'No such lead.' },
    },
    async ({ c, env, db, org, params }) => {
      const boardId = await boardOfLead(db, org, params.id);
      const lead = unwrap(await boardRoom(env, boardId).lead(params.id));
      return c.json(leadFromDoc(boardId, lead));
    },
  )
  .patch(
    '/leads/:id',
    {
      summary: 'Change a lead’s fields',
      description: 'Only the fields sent change; in `custom`, `null` removes a field.',
      auth: 'leads:write',
      params: IdParams,
      body: LeadPatchInput,
      responses: {
        200: { description: 'The lead.', schema: Lead },
        404: 'No such lead.',
        422: 'Invalid field.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const boardId = await boardOfLead(db, org, params.id);
      await checkOwner(db, org, body.ownerId);
      const lead = unwrap(await boardRoom(env, boardId).patchLead(params.id, body, actorOf(who)));
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'lead.updated',
        targetType: 'lead',
        targetId: params.id,
        data: { fields: Object.keys(body) },
      });
      return c.json(leadFromDoc(boardId, lead));
    },
  )
  .delete(
    '/leads/:id',
    {
      summary: 'Delete a lead',
      auth: 'leads:write',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such lead.' },
    },
    async ({ c, env, db, org, who, params }) => {
      const boardId = await boardOfLead(db, org, params.id);
      unwrap(await boardRoom(env, boardId).removeLead(params.id, actorOf(who)));
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'lead.deleted',
        targetType: 'lead',
        targetId: params.id,
        data: { boardId },
      });
      return c.body(null, 204);
    },
  )
  .post(
    '/leads/:id/move',
    {
      summary: 'Move a lead to a stage of its board, at `index` (0 = top)',
      auth: 'leads:write',
      params: IdParams,
      body: LeadMoveInput,
      responses: {
        200: { description: 'The lead.', schema: Lead },
        404: 'No such lead.',
        422: 'A stage of another board, or an index past the end of the stage.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const boardId = await boardOfLead(db, org, params.id);
      const lead = unwrap(
        await boardRoom(env, boardId).moveLeadTo(params.id, body.stageId, body.index, actorOf(who)),
      );
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'lead.moved',
        targetType: 'lead',
        targetId: params.id,
        data: body,
      });
      return c.json(leadFromDoc(boardId, lead));
    },
  )
  .post(
    '/leads/:id/notes',
    {
      summary: 'Add a note to a lead’s timeline',
      auth: 'leads:write',
      params: IdParams,
      body: NoteInput,
      responses: {
        201: { description: 'The note as a timeline event, with its author.', schema: NoteAdded },
        404: 'No such lead.',
        422: 'An empty note or one over 10,000 characters.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const boardId = await boardOfLead(db, org, params.id);
      const audit = auditRow(c, who, {
        orgId: org.orgId,
        action: 'lead.note_added',
        targetType: 'lead',
        targetId: params.id,
      });
      const note = unwrap(
        await boardRoom(env, boardId).addNote(params.id, body.text, actorOf(who), audit),
      );
      const authorName =
        who.kind === 'user'
          ? ((
              await db
                .select({ name: users.name })
                .from(users)
                .where(eq(users.id, who.userId))
                .get()
            )?.name ?? null)
          : null;
      // Shaped like a timeline entry, so a client shows it at once without reading the timeline.
      return c.json(
        {
          ...note,
          kind: 'note',
          author: timelineAuthor(
            memberId(who),
            who.kind === 'api_key' ? who.keyId : null,
            authorName,
          ),
          payload: { text: body.text },
        },
        201,
      );
    },
  )
  .get(
    '/leads/:id/timeline',
    {
      summary: 'A lead’s timeline: notes, stage changes and field changes, with author and time',
      auth: 'leads:read',
      params: IdParams,
      query: TimelineQuery,
      responses: {
        200: { description: 'A page of events, newest first.', schema: Timeline },
        404: 'No such lead.',
      },
    },
    async ({ c, db, org, params, query }) => {
      const lead = await db
        .select({ id: leads.id })
        .from(leads)
        .where(org.where(leads, eq(leads.id, params.id)))
        .get();
      if (!lead) throw notFound('Lead');
      const rows = await db
        .select({ event: leadEvents, authorName: users.name })
        .from(leadEvents)
        .leftJoin(users, eq(users.id, leadEvents.authorUserId))
        .where(
          org.where(
            leadEvents,
            eq(leadEvents.leadId, params.id),
            query.cursor ? lt(leadEvents.id, query.cursor) : undefined,
          ),
        )
        .orderBy(desc(leadEvents.id))
        .limit(query.limit + 1);
      return c.json(
        page(
          rows.map(({ event, authorName }) => ({
            id: event.id,
            kind: event.kind,
            at: event.at.toISOString(),
            author: timelineAuthor(event.authorUserId, event.authorApiKeyId, authorName),
            payload: event.payload,
          })),
          query.limit,
        ),
      );
    },
  );
