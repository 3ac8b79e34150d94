/** Category view of the product audit: where revenue, margin and stock sit by category. */
import pl, { type DataFrame } from "nodejs-polars";
import { moneySum, moneyTotal } from "../util/index";

/** Category of products the catalogue does not place in one. */
export const UNCATEGORISED = "Uncategorised";

/**
 * Per category of a performance table (`productPerformance` with a catalogue): products, revenue,
 * units, revenueShare = category revenue / total revenue, margin = sum of product margins (over
 * products with a cost; null when none has one), marginRate = margin / revenue of those products, stars = products in
 * the Stars quadrant, aProducts = products of ABC class A, and, when a stock table is given
 * (`stockAlignment(...).table`), stockValue = sum of stock x unit cost of the category's sold
 * products. Products without a category count under "Uncategorised". Sorted by revenue,
 * descending. Null when the table has no category at all.
 */
export function categorySummary(performance: DataFrame, stockTable?: DataFrame): DataFrame | null {
  if (!performance.columns.includes("category") || performance.getColumn("category").nullCount() === performance.height) return null;
  const total = moneyTotal(performance, "revenue");
  let table = performance.withColumns(pl.col("category").fillNull(pl.lit(UNCATEGORISED)).alias("category"));
  const hasCost = table.columns.includes("margin");
  if (stockTable) table = table.join(stockTable.select("stockCode", "stockValue"), { on: "stockCode", how: "left" });
  const costed = pl.col("margin").isNotNull();
  const aggs = [
    pl.len().cast(pl.Float64).alias("products"),
    moneySum("revenue").alias("revenue"),
    pl.col("units").sum().alias("units"),
    pl.col("quadrant").eq(pl.lit("Stars")).cast(pl.Float64).sum().alias("stars"),
    pl.col("abcClass").eq(pl.lit("A")).cast(pl.Float64).sum().alias("aProducts"),
  ];
  if (hasCost) aggs.push(moneySum("margin").alias("margin"), moneySum(pl.col("revenue").filter(costed)).alias("__costedRevenue"));
  if (stockTable) aggs.push(moneySum("stockValue").alias("stockValue"));
  let out = table.groupBy("category").agg(...aggs).withColumns(pl.col("revenue").div(total).alias("revenueShare"));
  if (hasCost) {
    out = out
      .withColumns(
        pl.when(pl.col("__costedRevenue").gt(0)).then(pl.col("margin")).otherwise(pl.lit(null)).alias("margin"),
        pl.when(pl.col("__costedRevenue").gt(0)).then(pl.col("margin").div(pl.col("__costedRevenue"))).otherwise(pl.lit(null)).alias("marginRate"),
      )
      .drop("__costedRevenue");
  }
  const order = ["category", "products", "revenue", "revenueShare", "units", "margin", "marginRate", "stars", "aProducts", "stockValue"].filter((c) => out.columns.includes(c));
  return out.select(...order).sort([pl.col("revenue").mul(-1), pl.col("category")]);
}
