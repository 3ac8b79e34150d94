/**
 * Cleaning with a report. Rules apply in this order and each input row is counted under the
 * first rule it meets, so the counts always add up to the input:
 *
 * 1. `duplicate`: an exact copy of an earlier row (all columns) - dropped (unless the mapping says
 *    `"duplicates": "keep"`, for sources whose identical lines are real repeat purchases);
 * 2. `cancellation`: invoice starting with `C` - kept aside as the returns table;
 * 3. `non_positive_quantity`: quantity <= 0 - kept aside as adjustments;
 * 4. `non_positive_price`: unit price <= 0 - kept aside;
 * 5. `missing_customer`: no customer ID - kept in the sales table, left out of customer analyses;
 *
 * what remains are the customer purchase lines. Non-product stock codes are flagged
 * (`isProduct` false), not dropped; lines of a source without a product column count as products.
 * `amount` is the source's line total when it has one (see `typeTransactions`), else quantity x unit price.
 */
import pl, { type DataFrame, type Expr, type Series } from "nodejs-polars";
import { UserError } from "../errors";
import type { Dataset } from "../model";
import { isProductOf } from "./nonProduct";

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
 * `amount` (quantity x unit price) and `isProduct` (or the columns asked for: see
 * `CleaningOptions.columns`); descriptions are trimmed with inner whitespace collapsed. The
 * three side tables (returns, adjustments, nonPositivePrice) are taken when first read.
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
const ROW_COLUMN = "__row";

/**
 * Row numbers (0-based) of rows that are exact copies of an earlier row, all columns compared.
 * Every row is hashed; a hash value that occurs twice is found as equal neighbours in the sorted
 * hashes, and only the rows carrying such a value are compared exactly, in order. The result is
 * exact (a hash collision costs time, never a wrong answer) and the full comparison runs on the
 * few candidate rows. (A sort of the hashes finds the repeats several times faster than a hash
 * table of a million hashes, `isDuplicated`, does.)
 */
export function duplicateRows(df: DataFrame): Series {
  const all = pl.col(df.columns);
  const h = pl.col("__hash");
  // hashRows hashes 0 and -0, and every NaN, alike, as the exact comparison treats them
  const hashes = df.hashRows(1, 2, 3, 4).alias("__hash");
  const repeated = pl.DataFrame([hashes.sort()]).filter(h.eq(h.shift(1))).getColumn("__hash");
  if (repeated.length === 0) return pl.Series(ROW_COLUMN, [] as number[]).cast(pl.UInt32);
  return df
    .withRowCount(ROW_COLUMN)
    .withColumn(hashes)
    .filter(h.isIn(repeated.implode()))
    .select(pl.col(ROW_COLUMN), pl.struct(all).isFirstDistinct().alias("__first"))
    .filter(pl.col("__first").not())
    .getColumn(ROW_COLUMN);
}

/** Options of the cleaning rules. */
export interface CleaningOptions {
  /** "drop" exact copies of an earlier row (rule 1, the default) or "keep" them as purchase lines */
  duplicates?: "drop" | "keep";
  /**
   * The columns the five tables keep, in this order (default: every column of the transactions,
   * then `amount` and `isProduct`). The rules still read every column they need: duplicates are
   * exact copies over all columns whatever is kept. A derived column left out is never computed,
   * so an analysis that reads a few columns (RFM: `RFM_COLUMNS`) cleans in less time and memory.
   */
  columns?: readonly string[];
}

/**
 * Each row's bucket as its position in `BUCKETS` (UInt8, cheaper to make and compare than text),
 * with the row number: adds `__rule` and `__row`.
 */
function withRuleCode(transactions: DataFrame, options: CleaningOptions): DataFrame {
  const duplicates = options.duplicates === "keep" ? null : duplicateRows(transactions);
  const numbered = transactions.withRowCount(ROW_COLUMN);
  const tests = [
    duplicates?.length ? pl.col(ROW_COLUMN).isIn(duplicates.implode()) : pl.lit(false),
    pl.col("invoice").str.contains("^\\s*C"), // C once trimmed: the regex's \s is the White_Space set that a trim removes
    pl.col("quantity").ltEq(0),
    pl.col("unitPrice").ltEq(0),
    pl.col("customerId").isNull(),
  ];
  // when ... then ... when ...: the first rule a row meets decides its code
  const code = (i: number) => pl.lit(i).cast(pl.UInt8);
  const [first, ...others] = tests;
  const chain = others.reduce((c, test, i) => c.when(test).then(code(i + 1)), pl.when(first).then(code(0)));
  const rule = chain.otherwise(code(tests.length));
  return numbered.withColumns(rule.alias(RULE_COLUMN));
}

/** The buckets in rule order, then the customer purchase lines: `__rule` codes index this list. */
const BUCKETS = [...CLEANING_RULES, "customer_line"] as const;

/** Each row's bucket: the first rule it meets, or `customer_line` (adds `__rule` and `__row`). */
export function withCleaningRule(transactions: DataFrame, options: CleaningOptions = {}): DataFrame {
  const coded = withRuleCode(transactions, options);
  const name = BUCKETS.reduce((e: Expr, b, i) => pl.when(pl.col(RULE_COLUMN).eq(pl.lit(i))).then(pl.lit(b)).otherwise(e), pl.lit(null).cast(pl.Utf8));
  return coded.withColumns(name.alias(RULE_COLUMN));
}

/** A description tidied: trimmed, inner runs of whitespace collapsed to one space. */
export function tidyText(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** JavaScript's `\s` but the plain space, for a regex class: what `tidyText` collapses and trims. */
const OTHER_SPACES = "\\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
const JS_SPACE = `[ ${OTHER_SPACES}]`;
/** Text `tidyText` changes: a space at either end, two in a row, or one that is not a plain space. */
const UNTIDY = `^${JS_SPACE}|${JS_SPACE}$|${JS_SPACE}${JS_SPACE}|[${OTHER_SPACES}]`;

/**
 * Descriptions tidied (see `tidyText`), empty ones as null. Only the distinct descriptions that
 * tidying changes (found by one regular expression over the column) are tidied, in JS, and put
 * back with a replace: no regex replacement over every row.
 */
function tidyDescriptions(df: DataFrame) {
  const untidy = df.filter(pl.col("description").str.contains(UNTIDY)).select(pl.col("description").unique());
  const from = (untidy.getColumn("description").toArray() as (string | null)[]).filter((d): d is string => d !== null).sort();
  const to = from.map(tidyText);
  const replaced = from.length ? pl.col("description").replace(from, to) : pl.col("description");
  return pl.when(replaced.eq(pl.lit(""))).then(pl.lit(null)).otherwise(replaced).alias("description");
}

/** The columns the tables keep (see `CleaningOptions.columns`); an unknown name is refused. */
function keptColumns(transactions: DataFrame, options: CleaningOptions): string[] {
  const all = [...transactions.columns, ...["amount", "isProduct"].filter((c) => !transactions.columns.includes(c))];
  if (!options.columns) return all;
  const unknown = options.columns.filter((c) => !all.includes(c));
  if (unknown.length) throw new Error(`cleanTransactions: no column ${unknown.map((c) => `"${c}"`).join(", ")} to keep; the tables can keep ${all.join(", ")}.`);
  return [...options.columns];
}

/** Applies the cleaning rules and returns the tables and the report. */
export function cleanTransactions(transactions: DataFrame, options: CleaningOptions = {}): CleanData {
  if (transactions.height === 0) throw new UserError("The transactions table has no rows: nothing to clean.");
  const kept = keptColumns(transactions, options);
  const amount = transactions.columns.includes("amount") ? pl.col("amount").cast(pl.Float64) : pl.col("quantity").mul(pl.col("unitPrice"));
  const derived = [
    kept.includes("description") ? tidyDescriptions(transactions) : null,
    kept.includes("amount") ? amount.alias("amount") : null,
    kept.includes("isProduct") ? isProductOf(transactions).alias("isProduct") : null,
  ].filter((e): e is Expr => e !== null);
  const coded = withRuleCode(transactions, options);
  const tagged = (derived.length ? coded.withColumns(...derived) : coded).select(...kept, RULE_COLUMN);
  const counts = new Map<string, number>();
  for (const r of tagged.groupBy(RULE_COLUMN).agg(pl.len().alias("n")).toRecords() as { __rule: number; n: number }[]) {
    counts.set(BUCKETS[Number(r.__rule)], Number(r.n));
  }
  const take = (...rules: (typeof BUCKETS)[number][]) =>
    tagged.filter(pl.col(RULE_COLUMN).isIn(rules.map((r) => BUCKETS.indexOf(r)))).drop(RULE_COLUMN);
  const customerLines = take("customer_line");
  // distinct customers of the customer lines, counted on the coded rows when the tables leave customerId out
  const customers = kept.includes("customerId")
    ? customerLines.getColumn("customerId").nUnique()
    : Number(coded.select(pl.col("customerId").filter(pl.col(RULE_COLUMN).eq(BUCKETS.indexOf("customer_line"))).nUnique().alias("n")).getColumn("n").get(0));
  const report: CleaningReport = {
    input: transactions.height,
    duplicate: counts.get("duplicate") ?? 0,
    cancellation: counts.get("cancellation") ?? 0,
    non_positive_quantity: counts.get("non_positive_quantity") ?? 0,
    non_positive_price: counts.get("non_positive_price") ?? 0,
    missing_customer: counts.get("missing_customer") ?? 0,
    customer_lines: customerLines.height,
    customers,
    sales_lines: (counts.get("missing_customer") ?? 0) + customerLines.height,
  };
  // the side tables are taken on first use: most analyses never read them
  const once = (rule: (typeof BUCKETS)[number]) => {
    let table: DataFrame | undefined;
    return () => (table ??= take(rule));
  };
  const returns = once("cancellation"), adjustments = once("non_positive_quantity"), nonPositivePrice = once("non_positive_price");
  return {
    sales: take("missing_customer", "customer_line"),
    customerLines,
    get returns() {
      return returns();
    },
    get adjustments() {
      return adjustments();
    },
    get nonPositivePrice() {
      return nonPositivePrice();
    },
    report,
  };
}

/** Cleans a loaded dataset's transactions with the rules its mapping asks for (`reading.duplicates`). */
export function cleanDataset(dataset: Dataset, columns?: readonly string[]): CleanData {
  return cleanTransactions(dataset.transactions, { duplicates: dataset.reading?.duplicates, columns });
}

/** The report as a table: bucket, rows, percent of the input (2 decimals). */
export function reportFrame(report: CleaningReport): DataFrame {
  const rows = reportRows(report);
  return pl.DataFrame({ bucket: rows.map((r) => r.bucket), rows: pl.Series("rows", rows.map((r) => r.rows), pl.Int64), percent: rows.map((r) => Math.round(r.share * 10000) / 100) });
}

/** The report as rows (bucket, rows, share of input) for a table or a log. */
export function reportRows(report: CleaningReport): { bucket: string; rows: number; share: number }[] {
  const buckets: [string, number][] = [
    ...CLEANING_RULES.map((r) => [r, report[r]] as [string, number]),
    ["customer_lines", report.customer_lines],
  ];
  return buckets.map(([bucket, rows]) => ({ bucket, rows, share: rows / report.input }));
}
