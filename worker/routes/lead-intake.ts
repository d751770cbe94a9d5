/**
 * @module Lead intake: a board's scoring rules and assignment, its web-form capture endpoint and
 * secret, and per-lead duplicate suggestions, merges and score explanations. Every change to
 * leads goes through the board's room, like any other lead write.
 */

import { and, eq, inArray, isNull } from 'drizzle-orm';
import { auditEntry } from '../../platform/audit.ts';
import { invalid, Problem, unauthorized } from '../../platform/problem.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import {
  CaptureFormFields,
  CaptureHeaders,
  CaptureParams,
  IntakeSettingsPatch,
  MergeInput,
} from '../../schema/inputs/lead-intake.ts';
import { members } from '../../schema/orgs.ts';
import {
  CaptureReceived,
  CaptureSecret,
  Duplicates,
  IntakeSettings,
  LeadScore,
  Merged,
} from '../../schema/outputs/pipeline.ts';
import { boards } from '../../schema/pipeline.ts';
import {
  actorOf,
  boardOfLead,
  boardRoom,
  leadFromDoc,
  requireBoard,
} from '../../services/pipeline/boards.ts';
import {
  type CaptureForm,
  captureFormOf,
  captureSecretMatches,
  mintCaptureSecret,
  readCaptureForm,
} from '../../services/pipeline/capture.ts';
import { intakeSettingsOf } from '../../services/pipeline/intake-settings.ts';
import { limitCaptures } from '../middleware/rate-limit.ts';
import { type AppContext, Routes, readCapped } from '../router.ts';

/** A form post is small; anything larger is not a person filling a form. */
const MAX_CAPTURE_BYTES = 64 * 1024;

function settingsView(board: typeof boards.$inferSelect) {
  return {
    ...intakeSettingsOf(board),
    capture: {
      enabled: !!board.captureSecretHash,
      endpoint: `/api/v1/capture/${board.id}`,
    },
  };
}

/** JSON, `application/x-www-form-urlencoded` or `multipart/form-data`, as text fields. */
async function readCaptureBody(c: AppContext): Promise<CaptureForm> {
  const type = (c.req.header('content-type') ?? '').toLowerCase();
  const text = await readCapped(c.req.raw, MAX_CAPTURE_BYTES);
  let parsed: unknown;
  if (/^application\/([a-z.+-]+\+)?json\b/.test(type)) {
    try {
      parsed = JSON.parse(text);
    } catch {
      throw invalid([{ path: '', message: 'Malformed JSON' }]);
    }
  } else if (type.startsWith('application/x-www-form-urlencoded')) {
    parsed = Object.fromEntries(new URLSearchParams(text));
  } else if (type.startsWith('multipart/form-data')) {
    const form = await new Request('http://form', {
      method: 'POST',
      headers: { 'content-type': type },
      body: text,
    }).formData();
    parsed = Object.fromEntries(
      [...form.entries()].filter(
        (entry): entry is [string, string] => typeof entry[1] === 'string',
      ),
    );
  } else {
    throw new Problem(
      415,
      'Unsupported media type',
      'Send the form as application/x-www-form-urlencoded, multipart/form-data or JSON.',
    );
  }
  const { form, errors } = captureFormOf(parsed);
  if (errors.length) throw invalid(errors);
  return form;
}

export const leadIntakeRoutes = new Routes('Lead intake')
  .get(
    '/boards/:id/settings',
    {
      summary: 'A board’s scoring rules, assignment and capture status',
      auth: 'boards:read',
      params: IdParams,
      responses: {
        200: {
          description: 'The settings (defaults where the board set none).',
          schema: IntakeSettings,
        },
        404: 'No such board.',
      },
    },
    async ({ c, db, org, params }) => c.json(settingsView(await requireBoard(db, org, params.id))),
  )
  .patch(
    '/boards/:id/settings',
    {
      summary: 'Change a board’s scoring rules or assignment (every lead is rescored)',
      description:
        '`scoring`: points per source, per filled field, by days since the last change and per ' +
        'custom-field value; the total is clamped to 0-100. `assignment`: `off`, `round_robin` ' +
        'or `least_loaded` among `memberIds` (members of the org), for leads created without an owner.',
      auth: 'boards:manage',
      params: IdParams,
      body: IntakeSettingsPatch,
      responses: {
        200: { description: 'The settings.', schema: IntakeSettings },
        404: 'No such board.',
        422: 'Invalid rule or member.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const board = await requireBoard(db, org, params.id);
      const memberIds = body.assignment?.memberIds ?? [];
      if (memberIds.length) {
        const found = await db
          .select({ userId: members.userId })
          .from(members)
          .where(org.where(members, inArray(members.userId, memberIds)));
        const known = new Set(found.map((m) => m.userId));
        const errors = memberIds.flatMap((id, i) =>
          known.has(id)
            ? []
            : [
                {
                  path: `assignment.memberIds.${i}`,
                  message: 'Not a member of this organization.',
                },
              ],
        );
        if (errors.length) throw invalid(errors);
      }
      if (body.assignment && body.assignment.mode !== 'off' && !memberIds.length)
        throw invalid([
          { path: 'assignment.memberIds', message: 'Choose who receives the new leads.' },
        ]);
      const change = {
        ...(body.scoring && { scoringRules: body.scoring }),
        ...(body.assignment && { assignment: body.assignment }),
        updatedAt: new Date(),
      };
      await db.batch([
        db
          .update(boards)
          .set(change)
          .where(org.where(boards, eq(boards.id, board.id))),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'board.intake_settings.updated',
          targetType: 'board',
          targetId: board.id,
          data: body,
        }),
      ]);
      const updated = { ...board, ...change };
      unwrap(await boardRoom(env, board.id).configureIntake(intakeSettingsOf(updated)));
      return c.json(settingsView(updated));
    },
  )
  .post(
    '/boards/:id/capture-secret',
    {
      summary:
        'Create or rotate the board’s capture secret (shown once; the old one stops working)',
      auth: 'boards:manage',
      params: IdParams,
      responses: {
        201: {
          description: 'The new secret and the endpoint to post forms to.',
          schema: CaptureSecret,
        },
        404: 'No such board.',
      },
    },
    async ({ c, db, org, who, params }) => {
      const board = await requireBoard(db, org, params.id);
      const { secret, hash } = await mintCaptureSecret();
      await db.batch([
        db
          .update(boards)
          .set({ captureSecretHash: hash, updatedAt: new Date() })
          .where(org.where(boards, eq(boards.id, board.id))),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: board.captureSecretHash
            ? 'board.capture_secret.rotated'
            : 'board.capture.enabled',
          targetType: 'board',
          targetId: board.id,
        }),
      ]);
      return c.json({ secret, endpoint: `/api/v1/capture/${board.id}` }, 201);
    },
  )
  .delete(
    '/boards/:id/capture-secret',
    {
      summary: 'Turn web-form capture off for the board',
      auth: 'boards:manage',
      params: IdParams,
      responses: { 204: 'Capture is off.', 404: 'No such board.' },
    },
    async ({ c, db, org, who, params }) => {
      const board = await requireBoard(db, org, params.id);
      await db.batch([
        db
          .update(boards)
          .set({ captureSecretHash: null, updatedAt: new Date() })
          .where(org.where(boards, eq(boards.id, board.id))),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'board.capture.disabled',
          targetType: 'board',
          targetId: board.id,
        }),
      ]);
      return c.body(null, 204);
    },
  )
  .post(
    '/capture/:boardId',
    {
      summary: 'Capture a lead from a web form or another tool (board secret, no sign-in)',
      description:
        'Authenticated by the board’s capture secret, in the `X-Capture-Secret` header or a ' +
        '`secret` field. Accepts `application/x-www-form-urlencoded` (a plain HTML form), ' +
        '`multipart/form-data` or JSON. Fields are matched by name in Portuguese or English ' +
        '(nome/name, email, telefone/phone, empresa/company, origem/source, valor/value, tags, ' +
        'mensagem/notes); others become custom fields; `utm_source` fills an empty source. ' +
        'A lead with the same phone or e-mail as one on the board is merged into it. ' +
        '`_redirect` (http/https) answers 303 to that address; `_gotcha` is a honeypot. ' +
        'An `Idempotency-Key` header makes resubmissions harmless. The answer does not say ' +
        'whether the person was already on the board. Limited per client IP and board.',
      auth: 'public',
      params: CaptureParams,
      headers: CaptureHeaders,
      rawBody: {
        'application/x-www-form-urlencoded': CaptureFormFields,
        'multipart/form-data': CaptureFormFields,
        'application/json': CaptureFormFields,
      },
      responses: {
        202: { description: 'Received.', schema: CaptureReceived },
        303: 'Received; redirecting to `_redirect`.',
        400: 'The body is not valid UTF-8.',
        401: 'Unknown board or wrong secret.',
        415: 'Unsupported body type.',
        422: 'Invalid field.',
        429: 'Too many submissions from this client.',
      },
    },
    async ({ c, env, db, params, headers }) => {
      await limitCaptures(c, params.boardId);
      const form = await readCaptureBody(c);
      // The secret is the credential here, so the board is found by id alone (no org yet); the
      // lead then goes to that board's room, which belongs to the board's org only.
      const board = await db
        .select({ id: boards.id, orgId: boards.orgId, hash: boards.captureSecretHash })
        .from(boards)
        .where(and(eq(boards.id, params.boardId), isNull(boards.deletedAt)))
        .get();
      const presented = headers['x-capture-secret'] ?? form.secret ?? '';
      if (!board || !(await captureSecretMatches(presented, board.hash)))
        throw unauthorized('Unknown board or wrong capture secret.');
      const read = readCaptureForm(form);
      if (!read.ok) throw invalid(read.errors);
      if (!read.spam) {
        const key = headers['idempotency-key'];
        const [outcome] = unwrap(
          await boardRoom(env, board.id).intake(
            [{ lead: read.lead }],
            { kind: 'capture', ...(key && { batchKey: `capture:${key}` }) },
            { kind: 'system' },
          ),
        );
        await auditEntry(db, c, null, {
          orgId: board.orgId,
          action: outcome!.status === 'merged' ? 'lead.captured.merged' : 'lead.captured',
          targetType: 'lead',
          targetId: outcome!.leadId,
          data: { boardId: board.id },
        });
      }
      if (read.redirect) return c.redirect(read.redirect, 303);
      return c.json({ status: 'received' }, 202);
    },
  )
  .get(
    '/leads/:id/duplicates',
    {
      summary: 'Leads on the same board that may be the same person, with similarity and reasons',
      description:
        'Exact: same phone (E.164, with or without the 9th digit) or e-mail (Gmail dots and ' +
        '+tags folded). Near: similar name (accents, case, word order ignored) and company.',
      auth: 'leads:read',
      params: IdParams,
      responses: {
        200: { description: 'Suggestions, most alike first.', schema: Duplicates },
        404: 'No such lead.',
      },
    },
    async ({ c, env, db, org, params }) => {
      const boardId = await boardOfLead(db, org, params.id);
      const suggestions = unwrap(await boardRoom(env, boardId).duplicatesOf(params.id));
      return c.json({
        items: suggestions.map((s) => ({ ...s, lead: leadFromDoc(boardId, s.lead) })),
      });
    },
  )
  .post(
    '/leads/:id/merge',
    {
      summary: 'Merge another lead into this one (both timelines kept)',
      description:
        'This lead keeps its fields and gains what only `otherId` has (empty fields, tags, ' +
        'custom fields, notes appended); `otherId` leaves the board and its timeline moves here.',
      auth: 'leads:write',
      params: IdParams,
      body: MergeInput,
      responses: {
        200: { description: 'The merged lead and the fields it gained.', schema: Merged },
        404: 'No such lead.',
        422: '`otherId` is this lead, not a lead, or on another board.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      const boardId = await boardOfLead(db, org, params.id);
      if (body.otherId === params.id)
        throw invalid([{ path: 'otherId', message: 'A lead cannot be merged into itself.' }]);
      const otherBoard = await boardOfLead(db, org, body.otherId).catch(() => null);
      if (!otherBoard) throw invalid([{ path: 'otherId', message: 'No such lead.' }]);
      if (otherBoard !== boardId)
        throw invalid([{ path: 'otherId', message: 'Both leads must be on the same board.' }]);
      const { lead, filled } = unwrap(
        await boardRoom(env, boardId).mergeLeads(params.id, body.otherId, actorOf(who)),
      );
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'lead.merged',
        targetType: 'lead',
        targetId: params.id,
        data: { boardId, otherId: body.otherId, filled },
      });
      return c.json({ lead: leadFromDoc(boardId, lead), filled });
    },
  )
  .get(
    '/leads/:id/score',
    {
      summary: 'Why a lead has its score: each rule that counted and its points',
      auth: 'leads:read',
      params: IdParams,
      responses: {
        200: { description: 'The score now and its reasons.', schema: LeadScore },
        404: 'No such lead.',
      },
    },
    async ({ c, env, db, org, params }) => {
      const boardId = await boardOfLead(db, org, params.id);
      return c.json(unwrap(await boardRoom(env, boardId).explainScore(params.id)));
    },
  );
