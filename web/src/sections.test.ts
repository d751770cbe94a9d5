import { describe, expect, it } from 'vitest';
import { HOME_PATH, ORG_SECTIONS, safeNext, WORKSPACE_SECTIONS } from './sections.ts';

describe('safeNext', () => {
  it('keeps a path inside the app', () => {
    expect(safeNext('/members?tab=invites')).toBe('/members?tab=invites');
  });

  it('refuses anything that could leave the app', () => {
    for (const next of ['//evil.example', 'https://evil.example', 'javascript:alert(1)', ''])
      expect(safeNext(next)).toBe(HOME_PATH);
    expect(safeNext(undefined)).toBe(HOME_PATH);
  });
});

describe('sections', () => {
  it('have unique paths and at most four in the phone’s bottom bar', () => {
    const all = [...WORKSPACE_SECTIONS, ...ORG_SECTIONS];
    expect(new Set(all.map((s) => s.path)).size).toBe(all.length);
    expect(all.filter((s) => s.bottomBar).length).toBeLessThanOrEqual(4);
  });
});
