/**
 * Push-down: the cleaning report, the RFM measures, customer features and the daily series
 * computed as SQL in the database (src/warehouse/sql.ts), so only aggregates leave it: one row
 * per customer, or per product and day. Each result has the columns, types and order of its
 * in-memory twin, so the two compare directly (test/warehouse/pushdown.test.ts does, on the UCI
 * data).
 */
import pl, { type DataFrame } from "nodejs-polars";
import { type CleaningReport, NON_PRODUCT_CODES, NON_PRODUCT_PREFIXES } from "../clean/index";
import { UserError } from "../errors";
import { CUSTOMER_FEATURE_COLUMNS } from "../features/index";
import { dailyProductUnits, dailyRevenue } from "../series/index";
import { DAY_MS } from "../util/index";
import { databaseError, disconnect, type Db } from "./connection";
import { canonicalShape, openSource, type DescribedSource, type SourceSpec } from "./source";
import * as SQL from "./sql";
import type { CanonicalShape } from "./sql";

/** A described source with its canonical shape: what every push-down takes. */
export interface PushdownSource extends DescribedSource {
  shape: CanonicalShape;
}

/**
 * Connects to a spec's source and opens the read-only snapshot every push-down query of one
 * question (or one refresh) reads, after the loader's value checks (`checkSourceValues`). The
 * caller ends it with `closeSnapshot`.
 */
export async function openSnapshot(spec: SourceSpec, applicationName?: string): Promise<PushdownSource> {
  const described = await openSource(spec, applicationName);
  try {
    const source = { ...described, shape: canonicalShape(described) };
    try {
      await source.db.client.query(SQL.BEGIN_SNAPSHOT);
      await source.db.client.query(SQL.SET_WORK_MEM);
    } catch (e) {
      throw databaseError(e, source.db, `opening a snapshot of ${source.label}`);
    }
    await checkSourceValues(source);
    return source;
  } catch (e) {
    await disconnect(described.db);
    throw e;
  }
}

/** Ends the snapshot and closes the connection (a broken one quietly). */
export async function closeSnapshot(source: PushdownSource): Promise<void> {
  await source.db.client.query(SQL.COMMIT).catch(() => undefined);
  await disconnect(source.db);
}

/** Runs one push-down query; database failures become a sentence naming the step. */
async function rows<T>(source: PushdownSource, text: string, values: unknown[], doing: string): Promise<T[]> {
  try {
    return (await source.db.client.query({ text, values: [SQL.WHITESPACE, ...values] })).rows as T[];
  } catch (e) {
    throw databaseError(e, source.db as Db, `${doing} (${source.label})`);
  }
}

/**
 * Refuses a source without rows and, as the loader does, rows with no quantity, date or unit price, and NaN or infinite
 * quantities or prices: one sentence naming the source, the column and how many rows.
 */
export async function checkSourceValues(source: PushdownSource): Promise<void> {
  const [r] = await rows<Record<string, string>>(source, SQL.invalidValues(source.shape), [], "checking the values");
  if (Number(r.rows) === 0) throw new UserError(`${source.label} returned no rows: there are no transactions to analyse.`);
  const col = (c: "quantity" | "invoiceDate" | "unitPrice") => source.shape.columns[c]?.name;
  const problems: [string, string | undefined, string][] = [
    [r.quantity_null, col("quantity"), "is empty (NULL); every transaction needs a quantity"],
    [r.date_null, col("invoiceDate"), "is empty (NULL); every transaction needs a date"],
    [r.price_null, col("unitPrice"), "is empty (NULL); every transaction needs a unit price"],
    [r.quantity_not_finite, col("quantity"), "is NaN or infinite, which is no quantity"],
    [r.price_not_finite, col("unitPrice"), "is NaN or infinite, which is no price"],
  ];
  for (const [count, column, what] of problems) {
    const n = Number(count);
    if (n > 0) throw new UserError(`${source.label}: column "${column}" ${what} (${n} row${n > 1 ? "s" : ""}).`);
  }
}

/** The cleaning report and the RFM measures, from one scan of the source. */
export interface CustomerSummary {
  /** as src/clean `cleanTransactions(...).report` */
  report: CleaningReport;
  /** as src/rfm `rfmMeasures`: customerId, recency, frequency, monetary, units (Float64), sorted by customerId; empty without customer lines */
  measures: DataFrame;
}

/**
 * The cleaning report and the RFM measures, computed in the database (`SQL.customerSummary`:
 * one row per rule and customer leaves it). The report sums the rows per rule: duplicates are
 * the copies beyond the first of each distinct row, customers the customer_line rows.
 */
export async function customerSummaryIn(source: PushdownSource): Promise<CustomerSummary> {
  const r = await rows<{ rule: string; customer_id: string | null; lines: string; copies: string; recency: number; frequency: string; monetary: number; units: string }>(
    source, SQL.customerSummary(source.shape), [], "cleaning and computing RFM",
  );
  const lines = (rule: string) => r.filter((x) => x.rule === rule).reduce((n, x) => n + Number(x.lines), 0);
  const input = r.reduce((n, x) => n + Number(x.copies), 0);
  const customers = r.filter((x) => x.rule === "customer_line");
  const report: CleaningReport = {
    input,
    duplicate: input - r.reduce((n, x) => n + Number(x.lines), 0),
    cancellation: lines("cancellation"),
    non_positive_quantity: lines("non_positive_quantity"),
    non_positive_price: lines("non_positive_price"),
    missing_customer: lines("missing_customer"),
    customer_lines: lines("customer_line"),
    customers: customers.length,
    sales_lines: lines("missing_customer") + lines("customer_line"),
  };
  const measures = pl
    .DataFrame({
      customerId: pl.Series("customerId", customers.map((x) => x.customer_id), pl.Utf8),
      recency: pl.Series("recency", customers.map((x) => Number(x.recency)), pl.Float64),
      frequency: pl.Series("frequency", customers.map((x) => Number(x.frequency)), pl.Float64),
      monetary: pl.Series("monetary", customers.map((x) => Number(x.monetary)), pl.Float64),
      units: pl.Series("units", customers.map((x) => Number(x.units)), pl.Float64),
    })
    .sort("customerId");
  return { report, measures };
}

/** The cleaning report (src/clean `cleanTransactions(...).report`), counted in the database. */
export async function cleaningReportIn(source: PushdownSource): Promise<CleaningReport> {
  return (await customerSummaryIn(source)).report;
}

/** The measures, refused as `rfmTable` refuses a table without customer purchase lines. */
export function requireCustomers(source: Pick<PushdownSource, "label">, measures: DataFrame): DataFrame {
  if (measures.height === 0) {
    throw new UserError(`${source.label}: RFM needs customer IDs, and no purchase line has one: map the customer column of the data (see --map).`);
  }
  return measures;
}

/**
 * RFM measures per customer (src/rfm `rfmMeasures`): columns customerId, recency, frequency,
 * monetary, units (Float64), sorted by customerId.
 */
export async function rfmMeasuresIn(source: PushdownSource): Promise<DataFrame> {
  return requireCustomers(source, (await customerSummaryIn(source)).measures);
}

/** Options of `customerFeaturesIn`, as src/features `CustomerFeaturesOptions`. */
export interface FeaturesOptions {
  /** the day recency and tenure count from (its UTC calendar date); default the day after the last purchase day */
  snapshotDate?: Date;
}

/**
 * Customer features (src/features `customerFeatures(customerLines, returns)`): the columns of
 * `CUSTOMER_FEATURE_COLUMNS` with the same types, sorted by customerId.
 */
export async function customerFeaturesIn(source: PushdownSource, options: FeaturesOptions = {}): Promise<DataFrame> {
  const snapshot = options.snapshotDate ? new Date(Math.floor(options.snapshotDate.getTime() / DAY_MS) * DAY_MS).toISOString().slice(0, 10) : null;
  const r = await rows<Record<string, string | number>>(source, SQL.customerFeatures(source.shape), [snapshot], "computing the customer features");
  if (r.length === 0) throw new UserError(`${source.label}: there are no customer purchase lines, so no customers to describe.`);
  const column = (name: string, key: string, dtype: typeof pl.Int32 | typeof pl.Float64) => pl.Series(name, r.map((x) => Number(x[key])), dtype);
  const snake = (c: string) => c.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
  const INT = new Set(["recency", "frequency", "distinctProducts", "tenure", "favouriteWeekday", "favouriteHour"]);
  const series = CUSTOMER_FEATURE_COLUMNS.map((c) =>
    c === "customerId" ? pl.Series("customerId", r.map((x) => x.customer_id as string), pl.Utf8) : column(c, snake(c), INT.has(c) ? pl.Int32 : pl.Float64),
  );
  return pl.DataFrame(series).sort("customerId");
}

/** A day number (days since 1970-01-01) column as the Datetime(ms) of that midnight. */
const dayAsDatetime = (days: number[]) => pl.Series("invoiceDate", days.map((d) => d * DAY_MS), pl.Float64).cast(pl.Int64).cast(pl.Datetime("ms"));

/**
 * Daily units per product (src/series `dailyProductUnits`): the database sums units per stock
 * code and day, and `dailyProductUnits` lays those sums on the calendar, 0 on days without sales.
 */
export async function dailyProductUnitsIn(source: PushdownSource): Promise<DataFrame> {
  const r = await rows<{ stock_code: string; day: number; is_product: boolean; quantity: string }>(
    source, SQL.dailyProductSales(source.shape), [NON_PRODUCT_CODES, NON_PRODUCT_PREFIXES], "summing units per product and day",
  );
  if (r.length === 0) throw new UserError(`${source.label}: there are no sales lines, so no day to build a series from.`);
  const perDay = pl.DataFrame([
    pl.Series("stockCode", r.map((x) => x.stock_code), pl.Utf8),
    dayAsDatetime(r.map((x) => x.day)),
    pl.Series("quantity", r.map((x) => Number(x.quantity)), pl.Float64),
    pl.Series("isProduct", r.map((x) => x.is_product), pl.Bool),
  ]);
  return dailyProductUnits(perDay);
}

/**
 * Daily revenue of the shop (src/series `dailyRevenue`): the exact sum of quantity x unit price
 * per day in the database, laid on the calendar by `dailyRevenue`, 0 on days without sales.
 */
export async function dailyRevenueIn(source: PushdownSource): Promise<DataFrame> {
  const r = await rows<{ day: number; amount: number }>(source, SQL.dailyRevenue(source.shape), [], "summing revenue per day");
  if (r.length === 0) throw new UserError(`${source.label}: there are no sales lines, so no day to build a series from.`);
  const perDay = pl.DataFrame([dayAsDatetime(r.map((x) => x.day)), pl.Series("amount", r.map((x) => x.amount), pl.Float64)]);
  return dailyRevenue(perDay);
}

/** The source's row count, its latest timestamp (`YYYY-MM-DD HH:MM:SS[.fff]`) and the rows newer than `since`. */
export async function sourceExtentIn(source: PushdownSource, since: string | null): Promise<{ rows: number; latest: string | null; newer: number }> {
  const [r] = await rows<{ rows: string; latest: string | null; newer: string }>(source, SQL.sourceExtent(source.shape), [since], "measuring the source");
  return { rows: Number(r.rows), latest: r.latest, newer: Number(r.newer) };
}
