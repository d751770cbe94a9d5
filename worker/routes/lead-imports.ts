/**
 * @module CSV imports of leads into a board: upload (preview and suggested mapping), start with a
 * mapping (a job on the `imports` queue), follow it (also live through the org's events), and
 * download the rows it refused.
 */

import { desc, eq, isNull } from 'drizzle-orm';
import * as v from 'valibot';
import { newId } from '../../domain/ids.ts';
import { IMPORT_FIELDS, suggestMapping } from '../../domain/pipeline/import-rows.ts';
import { auditEntry } from '../../platform/audit.ts';
import { enqueueJob } from '../../platform/jobs.ts';
import { actorId, memberId } from '../../platform/principal.ts';
import { conflict, invalid } from '../../platform/problem.ts';
import { IdParams } from '../../schema/inputs/common.ts';
import { ImportParams, ImportStartInput, LeadCsv } from '../../schema/inputs/lead-intake.ts';
import { leadImports } from '../../schema/lead-imports.ts';
import { LeadImport, LeadImports, LeadImportUploaded } from '../../schema/outputs/pipeline.ts';
import { requireBoard } from '../../services/pipeline/boards.ts';
import {
  importFileKey,
  importView,
  MAX_IMPORT_BYTES,
  readCsvUpload,
  rejectedRowsCsv,
  requireImport,
} from '../../services/pipeline/lead-import.ts';
import { Routes, readCappedBytes } from '../router.ts';

const UploadQuery = v.object({
  /** The file's name, for people to recognise the import later. */
  name: v.optional(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)), 'import.csv'),
});

const IDENTIFYING: readonly string[] = ['name', 'email', 'phone'];

export const leadImportRoutes = new Routes('Lead imports')
  .post(
    '/boards/:id/imports',
    {
      summary: 'Upload a CSV of leads: returns its columns, a preview and a suggested mapping',
      description:
        'The body is the file itself (`text/csv`), up to 20 MB and 50,000 rows: UTF-8 (with or ' +
        'without BOM) or Windows-1252, separated by `,` `;` or tabs, quoted fields may hold ' +
        'separators and line breaks. Nothing is imported until `start`.',
      auth: 'leads:write',
      params: IdParams,
      query: UploadQuery,
      rawBody: { 'text/csv': LeadCsv },
      maxBodyBytes: MAX_IMPORT_BYTES,
      responses: {
        201: {
          description: 'The import: columns, preview rows, suggested mapping, row count.',
          schema: LeadImportUploaded,
        },
        404: 'No such board.',
        413: 'The file is larger than 20 MB.',
        422: 'An empty file, or too many rows.',
      },
    },
    async ({ c, env, db, org, who, params, query }) => {
      const board = await requireBoard(db, org, params.id);
      const bytes = await readCappedBytes(c.req.raw, MAX_IMPORT_BYTES);
      const upload = readCsvUpload(bytes);
      const id = newId();
      const fileKey = importFileKey(org.orgId, id);
      await env.MEDIA.put(fileKey, upload.text, {
        httpMetadata: { contentType: 'text/csv; charset=utf-8' },
      });
      const row = {
        id,
        orgId: org.orgId,
        boardId: board.id,
        fileName: query.name,
        fileKey,
        sizeBytes: bytes.byteLength,
        delimiter: upload.delimiter,
        headers: upload.headers,
        totalRows: upload.totalRows,
        createdBy: actorId(who),
        createdAt: new Date(),
      };
      const [[inserted]] = await db.batch([
        db.insert(leadImports).values(row).returning(),
        auditEntry(db, c, who, {
          orgId: org.orgId,
          action: 'lead_import.uploaded',
          targetType: 'lead_import',
          targetId: id,
          data: { boardId: board.id, fileName: query.name, rows: upload.totalRows },
        }),
      ]);
      return c.json(
        {
          ...(await importView(db, inserted!)),
          preview: upload.preview,
          suggestedMapping: suggestMapping(upload.headers),
          fields: IMPORT_FIELDS,
        },
        201,
      );
    },
  )
  .post(
    '/boards/:id/imports/:importId/start',
    {
      summary: 'Start an uploaded import with a column mapping',
      description:
        '`mapping` has one target per column, in order: a lead field (`name`, `company`, ' +
        '`email`, `phone`, `value`, `source`, `tags`, `notes`, `stage` by name, `owner` by ' +
        'member e-mail), `custom:<name>`, or `ignore`. Rows are validated one by one; exact ' +
        'duplicates (phone or e-mail, in the file or on the board) are merged.',
      auth: 'leads:write',
      params: ImportParams,
      body: ImportStartInput,
      responses: {
        202: { description: 'The import, queued.', schema: LeadImport },
        404: 'No such board or import.',
        409: 'The import was already started.',
        422: 'A mapping that does not fit the file.',
      },
    },
    async ({ c, env, db, org, who, params, body }) => {
      await requireBoard(db, org, params.id);
      const row = await requireImport(db, org.orgId, params.id, params.importId);
      if (body.mapping.length !== row.headers.length)
        throw invalid([
          {
            path: 'mapping',
            message: `The file has ${row.headers.length} columns: give one target for each.`,
          },
        ]);
      const errors = body.mapping.flatMap((target, i) =>
        target !== 'ignore' && body.mapping.indexOf(target) !== i
          ? [{ path: `mapping.${i}`, message: `Another column already maps to ${target}.` }]
          : [],
      );
      if (!body.mapping.some((target) => IDENTIFYING.includes(target)))
        errors.push({ path: 'mapping', message: 'Map a column to name, email or phone.' });
      if (errors.length) throw invalid(errors);
      const claimed = await db
        .update(leadImports)
        .set({ mapping: body.mapping, defaultSource: body.defaultSource, updatedAt: new Date() })
        .where(org.where(leadImports, eq(leadImports.id, row.id), isNull(leadImports.jobId)))
        .returning()
        .get();
      if (!claimed) throw conflict('This import was already started.');
      const job = await enqueueJob(env, 'imports', {
        orgId: org.orgId,
        kind: 'lead-import',
        idempotencyKey: `lead-import:${row.id}`,
        input: { importId: row.id, boardId: row.boardId },
        createdBy: memberId(who),
      });
      const started = await db
        .update(leadImports)
        .set({ jobId: job.id })
        .where(org.where(leadImports, eq(leadImports.id, row.id)))
        .returning()
        .get();
      await auditEntry(db, c, who, {
        orgId: org.orgId,
        action: 'lead_import.started',
        targetType: 'lead_import',
        targetId: row.id,
        data: { boardId: row.boardId, mapping: body.mapping },
      });
      return c.json(await importView(db, started ?? claimed), 202);
    },
  )
  .get(
    '/boards/:id/imports',
    {
      summary: 'The board’s recent imports, newest first',
      auth: 'leads:read',
      params: IdParams,
      responses: {
        200: { description: 'Up to 20 imports.', schema: LeadImports },
        404: 'No such board.',
      },
    },
    async ({ c, db, org, params }) => {
      await requireBoard(db, org, params.id);
      const rows = await db
        .select()
        .from(leadImports)
        .where(org.where(leadImports, eq(leadImports.boardId, params.id)))
        .orderBy(desc(leadImports.id))
        .limit(20);
      return c.json({ items: await Promise.all(rows.map((row) => importView(db, row))) });
    },
  )
  .get(
    '/boards/:id/imports/:importId',
    {
      summary: 'An import’s status and counts: imported, merged, rejected (with reasons)',
      auth: 'leads:read',
      params: ImportParams,
      responses: {
        200: { description: 'The import.', schema: LeadImport },
        404: 'No such board or import.',
      },
    },
    async ({ c, db, org, params }) => {
      await requireBoard(db, org, params.id);
      return c.json(
        await importView(db, await requireImport(db, org.orgId, params.id, params.importId)),
      );
    },
  )
  .get(
    '/boards/:id/imports/:importId/rejected.csv',
    {
      summary: 'The rows an import refused, as CSV, with the line and the reasons',
      auth: 'leads:read',
      params: ImportParams,
      responses: {
        200: { description: 'CSV in the upload’s separator, UTF-8 with BOM.', media: 'text/csv' },
        404: 'No such import.',
      },
    },
    async ({ c, db, org, params }) => {
      await requireBoard(db, org, params.id);
      const row = await requireImport(db, org.orgId, params.id, params.importId);
      return c.body(await rejectedRowsCsv(db, row), 200, {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="rejeitados-${row.id}.csv"`,
      });
    },
  );
