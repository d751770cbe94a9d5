import { describe, expect, it } from 'vitest';
import { putBackDelays, roundRobinByOrg } from './fair-batch.ts';

/** Messages named by org and number: 'a1' is org a's first. */
const turns = (names: string[]) => roundRobinByOrg(names, (name) => name[0]!);

describe('the turn order of one batch', () => {
  it('gives every org a turn before any org a second one, whatever the arrival order', () => {
    const burst = Array.from({ length: 8 }, (_, i) => `a${i + 1}`);
    expect(turns([...burst, 'b1', 'c1']).slice(0, 3)).toEqual(['a1', 'b1', 'c1']);
    expect(turns(['a1', 'a2', 'a3', 'b1', 'b2'])).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('keeps every message exactly once, and each org’s own order', () => {
    const names = ['b1', 'a1', 'b2', 'c1', 'a2', 'b3', 'a3', 'c2'];
    const order = turns(names);
    expect([...order].sort()).toEqual([...names].sort());
    expect(order.filter((n) => n[0] === 'b')).toEqual(['b1', 'b2', 'b3']);
  });
});

describe('pacing what is put back', () => {
  it('sends waves as large as the batch ran, one batch-duration apart', () => {
    expect(putBackDelays(7, 3, 2.2, 300)).toEqual([0, 0, 0, 2, 2, 2, 4]);
  });

  it('puts short jobs straight back, and caps long waits', () => {
    expect(putBackDelays(4, 2, 0.1, 300)).toEqual([0, 0, 0, 0]);
    expect(putBackDelays(3, 1, 200, 300)).toEqual([0, 200, 300]);
  });
});
