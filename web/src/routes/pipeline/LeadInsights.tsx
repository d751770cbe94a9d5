/**
 * The drawer's server-side views of a lead: why it has its score, leads that look like the same
 * person (with a merge that keeps both timelines), and its timeline. These come from the API
 * (the board projects to it within seconds), so offline they say so instead. People who may edit
 * also add dated notes to the timeline here; the timeline reads itself again when the board says
 * it grew (a teammate's note, a move), so an open drawer follows without being reopened.
 */
import {
  type Accessor,
  createResource,
  For,
  type JSX,
  Match,
  onCleanup,
  type Resource,
  Show,
  Suspense,
  Switch,
} from 'solid-js';
import { timelineGrew } from '../../../../domain/pipeline/timeline-event.ts';
import { Button } from '../../components/Button.tsx';
import { SkeletonLine } from '../../components/Skeleton.tsx';
import { showToast } from '../../components/Toast.tsx';
import { type Answer, call, client, isOffline } from '../../lib/api.ts';
import { formatDateTime, t } from '../../lib/i18n.ts';
import { onOrgEvent } from '../../lib/live-events.ts';
import { scoreClass } from './LeadCard.tsx';
import { describeScoreReason, describeTimelineEvent, withNewEvent } from './lead-insights.ts';
import { NoteComposer } from './NoteComposer.tsx';

type DuplicateSuggestion = Answer<'/api/v1/leads/{id}/duplicates', 'get'>['items'][number];
const lead = (id: string) => ({ params: { path: { id } } });

export function LeadInsights(props: { leadId: string; score: number; canEdit: boolean }) {
  // Read again whenever the board's live score moves, so the reasons always add up to it.
  const [score] = createResource(
    () => ({ id: props.leadId, score: props.score }),
    ({ id }) => call(client.GET('/api/v1/leads/{id}/score', lead(id))),
  );
  const [duplicates, { refetch: refetchDuplicates }] = createResource(
    () => props.leadId,
    (id) => call(client.GET('/api/v1/leads/{id}/duplicates', lead(id))).then((r) => r.items),
  );
  const [timeline, { refetch: refetchTimeline, mutate: mutateTimeline }] = createResource(
    () => props.leadId,
    (id) => call(client.GET('/api/v1/leads/{id}/timeline', lead(id))).then((r) => r.items),
  );
  onCleanup(
    onOrgEvent((event) => {
      if (timelineGrew(event, props.leadId)) void refetchTimeline();
    }),
  );

  const merge = async (other: DuplicateSuggestion) => {
    try {
      await call(
        client.POST('/api/v1/leads/{id}/merge', {
          ...lead(props.leadId),
          body: { otherId: other.leadId },
        }),
      );
      showToast({ kind: 'success', title: t('pipeline.merged', { name: other.lead.name }) });
      void refetchDuplicates();
      void refetchTimeline();
    } catch (err) {
      showToast({
        kind: 'error',
        title: t('pipeline.mergeFailed'),
        description: (err as Error).message,
      });
    }
  };

  return (
    <div class="grid gap-5">
      <ServerSection
        id="lead-score-title"
        title={
          <>
            {t('pipeline.scoreTitle')}
            <span
              class={`rounded-md px-1.5 py-0.5 text-xs tabular-nums ${scoreClass(props.score)}`}
              data-testid="score-value"
            >
              {props.score}
            </span>
          </>
        }
        data={score}
      >
        {(explanation) => (
          <ul class="grid gap-1 text-sm" data-testid="score-reasons">
            <For
              each={explanation().reasons}
              fallback={<li class="help-text">{t('pipeline.scoreNoReasons')}</li>}
            >
              {(reason) => (
                <li class="flex justify-between gap-3">
                  <span class="text-fg-muted">{describeScoreReason(reason)}</span>
                  <Show when={'points' in reason}>
                    <span class="tabular-nums font-medium">
                      {(reason as { points: number }).points > 0 ? '+' : ''}
                      {(reason as { points: number }).points}
                    </span>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </ServerSection>

      <ServerSection
        id="lead-duplicates-title"
        title={t('pipeline.duplicatesTitle')}
        data={duplicates}
      >
        {(items) => (
          <ul class="grid gap-2" data-testid="duplicates">
            <For each={items()} fallback={<li class="help-text">{t('pipeline.noDuplicates')}</li>}>
              {(other) => (
                <li class="flex items-center gap-3 rounded-lg border border-line p-2.5 text-sm">
                  <div class="grid grow min-w-0">
                    <span class="truncate font-medium">{other.lead.name}</span>
                    <span class="truncate text-xs text-fg-muted">
                      {other.lead.company} ·{' '}
                      {other.exact
                        ? t('pipeline.exactMatch')
                        : t('pipeline.similarity', {
                            percent: Math.round(other.similarity * 100),
                          })}
                    </span>
                  </div>
                  <Show when={props.canEdit}>
                    <Button size="sm" onClick={() => void merge(other)}>
                      {t('pipeline.merge')}
                    </Button>
                  </Show>
                </li>
              )}
            </For>
          </ul>
        )}
      </ServerSection>

      <ServerSection id="lead-timeline-title" title={t('pipeline.timelineTitle')} data={timeline}>
        {(items) => (
          <>
            <NoteComposer
              leadId={props.leadId}
              disabled={!props.canEdit}
              onAdded={(event) => mutateTimeline((list) => withNewEvent(list ?? [], event))}
            />
            <ol class="grid gap-2 border-l-2 border-line pl-4" data-testid="timeline">
              <For
                each={items()}
                fallback={<li class="help-text">{t('pipeline.timelineEmpty')}</li>}
              >
                {(event) => (
                  <li class="grid text-sm" data-kind={event.kind}>
                    <span class="whitespace-pre-line break-words text-fg">
                      {describeTimelineEvent(event)}
                    </span>
                    <span class="text-xs text-fg-muted">
                      {event.author?.type === 'user' ? `${event.author.name} · ` : ''}
                      {event.author?.type === 'api_key' ? `${t('pipeline.viaApi')} · ` : ''}
                      {formatDateTime(event.at)}
                    </span>
                  </li>
                )}
              </For>
            </ol>
          </>
        )}
      </ServerSection>
    </div>
  );
}

/**
 * One of the drawer's server-side views: its heading, then what the API answered, or why there
 * is nothing to show (offline, or the read failed). The last answer stays while a newer one loads.
 */
function ServerSection<T>(props: {
  id: string;
  title: JSX.Element;
  data: Resource<T>;
  children: (value: Accessor<T>) => JSX.Element;
}) {
  return (
    <section class="grid gap-2" aria-labelledby={props.id}>
      <h3 id={props.id} class="flex items-center gap-2 text-sm font-semibold text-fg">
        {props.title}
      </h3>
      {/* Loading shows here, in the section: it must not suspend the drawer or the board behind it. */}
      <Suspense fallback={<SkeletonLine class="w-2/3" />}>
        <Switch>
          <Match when={props.data.error}>
            <p class="help-text">
              {isOffline(props.data.error) ? t('pipeline.needsNetwork') : t('pipeline.loadFailed')}
            </p>
          </Match>
          <Match when={props.data.latest}>{(value) => props.children(value as Accessor<T>)}</Match>
        </Switch>
      </Suspense>
    </section>
  );
}
