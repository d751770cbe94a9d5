import { describe, expect, it } from 'vitest';
import { initials, personColor } from './person-avatar.ts';

describe('person avatar', () => {
  it('gives one person the same colour every time, and two people different ones', () => {
    expect(personColor('user-a')).toBe(personColor('user-a'));
    expect(personColor('user-a')).not.toBe(personColor('user-b'));
    expect(personColor('user-a')).toMatch(/^hsl\(\d+ 65% 42%\)$/);
  });

  it('shows the first and last initials, one for a single name, and ? for none', () => {
    expect(initials('Ana Souza')).toBe('AS');
    expect(initials('ana maria souza')).toBe('AS');
    expect(initials('  Bia ')).toBe('B');
    expect(initials('')).toBe('?');
  });
});
