/** When people buy: orders by weekday and hour. */
import pl, { type DataFrame } from "nodejs-polars";

/** Weekday names, Monday first (polars weekday 1 = Monday). */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/**
 * Distinct orders (invoices) per weekday (1 = Monday .. 7) and hour of day, counting each
 * invoice once, at its earliest line's timestamp. Sorted by weekday, hour.
 */
export function ordersByWeekdayHour(sales: DataFrame): DataFrame {
  return sales
    .groupBy("invoice")
    .agg(pl.col("invoiceDate").min().alias("at"))
    .select(pl.col("at").date.weekday().cast(pl.Int32).alias("weekday"), pl.col("at").date.hour().cast(pl.Int32).alias("hour"))
    .groupBy(["weekday", "hour"])
    .agg(pl.len().alias("orders"))
    .sort(["weekday", "hour"]);
}

/** The heatmap matrix of `ordersByWeekdayHour`: z[weekday-1][hour - firstHour], 0 where no orders. */
export function weekdayHourMatrix(counts: DataFrame): { hours: number[]; weekdays: string[]; z: number[][] } {
  const rows = counts.toRecords() as { weekday: number; hour: number; orders: number }[];
  const hours = rows.map((r) => Number(r.hour));
  const lo = Math.min(...hours), hi = Math.max(...hours);
  const span = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
  const z = WEEKDAYS.map(() => span.map(() => 0));
  for (const r of rows) z[Number(r.weekday) - 1][Number(r.hour) - lo] = Number(r.orders);
  return { hours: span, weekdays: WEEKDAYS, z };
}

/** The busiest weekday-hour slot: the one with most orders (ties: earliest in the week). */
export function busiestSlot(counts: DataFrame): { weekday: string; hour: number; orders: number; share: number } {
  const rows = counts.toRecords() as { weekday: number; hour: number; orders: number }[];
  const total = rows.reduce((s, r) => s + Number(r.orders), 0);
  const best = rows.reduce((b, r) => (Number(r.orders) > Number(b.orders) ? r : b), rows[0]);
  return { weekday: WEEKDAYS[Number(best.weekday) - 1], hour: Number(best.hour), orders: Number(best.orders), share: Number(best.orders) / total };
}

/** Weekdays with no order at all in the data (a shop that does not trade that day). */
export function weekdaysWithoutOrders(counts: DataFrame): string[] {
  const seen = new Set((counts.getColumn("weekday").toArray() as number[]).map(Number));
  return WEEKDAYS.filter((_, i) => !seen.has(i + 1));
}
