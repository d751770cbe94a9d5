/** Words for the API's score reasons and timeline events, in the chosen language. */
import { t } from '../../lib/i18n.ts';

export type ScoreReason =
  | { code: 'source'; source: string; points: number }
  | { code: 'field'; field: string; points: number }
  | { code: 'recency'; days: number; withinDays: number; points: number }
  | { code: 'custom'; field: string; op: string; value?: string | number | boolean; points: number }
  | { code: 'clamped'; total: number; score: number };

export interface ScoreExplanation {
  score: number;
  reasons: ScoreReason[];
}

export interface TimelineEvent {
  id: string;
  kind: string;
  at: string;
  actorName?: string | null;
  data?: Record<string, unknown> | null;
}

export function describeScoreReason(reason: ScoreReason): string {
  switch (reason.code) {
    case 'source':
      return t('pipeline.reasonSource', { source: reason.source });
    case 'field':
      return t('pipeline.reasonField', { field: reason.field });
    case 'recency':
      return t('pipeline.reasonRecency', { days: reason.days, within: reason.withinDays });
    case 'custom':
      return t('pipeline.reasonCustom', { field: reason.field });
    case 'clamped':
      return t('pipeline.reasonClamped', { total: reason.total, score: reason.score });
  }
}

export function describeTimelineEvent(event: TimelineEvent): string {
  const data = event.data ?? {};
  const text = (key: string) => (typeof data[key] === 'string' ? (data[key] as string) : '');
  switch (event.kind) {
    case 'created':
      return t('pipeline.eventCreated');
    case 'note':
      return t('pipeline.eventNote');
    case 'stage_change':
      return t('pipeline.eventStage', {
        from: text('fromName') || text('from'),
        to: text('toName') || text('to'),
      });
    case 'field_change':
      return t('pipeline.eventField', { field: text('field') });
    case 'merged':
      return t('pipeline.eventMerged');
    case 'deleted':
      return t('pipeline.eventDeleted');
    default:
      return event.kind;
  }
}
