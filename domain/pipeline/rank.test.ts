import { describe, expect, it } from 'vitest';
import { FIRST_RANK, isRank, rankBetween, ranksBetween } from './rank.ts';

describe('rankBetween gives a key strictly between its neighbours', () => {
  it.each([
    [null, null],
    ['a0', null],
    [null, 'a0'],
    ['a0', 'a1'],
    ['a0', 'a0V'],
    ['a0V', 'a1'],
    ['az', 'b00'],
    ['Zz', 'a0'],
    ['a1', 'a2'],
    ['a0001', 'a0002'],
    ['zzzzzzzzzzzzzzzzzzzzzzzzzzz', null],
    [null, 'A000000000000000000000000001'],
  ] as const)('between %s and %s', (before, after) => {
    const rank = rankBetween(before, after);
    expect(isRank(rank)).toBe(true);
    if (before !== null) expect(rank > before).toBe(true);
    if (after !== null) expect(rank < after).toBe(true);
  });

  it.each([
    ['a1', 'a1'],
    ['a2', 'a1'],
    ['a10', null],
    ['?', null],
    ['', null],
  ])('refuses %s / %s', (before, after) => {
    expect(() => rankBetween(before, after)).toThrow(RangeError);
  });

  it('starts an empty list at FIRST_RANK', () => {
    expect(rankBetween(null, null)).toBe(FIRST_RANK);
  });

  it('keeps keys short when appending or prepending 10,000 times', () => {
    let last = FIRST_RANK;
    let first = FIRST_RANK;
    for (let i = 0; i < 10_000; i++) {
      const next = rankBetween(last, null);
      expect(next > last).toBe(true);
      last = next;
      const previous = rankBetween(null, first);
      expect(previous < first).toBe(true);
      first = previous;
    }
    expect(last.length).toBeLessThanOrEqual(4);
    expect(first.length).toBeLessThanOrEqual(4);
  });

  it('keeps order when bisecting the same gap again and again', () => {
    const keys = ['a0', 'a1'];
    for (let i = 0; i < 200; i++) {
      // Always insert right after the first key: the worst case for key growth.
      keys.splice(1, 0, rankBetween(keys[0]!, keys[1]!));
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('ranksBetween gives ascending distinct keys inside the gap', () => {
    const ranks = ranksBetween('a0', 'a1', 50);
    expect(ranks).toHaveLength(50);
    expect([...ranks].sort()).toEqual(ranks);
    expect(new Set(ranks).size).toBe(50);
    expect(ranks[0]! > 'a0' && ranks.at(-1)! < 'a1').toBe(true);
  });
});

describe('isRank rejects what a peer should never write', () => {
  it.each([
    ['a0', true],
    ['b0V', true],
    ['a0V0', false],
    ['', false],
    [42, false],
    ['a', false],
    ['a0 ', false],
  ])('%s → %s', (value, valid) => {
    expect(isRank(value)).toBe(valid);
  });
});
