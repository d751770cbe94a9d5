import { describe, expect, it } from 'vitest';
import { batches } from './board-projection.ts';

describe('packing projection statements into D1 batches', () => {
  it('never splits a group (a note and its audit row), and fills batches up to the size', () => {
    const groups = [[1], [2], [3, 4], [5], [6, 7, 8], [9]];
    expect(batches(groups, 3)).toEqual([[1, 2], [3, 4, 5], [6, 7, 8], [9]]);
    expect(batches(groups, 50)).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9]]);
    expect(batches([], 3)).toEqual([]);
  });
});
