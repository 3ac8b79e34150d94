/**
 * Non-trading days. The UCI shop never trades on Saturdays and closes over Christmas and on bank
 * holidays; a model that knows this forecasts 0 on those days instead of spreading demand there.
 */
import { UserError } from "../errors";
import { addDays, isoDayOfNumber, isoWeekday, parseIsoDay } from "../util/index";
import type { ClosedRun, DailySeries, TradingCalendar } from "./types";

/** Options of `detectClosedDays`. */
export interface ClosedDayOptions {
  /**
   * A weekday is closed when the share of its days with any trade is at most this (default 0.1:
   * trading on at most 1 in 10 of its occurrences counts as "almost never").
   */
  maxTradingShare?: number;
  /** A weekday needs at least this many occurrences in the history to be judged (default 4). */
  minOccurrences?: number;
}

/**
 * The non-trading days of a shop-level series (daily revenue or units of the whole shop; a day
 * "trades" when its value is > 0):
 * - closed weekdays: ISO weekdays with at least `minOccurrences` days in the history, of which
 *   at most `maxTradingShare` have trade;
 * - closed dates: days without trade on the other weekdays;
 * - closed runs: maximal runs of consecutive days without trade that contain a closed date.
 */
export function detectClosedDays(shop: DailySeries, options: ClosedDayOptions = {}): TradingCalendar {
  const maxShare = options.maxTradingShare ?? 0.1;
  const minOccurrences = options.minOccurrences ?? 4;
  if (shop.values.length === 0) throw new UserError(`Series "${shop.id}" is empty: no days to look for closures in.`);
  const first = parseIsoDay(shop.start);
  const weekdayOf = (i: number) => isoWeekday(isoDayOfNumber(first + i));
  const seen = new Array(8).fill(0);
  const traded = new Array(8).fill(0);
  shop.values.forEach((v, i) => {
    const w = weekdayOf(i);
    seen[w]++;
    if (v > 0) traded[w]++;
  });
  const closedWeekdays: number[] = [];
  for (let w = 1; w <= 7; w++) {
    if (seen[w] >= minOccurrences && traded[w] / seen[w] <= maxShare) closedWeekdays.push(w);
  }
  const closedDates: string[] = [];
  shop.values.forEach((v, i) => {
    if (!(v > 0) && !closedWeekdays.includes(weekdayOf(i))) closedDates.push(isoDayOfNumber(first + i));
  });
  return { closedWeekdays, closedDates, closedRuns: closedRunsOf(shop, new Set(closedDates)) };
}

/** Maximal runs of consecutive days with no trade (value <= 0) in `shop` that contain a day of `closedDates`. */
function closedRunsOf(shop: DailySeries, closedDates: Set<string>): ClosedRun[] {
  const runs: ClosedRun[] = [];
  let runStart = -1;
  let hasClosedDate = false;
  const close = (endIndex: number) => {
    if (runStart >= 0 && hasClosedDate) {
      runs.push({ start: addDays(shop.start, runStart), end: addDays(shop.start, endIndex), days: endIndex - runStart + 1 });
    }
    runStart = -1;
    hasClosedDate = false;
  };
  shop.values.forEach((v, i) => {
    if (v > 0) {
      close(i - 1);
      return;
    }
    if (runStart < 0) runStart = i;
    if (closedDates.has(addDays(shop.start, i))) hasClosedDate = true;
  });
  close(shop.values.length - 1);
  return runs;
}

/** True when the shop does not trade on `day`: its weekday is closed, or it is a closed date. */
export function isClosedDay(calendar: TradingCalendar, day: string): boolean {
  return calendar.closedWeekdays.includes(isoWeekday(day)) || calendar.closedDates.includes(day);
}

/** For each of `count` days from `start`, whether the shop is closed (see `isClosedDay`). */
export function closedMask(calendar: TradingCalendar, start: string, count: number): boolean[] {
  const dates = new Set(calendar.closedDates);
  const first = parseIsoDay(start);
  return Array.from({ length: Math.max(0, count) }, (_, i) => {
    const day = isoDayOfNumber(first + i);
    return calendar.closedWeekdays.includes(isoWeekday(day)) || dates.has(day);
  });
}
