/**
 * Minimal edits between two versions of a text, for binding a textarea to a shared `Y.Text`:
 * replacing the whole note on each keystroke would delete what a colleague typed meanwhile, so
 * only the changed span is sent. Positions are UTF-16 indices, as both the DOM and Yjs count.
 */

export interface TextEdit {
  /** Where the change starts in the old text. */
  index: number;
  /** How many characters of the old text it removes. */
  remove: number;
  insert: string;
}

/**
 * The single span that turns `before` into `after`. `cursor` (the caret after the edit) settles
 * ambiguous cases: typing "a" inside "aa" at the caret inserts there, not at the end.
 */
export function diffText(before: string, after: string, cursor = after.length): TextEdit | null {
  if (before === after) return null;
  const shortest = Math.min(before.length, after.length);
  // The common tail may not reach before the caret: the edit ends where the caret is.
  let suffix = 0;
  const maxSuffix = Math.min(shortest, after.length - Math.min(cursor, after.length));
  while (
    suffix < maxSuffix &&
    before[before.length - 1 - suffix] === after[after.length - 1 - suffix]
  )
    suffix++;
  let prefix = 0;
  const maxPrefix = shortest - suffix;
  while (prefix < maxPrefix && before[prefix] === after[prefix]) prefix++;
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  };
}

/** A Yjs text delta (what a `Y.YTextEvent` reports). */
export type TextDelta = { retain?: number; insert?: unknown; delete?: number }[];

/**
 * Where a caret at `position` lands after a remote change: shifted right by text inserted before
 * it, left by text deleted before it, so the person typing keeps their place.
 */
export function shiftThroughDelta(position: number, delta: TextDelta): number {
  // `at` walks the old text; inserts do not advance it.
  let at = 0;
  let shifted = position;
  for (const op of delta) {
    if (at > position) break;
    if (op.retain !== undefined) at += op.retain;
    else if (op.delete !== undefined) {
      shifted -= Math.max(0, Math.min(op.delete, position - at));
      at += op.delete;
    } else if (op.insert !== undefined && at < position)
      shifted += typeof op.insert === 'string' ? op.insert.length : 1;
  }
  return shifted;
}
