/**
 * @module The org's calendar: its day and ISO week (Monday to Sunday) in its time zone, as UTC
 * instants. Spend caps count actual spend per org day and week; daily reports cover one org day.
 */
import { accountDate, wallTimeToUtc } from './account-time.ts';

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
