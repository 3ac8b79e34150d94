/**
 * Purchase occasions and the per-customer summary the CLV models are fitted on.
 *
 * - A purchase occasion is a customer's calendar day with at least one purchase line; its value
 *   is the sum of the `amount` of that day's lines (`moneySum`: the same in every run, whatever
 *   order polars adds the rows in; so are the means and holdout sums below).
 * - For a calibration end day E (occasions on E belong to the calibration period), each customer
 *   whose first occasion is on or before E has: `frequency` x = occasions after the first, up to E;
 *   `recency` t_x = days from the first to the last of those occasions; `T` = days from the first
 *   occasion to E; `monetary` = mean value of the x repeat occasions (0 when x = 0). Days are
 *   divided by 7 in the unit `week`. Customers whose first occasion is after E do not exist yet at
 *   E and are not in the summary.
 * - Holdout actuals for a holdout end H: occasions and spend (sum of amounts) in (E, H].
 *
 * Example: occasions on 1997-01-01 ($10), 1997-01-15 ($20 + $5 the same day: one occasion of $25)
 * and 1997-03-01 ($30), E = 1997-09-30: x = 2, t_x = 59 days (Jan 1 to Mar 1), T = 272 days,
 * monetary = (25 + 30) / 2 = 27.5; in weeks t_x = 8.43, T = 38.86. (`frequency` and `recency` are
 * named as in the lifetimes package; recency here is not RFM's days-since-last-purchase.)
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { moneySum } from "../util/index";
import { dayNumberOf, isoDayOfNumber, nullableNumbers, nullableStrings, numbers, parseIsoDay } from "../util/index";

/** The unit of time of a summary: days, or weeks of 7 days. */
export type TimeUnit = "day" | "week";

/** A calendar day given as "YYYY-MM-DD" or a Date (its UTC calendar day: shop time stored as UTC). */
export type DayInput = string | Date;

/** Days in one unit: day 1, week 7. */
export function daysPerUnit(unit: TimeUnit): number {
  if (unit !== "day" && unit !== "week") throw new UserError(`The time unit must be "day" or "week", not "${String(unit)}".`);
  return unit === "week" ? 7 : 1;
}

/** The day number (days since 1970-01-01) of a day input; `what` names it in the error. */
export function dayNumberOfInput(day: DayInput, what: string): number {
  if (day instanceof Date) {
    if (Number.isNaN(day.getTime())) throw new UserError(`${what} is not a valid date.`);
    return dayNumberOf(day);
  }
  return parseIsoDay(day, what);
}

const REQUIRED = ["customerId", "invoiceDate", "amount"];

/**
 * Refuses customer lines that the models cannot read: a missing column, a line with no
 * customer, or an amount that is zero, negative or not a number (the models need the cleaned
 * purchase lines, where every amount is positive). Names the row (1-based) and value.
 */
export function checkCustomerLines(lines: DataFrame): void {
  const missing = REQUIRED.filter((c) => !lines.columns.includes(c));
  if (missing.length) {
    throw new UserError(`The customer lines have no column ${missing.map((c) => `"${c}"`).join(", ")}: pass the customerLines table of cleanTransactions.`);
  }
  if (lines.height === 0) throw new UserError("There are no customer purchase lines: the CLV and churn models need customers with purchases.");
  const bad = lines
    .withRowCount("__row")
    .filter(
      pl
        .col("customerId")
        .isNull()
        .or(pl.col("invoiceDate").isNull())
        .or(pl.col("amount").isNull())
        .or(pl.col("amount").isFinite().not())
        .or(pl.col("amount").gt(0).not()),
    )
    .head(1);
  if (bad.height) {
    const row = numbers(bad, "__row")[0] + 1;
    const customerId = nullableStrings(bad, "customerId")[0];
    if (customerId === null) throw new UserError(`Customer line ${row} has no customerId: pass the customerLines table of cleanTransactions.`);
    if (bad.getColumn("invoiceDate").nullCount() > 0) throw new UserError(`Customer line ${row} (customer ${customerId}) has no invoiceDate.`);
    throw new UserError(
      `Customer line ${row} (customer ${customerId}) has amount ${nullableNumbers(bad, "amount")[0]}: spend must be a positive number; clean the data first (returns and zero-price lines are set aside by cleanTransactions).`,
    );
  }
}

/**
 * One row per customer and calendar day with a purchase: `customerId`, `day` (Int32 day number),
 * `value` (sum of the day's amounts), sorted by customerId then day.
 */
export function purchaseOccasions(lines: DataFrame): DataFrame {
  checkCustomerLines(lines);
  return lines
    .select(pl.col("customerId"), pl.col("invoiceDate").cast(pl.Date).cast(pl.Int32).alias("day"), pl.col("amount"))
    .groupBy(["customerId", "day"])
    .agg(moneySum("amount").alias("value"))
    .sort(["customerId", "day"]);
}

/** First and last occasion day of a table of occasions. */
function dayRange(occasions: DataFrame): { first: number; last: number } {
  return { first: Number(occasions.getColumn("day").min()), last: Number(occasions.getColumn("day").max()) };
}

/** The calibration end as a day number, refused when it is outside the days with purchases. */
export function calibrationEndDay(occasions: DataFrame, calibrationEnd: DayInput): number {
  const end = dayNumberOfInput(calibrationEnd, "The calibration end");
  const { first, last } = dayRange(occasions);
  if (end < first || end > last) {
    throw new UserError(
      `The calibration end ${isoDayOfNumber(end)} is outside the data, whose purchases run from ${isoDayOfNumber(first)} to ${isoDayOfNumber(last)}: choose a day in that range.`,
    );
  }
  return end;
}

/** Options of `calibrationSummary`. */
export interface SummaryOptions {
  calibrationEnd: DayInput;
  /** default "week" */
  unit?: TimeUnit;
}

/**
 * The per-customer summary at the calibration end (see the file comment): `customerId`,
 * `frequency` (x), `recency` (t_x), `T`, `monetary`, sorted by customerId. Refuses a calibration
 * end outside the data.
 */
export function calibrationSummaryOf(occasions: DataFrame, options: SummaryOptions): DataFrame {
  const end = calibrationEndDay(occasions, options.calibrationEnd);
  const per = daysPerUnit(options.unit ?? "week");
  return occasions
    .filter(pl.col("day").ltEq(end))
    .withColumns(pl.col("day").min().over("customerId").alias("__first"))
    .groupBy("customerId")
    .agg(
      pl.col("__first").first().alias("__first"),
      pl.col("day").max().alias("__last"),
      pl.len().alias("__n"),
      moneySum(pl.col("value").filter(pl.col("day").gt(pl.col("__first")))).alias("__repeatValue"),
    )
    .select(
      pl.col("customerId"),
      pl.col("__n").cast(pl.Float64).minus(1).alias("frequency"),
      pl.col("__last").minus(pl.col("__first")).cast(pl.Float64).div(per).alias("recency"),
      pl.lit(end).minus(pl.col("__first")).cast(pl.Float64).div(per).alias("T"),
      pl.when(pl.col("__n").gt(1)).then(pl.col("__repeatValue").div(pl.col("__n").minus(1))).otherwise(pl.lit(0)).cast(pl.Float64).alias("monetary"),
    )
    .sort("customerId");
}

/** `calibrationSummaryOf` straight from customer purchase lines. */
export function calibrationSummary(lines: DataFrame, options: SummaryOptions): DataFrame {
  return calibrationSummaryOf(purchaseOccasions(lines), options);
}

/** Options of `holdoutActuals`. */
export interface HoldoutOptions {
  calibrationEnd: DayInput;
  holdoutEnd: DayInput;
}

/**
 * What each calibration customer did in the holdout period (E, H]: `customerId`,
 * `holdoutOccasions` (days with a purchase), `holdoutSpend` (sum of the occasions' values), 0
 * for those who did not buy; sorted by customerId. Refuses a holdout end on or before the
 * calibration end, or past the last day with purchases (the period would not be observed).
 */
export function holdoutActualsOf(occasions: DataFrame, options: HoldoutOptions): DataFrame {
  const end = calibrationEndDay(occasions, options.calibrationEnd);
  const holdoutEnd = dayNumberOfInput(options.holdoutEnd, "The holdout end");
  const { last } = dayRange(occasions);
  if (holdoutEnd <= end) throw new UserError(`The holdout end ${isoDayOfNumber(holdoutEnd)} must come after the calibration end ${isoDayOfNumber(end)}.`);
  if (holdoutEnd > last) {
    throw new UserError(
      `The holdout end ${isoDayOfNumber(holdoutEnd)} is past the data, whose last purchase is on ${isoDayOfNumber(last)}: the holdout period would not be fully observed.`,
    );
  }
  const customers = occasions.filter(pl.col("day").ltEq(end)).select("customerId").unique();
  const inHoldout = occasions
    .filter(pl.col("day").gt(end).and(pl.col("day").ltEq(holdoutEnd)))
    .groupBy("customerId")
    .agg(pl.len().cast(pl.Float64).alias("holdoutOccasions"), moneySum("value").alias("holdoutSpend"));
  return customers
    .join(inHoldout, { on: "customerId", how: "left" })
    .select(pl.col("customerId"), pl.col("holdoutOccasions").fillNull(0), pl.col("holdoutSpend").fillNull(0))
    .sort("customerId");
}

/** `holdoutActualsOf` straight from customer purchase lines. */
export function holdoutActuals(lines: DataFrame, options: HoldoutOptions): DataFrame {
  return holdoutActualsOf(purchaseOccasions(lines), options);
}

/** The columns of a summary as Float64Arrays, in its row order: what the model fits read. */
export interface SummaryArrays {
  frequency: Float64Array;
  recency: Float64Array;
  T: Float64Array;
  monetary: Float64Array;
}

/** A summary DataFrame's `frequency`, `recency`, `T` and (if present, else zeros) `monetary`. */
export function summaryArrays(summary: DataFrame): SummaryArrays {
  const col = (name: string) => {
    if (!summary.columns.includes(name)) throw new UserError(`The customer summary has no column "${name}" (columns: ${summary.columns.join(", ")}).`);
    const values = nullableNumbers(summary, name);
    const gap = values.indexOf(null);
    if (gap >= 0) throw new UserError(`The customer summary has no ${name} on row ${gap + 1}.`);
    return Float64Array.from(values as number[]);
  };
  return {
    frequency: col("frequency"),
    recency: col("recency"),
    T: col("T"),
    monetary: summary.columns.includes("monetary") ? col("monetary") : new Float64Array(summary.height),
  };
}
