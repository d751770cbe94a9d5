/** The CSV import API (upload, preview, mapping, start, progress) as the import dialog uses it. */
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

export interface ImportPreview {
  id: string;
  headers: string[];
  rows: string[][];
  rowCount: number;
  mapping: string[];
}

export interface ImportStatus {
  status: 'pending' | 'running' | 'done' | 'failed';
  processed: number;
  total: number;
  imported: number;
  merged: number;
  rejected: number;
  rejectedRows: { row: number; problems: { column: string; message: string }[] }[];
  error?: string;
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

export async function uploadImport(boardId: string, file: File): Promise<ImportPreview> {
  return api<ImportPreview>(`/boards/${boardId}/imports`, {
    method: 'POST',
    body: { fileName: file.name, csv: await file.text() },
  });
}

export function startImport(importId: string, mapping: string[]) {
  return api(`/imports/${importId}/start`, { method: 'POST', body: { mapping } });
}

const POLL_MS = 700;

/** Calls `onStatus` with the import's progress until the returned function is called. */
export function watchImport(
  importId: string,
  onStatus: (status: ImportStatus) => void,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const poll = async () => {
    try {
      const status = await api<ImportStatus>(`/imports/${importId}`);
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
