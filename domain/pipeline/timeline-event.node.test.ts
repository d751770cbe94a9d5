import { describe, expect, it } from 'vitest';
import { leadTimelineEvent, MAX_NAMED_LEADS, timelineGrew } from './timeline-event.ts';

describe('the live event a board sends when timelines grow', () => {
  it('names each lead once, and concerns only the drawers of those leads', () => {
    const event = leadTimelineEvent('board-1', ['a', 'b', 'a']);
    expect(event).toEqual({ type: 'lead.timeline', boardId: 'board-1', leadIds: ['a', 'b'] });
    expect(timelineGrew(event, 'a')).toBe(true);
    expect(timelineGrew(event, 'c')).toBe(false);
    expect(timelineGrew({ type: 'job' }, 'c')).toBe(false);
  });

  it('names none past the limit (an import), and then concerns every open drawer', () => {
    const ids = Array.from({ length: MAX_NAMED_LEADS + 1 }, (_, i) => `lead-${i}`);
    const event = leadTimelineEvent('board-1', ids);
    expect(event.leadIds).toBeNull();
    expect(timelineGrew(event, 'anything')).toBe(true);
    expect(leadTimelineEvent('board-1', ids.slice(1)).leadIds).toHaveLength(MAX_NAMED_LEADS);
  });
});
