import { describe, expect, it } from 'vitest';
import { axisTicks, labelStride, niceMax, scaled } from './chart-scale.ts';

describe('niceMax', () => {
  it.each([
    [0, 1],
    [-5, 1],
    [1, 1],
    [7, 10],
    [13, 20],
    [21, 25],
    [240, 250],
    [251, 500],
    [1000, 1000],
    [1001, 2000],
  ])('tops %d at %d', (max, top) => expect(niceMax(max)).toBe(top));

  it('never cuts a bar off', () => {
    for (let max = 1; max < 5000; max += 37) expect(niceMax(max)).toBeGreaterThanOrEqual(max);
  });
});

describe('labelStride', () => {
  it('shows every label when they fit, and thins them when they do not', () => {
    expect(labelStride(7, 8)).toBe(1);
    expect(labelStride(30, 8)).toBe(4);
    expect(labelStride(0, 8)).toBe(1);
  });
});

describe('axisTicks and scaled', () => {
  it('put grid lines at the bottom, middle and top, and values in proportion along the plot', () => {
    expect(axisTicks(250)).toEqual([0, 125, 250]);
    expect(scaled(125, 250, 200)).toBe(100);
    expect(scaled(250, 250, 200)).toBe(200);
    expect(scaled(0, 250, 200)).toBe(0);
  });
});
