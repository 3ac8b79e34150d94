/**
 * Calendar days as ISO strings ("YYYY-MM-DD"), the one date format of the series and forecast
 * modules: unambiguous, free of time zones, readable in tables and accepted by plotly as dates.
 * A day number is the count of days since 1970-01-01 (the value polars stores in a `Date`).
 */
import { UserError } from "../errors";

const MS_PER_DAY = 86_400_000;

/** Weekday names indexed by ISO weekday (1 = Monday ... 7 = Sunday); index 0 is unused. */
export const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** The name of an ISO weekday (1 = Monday .. 7 = Sunday). */
export function weekdayName(isoWeekday: number): string {
  const name = WEEKDAY_NAMES[isoWeekday];
  if (!name) throw new RangeError(`ISO weekday must be 1..7, not ${isoWeekday}`);
  return name;
}

/** The number of days from 1970-01-01 to `day` ("YYYY-MM-DD"); a UserError for anything else. */
export function dayNumber(day: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || isoDayFromNumber(ms / MS_PER_DAY) !== day) {
    throw new UserError(`"${day}" is not a calendar day: write days as YYYY-MM-DD, e.g. 2011-12-09.`);
  }
  return ms / MS_PER_DAY;
}

/** The ISO day ("YYYY-MM-DD") of day number `n` (days since 1970-01-01). */
export function isoDayFromNumber(n: number): string {
  return new Date(n * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ISO day of a Date, read in UTC (polars returns naive dates and datetimes as UTC). */
export function isoDayOfDate(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The day `n` days after `day` (before it when `n` < 0). */
export function addDays(day: string, n: number): string {
  return isoDayFromNumber(dayNumber(day) + n);
}

/** The ISO weekday of `day`: 1 = Monday ... 7 = Sunday (the polars convention). */
export function isoWeekday(day: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((dayNumber(day) + 3) % 7) + 7) % 7) + 1;
}

/** `count` consecutive days starting at `start`. */
export function dayRange(start: string, count: number): string[] {
  const first = dayNumber(start);
  return Array.from({ length: Math.max(0, count) }, (_, i) => isoDayFromNumber(first + i));
}
