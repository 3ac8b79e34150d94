/**
 * Money totals that come out the same whatever order the rows are added in.
 *
 * Floating-point addition is not associative: 0.1 + 0.2 + 0.3 is 0.6000000000000001 added left
 * to right and 0.6 added right to left. nodejs-polars adds a group's rows in an order that changes
 * from run to run (group-bys over two keys) and a whole column's chunks in an order that depends
 * on the number of threads, so a float `sum()` of amounts can differ in its last digits between
 * two runs on the same data. Every money total therefore goes through `moneySum`: each value is
 * rounded to a millionth of the currency unit, the millionths are added as 64-bit integers (exact,
 * so in any order), and the total is divided back. Totals are exact up to 2^53 millionths (about
 * 9 billion currency units).
 */
import pl, { type DataFrame, type Expr } from "nodejs-polars";

/** Money is added in millionths of the currency unit. */
export const MONEY_SCALE = 1_000_000;

/**
 * The sum of a money column or expression (an aggregation: use it in `agg` or `select`),
 * independent of row order: sum of round(value x 1e6) as integers, / 1e6 (the double nearest
 * to that many millionths). Nulls are skipped;
 * no values sum to 0. Example: 0.1, 0.2, 0.3 in any order -> 100,000 + 200,000 + 300,000 =
 * 600,000 millionths -> 0.6. The output column keeps the input's name (alias it).
 */
export function moneySum(column: string | Expr): Expr {
  const value = typeof column === "string" ? pl.col(column) : column;
  // polars divides by a constant as a multiplication by its reciprocal, which is not exactly
  // rounded (54,624,150,000 / 1e6 came out 54624.149999999994); round(6) divides exactly
  return value.mul(MONEY_SCALE).round(0).cast(pl.Int64).sum().cast(pl.Float64).div(MONEY_SCALE).round(6);
}

/** The `moneySum` of one column of a table, as a number (0 for an empty table). */
export function moneyTotal(df: DataFrame, column: string): number {
  return Number(df.select(moneySum(column).alias("total")).getColumn("total").get(0) ?? 0);
}
