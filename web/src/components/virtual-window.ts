/**
 * Which rows of a long list to render: only those in view plus a margin. Rows have one fixed
 * height, so position and drop index follow from arithmetic, not measurement.
 */

export interface RowWindow {
  /** First rendered row. */
  start: number;
  /** One past the last rendered row. */
  end: number;
}

export function visibleRows(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  count: number,
  overscan = 4,
): RowWindow {
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return {
    start: Math.max(0, Math.min(count, first - overscan)),
    end: Math.max(0, Math.min(count, last + overscan)),
  };
}

/** The row slot under `offsetY` (pixels from the list's top, scroll included), 0 to `count`. */
export function rowAt(offsetY: number, rowHeight: number, count: number): number {
  return Math.max(0, Math.min(count, Math.floor(offsetY / rowHeight)));
}

/** The scrollTop that brings row `index` fully into view, or the current one if it already is. */
export function scrollToShow(
  index: number,
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
): number {
  const top = index * rowHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + viewportHeight) return top + rowHeight - viewportHeight;
  return scrollTop;
}
