/**
 * Customer lifetime value over the next H months with a monthly discount rate d, months of 30
 * days, exactly as issue 13 defines it:
 *
 *   CLV = Σ_{m=1..H} (E[Y(30m)] - E[Y(30(m-1))]) · spend / (1 + d)^m,
 *
 * where E[Y(t)] is the BG/NBD conditional expected number of purchases in the next t days
 * (converted to the summary's unit) and spend the Gamma-Gamma expected spend per purchase.
 *
 * Example: a customer expected to buy 0.1 times in every month, spend 50, d = 0.01, H = 2:
 * 0.1 · 50 / 1.01 + 0.1 · 50 / 1.01² = 4.9505 + 4.9015 = 9.852.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { moneySum, moneyTotal } from "../util/index";
import { bgnbdExpectedIfAliveMany, bgnbdPAlive, type BgNbdParams } from "./bgnbd";
import type { RepeatData } from "./data";

/** Options of the CLV sum. */
export interface ClvOptions {
  /** H, months of 30 days; default 12 */
  months?: number;
  /** d, the monthly discount rate; default 0.01 */
  discount?: number;
  /** days in one unit of the summary (1 for days, 7 for weeks) */
  daysPerUnit: number;
}

/** Refuses a horizon that is not a whole number of months from 1 to 600, or a discount rate outside [0, 1). */
export function checkClvOptions(months: number, discount: number): void {
  if (!Number.isInteger(months) || months < 1 || months > 600) throw new UserError(`The CLV horizon must be a whole number of months from 1 to 600, not ${months}.`);
  if (!(discount >= 0 && discount < 1)) throw new UserError(`The monthly discount rate must be at least 0 and below 1 (0.01 is 1% a month), not ${discount}.`);
}

/**
 * Each customer's CLV (see the file comment), in the data's row order, from the BG/NBD
 * parameters and each customer's expected spend per purchase.
 */
export function customerLifetimeValues(params: BgNbdParams, data: RepeatData, spend: Float64Array, options: ClvOptions): Float64Array {
  const months = options.months ?? 12;
  const discount = options.discount ?? 0.01;
  checkClvOptions(months, discount);
  const n = data.frequency.length;
  const values = new Float64Array(n);
  const monthEnds = Float64Array.from({ length: months }, (_, m) => ((m + 1) * 30) / options.daysPerUnit);
  const factors = Float64Array.from({ length: months }, (_, m) => (1 + discount) ** -(m + 1));
  const expected = new Float64Array(months);
  for (let i = 0; i < n; i++) {
    const x = data.frequency[i], T = data.T[i];
    bgnbdExpectedIfAliveMany(params, monthEnds, x, T, expected);
    let previous = 0;
    let total = 0;
    for (let m = 0; m < months; m++) {
      total += (expected[m] - previous) * factors[m];
      previous = expected[m];
    }
    values[i] = bgnbdPAlive(params, x, data.recency[i], T) * total * spend[i];
  }
  return values;
}

/**
 * CLV totals per RFM segment: `segment`, `customers`, `totalClv` (`moneySum`, the same in every
 * run), `meanClv`, `clvShare` (of the total), sorted by total CLV descending (ties by name). `customers` needs `customerId`
 * and `clv`; `segments` needs `customerId` and `segment` (e.g. `rfmTable`); customers with no
 * segment are counted under "No segment".
 */
export function clvBySegment(customers: DataFrame, segments: DataFrame): DataFrame {
  const joined = customers
    .select("customerId", "clv")
    .join(segments.select("customerId", "segment"), { on: "customerId", how: "left" })
    .withColumns(pl.col("segment").fillNull("No segment"));
  const total = moneyTotal(joined, "clv");
  return joined
    .groupBy("segment")
    .agg(pl.len().cast(pl.Float64).alias("customers"), moneySum("clv").alias("totalClv"))
    .withColumns(pl.col("totalClv").div(pl.col("customers")).alias("meanClv"))
    .withColumns(total > 0 ? pl.col("totalClv").div(total).alias("clvShare") : pl.lit(0).alias("clvShare"))
    .sort([pl.col("totalClv").mul(-1), pl.col("segment")]);
}
