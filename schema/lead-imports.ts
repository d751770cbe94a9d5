/**
 * @module CSV imports of leads into a board. The file lives in R2 (`imports/<org>/<id>.csv`, as
 * UTF-8); its row here holds the detected columns, the mapping chosen, the job that runs it, and
 * the counts so far. `processed_rows` is the checkpoint a retried job resumes from: counts move
 * only together with it, so a chunk is never counted twice.
 */
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, id, orgId, timestamp } from './columns.ts';

export const leadImports = sqliteTable(
  'lead_imports',
  {
    id: id(),
    orgId: orgId(),
    boardId: text('board_id').notNull(),
    fileName: text('file_name').notNull(),
    fileKey: text('file_key').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    /** `,`, `;` or a tab. */
    delimiter: text('delimiter').notNull(),
    headers: text('headers', { mode: 'json' }).$type<string[]>().notNull(),
    /** Data rows (the header excluded). */
    totalRows: integer('total_rows').notNull(),
    /** One target per column (`name`, `custom:<key>`, `ignore`…), set when the import starts. */
    mapping: text('mapping', { mode: 'json' }).$type<string[]>(),
    defaultSource: text('default_source'),
    /** The queue job running the import; its status is the import's status. */
    jobId: text('job_id'),
    processedRows: integer('processed_rows').notNull().default(0),
    imported: integer('imported').notNull().default(0),
    merged: integer('merged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at'),
  },
  (t) => [index('lead_imports_board').on(t.orgId, t.boardId, t.id)],
);

/** Rows an import refused, with their values and every reason, for the report and its CSV. */
export const leadImportRejections = sqliteTable(
  'lead_import_rejections',
  {
    orgId: orgId(),
    importId: text('import_id').notNull(),
    /** The line the row starts on in the file (1 is the header). */
    line: integer('line').notNull(),
    values: text('values', { mode: 'json' }).$type<string[]>().notNull(),
    problems: text('problems', { mode: 'json' })
      .$type<{ column: string; message: string }[]>()
      .notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.line] }),
    index('lead_import_rejections_org').on(t.orgId, t.importId),
  ],
);
