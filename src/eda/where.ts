/** Where: revenue, customers and orders by country. */
import pl, { type DataFrame } from "nodejs-polars";
import { moneySum, moneyTotal } from "../util/index";

/**
 * Per country: revenue (sum of amount), orders (distinct invoices), customers (distinct IDs,
 * anonymous sales not counted), share of revenue. Sorted by revenue, descending.
 */
export function countrySummary(sales: DataFrame): DataFrame {
  const total = moneyTotal(sales, "amount");
  return sales
    .groupBy("country")
    .agg(
      moneySum("amount").alias("revenue"),
      pl.col("invoice").nUnique().alias("orders"),
      pl.col("customerId").filter(pl.col("customerId").isNotNull()).nUnique().alias("customers"),
    )
    .withColumns(pl.col("revenue").div(total).alias("revenueShare"))
    .sort("revenue", true);
}

/**
 * The home market against the rest, from a per-country table with `country`, `revenue`,
 * `orders` and `customers` columns (e.g. `countrySummary` or a SQL query): sums for `home` and
 * for all other countries, and each part's share of revenue. Customers are summed over
 * countries, so one who bought from two countries counts twice.
 */
export function homeVersusRest(summary: DataFrame, home = "United Kingdom"): { group: string; revenue: number; orders: number; customers: number; revenueShare: number }[] {
  const total = moneyTotal(summary, "revenue");
  const part = (rows: DataFrame, group: string) => ({
    group,
    revenue: moneyTotal(rows, "revenue"),
    orders: Number(rows.getColumn("orders").sum()),
    customers: Number(rows.getColumn("customers").sum()),
    revenueShare: moneyTotal(rows, "revenue") / total,
  });
  return [part(summary.filter(pl.col("country").eq(pl.lit(home))), home), part(summary.filter(pl.col("country").neq(pl.lit(home))), "Rest of the world")];
}
