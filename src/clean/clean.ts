/**
 * Cleaning with a report. Rules apply in this order and each input row is counted under the
 * first rule it meets, so the counts always add up to the input:
 *
 * 1. `duplicate`: an exact copy of an earlier row (all columns) - dropped;
 * 2. `cancellation`: invoice starting with `C` - kept aside as the returns table;
 * 3. `non_positive_quantity`: quantity <= 0 - kept aside as adjustments;
 * 4. `non_positive_price`: unit price <= 0 - kept aside;
 * 5. `missing_customer`: no customer ID - kept in the sales table, left out of customer analyses;
 *
 * what remains are the customer purchase lines. Non-product stock codes are flagged
 * (`isProduct` false), not dropped.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { isProductExpr } from "./nonProduct";

/** The buckets of the cleaning rules, in the order they apply. */
export const CLEANING_RULES = ["duplicate", "cancellation", "non_positive_quantity", "non_positive_price", "missing_customer"] as const;
export type CleaningRule = (typeof CLEANING_RULES)[number];

/** Row counts per rule; `input` = the sum of the five rules and `customer_lines`. */
export interface CleaningReport {
  input: number;
  duplicate: number;
  cancellation: number;
  non_positive_quantity: number;
  non_positive_price: number;
  missing_customer: number;
  /** customer purchase lines: rows that met no rule */
  customer_lines: number;
  /** distinct customers among the customer purchase lines */
  customers: number;
  /** rows in the sales table: missing_customer + customer_lines */
  sales_lines: number;
}

/**
 * The tables cleaning produces. All carry the canonical transaction columns plus
 * `amount` (quantity x unit price) and `isProduct`; descriptions are trimmed with inner
 * whitespace collapsed.
 */
export interface CleanData {
  /** purchases (rules 1-4 passed), with or without a customer ID: revenue and demand analyses */
  sales: DataFrame;
  /** sales with a customer ID: every customer-level analysis */
  customerLines: DataFrame;
  /** cancellation lines (invoice `C...`, negative quantity): returns */
  returns: DataFrame;
  /** non-cancellation lines with quantity <= 0 */
  adjustments: DataFrame;
  /** lines with unit price <= 0 (free items, bad debt adjustments) */
  nonPositivePrice: DataFrame;
  report: CleaningReport;
}

const RULE_COLUMN = "__rule";

/** Each row's bucket: the first rule it meets, or `customer_line`. */
export function withCleaningRule(transactions: DataFrame): DataFrame {
  const all = transactions.columns.map((c) => pl.col(c));
  const rule = pl
    .when(pl.struct(all).isFirstDistinct().not())
    .then(pl.lit("duplicate"))
    .when(pl.col("invoice").str.strip().str.startsWith("C"))
    .then(pl.lit("cancellation"))
    .when(pl.col("quantity").ltEq(0))
    .then(pl.lit("non_positive_quantity"))
    .when(pl.col("unitPrice").ltEq(0))
    .then(pl.lit("non_positive_price"))
    .when(pl.col("customerId").isNull())
    .then(pl.lit("missing_customer"))
    .otherwise(pl.lit("customer_line"))
    .alias(RULE_COLUMN);
  return transactions.withColumns(rule);
}

/** Descriptions trimmed, inner runs of whitespace collapsed to one space, empty as null. */
function tidyDescription() {
  const d = pl.col("description").str.replaceAll("\\s+", " ").str.strip();
  return pl.when(d.eq(pl.lit(""))).then(pl.lit(null)).otherwise(d).alias("description");
}

/** Applies the cleaning rules and returns the tables and the report. */
export function cleanTransactions(transactions: DataFrame): CleanData {
  if (transactions.height === 0) throw new UserError("The transactions table has no rows: nothing to clean.");
  const tagged = withCleaningRule(transactions).withColumns(
    tidyDescription(),
    pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"),
    isProductExpr().alias("isProduct"),
  );
  const counts = new Map<string, number>();
  for (const r of tagged.groupBy(RULE_COLUMN).agg(pl.len().alias("n")).toRecords() as { __rule: string; n: number }[]) {
    counts.set(r.__rule, Number(r.n));
  }
  const take = (...rules: string[]) => tagged.filter(pl.col(RULE_COLUMN).isIn(rules)).drop(RULE_COLUMN);
  const customerLines = take("customer_line");
  const report: CleaningReport = {
    input: transactions.height,
    duplicate: counts.get("duplicate") ?? 0,
    cancellation: counts.get("cancellation") ?? 0,
    non_positive_quantity: counts.get("non_positive_quantity") ?? 0,
    non_positive_price: counts.get("non_positive_price") ?? 0,
    missing_customer: counts.get("missing_customer") ?? 0,
    customer_lines: customerLines.height,
    customers: customerLines.getColumn("customerId").nUnique(),
    sales_lines: (counts.get("missing_customer") ?? 0) + customerLines.height,
  };
  return {
    sales: take("missing_customer", "customer_line"),
    customerLines,
    returns: take("cancellation"),
    adjustments: take("non_positive_quantity"),
    nonPositivePrice: take("non_positive_price"),
    report,
  };
}

/** The report as a table: bucket, rows, percent of the input (2 decimals). */
export function reportFrame(report: CleaningReport): DataFrame {
  const rows = reportRows(report);
  return pl.DataFrame({ bucket: rows.map((r) => r.bucket), rows: rows.map((r) => r.rows), percent: rows.map((r) => Math.round(r.share * 10000) / 100) });
}

/** The report as rows (bucket, rows, share of input) for a table or a log. */
export function reportRows(report: CleaningReport): { bucket: string; rows: number; share: number }[] {
  const buckets: [string, number][] = [
    ...CLEANING_RULES.map((r) => [r, report[r]] as [string, number]),
    ["customer_lines", report.customer_lines],
  ];
  return buckets.map(([bucket, rows]) => ({ bucket, rows, share: rows / report.input }));
}
