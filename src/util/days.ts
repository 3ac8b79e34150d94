/**
 * Day arithmetic on timestamps stored as naive shop time (polars hands them over as UTC
 * milliseconds). A day number counts days since 1970-01-01; an ISO day is "YYYY-MM-DD".
 *
 * Example: 2010-12-01 08:26 is 1,291,191,960,000 ms; its day number is floor(that / 86,400,000)
 * = 14,944, and 14,944 days after 1970-01-01 is "2010-12-01".
 */
import pl, { type DataFrame, type Expr } from "nodejs-polars";
import { UserError } from "../errors";

/** Milliseconds in a day: 24 x 60 x 60 x 1000. */
export const DAY_MS = 86_400_000;

/** The day number (days since 1970-01-01) of a timestamp in ms or a Date. */
export function dayNumberOf(time: number | Date): number {
  return Math.floor(Number(time) / DAY_MS);
}

/** Midnight (as a Date) of the calendar day of a timestamp. */
export function startOfDay(time: number | Date): Date {
  return new Date(dayNumberOf(time) * DAY_MS);
}

/** Whole calendar days from `from`'s day to `to`'s day (negative when `to` is earlier). */
export function daysBetween(from: number | Date, to: number | Date): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** The ISO day ("YYYY-MM-DD") of a day number. Example: 0 -> "1970-01-01". */
export function isoDayOfNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().split("T")[0]; // not slice(0, 10): years past 9999 print as +010000
}

/** The ISO day ("YYYY-MM-DD") of a timestamp or Date. */
export function isoDayOf(time: number | Date): string {
  return isoDayOfNumber(dayNumberOf(time));
}

/**
 * The day number of an ISO day "YYYY-MM-DD"; a UserError naming `what` (e.g. "--cutoff") for
 * anything else, impossible dates included (2011-02-30).
 */
export function parseIsoDay(text: string, what = "a date"): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const ms = m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) : NaN;
  if (!m || Number.isNaN(ms) || isoDayOfNumber(ms / DAY_MS) !== text) {
    throw new UserError(`${what} must be a calendar day written YYYY-MM-DD (e.g. 2011-12-09), not "${text}".`);
  }
  return ms / DAY_MS;
}

/** The day `n` days after the ISO day `day` (before it when `n` < 0). Example: ("2010-12-31", 1) -> "2011-01-01". */
export function addDays(day: string, n: number): string {
  return isoDayOfNumber(parseIsoDay(day) + n);
}

/** `count` consecutive ISO days starting at `start` (none when `count` <= 0). */
export function dayRange(start: string, count: number): string[] {
  const first = parseIsoDay(start);
  return Array.from({ length: Math.max(0, count) }, (_, i) => isoDayOfNumber(first + i));
}

/** The ISO weekday of an ISO day: 1 = Monday ... 7 = Sunday (the polars convention). Example: "2011-12-09" -> 5. */
export function isoWeekday(day: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((parseIsoDay(day) + 3) % 7) + 7) % 7) + 1;
}

/** Weekday names indexed by ISO weekday (1 = Monday ... 7 = Sunday); index 0 is unused. */
export const WEEKDAY_NAMES = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

/** The name of an ISO weekday (1 = Monday .. 7 = Sunday); a RangeError for anything else. */
export function weekdayName(isoWeekday: number): string {
  const name = WEEKDAY_NAMES[isoWeekday];
  if (!name) throw new RangeError(`ISO weekday must be 1..7, not ${isoWeekday}`);
  return name;
}

/**
 * The day number of a timestamp column as an Int64 polars expression, whatever its time unit
 * (ms or us) and for Date columns too: the column is cast to Datetime(ms) first, then
 * floor(ms / DAY_MS).
 */
export function dayNumberExpr(column = "invoiceDate"): Expr {
  return pl.col(column).cast(pl.Datetime("ms")).cast(pl.Int64).div(DAY_MS).floor().cast(pl.Int64);
}

/** The day number of the latest timestamp of a column (NaN for an empty table). */
export function lastDayNumber(df: DataFrame, column = "invoiceDate"): number {
  if (df.height === 0) return Number.NaN;
  return Number(df.select(dayNumberExpr(column).max().alias("d")).getColumn("d").get(0));
}
