/** The CSV import API (upload, preview, mapping, start, progress) as the import dialog uses it. */
import { currentAccessToken, refreshAccessToken } from '../../lib/access-token.ts';
import { api } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';

/** Where a column can go; `custom:<key>` targets come from the server's suggestion. */
export const IMPORT_TARGETS: string[] = [
  'ignore',
  'name',
  'company',
  'email',
  'phone',
  'value',
  'source',
  'tags',
  'notes',
  'stage',
  'owner',
];

export interface ImportStatus {
  id: string;
  boardId: string;
  columns: string[];
  status: 'uploaded' | 'queued' | 'running' | 'done' | 'failed';
  error: string | null;
  totalRows: number;
  processedRows: number;
  progress: number;
  imported: number;
  merged: number;
  rejected: number;
  /** The first 50 refused rows (the CSV download has them all). */
  rejections: { line: number; values: string[]; problems: { column: string; message: string }[] }[];
}

export interface ImportPreview extends ImportStatus {
  preview: string[][];
  suggestedMapping: string[];
}

export function importTargetLabel(target: string): string {
  if (target.startsWith('custom:')) return t('pipeline.importCustom', { key: target.slice(7) });
  const labels: Record<string, string> = {
    ignore: t('pipeline.importIgnore'),
    name: t('pipeline.fieldName'),
    company: t('pipeline.fieldCompany'),
    email: t('pipeline.fieldEmail'),
    phone: t('pipeline.fieldPhone'),
    value: t('pipeline.fieldValue'),
    source: t('pipeline.fieldSource'),
    tags: t('pipeline.fieldTags'),
    notes: t('pipeline.fieldNotes'),
    stage: t('pipeline.fieldStage'),
    owner: t('pipeline.fieldOwner'),
  };
  return labels[target] ?? target;
}

export function uploadImport(boardId: string, file: File): Promise<ImportPreview> {
  return api<ImportPreview>(`/boards/${boardId}/imports`, {
    method: 'POST',
    query: { name: file.name },
    body: file.type ? file : new Blob([file], { type: 'text/csv' }),
  });
}

export function startImport(boardId: string, importId: string, mapping: string[]) {
  return api<ImportStatus>(`/boards/${boardId}/imports/${importId}/start`, {
    method: 'POST',
    body: { mapping },
  });
}

const POLL_MS = 700;

/** Calls `onStatus` with the import's progress until the returned function is called. */
export function watchImport(
  boardId: string,
  importId: string,
  onStatus: (status: ImportStatus) => void,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      const status = await api<ImportStatus>(`/boards/${boardId}/imports/${importId}`);
      if (!stopped) onStatus(status);
    } catch {
      // A dropped poll is retried on the next tick.
    }
    if (!stopped) timer = setTimeout(poll, POLL_MS);
  };
  void poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** The refused rows as the CSV the server makes (line, values, reasons). */
export async function downloadRejected(boardId: string, importId: string) {
  const res = await fetch(`/api/v1/boards/${boardId}/imports/${importId}/rejected.csv`, {
    headers: {
      authorization: `Bearer ${currentAccessToken() ?? (await refreshAccessToken())?.accessToken}`,
    },
  });
  if (!res.ok) throw new Error(res.statusText);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await res.blob());
  link.download = `rejeitados-${importId}.csv`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}
