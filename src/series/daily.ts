/**
 * Daily series from the sales table. The sales table has the canonical transaction columns of
 * src/model.ts plus `amount` (Float64, quantity * unitPrice) and `isProduct` (Boolean, false for
 * non-product stock codes such as POST, DOT, M, BANK CHARGES); its rows are sales (quantity > 0,
 * unitPrice > 0). Aggregation is done with polars expressions; every output is sorted.
 */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { requireProductColumn } from "../model";
import { moneySum, addDays, isoDayOfNumber, parseIsoDay } from "../util/index";
import type { DailySeries } from "./types";

/** The calendar day of the sale (the day part of `invoiceDate`, in the shop's local time). */
const SALE_DAY = pl.col("invoiceDate").cast(pl.Date).alias("date");

/** Throws a UserError naming the first of `columns` missing from `sales`, or an empty table. */
function requireSalesColumns(sales: DataFrame, columns: string[]): void {
  const missing = columns.filter((c) => !sales.columns.includes(c));
  if (missing.length > 0) {
    throw new UserError(
      `The sales table has no column ${missing.map((c) => `"${c}"`).join(", ")}; ` +
        `it needs ${columns.join(", ")} (see src/model.ts and src/series/daily.ts).`,
    );
  }
  if (sales.height === 0) throw new UserError("The sales table is empty: there is no day to build a series from.");
}

/**
 * Every calendar day from the first to the last sale day of `sales`, as a one-column frame
 * `date` (Date), ascending.
 */
export function salesCalendar(sales: DataFrame): DataFrame {
  requireSalesColumns(sales, ["invoiceDate"]);
  const ends = sales.select(SALE_DAY.min().alias("first"), SALE_DAY.max().alias("last"));
  const first = ends.getColumn("first").cast(pl.Int32).get(0) as number | null;
  const last = ends.getColumn("last").cast(pl.Int32).get(0) as number | null;
  if (first === null || last === null) throw new UserError("The sales table has no invoiceDate: every value is null.");
  return pl.DataFrame({ date: pl.intRange(first, last + 1, 1, pl.Int32, true) }).withColumns(pl.col("date").cast(pl.Date));
}

/**
 * Daily units sold per product: columns `stockCode` (Utf8), `date` (Date), `units` (Float64),
 * sorted by stockCode then date. Only `isProduct` rows count. Every product has every calendar
 * day of the whole table (first to last sale day of any product or not), 0 on days it did not sell.
 */
export function dailyProductUnits(sales: DataFrame): DataFrame {
  requireSalesColumns(sales, ["stockCode", "invoiceDate", "quantity", "isProduct"]);
  requireProductColumn(sales, "daily units per product");
  const calendar = salesCalendar(sales);
  const perDay = sales
    .filter(pl.col("isProduct"))
    .withColumns(SALE_DAY)
    .groupBy(["stockCode", "date"])
    .agg(pl.col("quantity").sum().cast(pl.Float64).alias("units"));
  const codes = perDay.select("stockCode").unique();
  return codes
    .join(calendar, { how: "cross" })
    .join(perDay, { on: ["stockCode", "date"], how: "left" })
    .withColumns(pl.col("units").fillNull(0))
    .sort(["stockCode", "date"]);
}

/**
 * Daily revenue of the whole shop: columns `date` (Date), `revenue` (Float64, the sum of `amount`
 * over all rows, products or not), every calendar day from first to last sale, 0 on days
 * without sales, ascending.
 */
export function dailyRevenue(sales: DataFrame): DataFrame {
  requireSalesColumns(sales, ["invoiceDate", "amount"]);
  const perDay = sales.withColumns(SALE_DAY).groupBy("date").agg(moneySum(pl.col("amount").cast(pl.Float64)).alias("revenue"));
  return salesCalendar(sales)
    .join(perDay, { on: "date", how: "left" })
    .withColumns(pl.col("revenue").fillNull(0))
    .sort("date");
}

/**
 * Stock codes of the `n` products with the most units sold (isProduct rows), most first; ties
 * broken by stock code so the list is the same on every run.
 */
export function topProductsByUnits(sales: DataFrame, n: number): string[] {
  requireSalesColumns(sales, ["stockCode", "quantity", "isProduct"]);
  requireProductColumn(sales, "a forecast of units per product");
  return sales
    .filter(pl.col("isProduct"))
    .groupBy("stockCode")
    .agg(pl.col("quantity").sum().alias("units"))
    .sort("stockCode")
    .sort({ by: "units", descending: true, maintainOrder: true })
    .head(n)
    .getColumn("stockCode")
    .toArray() as string[];
}

/**
 * The series in a long daily frame (as returned by `dailyProductUnits`): one DailySeries per
 * distinct `idColumn` value, in the frame's order (sorted by id then date). When `idColumn` is
 * null the whole frame is one series with id `singleId`. The frame must hold consecutive days per
 * id; a hole is a UserError.
 */
export function seriesFromFrame(
  frame: DataFrame,
  options: { idColumn: string | null; valueColumn: string; dateColumn?: string; singleId?: string },
): DailySeries[] {
  const dateColumn = options.dateColumn ?? "date";
  const ids: string[] =
    options.idColumn === null
      ? new Array(frame.height).fill(options.singleId ?? options.valueColumn)
      : (frame.getColumn(options.idColumn).cast(pl.Utf8).toArray() as string[]);
  const days = frame.getColumn(dateColumn).cast(pl.Date).cast(pl.Int32).toArray() as number[];
  const values = frame.getColumn(options.valueColumn).cast(pl.Float64).toArray() as (number | null)[];
  const out: DailySeries[] = [];
  let current: DailySeries | null = null;
  let lastDay = 0;
  for (let i = 0; i < ids.length; i++) {
    if (current === null || ids[i] !== current.id) {
      current = { id: ids[i], start: isoDayOfNumber(days[i]), values: [] };
      out.push(current);
    } else if (days[i] !== lastDay + 1) {
      throw new UserError(
        `Series "${ids[i]}" jumps from ${isoDayOfNumber(lastDay)} to ${isoDayOfNumber(days[i])}: ` +
          `a daily series needs every day, sorted (build it with dailyProductUnits or dailyRevenue).`,
      );
    }
    current.values.push(values[i] ?? 0);
    lastDay = days[i];
  }
  return out;
}

/**
 * The revenue series of the shop (id "revenue"): `dailyRevenue` as a DailySeries.
 */
export function revenueSeries(sales: DataFrame): DailySeries {
  return seriesFromFrame(dailyRevenue(sales), { idColumn: null, valueColumn: "revenue", singleId: "revenue" })[0];
}

/**
 * Daily units series of the given products (all products when `stockCodes` is omitted), in the
 * order of `stockCodes` (sorted by code otherwise). A series starts on the product's first sale
 * day (days before its launch are not demand of 0) and ends on the last day of the table, so a
 * product that stopped selling ends in zeros. A code with no product sales is a UserError.
 */
export function productSeries(sales: DataFrame, stockCodes?: string[]): DailySeries[] {
  let units = dailyProductUnits(sales);
  if (stockCodes) units = units.filter(pl.col("stockCode").isIn(stockCodes));
  const byId = new Map(seriesFromFrame(units, { idColumn: "stockCode", valueColumn: "units" }).map((s) => [s.id, s]));
  const order = stockCodes ?? [...byId.keys()];
  return order.map((code) => {
    const s = byId.get(code);
    if (!s) throw new UserError(`Stock code "${code}" has no product sales in the sales table.`);
    return fromFirstSale(s);
  });
}

/** `series` without its leading zeros (it starts on its first non-zero day); unchanged if all zero. */
export function fromFirstSale(series: DailySeries): DailySeries {
  const first = series.values.findIndex((v) => v !== 0);
  if (first <= 0) return series;
  return { id: series.id, start: addDays(series.start, first), values: series.values.slice(first) };
}

/** The days of `series`, "YYYY-MM-DD", one per value. */
export function seriesDays(series: DailySeries): string[] {
  const first = parseIsoDay(series.start);
  return series.values.map((_, i) => isoDayOfNumber(first + i));
}

/** A DailySeries as a two-column frame `date` (Date), `value` (Float64), for display. */
export function seriesFrame(series: DailySeries): DataFrame {
  const first = parseIsoDay(series.start);
  return pl
    .DataFrame({ date: series.values.map((_, i) => first + i), value: series.values })
    .withColumns(pl.col("date").cast(pl.Int32).cast(pl.Date), pl.col("value").cast(pl.Float64));
}
