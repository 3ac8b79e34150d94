/**
 * Loaders: raw tables in, canonical tables out (see ../model.ts). Every value is typed here;
 * a value that does not parse stops the load with its file, column, row and text.
 *
 * Transactions need a quantity, a date, a price (`unitPrice`, or a line total `amount` from
 * which the unit price is derived where the quantity is not 0), and an invoice or a customer:
 * - no `invoice` column: an order is one customer's purchases on one calendar day, with the
 *   synthesized invoice `YYYY-MM-DD|customerId` (anonymous lines of a day share `YYYY-MM-DD|`);
 * - no `stockCode` column: `stockCode` and `description` are null, the customer analyses run
 *   and the product analyses refuse (`requireProductColumn`).
 * An empty invoice or stock code in a column that exists is refused with its row: a line that
 * cannot be told apart from the others would be counted differently by RFM and the product audit.
 */
import pl, { type DataFrame, type Expr, type Series } from "nodejs-polars";
import { UserError } from "../errors";
import { TRANSACTION_COLUMNS, type Dataset, type DatasetReading, type TableReading } from "../model";
import { strptimeExact } from "../util/index";
import { blankToNull, firstFailed, firstIndex, parseDateColumn, type ParseDateOptions } from "./dates";
import { dtypeOf, fmtCount, quoted } from "./describe";
import {
  CANONICAL_FIELDS, missingColumnError, norm, readMapping, resolveColumns, REQUIRED_TRANSACTION_COLUMNS, textLayoutOf,
  type DatasetMapping, type TableMapping,
} from "./mapping";
import { readTable, readTableSync, type RawTable } from "./read";

const NUMERIC_DTYPE = /^(Float|Int|UInt)/;

/** Refuses a typed (Parquet) column whose type cannot hold `what` (a boolean price, a list of dates). */
function refuseDtype(values: Series, where: { file: string; column: string }, what: "numbers" | "dates"): void {
  const dtype = dtypeOf(values);
  const ok = what === "numbers" ? NUMERIC_DTYPE.test(dtype) || dtype === "String" : /^(String|Datetime|Date|Int|UInt)/.test(dtype);
  if (!ok) {
    const kind = dtype === "Bool" ? "true/false values" : `values of type ${dtype}`;
    throw new UserError(`${where.file}: column "${where.column}" holds ${kind}, but it is mapped to a field that needs ${what}; map a column of ${what} instead.`);
  }
}

/**
 * Parses a column of numbers (written as text, or typed). Non-numeric values are refused; empty
 * values are refused too unless `allowEmpty` (profile and catalogue columns, where a gap is normal).
 * `parseNumberColumn(pl.Series(["1.5", " 2 "]), where)` is `[1.5, 2]`.
 */
export function parseNumberColumn(values: Series, where: { file: string; column: string }, allowEmpty = false): Series {
  refuseDtype(values, where, "numbers");
  if (NUMERIC_DTYPE.test(dtypeOf(values))) {
    if (values.nullCount() > 0 && !allowEmpty) {
      const row = firstIndex(values.isNull());
      throw new UserError(`${where.file}: column "${where.column}" is empty at row ${row + 1}; a number is needed.`);
    }
    return values.cast(pl.Float64);
  }
  const text = blankToNull(values);
  const cast = text.cast(pl.Float64, false);
  // NaN and infinities ("NaN", "inf", 1e400) are refused like text: no count or price is infinite
  const parsed = pl.DataFrame([cast.alias("v")]).select(pl.when(pl.col("v").isFinite()).then(pl.col("v")).otherwise(pl.lit(null)).alias("v")).getColumn("v");
  const bad = parsed.nullCount() - (allowEmpty ? text.nullCount() : 0);
  if (bad > 0) {
    const row = allowEmpty ? firstFailed(text, parsed) : firstIndex(parsed.isNull());
    const raw = values.get(row);
    const shown = raw === null || String(raw).trim() === "" ? "an empty value" : quoted(raw);
    const hint = /^\s*-?\d+,\d+\s*$/.test(String(raw)) ? " It has a decimal comma; this loader reads decimals with a point (1.5), so convert the column." : "";
    throw new UserError(`${where.file}: column "${where.column}" row ${row + 1} has ${shown}, which is not a finite number (${fmtCount(bad, "such row")}).${hint}`);
  }
  return parsed.alias(values.name);
}

/**
 * A profile or catalogue column as the type it reads as: typed columns stay as they are; text
 * becomes Float64 when every non-empty value is a finite number, else stays text (trimmed,
 * empty as null). `typedByContent(pl.Series(["65+", "25-34"]))` stays text; `["3", ""]` is `[3, null]`.
 */
export function typedByContent(values: Series): Series {
  if (dtypeOf(values) !== "String") return values;
  const text = blankToNull(values);
  const cast = text.cast(pl.Float64, false);
  const finite = pl.DataFrame([cast.alias("v")]).select(pl.col("v").isFinite().fillNull(false).cast(pl.Int32).sum().alias("n")).getColumn("n").get(0);
  const numeric = text.nullCount() < text.length && Number(finite) === text.length - text.nullCount();
  return (numeric ? cast : text).alias(values.name);
}

/** Identifiers as text: trimmed, empty as null, and a spreadsheet's `12346.0` as `12346`. */
export function normalizeIds(values: Series): Series {
  const text = blankToNull(values.cast(pl.Utf8));
  return pl
    .DataFrame([text.alias("v")])
    .select(pl.col("v").str.replace("^(\\d+)\\.0+$", "$1").alias("v"))
    .getColumn("v")
    .alias(values.name);
}

/** Text trimmed, empty as null, as an expression (the fast path of `blankToNull`). */
function trimmedOrNull(header: string): Expr {
  const t = pl.col(header).cast(pl.Utf8).str.strip();
  return pl.when(t.eq(pl.lit(""))).then(pl.lit(null)).otherwise(t);
}

/**
 * True when a text column may hold an empty or blank value: a null, or a smallest value that is
 * empty or starts with a character up to the space (a blank sorts before any other value but
 * those), found without making a column; `refuseEmpty` then checks every value.
 */
function mayBeBlank(df: DataFrame, column: string): boolean {
  if (df.getColumn(column).nullCount() > 0) return true;
  const least = df.select(pl.col(column).min()).getColumn(column).get(0) as string | null;
  return least === null || /^[\x00-\x20]|^$/.test(least);
}

/** Refuses the first empty value of a column every line needs (an invoice, a stock code), with its row. */
function refuseEmpty(df: DataFrame, header: string, file: string, field: string, instead: string): void {
  const empty = df.select(trimmedOrNull(header).isNull().alias("e")).getColumn("e");
  const n = Number(empty.cast(pl.Int32).sum());
  if (n > 0) {
    throw new UserError(`${file}: column "${header}" (${field}) is empty at row ${firstIndex(empty) + 1} (${fmtCount(n, "such row")}); every line needs one, ${instead}.`);
  }
}

/** Outcome words in the headers of per-customer tables (experiment exports, customer summaries). */
const OUTCOME_WORDS = ["visit", "conversion", "converted", "spend", "spent", "treatment", "control", "variant", "arm", "outcome", "response", "churn", "churned", "clicked", "opened", "segment", "group"];

/**
 * Why a table without a date column looks like one row per customer (outcome columns, or a
 * customer ID that never repeats) rather than purchase lines; null when it does not.
 */
export function perCustomerReason(df: DataFrame): string | null {
  const outcomes = df.columns.filter((h) => OUTCOME_WORDS.includes(norm(h)));
  if (outcomes.length) return `outcome columns ${outcomes.join(", ")}`;
  const id = df.columns.find((h) => HEADER_IDS.includes(norm(h)));
  if (id && df.getColumn(id).nUnique() === df.height && df.height > 1) return `one row per ${id}`;
  return null;
}
const HEADER_IDS = ["customerid", "customer", "clientid", "householdid", "id", "userid"];

/** The refusal for a table that is not a transactions table (see `perCustomerReason`). */
function notTransactions(file: string, reason: string): UserError {
  return new UserError(
    `${file} looks like a per-customer table (${reason}; no date column), not a transactions table of purchase lines: ` +
      `for an experiment's outcomes use \`retail-lab experiment analyze --input ${file}\`, for customer profiles pass it with --customers.`,
  );
}

/** Which source header becomes each canonical transaction column, and what is synthesized. */
interface TransactionColumns {
  cols: Record<string, string>;
  recognised: string[];
  /** "unitPrice" or "amount": where the price comes from */
  price: "unitPrice" | "amount";
}

/** The transaction columns of a raw table; refuses a table without the required ones (see the module comment). */
function transactionColumns(raw: RawTable, mapping?: TableMapping): TransactionColumns {
  const { file, df } = raw;
  const headers = df.columns;
  const { cols, recognised } = resolveColumns(headers, CANONICAL_FIELDS.transactions, mapping, file);
  const explicit = mapping?.columns ?? {};
  if (explicit.unitPrice && explicit.amount) throw new UserError(`${file}: the mapping gives both unitPrice and amount; map one of them (the unit price, or the line total it is derived from).`);
  const price = explicit.amount || (!cols.unitPrice && cols.amount) ? "amount" : "unitPrice";
  const drop = price === "amount" ? "unitPrice" : "amount";
  if (cols[drop]) {
    delete cols[drop];
    recognised.splice(recognised.indexOf(drop), 1);
  }
  const hint = raw.reading.notes.find((n) => n.includes("looks like data")) ? ` (Line 1 looks like data: set "header": false and "names".)` : "";
  if (!cols.invoiceDate) {
    const reason = perCustomerReason(df);
    if (reason) throw notTransactions(file, reason);
  }
  for (const c of REQUIRED_TRANSACTION_COLUMNS) if (!cols[c]) throw missingColumnError(file, "transactions", c, headers, hint);
  if (!cols[price]) throw missingColumnError(file, "transactions", "unitPrice", headers, ` (or "amount" for line totals)${hint}`);
  if (!cols.invoice && !cols.customerId) {
    throw new UserError(`${file}: neither an invoice nor a customer column was found (headers: ${headers.join(", ")}); map "invoice", or "customerId" to let an order be one customer's day.`);
  }
  return { cols, recognised, price };
}

const EXACT_ISO = "^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$";

/**
 * Text dates of the exact form `YYYY-MM-DD HH:MM:SS` as Datetime("ms"), null for any other text
 * (another form, an impossible date, a blank or null). The regular expression decides the form;
 * `strptimeExact` parses (a million dates in about 60 ms, less than finding their runs would cost).
 */
function exactIsoDates(text: Series): Series {
  const v = pl.col("v");
  // strptime yields microseconds whatever the unit asked; the model stores milliseconds
  const parsed = strptimeExact(v, "%Y-%m-%d %H:%M:%S").cast(pl.Datetime("ms"));
  return pl.DataFrame([text.alias("v")]).select(pl.when(v.str.contains(EXACT_ISO)).then(parsed).otherwise(pl.lit(null)).alias("v")).getColumn("v").alias(text.name);
}

/**
 * The transactions typed in one polars pass (the common case: parallel over columns), with a
 * count of every problem: empty invoices or codes, numbers that did not parse or are not
 * finite, dates that are not exact `YYYY-MM-DD HH:MM:SS` text. Columns with a problem are then
 * re-typed by the per-column paths, which name the first bad value (`typeTransactions`).
 */
function typeInOnePass(df: DataFrame, cols: Record<string, string>, price: string, isoDates: boolean) {
  const text = (c: string) => (cols[c] ? pl.col(cols[c]).cast(pl.Utf8) : pl.lit(null).cast(pl.Utf8));
  // no trimming here: a value with spaces (or empty) comes out null, a problem, and its column
  // is then read by `parseNumberColumn`, which trims
  const number = (c: string) => pl.col(cols[c]).cast(pl.Utf8).cast(pl.Float64, false);
  // a spreadsheet's 12346.0 needs a dot: without one in the column, the regular expression is skipped
  const dotted = cols.customerId !== undefined && Number(df.select(pl.col(cols.customerId).cast(pl.Utf8).str.contains(".", true).cast(pl.Int32).sum().alias("n")).getColumn("n").get(0)) > 0;
  const customer = cols.customerId ? trimmedOrNull(cols.customerId) : pl.lit(null).cast(pl.Utf8);
  let typed = df.select(
    text("invoice").alias("invoice"), text("stockCode").alias("stockCode"), text("description").alias("description"),
    number("quantity").alias("quantity"),
    (isoDates ? pl.col(cols.invoiceDate).cast(pl.Utf8) : pl.lit(null).cast(pl.Utf8)).alias("invoiceDate"),
    number(price).alias(price),
    (dotted ? customer.str.replace("^(\\d+)\\.0+$", "$1") : customer).alias("customerId"),
    (cols.country ? trimmedOrNull(cols.country) : pl.lit(null).cast(pl.Utf8)).alias("country"),
  );
  if (isoDates) typed = typed.withColumns(exactIsoDates(typed.getColumn("invoiceDate")));
  // a number is good when finite (a sum of booleans skips the nulls); every other row is a problem
  const finite = (c: string) => pl.col(c).isFinite().sum().alias(c);
  const [finiteQuantity, finitePrice, date] = typed.select(finite("quantity"), finite(price), pl.col("invoiceDate").nullCount().alias("d")).row(0).map(Number);
  const [quantity, priceBad] = [typed.height - finiteQuantity, typed.height - finitePrice];
  const problems = { quantity, price: priceBad, date, emptyInvoice: Boolean(cols.invoice) && mayBeBlank(typed, "invoice"), emptyCode: Boolean(cols.stockCode) && mayBeBlank(typed, "stockCode") };
  return { typed, problems };
}

/** Typed transactions and what the loader decided about them (see `Dataset.reading`). */
export interface TypedTransactions {
  table: DataFrame;
  reading: TableReading;
  orders: DatasetReading["orders"];
  hasProducts: boolean;
}

/**
 * Canonical transactions from a raw table, with how they were read. Invoice, stock code and
 * description keep their exact text (cleaning decides what is a duplicate on the source's own
 * values); a line total is kept as `amount` after the canonical columns; unmapped source
 * columns are kept, as text, after those.
 */
export function typeTransactions(raw: RawTable, mapping?: TableMapping): TypedTransactions {
  const { file, df } = raw;
  const { cols, recognised, price } = transactionColumns(raw, mapping);
  const options: ParseDateOptions = { dayFirst: mapping?.dayFirst, dateFormat: mapping?.dateFormat, timezone: mapping?.timezone };
  const where = (c: string) => ({ file, column: cols[c] });
  for (const c of ["quantity", price]) refuseDtype(df.getColumn(cols[c]), where(c), "numbers");
  refuseDtype(df.getColumn(cols.invoiceDate), where("invoiceDate"), "dates");
  const isoDates = !options.dateFormat && dtypeOf(df.getColumn(cols.invoiceDate)) === "String";
  let { typed, problems } = typeInOnePass(df, cols, price, isoDates);
  if (problems.emptyInvoice) refuseEmpty(df, cols.invoice, file, "invoice", "or leave invoice unmapped to count one customer's day as an order");
  if (problems.emptyCode) refuseEmpty(df, cols.stockCode, file, "stockCode", "or leave stockCode unmapped to run only the customer analyses");
  if (problems.quantity) typed = typed.withColumns(parseNumberColumn(df.getColumn(cols.quantity), where("quantity")).alias("quantity"));
  if (problems.price) typed = typed.withColumns(parseNumberColumn(df.getColumn(cols[price]), where(price)).alias(price));
  const dates = problems.date ? df.getColumn(cols.invoiceDate) : typed.getColumn("invoiceDate");
  typed = typed.withColumns(parseDateColumn(dates, options, where("invoiceDate")).alias("invoiceDate"));
  if (price === "amount") {
    typed = typed.withColumns(pl.when(pl.col("quantity").neq(0)).then(pl.col("amount").div(pl.col("quantity"))).otherwise(pl.lit(null)).cast(pl.Float64).alias("unitPrice"));
  }
  if (!cols.invoice) {
    typed = typed.withColumns(pl.concatString([pl.col("invoiceDate").cast(pl.Date).cast(pl.Utf8), pl.lit("|"), pl.col("customerId").fillNull("")], "").alias("invoice"));
  }
  const canonical = typed.select(...TRANSACTION_COLUMNS, ...(price === "amount" ? ["amount"] : []));
  const reading: TableReading = { ...raw.reading, columns: cols, recognised, notes: [...raw.reading.notes] };
  if (!cols.invoice) reading.notes.push(`no invoice column: an order is one customer's purchases on one calendar day (invoice = YYYY-MM-DD|customerId)`);
  if (!cols.stockCode) reading.notes.push("no product column: the product analyses (products, forecast of units) refuse; the customer analyses run");
  if (price === "amount") reading.notes.push(`"${cols.amount}" is a line total: unitPrice = amount / quantity where quantity is not 0`);
  const { table, extras } = withExtras(canonical, df, cols);
  reading.extras = extras;
  return { table, reading, orders: cols.invoice ? "invoice" : "customer-day", hasProducts: Boolean(cols.stockCode) };
}

/** `typeTransactions`' table alone. */
export function toTransactions(raw: RawTable, mapping?: TableMapping): DataFrame {
  return typeTransactions(raw, mapping).table;
}

/** Source columns no mapping used, kept as text after the canonical ones, with their types. */
function withExtras(out: DataFrame, df: DataFrame, cols: Record<string, string>): { table: DataFrame; extras: Record<string, string> } {
  const used = new Set(Object.values(cols));
  const extras = df.columns.filter((h) => !used.has(h) && !out.columns.includes(h));
  const table = extras.length ? pl.DataFrame([...out.getColumns(), ...extras.map((h) => df.getColumn(h).cast(pl.Utf8))]) : out;
  return { table, extras: Object.fromEntries(extras.map((h) => [h, "text"])) };
}

/** Catalogue fields that are numbers by their role (the audit computes with them). */
const NUMERIC_ROLES = ["stockLevel", "unitCost", "unitPrice"];

/** Refuses a repeated key (or, when `emptyAllowed` is false, an empty one), naming the row. */
function refuseBadKeys(keys: Series, file: string, key: string, table: string, emptyAllowed: boolean): void {
  if (!emptyAllowed && keys.nullCount() > 0) {
    throw new UserError(`${file}: ${key} is empty at row ${firstIndex(keys.isNull()) + 1}; the ${table} table needs a ${key} on every row.`);
  }
  const repeated = pl.DataFrame([keys.alias("k")]).select(pl.col("k").isNotNull().and(pl.col("k").isFirstDistinct().not()).alias("d")).getColumn("d");
  const d = firstIndex(repeated);
  if (d >= 0) throw new UserError(`${file}: ${key} "${keys.get(d)}" appears more than once (again at row ${d + 1}); the ${table} table needs one row per ${key}.`);
}

/**
 * A keyed table (customers, products): the key as text IDs, a signup date parsed, the
 * catalogue's numeric fields as numbers (a recognised header whose values are not numbers is
 * kept as text under its own name instead), every other column as the type it reads as.
 */
function toKeyedTable(raw: RawTable, key: "customerId" | "stockCode", table: "customers" | "products", mapping?: TableMapping): { table: DataFrame; reading: TableReading } {
  const { file, df } = raw;
  const { cols, recognised } = resolveColumns(df.columns, CANONICAL_FIELDS[table], mapping, file);
  if (!cols[key]) throw missingColumnError(file, table, key, df.columns);
  const reading: TableReading = { ...raw.reading, columns: cols, recognised, extras: {}, notes: [...raw.reading.notes] };
  const renamed = new Map(Object.entries(cols).map(([canonical, header]) => [header, canonical]));
  const series = df.columns.map((h) => {
    const name = renamed.get(h) ?? h;
    const s = df.getColumn(h);
    if (name === key) return normalizeIds(s).alias(name);
    if (name === "signupDate") return parseDateColumn(s, { ...mapping, allowEmpty: true }, { file, column: h }).alias(name);
    if (NUMERIC_ROLES.includes(name) && renamed.has(h)) {
      const typed = typedByContent(s);
      if (!recognised.includes(name) || NUMERIC_DTYPE.test(dtypeOf(typed)) || typed.nullCount() === typed.length) return parseNumberColumn(s, { file, column: h }, true).alias(name);
      recognised.splice(recognised.indexOf(name), 1);
      delete cols[name];
      reading.notes.push(`column "${h}" was not taken as ${name}: its values are not numbers`);
      return typed.alias(h);
    }
    const typed = renamed.has(h) && ["description", "category", "gender", "country"].includes(name) ? blankToNull(s) : typedByContent(s);
    if (!renamed.has(h)) reading.extras[h] = NUMERIC_DTYPE.test(dtypeOf(typed)) ? "number" : dtypeOf(typed) === "String" ? "text" : dtypeOf(typed);
    return typed.alias(name);
  });
  const out = pl.DataFrame(series);
  refuseBadKeys(out.getColumn(key), file, key, table, table === "products");
  return { table: out, reading };
}

/** Canonical customer profiles: `customerId` plus every profile column, typed by content (`65+` stays text). */
export function toCustomers(raw: RawTable, mapping?: TableMapping): DataFrame {
  return toKeyedTable(raw, "customerId", "customers", mapping).table;
}

/** Canonical product catalogue: `stockCode` plus description, category, stock level, unit cost, and the rest typed by content. */
export function toProducts(raw: RawTable, mapping?: TableMapping): DataFrame {
  return toKeyedTable(raw, "stockCode", "products", mapping).table;
}

/** Where the tables of a dataset are, and how to read them. */
export interface DatasetFiles {
  transactions: string;
  customers?: string;
  products?: string;
  /** a mapping object or the path of a mapping JSON file */
  mapping?: DatasetMapping | string;
}

interface Raws {
  t: RawTable;
  c?: RawTable;
  p?: RawTable;
}

/** The dataset from its raw tables and mapping: typed, joined, with how it was read. */
function assemble(files: DatasetFiles, mapping: DatasetMapping | undefined, raws: Raws): Dataset {
  const t = typeTransactions(raws.t, mapping?.transactions);
  const c = raws.c ? toKeyedTable(raws.c, "customerId", "customers", mapping?.customers) : undefined;
  const p = raws.p ? toKeyedTable(raws.p, "stockCode", "products", mapping?.products) : undefined;
  let transactions = t.table;
  if (p && t.hasProducts && p.table.columns.includes("description")) transactions = describeFromCatalogue(transactions, p.table);
  const reading: DatasetReading = {
    transactions: t.reading, customers: c?.reading, products: p?.reading, orders: t.orders, hasProducts: t.hasProducts,
    duplicates: mapping?.transactions?.duplicates ?? "drop", timezone: mapping?.transactions?.timezone ?? "UTC",
  };
  return { source: files.transactions, transactions, customers: c?.table, products: p?.table, reading };
}

/**
 * Fills missing transaction descriptions from the product catalogue (a sales table that
 * carries only product IDs, as the Kalbe case study does).
 */
export function describeFromCatalogue(transactions: DataFrame, products: DataFrame): DataFrame {
  const names = products.select(pl.col("stockCode"), pl.col("description").cast(pl.Utf8).alias("__catalogueDescription"));
  return transactions
    .join(names, { on: "stockCode", how: "left" })
    .withColumns(pl.col("description").fillNull(pl.col("__catalogueDescription")).alias("description"))
    .drop("__catalogueDescription");
}

/** Loads related tables (text, gzip text or Parquet), joined on their keys, with how each was read (`reading`). */
export function loadDataset(files: DatasetFiles): Dataset {
  const mapping = readMapping(files.mapping);
  const read = (file: string | undefined, m?: TableMapping) => (file ? readTableSync(file, textLayoutOf(m)) : undefined);
  return assemble(files, mapping, {
    t: read(files.transactions, mapping?.transactions) as RawTable, c: read(files.customers, mapping?.customers), p: read(files.products, mapping?.products),
  });
}

/** `loadDataset` for any supported format, .xlsx included. */
export async function loadDatasetAsync(files: DatasetFiles): Promise<Dataset> {
  const mapping = readMapping(files.mapping);
  const read = async (file: string | undefined, m?: TableMapping) => (file ? readTable(file, textLayoutOf(m)) : undefined);
  return assemble(files, mapping, {
    t: (await read(files.transactions, mapping?.transactions)) as RawTable, c: await read(files.customers, mapping?.customers), p: await read(files.products, mapping?.products),
  });
}

/**
 * The dataset from transactions already read as a raw table (a database source's rows: see
 * src/warehouse), with the profile and catalogue files of `files` read and typed as
 * `loadDatasetAsync` reads them; `source` names the transactions (without any password).
 */
export async function loadDatasetWithTransactions(source: string, transactions: RawTable, files: Omit<DatasetFiles, "transactions"> = {}): Promise<Dataset> {
  const mapping = readMapping(files.mapping);
  const read = async (file: string | undefined, m?: TableMapping) => (file ? readTable(file, textLayoutOf(m)) : undefined);
  return assemble({ ...files, transactions: source }, mapping, {
    t: transactions, c: await read(files.customers, mapping?.customers), p: await read(files.products, mapping?.products),
  });
}

/** The customer IDs of a dataset's customers table (its roster), or undefined when it has none. */
export function customerRoster(dataset: Dataset): string[] | undefined {
  return dataset.customers ? (dataset.customers.getColumn("customerId").toArray() as string[]) : undefined;
}
