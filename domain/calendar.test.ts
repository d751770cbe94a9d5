import { describe, expect, it } from 'vitest';
import {
  accountDate,
  addDays,
  dayBounds,
  isoWeek,
  orgCalendar,
  utcOffsetMinutes,
  wallTimeToUtc,
} from './calendar.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('wall-clock time in a zone', () => {
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

  it('refuses a zone Intl does not know instead of answering NaN', () => {
    expect(() => utcOffsetMinutes('America/Nowhere', 0)).toThrow(RangeError);
  });

  it('knows offsets of half-hour zones west of UTC', () => {
    expect(utcOffsetMinutes('America/St_Johns', Date.parse('2026-01-15T12:00:00Z'))).toBe(-210);
  });
});

describe('the org calendar', () => {
  it('adds calendar days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it.each([
    ['2026-12-07', '2026-W50'],
    ['2027-01-01', '2026-W53'],
    ['2026-01-01', '2026-W01'],
    ['2024-12-30', '2025-W01'],
  ])('%s is in ISO week %s', (date, week) => {
    expect(isoWeek(date)).toBe(week);
  });

  it('gives an org day that is 23 hours long when clocks spring forward', () => {
    const { start, end } = dayBounds('Europe/Lisbon', '2026-03-29');
    expect(iso(start)).toBe('2026-03-29T00:00:00.000Z');
    expect((end - start) / 3_600_000).toBe(23);
  });

  it('places an instant in its org day and Monday-to-Sunday week', () => {
    // Sunday 6 December, 23:30 in São Paulo, is already Monday in UTC.
    const calendar = orgCalendar('America/Sao_Paulo', Date.parse('2026-12-07T02:30:00Z'));
    expect(calendar).toEqual({
      day: '2026-12-06',
      dayStart: Date.parse('2026-12-06T03:00:00Z'),
      dayEnd: Date.parse('2026-12-07T03:00:00Z'),
      week: '2026-W49',
      weekStart: Date.parse('2026-11-30T03:00:00Z'),
    });
  });
});
