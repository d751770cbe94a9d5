/**
 * @module The one calendar of the app: days, weeks and wall-clock hours in a time zone (an org's,
 * or an ad account's), as UTC instants (ms) and `YYYY-MM-DD` dates. Spend caps count actual spend
 * per org day and ISO week; daily reports cover one org day; platforms report hours and days in
 * the ad account's zone (Meta's `hourly_stats_aggregated_by_advertiser_time_zone`, TikTok's
 * `stat_time_hour`, date ranges on both) while our insight rows are UTC, so adapters convert both
 * ways.
 *
 * Zone offsets come from `@date-fns/tz` rather than the Temporal polyfill: everything here is
 * instants and date strings, and one offset lookup (Intl's zone data, formatters cached per zone)
 * is all the calendar needs; `tzOffset` is about a kilobyte where the polyfill is tens, and the
 * web may import this module.
 */
import { tzOffset } from '@date-fns/tz';

const DAY_MS = 86_400_000;

export interface OrgCalendar {
  /** YYYY-MM-DD of `at` in the org's zone. */
  day: string;
  /** Start of that day, ms UTC. */
  dayStart: number;
  /** Start of the next day, ms UTC (23 or 25 hours later across a DST change). */
  dayEnd: number;
  /** ISO week, `YYYY-Www`. */
  week: string;
  /** Monday 00:00 of that week in the org's zone, ms UTC. */
  weekStart: number;
}

/** Minutes to add to UTC to get the wall clock in `timeZone` at `at` (São Paulo: -180). */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  const offset = tzOffset(timeZone, new Date(at));
  // tzOffset answers NaN for a zone Intl does not know; a NaN instant would spread silently.
  if (Number.isNaN(offset)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  return offset;
}

/** `YYYY-MM-DD` of the instant on the zone's wall clock. */
export function accountDate(timeZone: string, at: number): string {
  return new Date(at + utcOffsetMinutes(timeZone, at) * 60_000).toISOString().slice(0, 10);
}

/**
 * The UTC instant of a wall-clock time in `timeZone`. Around a DST change a wall time may exist
 * twice or not at all; the offset found after one correction step is the one platforms use too.
 */
export function wallTimeToUtc(timeZone: string, date: string, hour: number): number {
  const wall = Date.parse(`${date}T00:00:00Z`) + hour * 3_600_000;
  const guess = wall - utcOffsetMinutes(timeZone, wall) * 60_000;
  return wall - utcOffsetMinutes(timeZone, guess) * 60_000;
}

/** `date` plus `days` calendar days, both YYYY-MM-DD. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** ISO 8601 week of a calendar date: the week with the year's first Thursday is week 1. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(d.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** A day in the zone as UTC instants: its midnight and the next day's. */
export function dayBounds(timeZone: string, day: string): { start: number; end: number } {
  return {
    start: wallTimeToUtc(timeZone, day, 0),
    end: wallTimeToUtc(timeZone, addDays(day, 1), 0),
  };
}

export function orgCalendar(timeZone: string, at: number): OrgCalendar {
  const day = accountDate(timeZone, at);
  const { start, end } = dayBounds(timeZone, day);
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return {
    day,
    dayStart: start,
    dayEnd: end,
    week: isoWeek(day),
    weekStart: wallTimeToUtc(timeZone, addDays(day, -weekday), 0),
  };
}
