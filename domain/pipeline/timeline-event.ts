/**
 * @module The live event a board sends through its org's hub once new timeline entries (a note, a
 * move, a field change…) are in D1: every open drawer of those leads reads its timeline again.
 * Shared by the board room (which publishes it) and the web (which listens), so both agree on it.
 * It names leads, not entries: the drawer reads the timeline through the API, as it would anyway.
 */

/** Past this many leads (an import) the event names none, and every open drawer reads again. */
export const MAX_NAMED_LEADS = 200;

export interface LeadTimelineEvent {
  type: 'lead.timeline';
  boardId: string;
  /** The leads whose timeline grew; null when there were too many to name. */
  leadIds: string[] | null;
}

export function leadTimelineEvent(boardId: string, leadIds: Iterable<string>): LeadTimelineEvent {
  const unique = [...new Set(leadIds)];
  return {
    type: 'lead.timeline',
    boardId,
    leadIds: unique.length > MAX_NAMED_LEADS ? null : unique,
  };
}

/** Whether a live event says this lead's timeline has new entries. */
export function timelineGrew(event: { type: string }, leadId: string): boolean {
  if (event.type !== 'lead.timeline') return false;
  const { leadIds } = event as LeadTimelineEvent;
  return leadIds === null || leadIds.includes(leadId);
}
