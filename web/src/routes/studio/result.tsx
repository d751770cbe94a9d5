/**
 * One generation as it runs and once it is done: status and progress bar, the text as it streams
 * in, the image or audio with a download, what it cost, and why it failed.
 */
import { createEffect, Match, Show, Switch } from 'solid-js';
import { CopyButton } from '../../components/CopyButton.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { formatCredits } from '../../lib/credits.ts';
import { t } from '../../lib/i18n.ts';
import {
  createMediaUrl,
  downloadName,
  followGeneration,
  type Generation,
  isFinished,
  MODALITY_LABELS,
  STATUS_LABELS,
} from './generation.ts';

export function GenerationResult(props: {
  generation: Generation;
  onSettled: (generation: Generation) => void;
}) {
  // Keyed by the caller (<Show keyed>): one follower per generation.
  const { generation, streamed } = followGeneration(props.generation, props.onSettled);
  const media = createMediaUrl(generation);
  createEffect(() => generation().status === 'done' && media.load());

  const percent = () => {
    const g = generation();
    if (g.status === 'done') return 100;
    return g.status === 'running' && g.progress > 0 ? g.progress : null;
  };
  const text = () => generation().output?.text ?? streamed().text;
  const mime = () => generation().output?.mimeType ?? '';

  return (
    <section
      class="card grid gap-4 p-5"
      aria-label={t('studio.result')}
      data-testid="generation-result"
    >
      <div class="flex flex-wrap items-center justify-between gap-2">
        <div class="flex items-center gap-2 text-sm">
          <span class="font-semibold text-fg">{t(MODALITY_LABELS[generation().modality])}</span>
          <span
            class="rounded-full bg-surface-muted px-2 py-0.5 text-xs font-medium text-fg-muted"
            data-testid="generation-status"
          >
            {t(STATUS_LABELS[generation().status])}
            <Show when={!isFinished(generation()) && percent() !== null}> · {percent()}%</Show>
          </span>
        </div>
        <Show when={generation().status === 'done'}>
          <span class="text-sm text-fg-muted" data-testid="generation-charged">
            {generation().cached
              ? t('studio.chargedCached', {
                  credits: formatCredits(generation().creditsCharged ?? 0),
                })
              : t('studio.charged', { credits: formatCredits(generation().creditsCharged ?? 0) })}
          </span>
        </Show>
      </div>
      <Show when={!isFinished(generation())}>
        <ProgressBar
          value={percent()}
          label={t('studio.progressLabel', { status: t(STATUS_LABELS[generation().status]) })}
        />
      </Show>
      <p class="line-clamp-2 text-sm text-fg-muted">{generation().prompt}</p>

      <Switch>
        <Match when={generation().status === 'failed'}>
          <Notice kind="error">
            {t('studio.failed')} {generation().error ?? ''} {t('studio.failedReleased')}
          </Notice>
        </Match>
        <Match when={generation().modality === 'text'}>
          <Show when={text() || !isFinished(generation())}>
            <div class="grid gap-2">
              <div
                class="min-h-24 whitespace-pre-wrap rounded-lg border border-line bg-surface-muted/40 p-4 text-sm leading-relaxed text-fg"
                data-testid="generation-text"
                aria-busy={!isFinished(generation())}
              >
                {text()}
                <Show when={!isFinished(generation())}>
                  <span class="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-brand align-middle" />
                </Show>
              </div>
              <Show when={generation().status === 'done' && text()}>
                <div class="flex justify-end">
                  <CopyButton text={text()} />
                </div>
              </Show>
            </div>
          </Show>
        </Match>
        <Match when={generation().status === 'done'}>
          <Show
            when={media.url()}
            fallback={
              <Show when={media.failed()} fallback={<ProgressBar label={t('common.loading')} />}>
                <Notice kind="error">{t('studio.outputFailed')}</Notice>
              </Show>
            }
          >
            {(url) => (
              <div class="grid gap-3">
                <Show
                  when={mime().startsWith('image/')}
                  fallback={
                    // biome-ignore lint/a11y/useMediaCaption: generated speech has no caption track; its script is the prompt shown above.
                    <audio controls src={url()} class="w-full" data-testid="generation-audio" />
                  }
                >
                  <img
                    src={url()}
                    alt={t('studio.imageAlt', { prompt: generation().prompt })}
                    class="max-h-[28rem] w-auto justify-self-center rounded-lg border border-line"
                    data-testid="generation-image"
                  />
                </Show>
                <div class="flex justify-end">
                  <a
                    href={url()}
                    download={downloadName(generation())}
                    class="btn-secondary btn-sm"
                  >
                    <Icon name="download" />
                    {t('studio.download')}
                  </a>
                </div>
              </div>
            )}
          </Show>
        </Match>
      </Switch>
    </section>
  );
}
