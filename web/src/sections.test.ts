import { describe, expect, it } from 'vitest';
import { HOME_PATH, ORG_SECTIONS, safeNext, sectionAt, WORKSPACE_SECTIONS } from './sections.ts';

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

describe('sectionAt', () => {
  it('finds the menu section of a page, also of a page inside it', () => {
    expect(sectionAt('/studio')?.label).toBe('sections.studio');
    expect(sectionAt('/campaigns/abc/results')?.label).toBe('sections.campaigns');
    expect(sectionAt('/api-keys')?.label).toBe('sections.apiKeys');
  });

  it('does not take a section for another that starts with the same letters', () => {
    expect(sectionAt('/pipelines')).toBeUndefined();
    expect(sectionAt('/')).toBeUndefined();
  });
});
