/** Scale arithmetic for the SVG charts, kept pure so it is tested without a DOM. */

/** A round-looking top for the scale (1, 2, 2.5 or 5 × a power of ten), so grid lines read well. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((s) => s * magnitude >= max)!;
  return step * magnitude;
}

/** The value axis from 0 to `top`: its grid lines (bottom, middle, top). */
export const axisTicks = (top: number) => [0, top / 2, top];

/** How far from the axis a value sits on a plot `length` long whose axis ends at `top`. */
export const scaled = (value: number, top: number, length: number) => (value / top) * length;

/** Show every n-th label along an axis, so about `room` labels fit. */
export const labelStride = (count: number, room: number) => Math.max(1, Math.ceil(count / room));
