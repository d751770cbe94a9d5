/**
 * Background jobs of the org as they run (from live events): a progress bar each, gone when done.
 * A job the current page already shows (a studio generation on the studio, with its own bar and
 * streamed text right there) is left out, so the tray never sits on the button or result it would
 * report on. A job without a measured share yet (a text streams with none) shows a moving bar,
 * not "0%".
 */
import { useLocation } from '@solidjs/router';
import { createMemo, For, Show } from 'solid-js';
import { createStore, produce } from 'solid-js/store';
import { codeLabel, formatPercent, t } from '../lib/i18n.ts';
import type { OrgEvent } from '../lib/live-events.ts';
import { Icon } from './Icon.tsx';
import { ProgressBar } from './ProgressBar.tsx';
import { showToast } from './Toast.tsx';

interface JobView {
  jobId: string;
  kind: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress: number | null;
}

const KEEP_FINISHED_MS = 4000;

/** A job's kind (`studio.generate`) in words; one this build does not know is a background job. */
const jobName = (kind: string) => codeLabel('shell.job_', kind, t('shell.job'));

/** Job kinds whose page shows them itself, by that page's path. */
const SHOWN_ON_PAGE: Record<string, string> = { 'studio.generate': '/studio' };

/** The share done, when there is one to show. */
const measured = (job: JobView) =>
  job.status === 'done' ? 100 : job.progress && job.progress > 0 ? job.progress : null;
const [jobs, setJobs] = createStore<JobView[]>([]);

export function receiveJobEvent(event: Extract<OrgEvent, { type: 'job' }>) {
  const job = {
    jobId: event.jobId,
    kind: event.kind,
    status: event.status,
    progress: event.progress,
  };
  setJobs(
    produce((list) => {
      const existing = list.find((j) => j.jobId === job.jobId);
      if (existing) Object.assign(existing, job);
      else list.push(job);
    }),
  );
  if (job.status === 'failed')
    showToast({
      kind: 'error',
      title: t('shell.jobFailed', { kind: jobName(job.kind) }),
    });
  if (job.status === 'done' || job.status === 'failed')
    setTimeout(
      () => setJobs((list) => list.filter((j) => j.jobId !== job.jobId)),
      KEEP_FINISHED_MS,
    );
}

export function JobsTray() {
  const location = useLocation();
  const shown = createMemo(() =>
    jobs.filter((job) => !location.pathname.startsWith(SHOWN_ON_PAGE[job.kind] ?? '\0')),
  );
  return (
    <Show when={shown().length}>
      <section
        data-testid="jobs-tray"
        aria-label={t('shell.jobs')}
        aria-live="polite"
        class="card fixed bottom-20 left-4 z-30 grid w-72 gap-3 p-4 shadow-lg md:bottom-4 md:left-68"
      >
        <For each={shown()}>
          {(job) => (
            <div class="grid gap-1.5">
              <div class="flex items-center justify-between gap-2 text-sm">
                <span class="truncate font-medium text-fg">{jobName(job.kind)}</span>
                <Show
                  when={job.status === 'done'}
                  fallback={
                    <Show when={measured(job)}>
                      {(percent) => (
                        <span class="text-xs text-fg-muted">
                          {formatPercent(percent() / 100, 0)}
                        </span>
                      )}
                    </Show>
                  }
                >
                  <Icon name="check" class="size-4 text-brand" />
                </Show>
              </div>
              <ProgressBar value={measured(job)} label={jobName(job.kind)} />
            </div>
          )}
        </For>
      </section>
    </Show>
  );
}
