import { describe, expect, it } from 'vitest';
import { accountDate, utcOffsetMinutes, wallTimeToUtc } from './account-time.ts';

describe('account time', () => {
  it('knows the offset of a zone at an instant', () => {
    expect(utcOffsetMinutes('America/Sao_Paulo', Date.parse('2026-12-07T12:00:00Z'))).toBe(-180);
    expect(utcOffsetMinutes('UTC', Date.parse('2026-12-07T12:00:00Z'))).toBe(0);
    expect(utcOffsetMinutes('Asia/Kolkata', Date.parse('2026-12-07T12:00:00Z'))).toBe(330);
    // Lisbon: winter time, then summer time.
    expect(utcOffsetMinutes('Europe/Lisbon', Date.parse('2026-01-15T12:00:00Z'))).toBe(0);
    expect(utcOffsetMinutes('Europe/Lisbon', Date.parse('2026-07-15T12:00:00Z'))).toBe(60);
  });

  it('gives the account date of an instant', () => {
    expect(accountDate('America/Sao_Paulo', Date.parse('2026-12-08T02:59:59Z'))).toBe('2026-12-07');
    expect(accountDate('America/Sao_Paulo', Date.parse('2026-12-08T03:00:00Z'))).toBe('2026-12-08');
  });

  it('turns an account hour into its UTC instant, also on DST days', () => {
    expect(new Date(wallTimeToUtc('America/Sao_Paulo', '2026-12-07', 0)).toISOString()).toBe(
      '2026-12-07T03:00:00.000Z',
    );
    expect(new Date(wallTimeToUtc('America/Sao_Paulo', '2026-12-07', 23)).toISOString()).toBe(
      '2026-12-08T02:00:00.000Z',
    );
    // Lisbon springs forward at 01:00 on 29 March 2026; 03:00 local is already summer time.
    expect(new Date(wallTimeToUtc('Europe/Lisbon', '2026-03-29', 3)).toISOString()).toBe(
      '2026-03-29T02:00:00.000Z',
    );
    expect(new Date(wallTimeToUtc('Europe/Lisbon', '2026-03-29', 0)).toISOString()).toBe(
      '2026-03-29T00:00:00.000Z',
    );
  });
});
