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
    const otherJob = { type: 'job', jobId: 'job-2', status: 'running', progress: 50 };
    expect(applyImportEvent(status(), otherJob)).toBeNull();
    expect(applyImportEvent(status(), { type: 'alert' })).toBeNull();
  });

  it('takes the job’s percent while it runs, never lower than the rows already seen', () => {
    const seen = status({ status: 'running', processedRows: 1000, progress: 83 });
    const retried = { type: 'job', jobId: 'job-1', status: 'running', progress: 42 };
    expect(applyImportEvent(seen, retried)?.progress).toBe(83);
    const started = { type: 'job', jobId: 'job-1', status: 'running', progress: 0 };
    expect(applyImportEvent(status(), started)?.status).toBe('running');
  });
});

describe('followImport', () => {
  let handlers: ((event: OrgEvent) => void)[];
  let open: boolean;
  let server: ImportStatus;
  let reads: number;
  let shown: ImportStatus[];

  const follow = (initial = status()) =>
    followImport(
      initial,
      {
        read: async () => {
          reads++;
          return server;
        },
        subscribe: (handler) => {
          handlers.push(handler);
          return () => handlers.splice(handlers.indexOf(handler), 1);
        },
        liveOpen: () => open,
        pollMs: 5000,
      },
      (next) => shown.push(next),
    );
  const emit = (event: OrgEvent) => {
    for (const handler of [...handlers]) handler(event);
  };

  beforeEach(() => {
    vi.useFakeTimers();
    handlers = [];
    open = true;
    server = status();
    reads = 0;
    shown = [];
  });
  afterEach(() => vi.useRealTimers());

  it('reads once, follows the live events without polling, and reads the end once', async () => {
    follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(1);
    emit({ type: 'job', jobId: 'job-1', status: 'running', progress: 0 });
    emit(chunk(500, 500));
    emit(chunk(1000, 1000));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads).toBe(1); // the connection is open: no poll
    emit(chunk(1200, 1200));
    server = status({ status: 'done', processedRows: 1200, progress: 100, imported: 1200 });
    emit({ type: 'job', jobId: 'job-1', status: 'done', progress: 100 });
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(2);
    expect(shown.map((s) => s.progress)).toEqual([0, 0, 0, 42, 83, 100, 100]);
    expect(shown.at(-1)).toMatchObject({ status: 'done', imported: 1200 });
    // Finished: it has let go of the events and the timer.
    expect(handlers).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(reads).toBe(2);
  });

  it('polls slowly only while the connection is down, and reads once more when it is back', async () => {
    open = false;
    follow();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads).toBe(1);
    server = status({ status: 'running', processedRows: 500, progress: 42 });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(reads).toBe(3);
    expect(shown.at(-1)?.progress).toBe(42);
    open = true;
    server = status({ status: 'running', processedRows: 1000, progress: 83 });
    await vi.advanceTimersByTimeAsync(5000);
    expect(reads).toBe(4); // the catch-up read for what the dropped connection missed
    await vi.advanceTimersByTimeAsync(30_000);
    expect(reads).toBe(4);
    expect(shown.at(-1)?.progress).toBe(83);
  });

  it('never shows the bar going back when a slow read answers after newer events', async () => {
    let answer!: (value: ImportStatus) => void;
    const stop = followImport(
      status(),
      {
        read: () => new Promise((resolve) => (answer = resolve)),
        subscribe: (handler) => {
          handlers.push(handler);
          return () => undefined;
        },
        liveOpen: () => true,
        pollMs: 5000,
      },
      (next) => shown.push(next),
    );
    emit(chunk(1000, 1000));
    answer(status({ status: 'running', processedRows: 500, progress: 42 }));
    await vi.advanceTimersByTimeAsync(0);
    const percents = shown.map((s) => s.progress);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(shown.at(-1)?.progress).toBe(83);
    stop();
  });

  it('reads again when the job ends while an earlier read is still on its way', async () => {
    const answers: ((value: ImportStatus) => void)[] = [];
    followImport(
      status(),
      {
        read: () => new Promise((resolve) => answers.push(resolve)),
        subscribe: (handler) => {
          handlers.push(handler);
          return () => handlers.splice(handlers.indexOf(handler), 1);
        },
        liveOpen: () => true,
        pollMs: 5000,
      },
      (next) => shown.push(next),
    );
    emit({ type: 'job', jobId: 'job-1', status: 'done', progress: 100 });
    answers[0]!(status({ status: 'running', processedRows: 1000, progress: 83 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(answers).toHaveLength(2);
    answers[1]!(status({ status: 'done', processedRows: 1200, progress: 100, imported: 1200 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown.at(-1)?.status).toBe('done');
  });
});
