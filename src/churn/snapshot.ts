/**
 * A churn snapshot at a cutoff day c, exactly as issue 13 defines it:
 *
 * - population: every customer with a purchase on or before c;
 * - features from the lines up to and including day c only, measured to the snapshot day c + 1
 *   (as in RFM): `recency` = c + 1 - last purchase day, `frequency` = distinct invoices,
 *   `monetary` = sum of line amounts (not rounded to pennies; added exactly in millionths by
 *   `moneySum`, so the same in every run), `tenure` = c + 1 - first purchase day, and
 *   `recentFrequency` = distinct invoices in the last `horizonDays` days (c - h, c];
 * - label `churned` = 1 when the customer makes no purchase in (c, c + h], 0 otherwise. The
 *   period must be observed: c + h must not be past the last purchase day in the data.
 *
 * Example: purchases on 2011-01-10 (invoice A) and 2011-03-01 (B, C), c = 2011-03-31, h = 90:
 * recency = 2011-04-01 - 2011-03-01 = 31, frequency 3, tenure 81, recentFrequency 3 (all three
 * fall in (2010-12-31, 2011-03-31]); churned = 1 unless a purchase falls in 2011-04-01..2011-06-29.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { moneySum } from "../util/index";
import { dayNumberOfInput, type DayInput } from "../clv/index";
import { isoDayOfNumber } from "../util/index";

/** The feature columns of a snapshot, in order. */
export const SNAPSHOT_FEATURES = ["recency", "frequency", "monetary", "tenure", "recentFrequency"] as const;

/** Lines with their day number (`__day`), checked to have what churn needs. */
function withDays(lines: DataFrame): DataFrame {
  const missing = ["customerId", "invoice", "invoiceDate", "amount"].filter((c) => !lines.columns.includes(c));
  if (missing.length) {
    throw new UserError(`The customer lines have no column ${missing.map((c) => `"${c}"`).join(", ")}: pass the customerLines table of cleanTransactions.`);
  }
  if (lines.height === 0) throw new UserError("There are no customer purchase lines: churn needs customers with purchases.");
  return lines.withColumns(pl.col("invoiceDate").cast(pl.Date).cast(pl.Int32).alias("__day"));
}

/** First and last purchase day of the lines. */
export function purchaseDayRange(lines: DataFrame): { first: number; last: number } {
  const days = withDays(lines).getColumn("__day");
  return { first: Number(days.min()), last: Number(days.max()) };
}

/** Refuses a horizon that is not a whole number of days from 1 to 3,650. */
export function checkHorizon(horizonDays: number): void {
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > 3650) {
    throw new UserError(`The churn horizon must be a whole number of days from 1 to 3650, not ${horizonDays}.`);
  }
}

/**
 * The cutoff as a day number, refused when no purchase is on or before it, or when c + h is past
 * the last purchase day (the label period would not be observed). `what` names the cutoff.
 */
export function checkedCutoff(lines: DataFrame, cutoff: DayInput, horizonDays: number, what = "The cutoff"): number {
  checkHorizon(horizonDays);
  const c = dayNumberOfInput(cutoff, what);
  const { first, last } = purchaseDayRange(lines);
  if (c < first) throw new UserError(`${what} ${isoDayOfNumber(c)} is before the first purchase in the data (${isoDayOfNumber(first)}): no customer exists yet.`);
  if (c + horizonDays > last) {
    throw new UserError(
      `${what} ${isoDayOfNumber(c)} plus the horizon of ${horizonDays} days ends on ${isoDayOfNumber(c + horizonDays)}, past the last purchase in the data (${isoDayOfNumber(last)}): the churn labels would not be observed; choose an earlier cutoff or a shorter horizon.`,
    );
  }
  return c;
}

/**
 * The features at cutoff day c (see the file comment), one row per customer with a purchase on
 * or before c: `customerId` and `SNAPSHOT_FEATURES`, sorted by customerId. `recentDays` is the
 * window of `recentFrequency`.
 */
export function snapshotFeatures(lines: DataFrame, cutoffDay: number, recentDays: number): DataFrame {
  const snapshot = cutoffDay + 1;
  const upTo = withDays(lines).filter(pl.col("__day").ltEq(cutoffDay));
  if (upTo.height === 0) throw new UserError(`No customer has a purchase on or before ${isoDayOfNumber(cutoffDay)}.`);
  return upTo
    .groupBy("customerId")
    .agg(
      pl.lit(snapshot).sub(pl.col("__day").max()).cast(pl.Float64).alias("recency"),
      pl.col("invoice").nUnique().cast(pl.Float64).alias("frequency"),
      moneySum("amount").alias("monetary"),
      pl.lit(snapshot).sub(pl.col("__day").min()).cast(pl.Float64).alias("tenure"),
      pl.col("invoice").filter(pl.col("__day").gt(cutoffDay - recentDays)).nUnique().cast(pl.Float64).alias("recentFrequency"),
    )
    .sort("customerId");
}

/** 1 for each customer of `customers` with no purchase in (c, c + h], else 0: column `churned`. */
export function churnLabels(lines: DataFrame, customers: DataFrame, cutoffDay: number, horizonDays: number): DataFrame {
  const buyers = withDays(lines)
    .filter(pl.col("__day").gt(cutoffDay).and(pl.col("__day").ltEq(cutoffDay + horizonDays)))
    .select("customerId")
    .unique()
    .withColumns(pl.lit(0).cast(pl.Float64).alias("churned"));
  return customers
    .select("customerId")
    .join(buyers, { on: "customerId", how: "left" })
    .withColumns(pl.col("churned").fillNull(1))
    .sort("customerId");
}

/** Options of `churnSnapshot`. */
export interface SnapshotOptions {
  cutoff: DayInput;
  /** h, days; default 90 */
  horizonDays?: number;
}

/**
 * The snapshot at a cutoff: `customerId`, the features, and `churned` (see the file comment).
 * Refuses a cutoff before the data, or one whose label period runs past it.
 */
export function churnSnapshot(lines: DataFrame, options: SnapshotOptions): DataFrame {
  const h = options.horizonDays ?? 90;
  const c = checkedCutoff(lines, options.cutoff, h);
  const features = snapshotFeatures(lines, c, h);
  return features.join(churnLabels(lines, features, c, h), { on: "customerId" }).sort("customerId");
}
