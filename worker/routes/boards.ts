/**
 * @module Pipeline boards and their stages. The board list and existence live in D1; names, stages
 * and their order live in the board's document, so every change goes through the board's Durable
 * Object and people on the board see it at once.
 */

import { asc, eq, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import { newId } from '../../domain/ids.ts';
import { auditEntry } from '../../platform/audit.ts';
import { actorId } from '../../platform/principal.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import {
  BoardInput,
  BoardPatch,
  DEFAULT_STAGES,
  StageDeleteQuery,
  StageInput,
  StageParams,
  StagePatch,
} from '../../schema/inputs/pipeline.ts';
import {
  Board,
  BoardRenamed,
  BoardStorage,
  Boards,
  Stage,
  StageRemoved,
} from '../../schema/outputs/pipeline.ts';
import { boards, leads, stages } from '../../schema/pipeline.ts';
import { actorOf, boardRoom, requireBoard } from '../../services/pipeline/boards.ts';
import { Routes } from '../router.ts';

export const boardRoutes = new Routes('Pipelines')
  .get(
    '/boards',
    {
      summary: 'The organization’s pipeline boards',
      auth: 'boards:read',
      responses: { 200: { description: 'Boards, oldest first.', schema: Boards } },
    },
    async ({ c, db, org }) => {
      const rows = await db
        .select({
          id: boards.id,
          name: boards.name,
          currency: boards.currency,
          createdAt: boards.createdAt,
        })
        .from(boards)
        .where(org.where(boards, isNull(boards.deletedAt)))
        .orderBy(asc(boards.id))
        .limit(500);
      return c.json({
        items: rows.map((row) => ({ ...row, createdAt: row.createdAt.toISOString() })),
      });
    },
  )
  .post(
    '/boards',
    {
      summary: 'Create a board, with its stages (default: a pt-BR sales funnel)',
      auth: 'boards:manage',
      body: BoardInput,
      responses: { 201: { description: 'The board and its stages.', schema: Board } },
    },
    async ({ c, env, db, org, who, body }) => {
      const id = newId();
      // The document first: a failure here leaves no board row pointing at an empty room.
      const snapshot = unwrap(
        await boardRoom(env, id).initialize({
          orgId: org.orgId,
          name: body.name,
          currency: body.currency,
          stages: body.stages ?? DEFAULT_STAGES,
        }),
      );
      const createdAt = new Date();
      await db.batch([
        db
          .insert(boards)
          .values({
            id,
            orgId: org.orgId,
            name: body.name,
            currency: body.currency,
            createdBy: actorId(who),
            createdAt,
          })
          .onConflictDoNothing(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'board.created',
          targetType: 'board',
          targetId: id,
          data: { name: body.name },
        }),
      ]);
      return c.json(
        {
          id,
          name: snapshot.board.name,
          currency: snapshot.board.currency,
          createdAt: createdAt.toISOString(),
          stages: snapshot.stages,
        },
        201,
      );
    },
  )
  .get(
    '/boards/:id',
    {
      summary: 'A board with its stages in order',
      auth: 'boards:read',
      params: IdParams,
      responses: { 200: { description: 'The board.', schema: Board }, 404: 'No such board.' },
    },
    async ({ c, env, db, org, params }) => {
      const row = await requireBoard(db, org, params.id);
      const outline = unwrap(await boardRoom(env, params.id).outline());
      return c.json({
        id: row.id,
        name: outline.board.name,
        currency: outline.board.currency,
        createdAt: row.createdAt.toISOString(),
        stages: outline.stages,
      });
    },
  )
  .patch(
    '/boards/:id',
    {
      summary: 'Rename a board or change its currency',
      auth: 'boards:write',
      params: IdParams,
      body: BoardPatch,
      responses: {
        200: { description: 'The board’s name and currency.', schema: BoardRenamed },
        404: 'No such board.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      await requireBoard(db, org, params.id);
      const board = unwrap(await boardRoom(env, params.id).patchBoard(body, actorOf(who)));
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'board.updated',
        targetType: 'board',
        targetId: params.id,
        data: body,
      });
      return c.json({ id: params.id, ...board });
    },
  )
  .delete(
    '/boards/:id',
    {
      summary: 'Delete a board with its leads',
      description: 'People on the board are disconnected; the leads leave every list and search.',
      auth: 'boards:manage',
      params: IdParams,
      responses: { 204: 'Deleted.', 404: 'No such board.' },
    },
    async ({ c, env, db, org, who, params }) => {
      await requireBoard(db, org, params.id);
      const now = new Date();
      // D1 first: once the row is marked, no ticket is issued and no list shows the board.
      await db.batch([
        db
          .update(boards)
          .set({ deletedAt: now })
          .where(org.where(boards, eq(boards.id, params.id))),
        db
          .update(leads)
          .set({ deletedAt: now })
          .where(org.where(leads, eq(leads.boardId, params.id), isNull(leads.deletedAt))),
        db
          .update(stages)
          .set({ deletedAt: now })
          .where(org.where(stages, eq(stages.boardId, params.id), isNull(stages.deletedAt))),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'board.deleted',
          targetType: 'board',
          targetId: params.id,
        }),
      ]);
      await boardRoom(env, params.id).destroy();
      return c.body(null, 204);
    },
  )
  .post(
    '/boards/:id/stages',
    {
      summary: 'Add a stage (at `index` in board order; default last)',
      auth: 'boards:write',
      params: IdParams,
      body: StageInput,
      responses: {
        201: { description: 'The stage.', schema: Stage },
        404: 'No such board.',
        422: 'Invalid field.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      await requireBoard(db, org, params.id);
      const { index, ...fields } = body;
      const stage = unwrap(
        await boardRoom(env, params.id).createStage(fields, index, actorOf(who)),
      );
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'board.stage.created',
        targetType: 'board',
        targetId: params.id,
        data: { stageId: stage.id, name: stage.name },
      });
      return c.json(stage, 201);
    },
  )
  .patch(
    '/boards/:id/stages/:stageId',
    {
      summary: 'Rename, recolor or reorder a stage',
      description: '`index` moves the stage to that position in board order.',
      auth: 'boards:write',
      params: StageParams,
      body: StagePatch,
      responses: {
        200: { description: 'The stage.', schema: Stage },
        404: 'No such board or stage.',
        422: 'Invalid field.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      await requireBoard(db, org, params.id);
      const room = boardRoom(env, params.id);
      const { index, ...fields } = body;
      let stage = unwrap(await room.patchStage(params.stageId, fields, actorOf(who)));
      if (index !== undefined) {
        const ordered = unwrap(await room.reorderStage(params.stageId, index, actorOf(who)));
        stage = ordered.find((s) => s.id === params.stageId) ?? stage;
      }
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'board.stage.updated',
        targetType: 'board',
        targetId: params.id,
        data: { stageId: params.stageId, ...body },
      });
      return c.json(stage);
    },
  )
  .delete(
    '/boards/:id/stages/:stageId',
    {
      summary: 'Remove a stage; its leads move to `targetStageId`',
      description: 'A stage with leads needs `?targetStageId=`; they go to the end of that stage.',
      auth: 'boards:write',
      params: StageParams,
      query: StageDeleteQuery,
      responses: {
        200: { description: 'How many leads moved.', schema: StageRemoved },
        404: 'No such board or stage.',
        409: 'The stage has leads and no target was named.',
      },
    },
    async ({ c, env, db, org, who, params, query }) => {
      await requireBoard(db, org, params.id);
      const result = unwrap(
        await boardRoom(env, params.id).deleteStage(
          params.stageId,
          query.targetStageId ?? null,
          actorOf(who),
        ),
      );
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'board.stage.deleted',
        targetType: 'board',
        targetId: params.id,
        data: { stageId: params.stageId, targetStageId: query.targetStageId ?? null, ...result },
      });
      return c.json(result);
    },
  )
  .get(
    '/boards/:id/storage',
    {
      summary: 'How much room the board’s document takes in storage',
      auth: 'boards:manage',
      params: IdParams,
      query: v.object({ compact: v.optional(v.picklist(['true', 'false'])) }),
      responses: {
        200: { description: 'Snapshot and update-log sizes in bytes.', schema: BoardStorage },
      },
    },
    async ({ c, env, db, org, params, query }) => {
      await requireBoard(db, org, params.id);
      return c.json(await boardRoom(env, params.id).storageStats(query.compact === 'true'));
    },
  );
