import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ICON_NAMES } from './icon-names.ts';

describe('icon names', () => {
  it('are exactly the symbols drawn in icons.svg', () => {
    const sprite = readFileSync(new URL('./icons.svg', import.meta.url), 'utf8');
    const ids = [...sprite.matchAll(/<symbol id="([^"]+)"/g)].map((m) => m[1]);
    expect([...ids].sort()).toEqual([...ICON_NAMES].sort());
  });
});
