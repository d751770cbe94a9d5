/**
 * @module Wall-clock time in an ad account's time zone. Platforms report hours and days in the
 * account's zone (Meta's `hourly_stats_aggregated_by_advertiser_time_zone`, TikTok's
 * `stat_time_hour`, date ranges on both); our insight rows are UTC, so adapters convert both ways.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** Minutes to add to UTC to get the wall clock in `timeZone` at `at` (São Paulo: -180). */
export function utcOffsetMinutes(timeZone: string, at: number): number {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(at)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<string, number>;
  const wall = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  return Math.round((wall - Math.floor(at / 1000) * 1000) / 60_000);
}

/** `YYYY-MM-DD` of the instant on the account's wall clock. */
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
