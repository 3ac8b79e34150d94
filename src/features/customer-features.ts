/**
 * Behavioural features per customer, computed from customer purchase lines and return lines
 * with polars expressions (one groupBy per idea, joined on `customerId`).
 */
import pl from "nodejs-polars";
import type { DataFrame, Expr } from "nodejs-polars";
import { UserError } from "../errors";
import { dayNumberOf, moneySum } from "../util/index";

/**
 * One row of the customer features table (`customerFeatures`), sorted by `customerId`.
 * Days are whole calendar days (times of day are ignored); the snapshot date is the calendar day
 * after the last invoice day of the purchases table unless given.
 */
export interface CustomerFeatures {
  customerId: string;
  /** Snapshot day minus the calendar day of the customer's last purchase, in days (>= 1 by default). */
  recency: number;
  /** Number of distinct invoices. */
  frequency: number;
  /** Sum of `amount` (quantity * unitPrice) over the customer's purchase lines, rounded to cents. */
  monetary: number;
  /** Sum of quantity over the customer's purchase lines. */
  units: number;
  /** Average basket value: monetary / frequency (not rounded). */
  avgBasket: number;
  /** Number of distinct stock codes bought. */
  distinctProducts: number;
  /** Units returned (sum of |quantity| over the customer's return lines) / units bought; 0 when none. */
  returnRate: number;
  /** Snapshot day minus the calendar day of the customer's first purchase, in days. */
  tenure: number;
  /** Weekday with the most distinct invoices, 0 = Monday .. 6 = Sunday; ties go to the earliest. */
  favouriteWeekday: number;
  /** Hour of day (0..23) with the most distinct invoices; ties go to the earliest. */
  favouriteHour: number;
  /** Sum of amount in October, November or December / sum of amount (both unrounded); 0..1. */
  q4Share: number;
}

/** Column names of the customer features table, in order. */
export const CUSTOMER_FEATURE_COLUMNS = [
  "customerId",
  "recency",
  "frequency",
  "monetary",
  "units",
  "avgBasket",
  "distinctProducts",
  "returnRate",
  "tenure",
  "favouriteWeekday",
  "favouriteHour",
  "q4Share",
] as const satisfies readonly (keyof CustomerFeatures)[];

/** Options of `customerFeatures`. */
export interface CustomerFeaturesOptions {
  /**
   * The day recency and tenure are measured from. Only its calendar date (UTC fields of the
   * Date, as polars stores naive datetimes) is used. Default: the day after the last invoice day
   * of the purchases table.
   */
  snapshotDate?: Date;
}

const REQUIRED = ["invoice", "stockCode", "quantity", "invoiceDate", "unitPrice", "customerId"];

function requireColumns(df: DataFrame, table: string, columns: string[]): void {
  const missing = columns.filter((c) => !df.columns.includes(c));
  if (missing.length > 0) {
    throw new UserError(
      `The ${table} table has no column ${missing.map((c) => `"${c}"`).join(", ")}: ` +
        `it needs the canonical transaction columns (${columns.join(", ")}).`,
    );
  }
}

/** Days since 1970-01-01 of the calendar date of a datetime column. */
function dayNumber(column: string): Expr {
  return pl.col(column).cast(pl.Date).cast(pl.Int32);
}

/**
 * The value of `column` (an integer key such as weekday or hour) with the most distinct invoices
 * per customer; ties go to the smallest value. Returns columns `customerId`, `alias`.
 */
function favouriteBy(purchases: DataFrame, column: string, alias: string): DataFrame {
  return purchases
    .groupBy(["customerId", column])
    .agg(pl.col("invoice").nUnique().alias("invoices"))
    .groupBy("customerId")
    .agg(
      pl
        .col(column)
        .sortBy([pl.col("invoices"), pl.col(column)], [true, false])
        .first()
        .cast(pl.Int32)
        .alias(alias),
    );
}

/**
 * Behavioural features per customer (see `CustomerFeatures` for each definition).
 *
 * `purchases`: customer purchase lines with the canonical columns of src/model.ts (every row has a
 * customerId, quantity > 0, unitPrice > 0) and optionally `amount` (= quantity * unitPrice,
 * computed when absent). `returns`: cancellation lines (same columns, negative quantity), joined
 * on customerId; lines without a customerId are ignored. Returns one row per customer of
 * `purchases`, sorted by customerId, with the columns of `CUSTOMER_FEATURE_COLUMNS`.
 */
export function customerFeatures(
  purchases: DataFrame,
  returns?: DataFrame,
  options: CustomerFeaturesOptions = {},
): DataFrame {
  requireColumns(purchases, "purchases", REQUIRED);
  if (purchases.height === 0) {
    throw new UserError("The purchases table is empty: there are no customers to describe.");
  }
  const anonymous = purchases.getColumn("customerId").nullCount();
  if (anonymous > 0) {
    throw new UserError(
      `The purchases table has ${anonymous} rows with no customerId: ` +
        `keep only customer purchase lines (drop anonymous sales) before computing features.`,
    );
  }
  for (const column of ["quantity", "unitPrice"]) {
    const bad = purchases.filter(pl.col(column).gt(0).not()).height;
    if (bad > 0) {
      throw new UserError(
        `The purchases table has ${bad} lines with ${column} <= 0: keep only purchase lines ` +
          `(pass cancellations as the returns table; drop adjustments and free items).`,
      );
    }
  }
  const lines = purchases.withColumns(
    (purchases.columns.includes("amount")
      ? pl.col("amount")
      : pl.col("quantity").mul(pl.col("unitPrice"))
    ).alias("amount"),
    dayNumber("invoiceDate").alias("day"),
    pl.col("invoiceDate").date.weekday().cast(pl.Int32).sub(1).alias("weekday"),
    pl.col("invoiceDate").date.hour().cast(pl.Int32).alias("hour"),
    pl.col("invoiceDate").date.month().cast(pl.Int32).alias("month"),
  );
  const snapshotDay =
    options.snapshotDate !== undefined
      ? dayNumberOf(options.snapshotDate)
      : (lines.getColumn("day").max() as number) + 1;

  const base = lines.groupBy("customerId").agg(
    pl.lit(snapshotDay).sub(pl.col("day").max()).cast(pl.Int32).alias("recency"),
    pl.col("invoice").nUnique().cast(pl.Int32).alias("frequency"),
    moneySum("amount").round(2).alias("monetary"),
    pl.col("quantity").sum().cast(pl.Float64).alias("units"),
    pl.col("stockCode").nUnique().cast(pl.Int32).alias("distinctProducts"),
    pl.lit(snapshotDay).sub(pl.col("day").min()).cast(pl.Int32).alias("tenure"),
    moneySum(pl.col("amount").filter(pl.col("month").gtEq(10))).alias("q4Amount"),
    moneySum("amount").alias("rawAmount"),
  );

  let returned: DataFrame;
  if (returns !== undefined && returns.height > 0) {
    requireColumns(returns, "returns", ["customerId", "quantity"]);
    returned = returns
      .filter(pl.col("customerId").isNotNull())
      .groupBy("customerId")
      .agg(pl.col("quantity").abs().sum().cast(pl.Float64).alias("unitsReturned"));
  } else {
    returned = pl.DataFrame({ customerId: [] as string[], unitsReturned: [] as number[] });
    returned = returned.withColumns(pl.col("customerId").cast(pl.Utf8), pl.col("unitsReturned").cast(pl.Float64));
  }

  return base
    .join(returned, { on: "customerId", how: "left" })
    .join(favouriteBy(lines, "weekday", "favouriteWeekday"), { on: "customerId", how: "left" })
    .join(favouriteBy(lines, "hour", "favouriteHour"), { on: "customerId", how: "left" })
    .withColumns(
      pl.col("monetary").div(pl.col("frequency")).alias("avgBasket"),
      pl.col("unitsReturned").fillNull(0).div(pl.col("units")).alias("returnRate"),
      pl
        .when(pl.col("rawAmount").gt(0))
        .then(pl.col("q4Amount").div(pl.col("rawAmount")))
        .otherwise(pl.lit(0))
        .alias("q4Share"),
    )
    .select(...CUSTOMER_FEATURE_COLUMNS.map((c) => pl.col(c)))
    .sort("customerId");
}
