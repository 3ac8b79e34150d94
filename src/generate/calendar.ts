/**
 * Calendar of a generated window: day numbers, weekdays, closures and text forms of dates and
 * times. Dates are naive shop-local days handled as UTC, so there is no daylight-saving shift.
 */
import { DAY_MS, isoDayOfNumber } from "../util/index";
import { CLOSED_DATES, HOUR_WEIGHTS, WEEKLY_PROFILE } from "./params";

/** Day of the year, 1..366, of a day number. */
export function dayOfYearOf(epochDay: number): number {
  const d = new Date(epochDay * DAY_MS);
  return epochDay - Date.UTC(d.getUTCFullYear(), 0, 1) / DAY_MS + 1;
}

/** Weekday of a day number, 0 = Monday .. 6 = Sunday. */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}

/** True when the shop is closed on a day: Saturdays and the dates of `CLOSED_DATES`. */
export function isClosedDay(epochDay: number): boolean {
  return WEEKLY_PROFILE[weekdayOf(epochDay)] === 0 || CLOSED_DATES.includes(isoDayOfNumber(epochDay).slice(5));
}

/** Per-day facts of a window of `days` days from `startDay`, in arrays indexed by day offset. */
export interface WindowCalendar {
  startDay: number;
  days: number;
  /** "YYYY-MM-DD" per day. */
  date: string[];
  /** Weekday (0 = Monday) per day. */
  weekday: Uint8Array;
  /** Day of year (1..366) per day. */
  dayOfYear: Uint16Array;
  /** 1 when the shop is open. */
  open: Uint8Array;
  /** Weekly profile factor, 0 on closed days. */
  weekly: Float64Array;
}

/** The calendar of `days` days starting at day number `startDay`. */
export function windowCalendar(startDay: number, days: number): WindowCalendar {
  const date: string[] = new Array(days);
  const weekday = new Uint8Array(days);
  const dayOfYear = new Uint16Array(days);
  const open = new Uint8Array(days);
  const weekly = new Float64Array(days);
  for (let i = 0; i < days; i++) {
    const e = startDay + i;
    date[i] = isoDayOfNumber(e);
    weekday[i] = weekdayOf(e);
    dayOfYear[i] = dayOfYearOf(e);
    open[i] = isClosedDay(e) ? 0 : 1;
    weekly[i] = open[i] ? WEEKLY_PROFILE[weekday[i]] : 0;
  }
  return { startDay, days, date, weekday, dayOfYear, open, weekly };
}

/** "HH:MM:00" for each minute of the day (0..1439). */
export function minuteTexts(): string[] {
  const out: string[] = new Array(1440);
  for (let m = 0; m < 1440; m++) {
    out[m] = `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}:00`;
  }
  return out;
}

/** Cumulative hour weights for drawing the hour of an invoice: [hours, cumulative shares]. */
export function hourCdf(): { hours: number[]; cdf: number[] } {
  const total = HOUR_WEIGHTS.reduce((s, [, w]) => s + w, 0);
  let acc = 0;
  return {
    hours: HOUR_WEIGHTS.map(([h]) => h),
    cdf: HOUR_WEIGHTS.map(([, w]) => (acc += w / total)),
  };
}

/** Milliseconds since the epoch of a naive shop-local day number and minute of day. */
export function epochMsOf(epochDay: number, minute: number): number {
  return epochDay * DAY_MS + minute * 60_000;
}
