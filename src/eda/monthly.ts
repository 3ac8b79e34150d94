/** Monthly sales metrics: how the business moves month by month. */
import pl, { type DataFrame } from "nodejs-polars";
import { moneySum, numbers, strings } from "../util/index";

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

/** How revenue grew from the quietest complete month to the peak (see `growthDrivers`). */
export interface GrowthDrivers {
  /** the quietest and the peak complete months */
  from: string;
  to: string;
  /** to / from of revenue, orders and average order value (revenueRatio = ordersRatio x orderValueRatio) */
  revenueRatio: number;
  ordersRatio: number;
  orderValueRatio: number;
  /** the larger of the two factors: "orders" (more orders) or "order value" (bigger orders) */
  driver: "orders" | "order value";
}

/**
 * Where the growth from the quietest to the peak month of `monthlyMetrics(sales)` comes from:
 * revenue = orders x average order value, so the revenue ratio splits into an orders ratio and an
 * order-value ratio; the driver is the larger one. The last month is left out when the sales stop
 * inside it (`lastSale`), as in `peakMonth`. Null with fewer than two complete months.
 * Example: January 2 orders of £9.50, February 4 of £12 -> orders x2, order value x1.26: "orders".
 */
export function growthDrivers(monthly: DataFrame, lastSale: Date): GrowthDrivers | null {
  const months = strings(monthly, "month");
  const n = endsMidMonth(lastSale) ? months.length - 1 : months.length;
  if (n < 2) return null;
  const complete = monthly.head(n);
  const revenue = numbers(complete, "revenue"), orders = numbers(complete, "orders");
  let lo = 0, hi = 0;
  for (let i = 1; i < n; i++) {
    if (revenue[i] > revenue[hi]) hi = i;
    if (revenue[i] < revenue[lo]) lo = i;
  }
  const ordersRatio = orders[hi] / orders[lo];
  const orderValueRatio = revenue[hi] / orders[hi] / (revenue[lo] / orders[lo]);
  return {
    from: months[lo], to: months[hi], revenueRatio: revenue[hi] / revenue[lo], ordersRatio, orderValueRatio,
    driver: ordersRatio >= orderValueRatio ? "orders" : "order value",
  };
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
