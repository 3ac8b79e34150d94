/**
 * Outcomes: one row per assigned customer with what they did in the experiment's window.
 * Definitions, over the customer purchase lines of cleaning (cancellations are not netted):
 * - window: invoiceDate from the start day's midnight, for `windowDays` whole days
 *   (start <= invoiceDate < start + windowDays);
 * - conversion: 1 if the customer bought in the window, else 0;
 * - revenue: sum of amount (quantity x unit price); orders: distinct invoices; units: sum of quantity;
 * - preRevenue (with `preDays`): revenue in the `preDays` days before the start, a CUPED covariate.
 * Assigned customers who bought nothing have 0 everywhere; purchases of customers not assigned
 * are left out (they are not in the experiment).
 *
 * A per-customer table that already holds its outcomes (Hillstrom's visit, conversion, spend)
 * goes to the analysis directly.
 */
import pl, { type DataFrame, type Expr } from "nodejs-polars";
import { UserError } from "../errors";
import { DAY_MS, parseIsoDay } from "../util/index";
import { analyzeExperiment, type AnalysisOptions, type ExperimentResult } from "./analyze";

/** The experiment's window. */
export interface OutcomeWindow {
  /** the first day, YYYY-MM-DD */
  start: string;
  /** whole days from the start */
  windowDays: number;
  /** whole days before the start for preRevenue (left out when not given) */
  preDays?: number;
}

/** The outcome columns added to the assignment table, in order. */
export const OUTCOME_COLUMNS = ["conversion", "revenue", "orders", "units"] as const;

function requireColumns(df: DataFrame, table: string, columns: string[]): void {
  const missing = columns.filter((c) => !df.columns.includes(c));
  if (missing.length > 0) {
    throw new UserError(`The ${table} table has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""} (columns: ${df.columns.join(", ")}).`);
  }
}

function wholeDays(days: number, what: string): number {
  if (!(Number.isInteger(days) && days > 0)) throw new UserError(`${what} must be a whole number of days above 0, not ${days}.`);
  return days;
}

/** Milliseconds of an invoice date, for comparing with day boundaries. */
function invoiceMs(): Expr {
  return pl.col("invoiceDate").cast(pl.Datetime("ms")).cast(pl.Int64);
}

/** Lines with from <= invoiceDate < to (ms), of customers with an id. */
function linesBetween(lines: DataFrame, from: number, to: number): DataFrame {
  return lines.filter(pl.col("customerId").isNotNull().and(invoiceMs().gtEq(from)).and(invoiceMs().lt(to)));
}

/**
 * Per-customer outcomes of an assignment (customerId, arm, any other columns kept) from the
 * customer purchase lines: conversion, revenue, orders, units (and preRevenue), Float64, in the
 * assignment's row order.
 * Example: a customer with invoices A (2 x £3) and B (1 x £4) in the window: conversion 1,
 * revenue 10, orders 2, units 3; a customer with none: 0, 0, 0, 0.
 */
export function outcomesFromTransactions(assignment: DataFrame, customerLines: DataFrame, window: OutcomeWindow): DataFrame {
  requireColumns(assignment, "assignment", ["customerId", "arm"]);
  requireColumns(customerLines, "transactions", ["customerId", "invoice", "quantity", "invoiceDate", "unitPrice"]);
  const clash = [...OUTCOME_COLUMNS, "preRevenue"].filter((c) => assignment.columns.includes(c));
  if (clash.length > 0) throw new UserError(`The assignment table already has a ${clash[0]} column: outcomes would overwrite it.`);
  const start = parseIsoDay(window.start, "The experiment's start") * DAY_MS;
  const end = start + wholeDays(window.windowDays, "The window") * DAY_MS;
  const amount = customerLines.columns.includes("amount") ? pl.col("amount") : pl.col("quantity").mul(pl.col("unitPrice"));
  const lines = customerLines.withColumns(amount.cast(pl.Float64).alias("__amount"), pl.col("customerId").cast(pl.Utf8));
  const during = linesBetween(lines, start, end)
    .groupBy("customerId")
    .agg(
      pl.col("__amount").sum().alias("revenue"),
      pl.col("invoice").nUnique().cast(pl.Float64).alias("orders"),
      pl.col("quantity").sum().cast(pl.Float64).alias("units"),
    );
  let out = assignment
    .withColumns(pl.col("customerId").cast(pl.Utf8))
    .withRowCount("__row")
    .join(during, { on: "customerId", how: "left" })
    .withColumns(
      pl.col("orders").gt(0).fillNull(false).cast(pl.Float64).alias("conversion"),
      ...["revenue", "orders", "units"].map((c) => pl.col(c).fillNull(0)),
    );
  if (window.preDays !== undefined) {
    const before = linesBetween(lines, start - wholeDays(window.preDays, "The pre-period") * DAY_MS, start)
      .groupBy("customerId")
      .agg(pl.col("__amount").sum().alias("preRevenue"));
    out = out.join(before, { on: "customerId", how: "left" }).withColumns(pl.col("preRevenue").fillNull(0));
  }
  const keep = [...assignment.columns, ...OUTCOME_COLUMNS, ...(window.preDays !== undefined ? ["preRevenue"] : [])];
  return out.sort("__row").select(...keep.map((c) => pl.col(c)));
}

/**
 * The analysis of an assignment from the transactions (the CLI's `analyze` with an assignment
 * file, `--start` and `--window-days`): outcomesFromTransactions, then analyzeExperiment with the
 * assignment's `arm` column. Metrics are among conversion, revenue, orders, units; with
 * `window.preDays` the covariate may be preRevenue.
 */
export function analyzeAssignment(
  assignment: DataFrame,
  customerLines: DataFrame,
  window: OutcomeWindow,
  options: Omit<AnalysisOptions, "armColumn">,
): ExperimentResult {
  return analyzeExperiment(outcomesFromTransactions(assignment, customerLines, window), { ...options, armColumn: "arm" });
}
