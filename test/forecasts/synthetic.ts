/**
 * Seeded synthetic daily series for the forecast tests: Poisson demand with a weekly pattern,
 * closed (0) on Saturdays, starting Monday 2011-01-03.
 */
import { poisson, seededRng } from "../../src/util/index";
import type { DailySeries, TradingCalendar } from "../../src/series/types";

/** Mean demand by day of the week from Monday; Saturday closed. */
export const WEEKLY_MEANS = [12, 15, 14, 13, 16, 0, 6];

/** The calendar of the synthetic shop: Saturdays closed. */
export const SATURDAYS_CLOSED: TradingCalendar = { closedWeekdays: [6], closedDates: [], closedRuns: [] };

/** `days` days of Poisson(WEEKLY_MEANS[weekday] × scale) demand, seed `seed`. */
export function syntheticSeries(days: number, seed = 1, id = "P1", scale = 1): DailySeries {
  const rng = seededRng(seed);
  return { id, start: "2011-01-03", values: Array.from({ length: days }, (_, t) => poisson(rng, WEEKLY_MEANS[t % 7] * scale)) };
}

/** Every number reachable in `value`, to check that none is NaN or infinite. */
export function allNumbers(value: unknown, out: number[] = []): number[] {
  if (typeof value === "number") out.push(value);
  else if (Array.isArray(value)) for (const v of value) allNumbers(v, out);
  else if (value && typeof value === "object") for (const v of Object.values(value)) allNumbers(v, out);
  return out;
}
