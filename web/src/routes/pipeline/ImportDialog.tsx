/**
 * CSV import in four steps: upload the file, check the preview and map each column to a lead
 * field, start, then follow the progress live until the result: imported, merged into existing
 * leads, and rejected rows with the reason for each.
 */
import { createSignal, For, Match, onCleanup, Show, Switch } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { Dialog } from '../../components/Dialog.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { t, tp } from '../../lib/i18n.ts';
import { isFinished } from './import-progress.ts';
import {
  downloadRejected,
  IMPORT_TARGETS,
  type ImportPreview,
  type ImportStatus,
  importTargetLabel,
  startAndWatchImport,
  uploadImport,
} from './imports-api.ts';

/** The server needs one of these mapped to tell who a row is. */
const IDENTIFYING = ['name', 'email', 'phone'];

type Step =
  | { kind: 'upload' }
  | { kind: 'map'; preview: ImportPreview; mapping: string[] }
  | { kind: 'running'; status: ImportStatus }
  | { kind: 'done'; status: ImportStatus };

export function ImportDialog(props: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  boardId: string;
}) {
  const [step, setStep] = createSignal<Step>({ kind: 'upload' });
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal('');
  let stopWatching: (() => void) | undefined;
  onCleanup(() => stopWatching?.());

  const reset = () => {
    stopWatching?.();
    setStep({ kind: 'upload' });
    setError('');
  };

  const upload = async (file: File) => {
    setBusy(true);
    setError('');
    try {
      const preview = await uploadImport(props.boardId, file);
      setStep({ kind: 'map', preview, mapping: [...preview.suggestedMapping] });
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const start = async (current: Extract<Step, { kind: 'map' }>) => {
    setBusy(true);
    setError('');
    // Shown as queued at once: the job may run before the start is even answered.
    const watch = startAndWatchImport(current.preview, current.mapping, (status) =>
      setStep(isFinished(status) ? { kind: 'done', status } : { kind: 'running', status }),
    );
    stopWatching = watch.stop;
    try {
      await watch.started;
    } catch (err) {
      setStep(current);
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={props.open}
      onOpenChange={(open) => {
        if (!open && step().kind !== 'running') reset();
        props.onOpenChange(open);
      }}
      title={t('pipeline.importTitle')}
      description={t('pipeline.importHelp')}
      size="lg"
    >
      <div class="grid gap-4" data-testid="import-dialog">
        <Show when={error()}>
          <Notice kind="error">{error()}</Notice>
        </Show>
        <Switch>
          <Match when={step().kind === 'upload'}>
            <label class="grid cursor-pointer place-items-center gap-2 rounded-xl border-2 border-dashed border-line p-8 text-center text-sm text-fg-muted hover:border-brand">
              <span class="font-medium text-fg">{t('pipeline.importChoose')}</span>
              <span>{t('pipeline.importFormats')}</span>
              <input
                type="file"
                accept=".csv,text/csv"
                class="sr-only"
                disabled={busy()}
                onChange={(event) => {
                  const file = event.currentTarget.files?.[0];
                  if (file) void upload(file);
                }}
              />
            </label>
            <Show when={busy()}>
              <ProgressBar label={t('pipeline.importUploading')} />
            </Show>
          </Match>
          <Match when={step().kind === 'map' && (step() as Extract<Step, { kind: 'map' }>)}>
            {(current) => (
              <>
                <p class="text-sm text-fg-muted">
                  {tp('pipeline.importRows', current().preview.totalRows)}
                </p>
                <div class="max-h-[50vh] overflow-auto rounded-lg border border-line">
                  <table class="w-full text-sm" data-testid="import-preview">
                    <thead class="sticky top-0 bg-surface">
                      <tr>
                        <For each={current().preview.columns}>
                          {(header, index) => (
                            <th class="th align-top">
                              <span class="block truncate normal-case">{header}</span>
                              <select
                                class="input mt-1 h-8 min-w-32 text-xs normal-case"
                                aria-label={t('pipeline.importMapColumn', { column: header })}
                                value={current().mapping[index()]}
                                onChange={(event) => {
                                  const mapping = [...current().mapping];
                                  mapping[index()] = event.currentTarget.value;
                                  setStep({ ...current(), mapping });
                                }}
                              >
                                <For each={IMPORT_TARGETS}>
                                  {(target) => (
                                    <option value={target}>{importTargetLabel(target)}</option>
                                  )}
                                </For>
                                <Show
                                  when={!IMPORT_TARGETS.includes(current().mapping[index()] ?? '')}
                                >
                                  <option value={current().mapping[index()]}>
                                    {importTargetLabel(current().mapping[index()] ?? '')}
                                  </option>
                                </Show>
                              </select>
                            </th>
                          )}
                        </For>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={current().preview.preview}>
                        {(row) => (
                          <tr class="border-t border-line">
                            <For each={row}>
                              {(cell) => <td class="td max-w-48 truncate">{cell}</td>}
                            </For>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </div>
                <Show when={!current().mapping.some((target) => IDENTIFYING.includes(target))}>
                  <Notice kind="warning">{t('pipeline.importNeedsName')}</Notice>
                </Show>
                <div class="flex justify-end gap-2">
                  <Button onClick={reset}>{t('pipeline.importOtherFile')}</Button>
                  <Button
                    variant="primary"
                    busy={busy()}
                    disabled={!current().mapping.some((target) => IDENTIFYING.includes(target))}
                    onClick={() => void start(current())}
                  >
                    {t('pipeline.importStart')}
                  </Button>
                </div>
              </>
            )}
          </Match>
          <Match when={step().kind === 'running' && (step() as Extract<Step, { kind: 'running' }>)}>
            {(current) => {
              // Sliding while queued; from the job's start, the share of rows read so far.
              const percent = () =>
                current().status.status === 'running' ? current().status.progress : null;
              return (
                <div class="grid gap-2" data-testid="import-progress">
                  <ProgressBar value={percent()} label={t('pipeline.importRunning')} />
                  <p class="text-sm text-fg-muted" role="status">
                    {current().status.status === 'running'
                      ? t('pipeline.importProgress', {
                          processed: current().status.processedRows,
                          total: current().status.totalRows,
                        })
                      : t('pipeline.importQueued')}
                  </p>
                </div>
              );
            }}
          </Match>
          <Match when={step().kind === 'done' && (step() as Extract<Step, { kind: 'done' }>)}>
            {(current) => (
              <div class="grid gap-3" data-testid="import-result">
                <Show when={current().status.status === 'failed'}>
                  <Notice kind="error">
                    {current().status.error || t('pipeline.importFailed')}
                  </Notice>
                </Show>
                <dl class="grid grid-cols-3 gap-2 text-center">
                  <Stat label={t('pipeline.importImported')} value={current().status.imported} />
                  <Stat label={t('pipeline.importMerged')} value={current().status.merged} />
                  <Stat label={t('pipeline.importRejected')} value={current().status.rejected} />
                </dl>
                <Show when={current().status.rejections.length > 0}>
                  <div class="max-h-64 overflow-auto rounded-lg border border-line">
                    <table class="w-full text-sm">
                      <thead>
                        <tr>
                          <th class="th">{t('pipeline.importRow')}</th>
                          <th class="th">{t('pipeline.importReason')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={current().status.rejections}>
                          {(row) => (
                            <tr class="border-t border-line">
                              <td class="td tabular-nums">{row.line}</td>
                              <td class="td">
                                {row.problems.map((p) => `${p.column}: ${p.message}`).join('; ')}
                              </td>
                            </tr>
                          )}
                        </For>
                      </tbody>
                    </table>
                  </div>
                </Show>
                <div class="flex flex-wrap justify-end gap-2">
                  <Show when={current().status.rejected > 0}>
                    <Button
                      icon="download"
                      onClick={() =>
                        void downloadRejected(props.boardId, current().status.id).catch((err) =>
                          setError((err as Error).message),
                        )
                      }
                    >
                      {t('pipeline.importDownloadRejected')}
                    </Button>
                  </Show>
                  <Button onClick={reset}>{t('pipeline.importAnother')}</Button>
                  <Button variant="primary" onClick={() => props.onOpenChange(false)}>
                    {t('common.close')}
                  </Button>
                </div>
              </div>
            )}
          </Match>
        </Switch>
      </div>
    </Dialog>
  );
}

function Stat(props: { label: string; value: number }) {
  return (
    <div class="rounded-lg bg-surface-muted p-3">
      <dt class="text-xs text-fg-muted">{props.label}</dt>
      <dd class="text-xl font-semibold tabular-nums">{props.value}</dd>
    </div>
  );
}
