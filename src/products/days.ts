/**
 * Calendar days of timestamps, whatever the time unit of the column (ms or us) and for Date
 * columns too: every timestamp is cast to Datetime(ms) first. Day numbers count days since
 * 1970-01-01 in naive shop time.
 */
import pl, { type DataFrame, type Expr } from "nodejs-polars";

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/** The epoch day (floor of ms / DAY_MS) of a timestamp column, as an Int64 expression. */
export function epochDayExpr(column = "invoiceDate"): Expr {
  return pl.col(column).cast(pl.Datetime("ms")).cast(pl.Int64).div(DAY_MS).floor().cast(pl.Int64);
}

/** The epoch day of the latest timestamp of a column (NaN for an empty table). */
export function lastEpochDay(df: DataFrame, column = "invoiceDate"): number {
  if (df.height === 0) return Number.NaN;
  return Number(df.select(epochDayExpr(column).max().alias("d")).getColumn("d").toArray()[0]);
}
