/** The README must stay true: it opens with the two commands, and every path it names exists. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
  it('opens with the two commands', () => {
    const firstBlock = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    expect(firstBlock).toMatch(/^npm ci && npm start\b/m);
    expect(firstBlock).toMatch(/^npm test\b/m);
    expect(readme.indexOf('```sh')).toBeLessThan(readme.indexOf('##'));
  });

  it('names only paths that exist, each from the repository root', () => {
    const named = [
      ...readme.matchAll(/`([\w.-]*\/[\w./-]*|[\w.-]+\.(?:ts|md|toml|json|cjs))`/g),
    ].map((m) => m[1]!);
    const paths = named.filter(
      (p) => !p.startsWith('.dev') && !p.startsWith('/') && p !== 'DESIGN.md',
    );
    expect(paths.length).toBeGreaterThan(30);
    const missing = paths.filter((p) => !existsSync(new URL(`../${p}`, import.meta.url)));
    expect(missing).toEqual([]);
  });
});
