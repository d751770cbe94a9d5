import { describe, expect, it } from 'vitest';
import { NOTE_MAX_CHARS, noteLength, type TimelineEvent, withNewEvent } from './lead-insights.ts';

describe('noteLength', () => {
  it('counts what the server keeps (trimmed) and how far over the limit it is', () => {
    expect(noteLength('   ')).toEqual({ length: 0, over: 0, empty: true });
    expect(noteLength(' Ligar amanhã ')).toEqual({ length: 12, over: 0, empty: false });
    expect(noteLength('x'.repeat(NOTE_MAX_CHARS))).toMatchObject({ over: 0 });
    expect(noteLength(`${'x'.repeat(NOTE_MAX_CHARS + 25)}  `)).toMatchObject({
      length: NOTE_MAX_CHARS + 25,
      over: 25,
    });
  });
});

describe('withNewEvent', () => {
  const event = (id: string): TimelineEvent => ({
    id,
    kind: 'note',
    at: '2026-12-05T12:00:00.000Z',
    author: null,
    payload: { text: id },
  });

  it('puts the new event on top, once even if a refetch already had it', () => {
    expect(withNewEvent([event('b'), event('a')], event('c')).map((e) => e.id)).toEqual([
      'c',
      'b',
      'a',
    ]);
    expect(withNewEvent([event('c'), event('a')], event('c')).map((e) => e.id)).toEqual(['c', 'a']);
  });
});
