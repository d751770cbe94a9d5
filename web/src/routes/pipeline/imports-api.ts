/** The CSV import API (upload, preview, mapping, start, progress) as the import dialog uses it. */
import { currentAccessToken, refreshAccessToken } from '../../lib/access-token.ts';
import { type Answer, call, client, fileBody } from '../../lib/api.ts';
import { t } from '../../lib/i18n.ts';
import { liveStatus, onOrgEvent } from '../../lib/live-events.ts';
import { followImport, type ImportStatus } from './import-progress.ts';
import { fieldLabel } from './lead-insights.ts';

export type { ImportStatus };

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

export type ImportPreview = Answer<'/api/v1/boards/{id}/imports', 'post'>;

export function importTargetLabel(target: string): string {
  if (target.startsWith('custom:')) return t('pipeline.importCustom', { key: target.slice(7) });
  if (target === 'ignore') return t('pipeline.importIgnore');
  // An import names the owner by e-mail; on the lead it is the owner's id.
  return fieldLabel(target === 'owner' ? 'ownerId' : target);
}

export function uploadImport(boardId: string, file: File): Promise<ImportPreview> {
  return call(
    client.POST('/api/v1/boards/{id}/imports', {
      params: { path: { id: boardId }, query: { name: file.name } },
      ...fileBody(file.type ? file : new Blob([file], { type: 'text/csv' })),
    }),
  );
}

/** The fallback poll, for while the org's live connection is down. */
const SLOW_POLL_MS = 5000;

/**
 * Starts an uploaded import with a mapping and follows it live (the org's events), reading it
 * after the start and at the end; `onStatus` gets each newer view until it ends or `stop`.
 */
export function startAndWatchImport(
  uploaded: ImportStatus,
  mapping: string[],
  onStatus: (status: ImportStatus) => void,
) {
  const at = { params: { path: { id: uploaded.boardId, importId: uploaded.id } } };
  return followImport(
    uploaded,
    {
      start: () =>
        call(
          client.POST('/api/v1/boards/{id}/imports/{importId}/start', { ...at, body: { mapping } }),
        ),
      read: () => call(client.GET('/api/v1/boards/{id}/imports/{importId}', at)),
      subscribe: onOrgEvent,
      liveOpen: () => liveStatus() === 'open',
      pollMs: SLOW_POLL_MS,
    },
    onStatus,
  );
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
