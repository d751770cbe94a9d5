/**
 * @module CSV imports of leads: the upload (decoded, measured, stored in R2, with a preview and a
 * suggested mapping) and the run, chunk by chunk through the board's room. Each chunk is one room
 * call with a batch key, and the D1 checkpoint moves with its counts in one conditional update, so
 * a retried job neither creates nor counts anything twice.
 */
import { and, eq } from 'drizzle-orm';
import {
  csvLine,
  type Delimiter,
  decodeCsvBytes,
  detectDelimiter,
  parseCsv,
} from '../../domain/csv.ts';
import type { IntakeCandidate } from '../../domain/pipeline/board-intake.ts';
import { type ColumnTarget, readImportRow } from '../../domain/pipeline/import-rows.ts';
import { foldText } from '../../domain/pipeline/similarity.ts';
import { type Db, orgScope } from '../../platform/db.ts';
import type { Env } from '../../platform/env.ts';
import { publishToOrg } from '../../platform/live-events.ts';
import { invalid, notFound } from '../../platform/problem.ts';
import { unwrap } from '../../platform/room-refusal.ts';
import { users } from '../../schema/accounts.ts';
import { jobs } from '../../schema/jobs.ts';
import { leadImportRejections, leadImports } from '../../schema/lead-imports.ts';
import { members } from '../../schema/orgs.ts';
import { boardRoom } from './boards.ts';

/** Rows per room call: big enough to be quick, small enough to keep the board responsive. */
export const IMPORT_CHUNK_ROWS = 500;
export const MAX_IMPORT_ROWS = 50_000;
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
const PREVIEW_ROWS = 10;

export type LeadImport = typeof leadImports.$inferSelect;

/** Reads an uploaded file: UTF-8 or Windows-1252, its separator, header and data rows. */
export function readCsvUpload(bytes: Uint8Array) {
  const text = decodeCsvBytes(bytes).replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(text);
  const [header, ...records] = parseCsv(text, delimiter);
  if (!header)
    throw invalid([
      { path: '', message: 'The file is empty: the first line must name the columns.' },
    ]);
  const headers = header.fields.map((h, i) => h.trim() || `#${i + 1}`);
  const preview = records.slice(0, PREVIEW_ROWS).map((record) => record.fields);
  const totalRows = records.length;
  if (totalRows === 0)
    throw invalid([{ path: '', message: 'The file has column names but no rows.' }]);
  if (totalRows > MAX_IMPORT_ROWS)
    throw invalid([
      { path: '', message: `At most ${MAX_IMPORT_ROWS} rows per import; split the file.` },
    ]);
  return { text, delimiter, headers, preview, totalRows };
}

export const importFileKey = (orgId: string, importId: string) =>
  `imports/${orgId}/${importId}.csv`;

/** The import and the state of its job, as the API shows it. */
export async function importView(db: Db, row: LeadImport) {
  const job = row.jobId
    ? await db
        .select({ status: jobs.status, error: jobs.error })
        .from(jobs)
        .where(orgScope(row.orgId).where(jobs, eq(jobs.id, row.jobId)))
        .get()
    : null;
  const rejections = await db
    .select({
      line: leadImportRejections.line,
      values: leadImportRejections.values,
      problems: leadImportRejections.problems,
    })
    .from(leadImportRejections)
    .where(
      orgScope(row.orgId).where(leadImportRejections, eq(leadImportRejections.importId, row.id)),
    )
    .orderBy(leadImportRejections.line)
    .limit(50);
  return {
    id: row.id,
    boardId: row.boardId,
    /** Its live progress arrives as `job` events with this id (and `lead_import` events). */
    jobId: row.jobId,
    fileName: row.fileName,
    sizeBytes: row.sizeBytes,
    delimiter: row.delimiter,
    columns: row.headers,
    mapping: row.mapping,
    status: job?.status ?? 'uploaded',
    error: job?.error ?? null,
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    progress: Math.round((row.processedRows / Math.max(1, row.totalRows)) * 100),
    imported: row.imported,
    merged: row.merged,
    rejected: row.rejected,
    /** The first 50 refused rows; the CSV has them all. */
    rejections,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function requireImport(db: Db, orgId: string, boardId: string, importId: string) {
  const row = await db
    .select()
    .from(leadImports)
    .where(
      orgScope(orgId).where(
        leadImports,
        eq(leadImports.id, importId),
        eq(leadImports.boardId, boardId),
      ),
    )
    .get();
  if (!row) throw notFound('Import');
  return row;
}

/** Every refused row as CSV, in the file's own separator, with the reasons in a last column. */
export async function rejectedRowsCsv(db: Db, row: LeadImport): Promise<string> {
  const delimiter = row.delimiter as Delimiter;
  const rejections = await db
    .select()
    .from(leadImportRejections)
    .where(
      orgScope(row.orgId).where(leadImportRejections, eq(leadImportRejections.importId, row.id)),
    )
    .orderBy(leadImportRejections.line);
  // The BOM makes Excel read the file as UTF-8 (accents intact).
  let out = `\uFEFF${csvLine([...row.headers, 'linha', 'problemas'], delimiter)}`;
  for (const r of rejections) {
    const values = row.headers.map((_, i) => r.values[i] ?? '');
    const problems = r.problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message));
    out += csvLine([...values, r.line, problems.join(' | ')], delimiter);
  }
  return out;
}

/**
 * The lead id of one file row: the import id's first 24 characters and the line number, so the
 * same row always maps to the same lead (a lost batch memo still cannot duplicate it).
 */
const rowLeadId = (importId: string, line: number) =>
  `${importId.slice(0, 24)}${line.toString(16).padStart(12, '0')}`;

/** Runs (or resumes) an import: called by the `imports` queue for job kind `lead-import`. */
export async function runLeadImport(
  env: Env,
  db: Db,
  orgId: string,
  importId: string,
  reportProgress: (percent: number) => Promise<void>,
) {
  const org = orgScope(orgId);
  let row = await db
    .select()
    .from(leadImports)
    .where(org.where(leadImports, eq(leadImports.id, importId)))
    .get();
  if (!row?.mapping) throw new Error(`Import ${importId} was not started.`);
  const file = await env.MEDIA.get(row.fileKey);
  if (!file) throw new Error(`The file of import ${importId} is missing.`);
  const text = await file.text();
  const room = boardRoom(env, row.boardId);
  const { stages } = unwrap(await room.outline());
  const people = await db
    .select({ userId: members.userId, email: users.email })
    .from(members)
    .innerJoin(users, eq(users.id, members.userId))
    .where(org.where(members));
  const context = {
    headers: row.headers,
    mapping: row.mapping as ColumnTarget[],
    stagesByName: new Map(stages.map((s) => [foldText(s.name), s.id])),
    membersByEmail: new Map(people.map((p) => [p.email.toLowerCase(), p.userId])),
    defaultSource: row.defaultSource ?? 'import',
  };

  const records = parseCsv(text, row.delimiter as Delimiter).slice(1); // after the header
  let index = 0;
  let chunk: { line: number; fields: string[] }[] = [];
  const flush = async () => {
    const start = index - chunk.length;
    if (start < row!.processedRows) {
      chunk = []; // counted by an earlier attempt
      return;
    }
    const candidates: IntakeCandidate[] = [];
    const rejected: (typeof leadImportRejections.$inferInsert)[] = [];
    for (const record of chunk) {
      const read = readImportRow(record.fields, context);
      if (read.ok) candidates.push({ id: rowLeadId(importId, record.line), lead: read.lead });
      else
        rejected.push({
          orgId,
          importId,
          line: record.line,
          values: record.fields,
          problems: read.problems,
        });
    }
    const outcomes = candidates.length
      ? unwrap(
          await room.intake(
            candidates,
            { kind: 'import', importId, batchKey: `import:${importId}:${start}` },
            { kind: 'system' },
          ),
        )
      : [];
    const created = outcomes.filter((o) => o.status === 'created').length;
    const merged = outcomes.length - created;
    const statements = [
      // 19 rows of 5 values stay under D1's 100 bound parameters per statement.
      ...chunksOf(rejected, 19).map((rows) =>
        db.insert(leadImportRejections).values(rows).onConflictDoNothing(),
      ),
      // Only from the checkpoint this chunk starts at: a second run of it moves nothing.
      db
        .update(leadImports)
        .set({
          processedRows: index,
          imported: row!.imported + created,
          merged: row!.merged + merged,
          rejected: row!.rejected + rejected.length,
          updatedAt: new Date(),
        })
        .where(
          org.where(
            leadImports,
            and(eq(leadImports.id, importId), eq(leadImports.processedRows, start)),
          ),
        ),
    ];
    for (const part of chunksOf(statements, 50))
      await db.batch(part as [(typeof part)[0], ...typeof part]);
    row = {
      ...row!,
      processedRows: index,
      imported: row!.imported + created,
      merged: row!.merged + merged,
      rejected: row!.rejected + rejected.length,
    };
    chunk = [];
    await reportProgress((index / row.totalRows) * 100);
    await publishToOrg(env, orgId, {
      type: 'lead_import',
      importId,
      boardId: row.boardId,
      processedRows: row.processedRows,
      totalRows: row.totalRows,
      imported: row.imported,
      merged: row.merged,
      rejected: row.rejected,
    });
  };
  for (const record of records) {
    chunk.push(record);
    index++;
    if (chunk.length === IMPORT_CHUNK_ROWS) await flush();
  }
  if (chunk.length) await flush();
  return {
    importId,
    imported: row.imported,
    merged: row.merged,
    rejected: row.rejected,
  };
}

function chunksOf<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
