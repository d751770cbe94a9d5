import { describe, expect, it } from 'vitest';
import { planFairBatch } from './fair-batch.ts';

/** Messages named by org and number: 'a1' is org a's first. */
const plan = (names: string[], concurrency: number) =>
  planFairBatch(names, (name) => name[0]!, concurrency);

describe('sharing out one batch', () => {
  it('runs everything when the batch fits', () => {
    expect(plan(['a1', 'a2', 'b1'], 10)).toEqual({ runNow: ['a1', 'b1', 'a2'], later: [] });
  });

  it('gives every org a slot before any org a second one, whatever the order', () => {
    const burst = Array.from({ length: 8 }, (_, i) => `a${i + 1}`);
    expect(plan([...burst, 'b1', 'c1'], 3).runNow).toEqual(['a1', 'b1', 'c1']);
  });

  it('puts the rest back in waves of the concurrency, still taking turns', () => {
    const { later } = plan(['a1', 'a2', 'a3', 'a4', 'a5', 'b1', 'b2'], 2);
    expect(later).toEqual([
      { message: 'a2', wave: 0 },
      { message: 'b2', wave: 0 },
      { message: 'a3', wave: 1 },
      { message: 'a4', wave: 1 },
      { message: 'a5', wave: 2 },
    ]);
  });

  it('keeps every message exactly once', () => {
    const names = ['b1', 'a1', 'b2', 'c1', 'a2', 'b3', 'a3', 'c2'];
    const { runNow, later } = plan(names, 3);
    expect([...runNow, ...later.map((l) => l.message)].sort()).toEqual([...names].sort());
  });
});
