import { describe, expect, it } from 'vitest';
import { emptyText, receiveDelta, type TextDelta } from './text-assembly.ts';

const feed = (events: TextDelta[]) => events.reduce(receiveDelta, emptyText());

describe('receiveDelta', () => {
  it('appends deltas in order', () => {
    const text = feed([
      { attempt: 0, seq: 0, delta: 'Olá' },
      { attempt: 0, seq: 1, delta: ', ' },
      { attempt: 0, seq: 2, delta: 'mundo' },
    ]);
    expect(text.text).toBe('Olá, mundo');
  });

  it('holds an early delta until the one before it arrives', () => {
    const early = feed([
      { attempt: 0, seq: 0, delta: 'a' },
      { attempt: 0, seq: 2, delta: 'c' },
    ]);
    expect(early.text).toBe('a');
    expect(receiveDelta(early, { attempt: 0, seq: 1, delta: 'b' }).text).toBe('abc');
  });

  it('ignores a delta delivered twice', () => {
    const text = feed([
      { attempt: 0, seq: 0, delta: 'a' },
      { attempt: 0, seq: 0, delta: 'a' },
      { attempt: 0, seq: 1, delta: 'b' },
    ]);
    expect(text.text).toBe('ab');
  });

  it('starts over when the chain falls back, and drops the old attempt’s stragglers', () => {
    const text = feed([
      { attempt: 0, seq: 0, delta: 'first provider' },
      { attempt: 1, seq: 0, delta: 'second' },
      { attempt: 0, seq: 1, delta: ' late' },
      { attempt: 1, seq: 1, delta: ' provider' },
    ]);
    expect(text.text).toBe('second provider');
  });
});
