/**
 * A card being moved, by pointer or keyboard, before it is dropped: where it would land and how
 * the columns look meanwhile. Nothing is written to the board until the drop, so a cancel costs
 * nothing and others never see the intermediate steps.
 */

export interface CardSpot {
  /** Column position on the board (0 = first stage). */
  column: number;
  /** Position among the shown cards of that column, not counting the moving card. */
  index: number;
}

export type MoveKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'Home' | 'End';

export const MOVE_KEYS: readonly string[] = [
  'ArrowLeft',
  'ArrowRight',
  'ArrowUp',
  'ArrowDown',
  'Home',
  'End',
];

/**
 * The next spot for a key press. `lengths[c]` is how many shown cards column `c` has without the
 * moving card; across columns the card keeps its row where it can.
 */
export function stepSpot(spot: CardSpot, key: MoveKey, lengths: number[]): CardSpot {
  const clampIndex = (column: number, index: number) =>
    Math.max(0, Math.min(index, lengths[column] ?? 0));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowRight': {
      const column = Math.max(
        0,
        Math.min(lengths.length - 1, spot.column + (key === 'ArrowLeft' ? -1 : 1)),
      );
      return { column, index: clampIndex(column, spot.index) };
    }
    case 'ArrowUp':
      return { column: spot.column, index: clampIndex(spot.column, spot.index - 1) };
    case 'ArrowDown':
      return { column: spot.column, index: clampIndex(spot.column, spot.index + 1) };
    case 'Home':
      return { column: spot.column, index: 0 };
    case 'End':
      return { column: spot.column, index: clampIndex(spot.column, Number.POSITIVE_INFINITY) };
  }
}

/** The ids a column shows while `moving` is carried to `spot`: removed from where it was, put at the spot. */
export function previewIds(
  ids: string[],
  column: number,
  moving: { id: string; spot: CardSpot } | null,
): string[] {
  if (!moving) return ids;
  const without = ids.includes(moving.id) ? ids.filter((id) => id !== moving.id) : ids;
  if (moving.spot.column !== column) return without;
  const index = Math.min(moving.spot.index, without.length);
  return [...without.slice(0, index), moving.id, ...without.slice(index)];
}
