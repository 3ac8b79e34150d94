/**
 * The trading view of a daily series: models are fitted on the days the shop can trade, not on
 * the calendar. Closed weekdays (the UCI shop's Saturdays) are dropped, so the weekly season has
 * m = 7 - (closed weekdays) steps; closed dates on open weekdays (holidays) stay as steps but
 * their value is imputed, so a Christmas closure does not look like a collapse of demand.
 * Forecasts are mapped back to the calendar with 0 on every closed day.
 */
import { isoDayOfNumber, isoWeekday, parseIsoDay } from "../util/index";
import type { TradingCalendar } from "../series/index";

/** A series restricted to its open weekdays (see the module comment). */
export interface TradingView {
  /** Steps per week: 7 minus the closed weekdays. */
  season: number;
  /** Calendar index of each trading step. */
  calendarIndex: number[];
  /** The value at each trading step, closed dates imputed. */
  values: number[];
}

/**
 * The trading view of `values` (day i is `start` + i) under `calendar`. A closed date at step k
 * takes the value of step k - m (one week earlier, itself possibly imputed); a closed date in the
 * first week takes the first non-closed value at k + m, k + 2m, ... (0 if there is none).
 */
export function tradingView(values: number[], start: string, calendar: TradingCalendar): TradingView {
  const first = parseIsoDay(start);
  const closedDates = new Set(calendar.closedDates);
  const season = 7 - new Set(calendar.closedWeekdays).size;
  const calendarIndex: number[] = [];
  const holiday: boolean[] = [];
  values.forEach((_, i) => {
    const day = isoDayOfNumber(first + i);
    if (calendar.closedWeekdays.includes(isoWeekday(day))) return;
    calendarIndex.push(i);
    holiday.push(closedDates.has(day));
  });
  const z = calendarIndex.map((i) => values[i]);
  for (let k = season; k < z.length; k++) if (holiday[k]) z[k] = z[k - season];
  for (let k = 0; k < Math.min(season, z.length); k++) {
    if (!holiday[k]) continue;
    let j = k + season;
    while (j < z.length && holiday[j]) j += season;
    z[k] = j < z.length ? z[j] : 0;
  }
  return { season, calendarIndex, values: z };
}

/**
 * For each of the `horizon` days after a history of `historyLength` days from `start`: whether
 * the day is an open weekday (a trading step; closed dates are still steps) and whether the shop
 * is closed (closed weekday or closed date).
 */
export function futureDays(
  start: string,
  historyLength: number,
  horizon: number,
  calendar: TradingCalendar,
): { step: boolean[]; closed: boolean[]; days: string[] } {
  const first = parseIsoDay(start) + historyLength;
  const closedDates = new Set(calendar.closedDates);
  const days = Array.from({ length: horizon }, (_, h) => isoDayOfNumber(first + h));
  const step = days.map((d) => !calendar.closedWeekdays.includes(isoWeekday(d)));
  const closed = days.map((d, h) => !step[h] || closedDates.has(d));
  return { step, closed, days };
}

/**
 * Trading-step forecasts laid out on the calendar: the k-th trading step goes to the k-th day
 * with `step` true; days with `closed` true get 0.
 */
export function toCalendarDays(tradingPoint: number[], step: boolean[], closed: boolean[]): number[] {
  let k = 0;
  return step.map((isStep, h) => {
    const v = isStep ? tradingPoint[k++] : 0;
    return closed[h] ? 0 : v;
  });
}
