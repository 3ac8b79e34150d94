/** Monthly sales metrics: how the business moves month by month. */
import pl, { type DataFrame } from "nodejs-polars";
import { moneySum } from "../util/index";

/**
 * One row per calendar month of the sales table (`amount` = quantity x unit price):
 * - `month` (`YYYY-MM`), `revenue` = sum of amount, `orders` = distinct invoices,
 * - `customers` = distinct customer IDs (anonymous sales not counted),
 * - `units` = sum of quantity, `avgOrderValue` = revenue / orders, `unitsPerOrder` = units / orders.
 * Sorted by month.
 */
export function monthlyMetrics(sales: DataFrame): DataFrame {
  return sales
    .withColumns(pl.col("invoiceDate").date.strftime("%Y-%m").alias("month"))
    .groupBy("month")
    .agg(
      moneySum("amount").alias("revenue"),
      pl.col("invoice").nUnique().alias("orders"),
      pl.col("customerId").filter(pl.col("customerId").isNotNull()).nUnique().alias("customers"),
      pl.col("quantity").sum().alias("units"),
    )
    .withColumns(
      pl.col("revenue").div(pl.col("orders")).alias("avgOrderValue"),
      pl.col("units").div(pl.col("orders")).alias("unitsPerOrder"),
    )
    .sort("month");
}

/** True when `last` (the last sale) is not the last calendar day of its month: that month is partial. */
export function endsMidMonth(last: Date): boolean {
  const next = new Date(last.getTime());
  next.setUTCDate(next.getUTCDate() + 1);
  return next.getUTCMonth() === last.getUTCMonth();
}

/** The month with the highest revenue among complete months, and its ratio to their mean revenue. */
export interface PeakMonth {
  month: string;
  revenue: number;
  /** revenue / mean revenue of the complete months */
  ratioToMean: number;
  /** the month left out because the data stops inside it, if any */
  partialMonth: string | null;
}

/**
 * The peak month of `monthlyMetrics(sales)`, leaving out the last month when the sales stop
 * before its end (`lastSale`), since a partial month is not comparable.
 */
export function peakMonth(monthly: DataFrame, lastSale: Date): PeakMonth {
  const months = monthly.getColumn("month").toArray() as string[];
  const revenue = monthly.getColumn("revenue").toArray() as number[];
  const partial = endsMidMonth(lastSale) ? months[months.length - 1] : null;
  const n = partial ? months.length - 1 : months.length;
  let best = 0;
  for (let i = 1; i < n; i++) if (revenue[i] > revenue[best]) best = i;
  const mean = revenue.slice(0, n).reduce((a, b) => a + b, 0) / n;
  return { month: months[best], revenue: revenue[best], ratioToMean: revenue[best] / mean, partialMonth: partial };
}

/** The latest timestamp of a table's `invoiceDate` column. */
export function lastInvoiceDate(table: DataFrame): Date {
  return new Date(table.getColumn("invoiceDate").max() as unknown as number);
}

/**
 * New versus returning customers per month: a customer is new in the month of their first
 * purchase in the data, returning in any later month they buy. Sorted by month.
 */
export function newVersusReturning(customerLines: DataFrame): DataFrame {
  const month = pl.col("invoiceDate").date.strftime("%Y-%m");
  const active = customerLines.select(pl.col("customerId"), month.alias("month")).unique();
  const first = active.groupBy("customerId").agg(pl.col("month").min().alias("firstMonth"));
  return active
    .join(first, { on: "customerId" })
    .groupBy("month")
    .agg(
      pl.col("customerId").filter(pl.col("month").eq(pl.col("firstMonth"))).count().alias("newCustomers"),
      pl.col("customerId").filter(pl.col("month").neq(pl.col("firstMonth"))).count().alias("returningCustomers"),
    )
    .sort("month");
}
