import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OrgEvent } from '../../lib/live-events.ts';
import {
  applyImportEvent,
  followImport,
  type ImportStatus,
  laterImportStatus,
} from './import-progress.ts';

const status = (fields: Partial<ImportStatus> = {}): ImportStatus => ({
  id: 'imp-1',
  boardId: 'board-1',
  jobId: 'job-1',
  columns: ['nome'],
  status: 'queued',
  error: null,
  totalRows: 1200,
  processedRows: 0,
  progress: 0,
  imported: 0,
  merged: 0,
  rejected: 0,
  rejections: [],
  fileName: 'leads.csv',
  delimiter: ',',
  sizeBytes: 1024,
  mapping: null,
  createdAt: '2026-12-01T12:00:00.000Z',
  ...fields,
});

const chunk = (processedRows: number, imported: number, importId = 'imp-1'): OrgEvent => ({
  type: 'lead_import',
  importId,
  boardId: 'board-1',
  processedRows,
  totalRows: 1200,
  imported,
  merged: 0,
  rejected: 0,
});

describe('laterImportStatus', () => {
  it('never moves the status, percent or counts back when an older read answers late', () => {
    const now = status({ status: 'running', processedRows: 1000, progress: 83, imported: 900 });
    const stale = status({ status: 'queued', processedRows: 500, progress: 42, imported: 450 });
    expect(laterImportStatus(now, stale)).toMatchObject({
      status: 'running',
      processedRows: 1000,
      progress: 83,
      imported: 900,
    });
  });

  it('takes the end and its final counts and refused rows from a read', () => {
    const now = status({ status: 'running', processedRows: 1000, progress: 83 });
    const rejection = { line: 4, values: [''], problems: [{ column: 'nome', message: 'x' }] };
    const final = status({
      status: 'done',
      processedRows: 1200,
      progress: 100,
      imported: 1180,
      rejected: 1,
      rejections: [rejection],
    });
    expect(laterImportStatus(now, final)).toEqual(final);
  });

  it('keeps a finished import finished', () => {
    const failed = status({ status: 'failed', error: 'Gave up after repeated failures.' });
    expect(laterImportStatus(failed, status({ status: 'running' }))).toMatchObject({
      status: 'failed',
      error: 'Gave up after repeated failures.',
    });
  });
});

const job = (
  status: 'queued' | 'running' | 'done' | 'failed',
  progress: number,
  jobId = 'job-1',
): OrgEvent => ({
  type: 'job',
  jobId,
  kind: 'lead-import',
  status,
  progress,
});

describe('applyImportEvent', () => {
  it('applies a chunk of this import, with its percent from the rows read', () => {
    expect(applyImportEvent(status(), chunk(500, 450))).toMatchObject({
      status: 'running',
      processedRows: 500,
      progress: 42,
      imported: 450,
    });
  });

  it('ignores other imports and other jobs', () => {
    expect(applyImportEvent(status(), chunk(500, 450, 'imp-2'))).toBeNull();
    expect(applyImportEvent(status(), job('running', 50, 'job-2'))).toBeNull();
    const alert = { id: 'a', kind: 'x', severity: 'info', title: 't', detail: null, data: null };
    expect(applyImportEvent(status(), { type: 'alert', alert } as OrgEvent)).toBeNull();
  });

  it('takes the job’s percent while it runs, never lower than the rows already seen', () => {
    const seen = status({ status: 'running', processedRows: 1000, progress: 83 });
    expect(applyImportEvent(seen, job('running', 42))?.progress).toBe(83);
    expect(applyImportEvent(status(), job('running', 0))?.status).toBe('running');
  });
});

describe('followImport', () => {
  let handlers: ((event: OrgEvent) => void)[];
  let open: boolean;
  let shown: ImportStatus[];

  /** Start and reads answer when the test says so: `answer()` settles the oldest one waiting. */
  function follow() {
    const waiting: {
      what: 'start' | 'read';
      settle: (s: ImportStatus) => void;
      fail: () => void;
    }[] = [];
    const ask = (what: 'start' | 'read') =>
      new Promise<ImportStatus>((settle, reject) =>
        waiting.push({ what, settle, fail: () => reject(new Error('HTTP 500')) }),
      );
    const watch = followImport(
      status({ status: 'uploaded', jobId: null }),
      {
        start: () => ask('start'),
        read: () => ask('read'),
        subscribe: (handler) => {
          handlers.push(handler);
          return () => handlers.splice(handlers.indexOf(handler), 1);
        },
        liveOpen: () => open,
        pollMs: 5000,
      },
      (next) => shown.push(next),
    );
    const answer = async (what: 'start' | 'read', value: ImportStatus | 'fail') => {
      const next = waiting.shift();
      expect(next?.what).toBe(what);
      if (value === 'fail') next!.fail();
      else next!.settle(value);
      await vi.advanceTimersByTimeAsync(0);
    };
    return { watch, answer, waiting };
  }
  const emit = (event: OrgEvent) => {
    for (const handler of [...handlers]) handler(event);
  };
  const done = status({ status: 'done', processedRows: 1200, progress: 100, imported: 1200 });

  beforeEach(() => {
    vi.useFakeTimers();
    handlers = [];
    open = true;
    shown = [];
  });
  afterEach(() => vi.useRealTimers());

  it('shows the import queued at once, follows the live events, and reads after the start and at the end', async () => {
    const { watch, answer, waiting } = follow();
    expect(shown).toEqual([expect.objectContaining({ status: 'queued', progress: 0 })]);
    await answer('start', status());
    await answer('read', status());
    emit(job('running', 0));
    emit(chunk(500, 500));
    emit(chunk(1000, 1000));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(waiting).toHaveLength(0); // the connection is open: no poll
    emit(chunk(1200, 1200));
    emit(job('done', 100));
    await answer('read', done);
    await watch.started;
    expect(shown.map((s) => s.progress)).toEqual([0, 0, 0, 0, 42, 83, 100, 100]);
    expect(shown.at(-1)).toMatchObject({ status: 'done', imported: 1200 });
    // Finished: it has let go of the events and the timer.
    expect(handlers).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(waiting).toHaveLength(0);
  });

  it('keeps the job’s events heard before the start answered, even its end', async () => {
    const { answer } = follow();
    // The job runs through while the start request is still on its way back.
    emit(job('running', 0));
    emit(job('running', 42));
    emit(chunk(500, 500));
    emit(job('done', 100));
    expect(shown.at(-1)).toMatchObject({ status: 'running', progress: 42 });
    await answer('start', status());
    // A read sent before the job's end registered may still say "running"; the early end
    // makes sure another read follows.
    await answer('read', status({ status: 'running', processedRows: 1000, progress: 83 }));
    await answer('read', done);
    expect(shown.at(-1)).toMatchObject({ status: 'done', imported: 1200 });
    expect(handlers).toHaveLength(0);
  });

  it('polls slowly only while the connection is down, and reads once more when it is back', async () => {
    open = false;
    const { answer, waiting } = follow();
    await answer('start', status());
    await answer('read', status());
    await vi.advanceTimersByTimeAsync(5000);
    await answer('read', status({ status: 'running', processedRows: 500, progress: 42 }));
    await vi.advanceTimersByTimeAsync(5000);
    await answer('read', status({ status: 'running', processedRows: 500, progress: 42 }));
    expect(shown.at(-1)?.progress).toBe(42);
    open = true;
    await vi.advanceTimersByTimeAsync(5000);
    // The catch-up read, for what the dropped connection missed; then no more polling.
    await answer('read', status({ status: 'running', processedRows: 1000, progress: 83 }));
    await vi.advanceTimersByTimeAsync(30_000);
    expect(waiting).toHaveLength(0);
    expect(shown.at(-1)?.progress).toBe(83);
  });

  it('never shows the bar going back when a slow read answers after newer events', async () => {
    const { watch, answer } = follow();
    await answer('start', status());
    emit(chunk(1000, 1000));
    await answer('read', status({ status: 'running', processedRows: 500, progress: 42 }));
    const percents = shown.map((s) => s.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(shown.at(-1)?.progress).toBe(83);
    watch.stop();
  });

  it('reads again when the job ends while an earlier read is still on its way', async () => {
    const { answer } = follow();
    await answer('start', status());
    emit(job('done', 100));
    await answer('read', status({ status: 'running', processedRows: 1000, progress: 83 }));
    await answer('read', done);
    expect(shown.at(-1)?.status).toBe('done');
  });

  it('a failed start stops following and says so', async () => {
    const { watch, answer, waiting } = follow();
    const outcome = watch.started.catch((error: Error) => error.message);
    await answer('start', 'fail');
    expect(await outcome).toBe('HTTP 500');
    expect(handlers).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(waiting).toHaveLength(0);
  });
});
