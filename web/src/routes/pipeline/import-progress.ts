/**
 * Following a running CSV import. Its progress comes from two sources that can cross: the org's
 * live events (each chunk's counts, and the job's start and end) and reads of the import itself
 * (once at the start, at the end for the final counts and refused rows, and a slow poll while the
 * live connection is down). A read sent before an event can answer after it, so nothing shown —
 * status, percent or counts — ever goes backwards.
 */
import type { Answer } from '../../lib/api.ts';
import type { OrgEvent } from '../../lib/live-events.ts';

/** An import as the server reports it (`jobId` null until started; the first 50 refused rows). */
export type ImportStatus = Answer<'/api/v1/boards/{id}/imports/{importId}', 'get'>;

const RANK: Record<ImportStatus['status'], number> = {
  uploaded: 0,
  queued: 1,
  running: 2,
  done: 3,
  failed: 3,
};

export const isFinished = (status: ImportStatus) =>
  status.status === 'done' || status.status === 'failed';

/** The newer of two views of one import, field by field: counts only grow, status only advances. */
export function laterImportStatus(current: ImportStatus, incoming: ImportStatus): ImportStatus {
  const statusMovedOn = RANK[incoming.status] >= RANK[current.status];
  return {
    ...incoming,
    jobId: incoming.jobId ?? current.jobId,
    status: statusMovedOn ? incoming.status : current.status,
    error: statusMovedOn ? incoming.error : current.error,
    processedRows: Math.max(current.processedRows, incoming.processedRows),
    progress: Math.max(current.progress, incoming.progress),
    imported: Math.max(current.imported, incoming.imported),
    merged: Math.max(current.merged, incoming.merged),
    rejected: Math.max(current.rejected, incoming.rejected),
    rejections:
      incoming.rejections.length >= current.rejections.length
        ? incoming.rejections
        : current.rejections,
  };
}

const count = (value: unknown, fallback: number) =>
  typeof value === 'number' && Number.isFinite(value) ? value : fallback;

/**
 * What a live event says about this import, or null when it is about something else. A chunk's
 * event (`lead_import`) carries the counts so far; the job's events carry its percent. The end of
 * the job is not applied here: the final counts and refused rows come from reading the import.
 */
export function applyImportEvent(current: ImportStatus, event: OrgEvent): ImportStatus | null {
  if (event.type === 'lead_import' && event.importId === current.id) {
    const processedRows = count(event.processedRows, current.processedRows);
    const totalRows = count(event.totalRows, current.totalRows);
    return laterImportStatus(current, {
      ...current,
      status: 'running',
      totalRows,
      processedRows,
      progress: Math.round((processedRows / Math.max(1, totalRows)) * 100),
      imported: count(event.imported, current.imported),
      merged: count(event.merged, current.merged),
      rejected: count(event.rejected, current.rejected),
    });
  }
  if (event.type === 'job' && current.jobId && event.jobId === current.jobId) {
    if (event.status !== 'running') return current;
    return laterImportStatus(current, {
      ...current,
      status: 'running',
      progress: count(event.progress, current.progress),
    });
  }
  return null;
}

/** True for the job event that says the import's job has ended (done or failed). */
export const endsImport = (current: ImportStatus, event: OrgEvent) =>
  event.type === 'job' &&
  !!current.jobId &&
  event.jobId === current.jobId &&
  (event.status === 'done' || event.status === 'failed');

export interface ImportFollowDeps {
  /** Starts the import; answers with it, now naming its job. */
  start: () => Promise<ImportStatus>;
  /** Reads the import from the API. */
  read: () => Promise<ImportStatus>;
  /** Subscribes to the org's live events; returns the unsubscribe. */
  subscribe: (handler: (event: OrgEvent) => void) => () => void;
  /** Whether the live connection is open right now. */
  liveOpen: () => boolean;
  /** How often to check whether a read is due (the slow poll's period). */
  pollMs: number;
}

/** Job events kept while the import's job id is not known yet (the start has not answered). */
const MAX_EARLY_JOB_EVENTS = 100;

/**
 * Starts an uploaded import and follows it until it ends (or until `stop` is called): `onStatus`
 * gets every newer view, the last one finished; `started` settles when the start has answered
 * (and rejects, having stopped, if it failed). Events are heard from before the start is sent:
 * the job can run, and even finish, before the answer that names it arrives, so its early
 * events wait until the job id is known. Reads happen after the start, when the job ends, and
 * on each tick while the live connection is not open (plus once after it reopens, for the
 * events it missed).
 */
export function followImport(
  uploaded: ImportStatus,
  deps: ImportFollowDeps,
  onStatus: (status: ImportStatus) => void,
): { stop: () => void; started: Promise<void> } {
  let shown: ImportStatus = { ...uploaded, status: 'queued' };
  let stopped = false;
  // A read is owed after a failed one; `missedEvents` while the connection is (or was) down.
  let readOwed = false;
  let missedEvents = false;
  let reading = false;
  let readAgain = false;
  let earlyJobEvents: OrgEvent[] = [];

  const show = (next: ImportStatus) => {
    if (stopped) return;
    shown = laterImportStatus(shown, next);
    onStatus(shown);
    if (isFinished(shown)) stop();
  };
  const read = async (): Promise<void> => {
    if (stopped) return;
    if (reading) {
      // The answer on its way may predate what called for this read (the job's end).
      readAgain = true;
      return;
    }
    reading = true;
    readOwed = false;
    try {
      show(await deps.read());
    } catch {
      readOwed = true; // a failed read is tried again on the next tick
    } finally {
      reading = false;
    }
    if (readAgain) {
      readAgain = false;
      return read();
    }
  };
  const hear = (event: OrgEvent) => {
    if (stopped) return;
    if (event.type === 'job' && !shown.jobId) {
      earlyJobEvents = [...earlyJobEvents, event].slice(-MAX_EARLY_JOB_EVENTS);
      return;
    }
    if (endsImport(shown, event)) {
      void read();
      return;
    }
    const next = applyImportEvent(shown, event);
    if (next && next !== shown) show(next);
  };

  const unsubscribe = deps.subscribe(hear);
  const timer = setInterval(() => {
    const open = deps.liveOpen();
    if (!open) missedEvents = true;
    else if (missedEvents) {
      missedEvents = false;
      readOwed = true;
    }
    if (!open || readOwed) void read();
  }, deps.pollMs);
  const stop = () => {
    stopped = true;
    unsubscribe();
    clearInterval(timer);
  };

  onStatus(shown);
  const started = deps.start().then(
    (answer) => {
      show(answer);
      const early = earlyJobEvents;
      earlyJobEvents = [];
      for (const event of early) hear(event);
      return read();
    },
    (error: unknown) => {
      stop();
      throw error;
    },
  );
  return { stop, started };
}
