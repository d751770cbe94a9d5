import { describe, expect, it } from 'vitest';
import { type CardSpot, previewIds, stepSpot } from './card-move.ts';

describe('stepSpot', () => {
  const lengths = [3, 0, 5];

  it('moves within a column and stops at its ends', () => {
    expect(stepSpot({ column: 0, index: 1 }, 'ArrowUp', lengths)).toEqual({ column: 0, index: 0 });
    expect(stepSpot({ column: 0, index: 0 }, 'ArrowUp', lengths)).toEqual({ column: 0, index: 0 });
    expect(stepSpot({ column: 0, index: 2 }, 'ArrowDown', lengths)).toEqual({
      column: 0,
      index: 3,
    });
    expect(stepSpot({ column: 0, index: 3 }, 'ArrowDown', lengths)).toEqual({
      column: 0,
      index: 3,
    });
    expect(stepSpot({ column: 2, index: 3 }, 'Home', lengths)).toEqual({ column: 2, index: 0 });
    expect(stepSpot({ column: 2, index: 1 }, 'End', lengths)).toEqual({ column: 2, index: 5 });
  });

  it('moves across columns keeping the row where it fits', () => {
    expect(stepSpot({ column: 0, index: 2 }, 'ArrowRight', lengths)).toEqual({
      column: 1,
      index: 0,
    });
    expect(stepSpot({ column: 1, index: 0 }, 'ArrowRight', lengths)).toEqual({
      column: 2,
      index: 0,
    });
    expect(stepSpot({ column: 2, index: 4 }, 'ArrowLeft', lengths)).toEqual({
      column: 1,
      index: 0,
    });
  });

  it('stays on the board at the first and last column', () => {
    expect(stepSpot({ column: 0, index: 1 }, 'ArrowLeft', lengths)).toEqual({
      column: 0,
      index: 1,
    });
    expect(stepSpot({ column: 2, index: 1 }, 'ArrowRight', lengths)).toEqual({
      column: 2,
      index: 1,
    });
  });
});

describe('previewIds', () => {
  const spot = (column: number, index: number): CardSpot => ({ column, index });

  it('shows the columns as they are when nothing moves', () => {
    expect(previewIds(['a', 'b'], 0, null)).toEqual(['a', 'b']);
  });

  it('takes the card out of its column and into the target spot', () => {
    const moving = { id: 'b', spot: spot(1, 1) };
    expect(previewIds(['a', 'b', 'c'], 0, moving)).toEqual(['a', 'c']);
    expect(previewIds(['x', 'y'], 1, moving)).toEqual(['x', 'b', 'y']);
  });

  it('reorders within one column', () => {
    expect(previewIds(['a', 'b', 'c'], 0, { id: 'a', spot: spot(0, 2) })).toEqual(['b', 'c', 'a']);
    expect(previewIds(['a', 'b', 'c'], 0, { id: 'c', spot: spot(0, 0) })).toEqual(['c', 'a', 'b']);
  });

  it('puts the card last when the spot is past the end', () => {
    expect(previewIds(['x'], 1, { id: 'b', spot: spot(1, 9) })).toEqual(['x', 'b']);
  });
});
