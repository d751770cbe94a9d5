import { describe, expect, it } from 'vitest';
import { rowAt, scrollToShow, visibleRows } from './virtual-window.ts';

describe('visibleRows', () => {
  it('renders the rows in view plus the overscan margin', () => {
    expect(visibleRows(0, 500, 100, 10_000, 2)).toEqual({ start: 0, end: 7 });
    expect(visibleRows(1_000, 500, 100, 10_000, 2)).toEqual({ start: 8, end: 17 });
  });

  it('keeps a window of the same size anywhere in 10,000 rows', () => {
    const { start, end } = visibleRows(1_000_000 - 450, 450, 100, 10_000, 4);
    expect(end).toBe(10_000);
    expect(end - start).toBeLessThanOrEqual(14);
  });

  it('never leaves the list', () => {
    expect(visibleRows(-50, 300, 100, 2)).toEqual({ start: 0, end: 2 });
    expect(visibleRows(0, 300, 100, 0)).toEqual({ start: 0, end: 0 });
  });
});

describe('rowAt', () => {
  it('picks the slot under the pointer, within the list', () => {
    expect(rowAt(0, 100, 5)).toBe(0);
    expect(rowAt(99, 100, 5)).toBe(0);
    expect(rowAt(100, 100, 5)).toBe(1);
    expect(rowAt(10_000, 100, 5)).toBe(5);
    expect(rowAt(-20, 100, 5)).toBe(0);
  });
});

describe('scrollToShow', () => {
  it('scrolls only as far as needed', () => {
    expect(scrollToShow(0, 300, 500, 100)).toBe(0);
    expect(scrollToShow(5, 0, 500, 100)).toBe(100);
    expect(scrollToShow(3, 0, 500, 100)).toBe(0);
  });
});
