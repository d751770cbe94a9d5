/** Words for the API's score reasons and timeline events, in the chosen language. */
import type { Answer } from '../../lib/api.ts';
import { formatDaysFrom, t, tp } from '../../lib/i18n.ts';

export type ScoreExplanation = Answer<'/api/v1/leads/{id}/score', 'get'>;
type ScoreReason = ScoreExplanation['reasons'][number];
export type TimelineEvent = Answer<'/api/v1/leads/{id}/timeline', 'get'>['items'][number];

export function describeScoreReason(reason: ScoreReason): string {
  switch (reason.code) {
    case 'source':
      return t('pipeline.reasonSource', { source: reason.source });
    case 'field':
      return t('pipeline.reasonField', { field: fieldLabel(reason.field) });
    case 'recency':
      return t('pipeline.reasonRecency', {
        when: formatDaysFrom(-reason.days),
        within: tp('pipeline.dayCount', reason.withinDays),
      });
    case 'custom':
      return t('pipeline.reasonCustom', { field: reason.field });
    case 'clamped':
      return t('pipeline.reasonClamped', { total: reason.total, score: reason.score });
  }
}

/** A lead field's name as people read it; custom fields keep their own name. */
export function fieldLabel(field: string): string {
  if (field.startsWith('custom.')) return field.slice(7);
  const labels: Record<string, string> = {
    name: t('pipeline.fieldName'),
    company: t('pipeline.fieldCompany'),
    email: t('pipeline.fieldEmail'),
    phone: t('pipeline.fieldPhone'),
    value: t('pipeline.fieldValue'),
    source: t('pipeline.fieldSource'),
    ownerId: t('pipeline.fieldOwner'),
    tags: t('pipeline.fieldTags'),
    score: t('pipeline.scoreTitle'),
    nextActivityAt: t('pipeline.fieldNextActivity'),
    stage: t('pipeline.fieldStage'),
    notes: t('pipeline.fieldNotes'),
    lostReason: t('pipeline.fieldLostReason'),
  };
  return labels[field] ?? field;
}

export function describeTimelineEvent(event: TimelineEvent): string {
  const data = event.payload ?? {};
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  switch (event.kind) {
    case 'created':
      return t('pipeline.eventCreated', { stage: text('stageName') });
    case 'note':
      return t('pipeline.eventNote', { text: text('text') });
    case 'stage_change':
      return t('pipeline.eventStage', {
        from: text('fromName') || text('from'),
        to: text('toName') || text('to'),
      });
    case 'field_change': {
      const fields = Object.keys((data.fields as Record<string, unknown> | undefined) ?? {});
      return t('pipeline.eventField', { fields: fields.map(fieldLabel).join(', ') });
    }
    case 'merged':
      return t('pipeline.eventMerged');
    case 'deleted':
      return t('pipeline.eventDeleted');
    default:
      return event.kind;
  }
}

/** The API's limit on one timeline note, counted after trimming as the server does. */
export const NOTE_MAX_CHARS = 10_000;

/** How a note being written stands against the limit: empty, fine, or over by some characters. */
export function noteLength(text: string): { length: number; over: number; empty: boolean } {
  const length = text.trim().length;
  return { length, over: Math.max(0, length - NOTE_MAX_CHARS), empty: length === 0 };
}

/** The timeline with an event just written on top, once even if a refetch already brought it. */
export function withNewEvent(items: TimelineEvent[], event: TimelineEvent): TimelineEvent[] {
  return [event, ...items.filter((item) => item.id !== event.id)];
}
