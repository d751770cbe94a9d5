/**
 * @module Fractional ranks: order keys that always leave room between two neighbours, so a card is
 * placed by writing its own key only and concurrent moves never rewrite each other's cards.
 *
 * A key is an "integer part" (a head letter telling its length, then base-62 digits) followed by an
 * optional fraction. Appending or prepending steps the integer part, so 10,000 appends keep keys
 * 3-4 characters long; inserting between two keys bisects the fraction. Keys compare with plain
 * string order (`<`), never locale order. The scheme follows rocicorp/fractional-indexing (CC0).
 */

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ZERO = DIGITS[0]!;
const TOP = DIGITS[DIGITS.length - 1]!;
/** The smallest integer part: nothing can be placed before it by stepping, only by bisecting. */
const SMALLEST_INTEGER = `A${ZERO.repeat(26)}`;

/** The rank of the first card in an empty list. */
export const FIRST_RANK = `a${ZERO}`;

/** A rank strictly between `before` and `after`; `null` means "the start" / "the end". */
export function rankBetween(before: string | null, after: string | null): string {
  if (before !== null) assertRank(before);
  if (after !== null) assertRank(after);
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`rank ${before} is not below ${after}`);
  }
  if (before === null) {
    if (after === null) return FIRST_RANK;
    const integer = integerPart(after);
    const fraction = after.slice(integer.length);
    if (integer === SMALLEST_INTEGER) return integer + midpoint('', fraction);
    if (integer < after) return integer;
    const lower = decrementInteger(integer);
    if (lower === null) throw new RangeError('no rank left before the smallest one');
    return lower;
  }
  const integer = integerPart(before);
  const fraction = before.slice(integer.length);
  if (after === null) {
    const higher = incrementInteger(integer);
    return higher === null ? integer + midpoint(fraction, null) : higher;
  }
  const afterInteger = integerPart(after);
  if (integer === afterInteger) return integer + midpoint(fraction, after.slice(integer.length));
  const higher = incrementInteger(integer);
  if (higher !== null && higher < after) return higher;
  return integer + midpoint(fraction, null);
}

/** `count` ascending ranks strictly between `before` and `after`, for re-ranking a run of cards. */
export function ranksBetween(before: string | null, after: string | null, count: number): string[] {
  const ranks: string[] = [];
  let previous = before;
  for (let i = 0; i < count; i++) {
    previous = rankBetween(previous, after);
    ranks.push(previous);
  }
  return ranks;
}

/** Whether `value` is a well-formed rank (a peer could send anything). */
export function isRank(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  try {
    assertRank(value);
    return true;
  } catch {
    return false;
  }
}

function assertRank(rank: string): void {
  if (rank === SMALLEST_INTEGER) throw new RangeError(`rank ${rank} is reserved`);
  const integer = integerPart(rank);
  for (const ch of rank) if (!DIGITS.includes(ch)) throw new RangeError(`bad rank ${rank}`);
  if (rank.length > integer.length && rank.endsWith(ZERO)) {
    throw new RangeError(`rank ${rank} ends in a zero digit`);
  }
}

function integerLength(head: string): number {
  if (head >= 'a' && head <= 'z') return head.charCodeAt(0) - 'a'.charCodeAt(0) + 2;
  if (head >= 'A' && head <= 'Z') return 'Z'.charCodeAt(0) - head.charCodeAt(0) + 2;
  throw new RangeError(`bad rank head ${head}`);
}

function integerPart(rank: string): string {
  const length = integerLength(rank[0] ?? '');
  if (length > rank.length) throw new RangeError(`rank ${rank} is too short`);
  return rank.slice(0, length);
}

/** A fraction strictly between fractions `a` and `b` (`null` = 1). */
function midpoint(a: string, b: string | null): string {
  if (b !== null) {
    // Copy the common prefix, then bisect what follows it.
    let n = 0;
    while ((a[n] ?? ZERO) === b[n]) n++;
    if (n > 0) return b.slice(0, n) + midpoint(a.slice(n), b.slice(n));
  }
  const digitA = a ? DIGITS.indexOf(a[0]!) : 0;
  const digitB = b !== null ? DIGITS.indexOf(b[0]!) : DIGITS.length;
  if (digitB - digitA > 1) return DIGITS[Math.round((digitA + digitB) / 2)]!;
  if (b !== null && b.length > 1) return b.slice(0, 1);
  return DIGITS[digitA]! + midpoint(a.slice(1), null);
}

function incrementInteger(integer: string): string | null {
  const head = integer[0]!;
  const digits = integer.slice(1).split('');
  let carry = true;
  for (let i = digits.length - 1; carry && i >= 0; i--) {
    const next = DIGITS.indexOf(digits[i]!) + 1;
    if (next === DIGITS.length) digits[i] = ZERO;
    else {
      digits[i] = DIGITS[next]!;
      carry = false;
    }
  }
  if (!carry) return head + digits.join('');
  if (head === 'Z') return `a${ZERO}`;
  if (head === 'z') return null;
  const nextHead = String.fromCharCode(head.charCodeAt(0) + 1);
  if (nextHead > 'a') digits.push(ZERO);
  else digits.pop();
  return nextHead + digits.join('');
}

function decrementInteger(integer: string): string | null {
  const head = integer[0]!;
  const digits = integer.slice(1).split('');
  let borrow = true;
  for (let i = digits.length - 1; borrow && i >= 0; i--) {
    const next = DIGITS.indexOf(digits[i]!) - 1;
    if (next === -1) digits[i] = TOP;
    else {
      digits[i] = DIGITS[next]!;
      borrow = false;
    }
  }
  if (!borrow) return head + digits.join('');
  if (head === 'a') return `Z${TOP}`;
  if (head === 'A') return null;
  const nextHead = String.fromCharCode(head.charCodeAt(0) - 1);
  if (nextHead < 'Z') digits.push(TOP);
  else digits.pop();
  return nextHead + digits.join('');
}
