import { describe, expect, it } from 'vitest';
import { laterState } from './status-merge.ts';

const state = (status: 'queued' | 'running' | 'done' | 'failed', progress: number, extra = {}) => ({
  status,
  progress,
  error: null as string | null,
  output: null as string | null,
  ...extra,
});

describe('laterState', () => {
  it('takes a newer status and a higher percent', () => {
    expect(laterState(state('queued', 0), state('running', 10))).toEqual(state('running', 10));
    expect(laterState(state('running', 10), state('running', 40))).toEqual(state('running', 40));
    expect(laterState(state('running', 90), state('done', 100, { output: 'x' }))).toEqual(
      state('done', 100, { output: 'x' }),
    );
  });

  it('keeps the percent when a stale poll answer arrives after a later event', () => {
    expect(laterState(state('running', 80), state('running', 70))).toEqual(state('running', 80));
  });

  it('never goes back from running to queued, or from done to running', () => {
    expect(laterState(state('running', 30), state('queued', 0)).status).toBe('running');
    const done = laterState(state('done', 100, { output: 'x' }), state('running', 50));
    expect(done.status).toBe('done');
    expect(done.progress).toBe(100);
  });
});
