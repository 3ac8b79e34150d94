/**
 * Types of the daily-series domain, documented once.
 */

/**
 * A daily series: one value per consecutive calendar day, no gaps.
 * - `id`: what the series measures, e.g. a stock code, or "revenue" for the shop's revenue.
 * - `start`: the first day, "YYYY-MM-DD".
 * - `values`: the value of day `start + i` at index `i`; 0 on a day without sales.
 * Day `i` is `addDays(start, i)`; `seriesDays(series)` lists them all.
 */
export interface DailySeries {
  id: string;
  start: string;
  values: number[];
}

/** A run of consecutive days without any trade, e.g. the Christmas closure. Both ends included. */
export interface ClosedRun {
  start: string;
  end: string;
  days: number;
}

/**
 * The days the shop does not trade, as detected from its history (see `detectClosedDays`).
 * - `closedWeekdays`: ISO weekdays (1 = Monday ... 7 = Sunday) with (almost) no trade ever.
 * - `closedDates`: other days without trade (holidays), sorted; only days on open weekdays.
 * - `closedRuns`: maximal runs of consecutive no-trade days containing at least one closed date
 *   (closed weekdays inside a run are part of it), sorted.
 * Models forecast 0 on closed weekdays and on closed dates inside their horizon.
 */
export interface TradingCalendar {
  closedWeekdays: number[];
  closedDates: string[];
  closedRuns: ClosedRun[];
}

/** A calendar with every day open: what models assume when no calendar is given. */
export const ALWAYS_OPEN: TradingCalendar = { closedWeekdays: [], closedDates: [], closedRuns: [] };
