import { describe, expect, it } from 'vitest';
import { type AssignmentSettings, pickOwner } from './assignment.ts';

/** Assigns `count` leads in a row, feeding each pick back as the cursor and the load. */
function assignMany(
  settings: AssignmentSettings,
  count: number,
  loads: Record<string, number> = {},
) {
  const open = new Map(Object.entries(loads));
  let last: string | null = null;
  const picks: (string | null)[] = [];
  for (let i = 0; i < count; i++) {
    last = pickOwner(settings, last, open) ?? last;
    picks.push(last);
    if (last) open.set(last, (open.get(last) ?? 0) + 1);
  }
  return picks;
}

describe('pickOwner', () => {
  it('round-robin takes turns in the listed order', () => {
    expect(assignMany({ mode: 'round_robin', memberIds: ['a', 'b', 'c'] }, 7)).toEqual([
      'a',
      'b',
      'c',
      'a',
      'b',
      'c',
      'a',
    ]);
  });

  it('round-robin ignores load', () => {
    expect(assignMany({ mode: 'round_robin', memberIds: ['a', 'b'] }, 2, { a: 50 })).toEqual([
      'a',
      'b',
    ]);
  });

  it('round-robin restarts at the first member when the last one left the list', () => {
    expect(pickOwner({ mode: 'round_robin', memberIds: ['a', 'b'] }, 'gone', new Map())).toBe('a');
    expect(pickOwner({ mode: 'round_robin', memberIds: ['a', 'b'] }, 'b', new Map())).toBe('a');
  });

  it('least-loaded fills the emptiest first, then takes turns among equals', () => {
    expect(
      assignMany({ mode: 'least_loaded', memberIds: ['a', 'b', 'c'] }, 6, { a: 3, b: 1 }),
    ).toEqual(['c', 'b', 'c', 'b', 'c', 'a']);
  });

  it('nobody when off or with no members', () => {
    expect(pickOwner({ mode: 'off', memberIds: ['a'] }, null, new Map())).toBeNull();
    expect(pickOwner({ mode: 'least_loaded', memberIds: [] }, null, new Map())).toBeNull();
  });
});
