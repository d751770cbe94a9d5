/**
 * The drawer's server-side views of a lead: why it has its score, leads that look like the same
 * person (with a merge that keeps both timelines), and its timeline. These come from the API
 * (the board projects to it within seconds), so offline they say so instead.
 */
import { createResource, For, Match, Show, Switch } from 'solid-js';
import { Button } from '../../components/Button.tsx';
import { showToast } from '../../components/Toast.tsx';
import { api, isOffline } from '../../lib/api.ts';
import { formatDateTime, t } from '../../lib/i18n.ts';
import { scoreClass } from './LeadCard.tsx';
import {
  describeScoreReason,
  describeTimelineEvent,
  type ScoreExplanation,
  type TimelineEvent,
} from './lead-insights.ts';

interface DuplicateSuggestion {
  leadId: string;
  similarity: number;
  exact: boolean;
  lead: { name: string; company: string };
}

export function LeadInsights(props: { leadId: string; score: number; canEdit: boolean }) {
  const [score] = createResource(
    () => props.leadId,
    (id) => api<ScoreExplanation>(`/leads/${id}/score`),
  );
  const [duplicates, { refetch: refetchDuplicates }] = createResource(
    () => props.leadId,
    (id) => api<{ items: DuplicateSuggestion[] }>(`/leads/${id}/duplicates`).then((r) => r.items),
  );
  const [timeline, { refetch: refetchTimeline }] = createResource(
    () => props.leadId,
    (id) => api<{ items: TimelineEvent[] }>(`/leads/${id}/timeline`).then((r) => r.items),
  );

  const merge = async (other: DuplicateSuggestion) => {
    try {
      await api(`/leads/${props.leadId}/merge`, {
        method: 'POST',
        body: { otherId: other.leadId },
      });
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

  const unavailable = (error: unknown) =>
    isOffline(error) ? t('pipeline.needsNetwork') : t('pipeline.loadFailed');

  return (
    <div class="grid gap-5">
      <section class="grid gap-2" aria-labelledby="lead-score-title">
        <h3 id="lead-score-title" class="flex items-center gap-2 text-sm font-semibold text-fg">
          {t('pipeline.scoreTitle')}
          <span class={`rounded-md px-1.5 py-0.5 text-xs tabular-nums ${scoreClass(props.score)}`}>
            {props.score}
          </span>
        </h3>
        <Switch>
          <Match when={score.error}>
            <p class="help-text">{unavailable(score.error)}</p>
          </Match>
          <Match when={score()}>
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
          </Match>
        </Switch>
      </section>

      <section class="grid gap-2" aria-labelledby="lead-duplicates-title">
        <h3 id="lead-duplicates-title" class="text-sm font-semibold text-fg">
          {t('pipeline.duplicatesTitle')}
        </h3>
        <Switch>
          <Match when={duplicates.error}>
            <p class="help-text">{unavailable(duplicates.error)}</p>
          </Match>
          <Match when={duplicates()}>
            {(items) => (
              <ul class="grid gap-2" data-testid="duplicates">
                <For
                  each={items()}
                  fallback={<li class="help-text">{t('pipeline.noDuplicates')}</li>}
                >
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
          </Match>
        </Switch>
      </section>

      <section class="grid gap-2" aria-labelledby="lead-timeline-title">
        <h3 id="lead-timeline-title" class="text-sm font-semibold text-fg">
          {t('pipeline.timelineTitle')}
        </h3>
        <Switch>
          <Match when={timeline.error}>
            <p class="help-text">{unavailable(timeline.error)}</p>
          </Match>
          <Match when={timeline()}>
            {(items) => (
              <ol class="grid gap-2 border-l-2 border-line pl-4" data-testid="timeline">
                <For
                  each={items()}
                  fallback={<li class="help-text">{t('pipeline.timelineEmpty')}</li>}
                >
                  {(event) => (
                    <li class="grid text-sm">
                      <span class="text-fg">{describeTimelineEvent(event)}</span>
                      <span class="text-xs text-fg-muted">
                        {event.author?.type === 'user' ? `${event.author.name} · ` : ''}
                        {event.author?.type === 'api_key' ? `${t('pipeline.viaApi')} · ` : ''}
                        {formatDateTime(event.at)}
                      </span>
                    </li>
                  )}
                </For>
              </ol>
            )}
          </Match>
        </Switch>
      </section>
    </div>
  );
}
