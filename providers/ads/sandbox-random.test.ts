import { describe, expect, it } from 'vitest';
import {
  exponential,
  hashInts,
  logNormal,
  normal,
  poisson,
  seededUniform,
} from './sandbox-random.ts';

const draws = (n: number, draw: () => number) => Array.from({ length: n }, draw);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('sandbox randomness', () => {
  it('keys streams by their parts: same parts, same numbers; any other part, others', () => {
    expect(draws(5, seededUniform(1, 2, 3))).toEqual(draws(5, seededUniform(1, 2, 3)));
    expect(draws(5, seededUniform(1, 2, 3))).not.toEqual(draws(5, seededUniform(1, 2, 4)));
    expect(hashInts(1, 2)).not.toBe(hashInts(2, 1));
    // Hour indexes of 2026 and beyond stay distinct.
    expect(hashInts(7, 491_000)).not.toBe(hashInts(7, 491_001));
  });

  it('draws uniforms in [0, 1) with the right mean', () => {
    const u = draws(20_000, seededUniform(42));
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(mean(u)).toBeCloseTo(0.5, 1);
  });

  it('draws normal, log-normal, exponential and Poisson numbers with their means', () => {
    const u = seededUniform(9);
    expect(mean(draws(20_000, () => normal(u)))).toBeCloseTo(0, 1);
    const ln = draws(20_000, () => logNormal(u, 100, 0.5)).sort((a, b) => a - b);
    expect(ln[10_000]! / 100).toBeCloseTo(1, 1);
    expect(mean(draws(20_000, () => exponential(u, 20)))).toBeGreaterThan(19);
    expect(mean(draws(20_000, () => exponential(u, 20)))).toBeLessThan(21);
    for (const m of [0.3, 4, 25, 400]) {
      const p = draws(10_000, () => poisson(u, m));
      expect(p.every((k) => Number.isInteger(k) && k >= 0)).toBe(true);
      expect(Math.abs(mean(p) - m)).toBeLessThan(0.05 * m + 0.05);
    }
    expect(poisson(u, 0)).toBe(0);
  });
});
