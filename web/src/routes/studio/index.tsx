/**
 * The AI studio: pick text, image or audio, write a prompt or fill a template, see the cost before
 * running, then watch the generation live (progress, streamed text, preview) and find it again in
 * the history. `?generation=<id>` opens one (the credit statement links to what it paid for).
 */
import { Tabs } from '@kobalte/core/tabs';
import { A, useSearchParams } from '@solidjs/router';
import { createEffect, createResource, createSignal, For, on, onCleanup, Show } from 'solid-js';
import { Icon } from '../../components/Icon.tsx';
import { Notice } from '../../components/Notice.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { SkeletonRows } from '../../components/Skeleton.tsx';
import { call, client } from '../../lib/api.ts';
import { describeError } from '../../lib/errors.ts';
import { t } from '../../lib/i18n.ts';
import { can, session } from '../../lib/session.ts';
import { Composer } from './composer.tsx';
import {
  fetchGeneration,
  type Generation,
  MODALITIES,
  MODALITY_ICONS,
  MODALITY_LABELS,
  type Modality,
  rememberTextEvents,
} from './generation.ts';
import { createHistory, HistoryGrid } from './history.tsx';
import { GenerationResult } from './result.tsx';

export default function StudioPage() {
  onCleanup(rememberTextEvents());
  const [modality, setModality] = createSignal<Modality>('text');
  const [current, setCurrent] = createSignal<Generation | null>(null);
  const [settings] = createResource(
    () => session.activeOrg?.id,
    () => call(client.GET('/api/v1/studio/settings')),
  );
  const history = createHistory();

  const show = (generation: Generation) => {
    setCurrent(generation);
    history.upsert(generation);
    document
      .getElementById('studio-result')
      ?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  };
  const [search] = useSearchParams<{ generation?: string }>();
  const [linkError, setLinkError] = createSignal<unknown>(null);
  createEffect(
    on(
      () => search.generation,
      (id) => {
        setLinkError(null);
        if (id)
          fetchGeneration(id)
            .then((generation) => {
              setCurrent(generation);
              setModality(generation.modality);
            })
            .catch(setLinkError);
      },
    ),
  );

  return (
    <div class="grid gap-8">
      <PageHeader
        title={t('sections.studio')}
        description={t('studio.description')}
        actions={
          <Show when={can('studio:manage')}>
            <A href="/credits?tab=prices" class="btn-secondary">
              <Icon name="coins" />
              {t('studio.pricesLink')}
            </A>
          </Show>
        }
      />
      <div class="grid gap-6 lg:grid-cols-[minmax(0,1.1fr)_minmax(0,1fr)] lg:items-start">
        <Tabs
          value={modality()}
          onChange={(value) => setModality(value as Modality)}
          class="card grid gap-5 p-5"
        >
          <Tabs.List
            class="relative flex gap-1 border-b border-line"
            aria-label={t('studio.modality')}
          >
            <For each={MODALITIES}>
              {(m) => (
                <Tabs.Trigger
                  value={m}
                  class="focus-ring inline-flex items-center gap-2 rounded-t-lg px-3 py-2 text-sm font-medium text-fg-muted hover:text-fg data-[selected]:text-brand-strong"
                >
                  <Icon name={MODALITY_ICONS[m]} />
                  {t(MODALITY_LABELS[m])}
                </Tabs.Trigger>
              )}
            </For>
            <Tabs.Indicator class="absolute -bottom-px h-0.5 bg-brand transition-all duration-200" />
          </Tabs.List>
          <Show
            when={settings()}
            fallback={
              <Show
                when={settings.error}
                fallback={<SkeletonRows rows={4} label={t('common.loading')} />}
              >
                <Notice kind="error">{describeError(settings.error)}</Notice>
              </Show>
            }
          >
            {(loaded) => (
              <For each={MODALITIES}>
                {(m) => (
                  // Kept mounted (hidden when not chosen): switching tabs keeps what was typed.
                  <Tabs.Content value={m} forceMount class="hidden data-[selected]:block">
                    <Composer modality={m} providers={loaded().providers} onQueued={show} />
                  </Tabs.Content>
                )}
              </For>
            )}
          </Show>
        </Tabs>
        <div id="studio-result" class="grid gap-4">
          <Show when={linkError()}>
            <Notice kind="error">{describeError(linkError())}</Notice>
          </Show>
          <Show
            when={current()}
            keyed
            fallback={
              <div class="card grid place-items-center gap-2 p-10 text-center">
                <Icon name="studio" class="size-8 text-brand" />
                <p class="text-sm font-medium text-fg">{t('studio.resultEmptyTitle')}</p>
                <p class="max-w-sm text-sm text-fg-muted">{t('studio.resultEmptyBody')}</p>
              </div>
            }
          >
            {(generation) => (
              <GenerationResult generation={generation} onSettled={history.upsert} />
            )}
          </Show>
        </div>
      </div>
      <HistoryGrid history={history} onOpen={show} />
    </div>
  );
}
