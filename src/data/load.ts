/**
 * Loaders: raw tables in, canonical tables out (see ../model.ts). Every value is typed here;
 * a value that does not parse stops the load with its file, column, row and text.
 */
import pl, { type DataFrame, type Series } from "nodejs-polars";
import { UserError } from "../errors";
import { TRANSACTION_COLUMNS, type Dataset } from "../model";
import { blankToNull, firstFailed, firstIndex, parseDateColumn } from "./dates";
import { missingColumnError, readMapping, resolveColumns, REQUIRED_TRANSACTION_COLUMNS, type DatasetMapping, type TableMapping } from "./mapping";
import { readTable, readTableSync, type RawTable } from "./read";

/**
 * Parses a column of numbers written as text. Non-numeric values are refused; empty values are
 * refused too unless `allowEmpty` (profile and catalogue columns, where a gap is normal).
 */
export function parseNumberColumn(values: Series, where: { file: string; column: string }, allowEmpty = false): Series {
  if (String(values.dtype).match(/^(Float|Int|UInt)/)) {
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
    const shown = raw === null || String(raw).trim() === "" ? "an empty value" : `"${raw}"`;
    throw new UserError(`${where.file}: column "${where.column}" row ${row + 1} has ${shown}, which is not a finite number (${bad} such row${bad > 1 ? "s" : ""}).`);
  }
  return parsed.alias(values.name);
}

/** Identifiers as text: trimmed, empty as null, and a spreadsheet's `12346.0` as `12346`. */
export function normalizeIds(values: Series): Series {
  const text = blankToNull(values);
  return pl
    .DataFrame([text.alias("v")])
    .select(pl.col("v").str.replace("^(\\d+)\\.0+$", "$1").alias("v"))
    .getColumn("v")
    .alias(values.name);
}

/** Text trimmed, empty as null, as an expression (the fast path of `blankToNull`). */
function trimmedOrNull(header: string) {
  const t = pl.col(header).cast(pl.Utf8).str.strip();
  return pl.when(t.eq(pl.lit(""))).then(pl.lit(null)).otherwise(t);
}

/**
 * Canonical transactions from a raw table. Invoice, stock code and description keep their
 * exact text (cleaning decides what is a duplicate on the source's own values); unmapped
 * source columns are kept, as text, after the canonical ones.
 *
 * The common case is typed in one polars pass; only when a value fails does the slower
 * per-column path run, to name the file, column, row and value.
 */
export function toTransactions(raw: RawTable, mapping?: TableMapping): DataFrame {
  const { file, df } = raw;
  const headers = df.columns;
  const cols = resolveColumns(headers, [...TRANSACTION_COLUMNS, "amount"], mapping, file);
  for (const c of REQUIRED_TRANSACTION_COLUMNS) if (!cols[c]) throw missingColumnError(file, "transactions", c, headers);
  if (!cols.unitPrice && !cols.amount) throw missingColumnError(file, "transactions", "unitPrice", headers);
  const where = (c: string) => ({ file, column: cols[c] });
  const text = (c: string) => (cols[c] ? pl.col(cols[c]).cast(pl.Utf8) : pl.lit(null).cast(pl.Utf8));
  const number = (c: string) => trimmedOrNull(cols[c]).cast(pl.Float64, false);
  // strptime yields microseconds here whatever the unit asked; the model stores milliseconds
  const isoDate = trimmedOrNull(cols.invoiceDate).str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M:%S").cast(pl.Datetime("ms"));
  const customerId = cols.customerId ? trimmedOrNull(cols.customerId).str.replace("^(\\d+)\\.0+$", "$1") : pl.lit(null).cast(pl.Utf8);
  const priceFromAmount = cols.unitPrice ? number("unitPrice") : number("amount").div(number("quantity"));
  const typed = df.select(
    text("invoice").alias("invoice"),
    text("stockCode").alias("stockCode"),
    text("description").alias("description"),
    number("quantity").alias("quantity"),
    isoDate.alias("invoiceDate"),
    priceFromAmount.alias("unitPrice"),
    customerId.alias("customerId"),
    (cols.country ? trimmedOrNull(cols.country) : pl.lit(null).cast(pl.Utf8)).alias("country"),
  );
  // a value that failed to parse is null; "NaN", "inf" and 1e400 parse, but are no quantity or price
  const notFinite = (c: string) => pl.col(c).isFinite().not().cast(pl.Int32).sum().alias(`${c}NotFinite`);
  const problems = typed
    .select(pl.col("quantity").nullCount(), pl.col("invoiceDate").nullCount(), pl.col("unitPrice").nullCount(), notFinite("quantity"), notFinite("unitPrice"))
    .row(0)
    .map(Number);
  if (problems.some((n) => n > 0)) {
    // slow path: parse each column on its own, which names the first bad value
    const quantity = parseNumberColumn(df.getColumn(cols.quantity), where("quantity"));
    const date = parseDateColumn(df.getColumn(cols.invoiceDate), mapping ?? {}, where("invoiceDate"));
    let unitPrice: Series;
    if (cols.unitPrice) unitPrice = parseNumberColumn(df.getColumn(cols.unitPrice), where("unitPrice"));
    else {
      const amount = parseNumberColumn(df.getColumn(cols.amount), where("amount"));
      const zero = firstIndex(quantity.eq(0));
      if (zero >= 0) throw new UserError(`${file}: row ${zero + 1} has quantity 0, so its unit price cannot be derived from "${cols.amount}"; map a unit price column.`);
      unitPrice = amount.div(quantity);
    }
    const fixed = typed.withColumns(quantity.alias("quantity"), date.alias("invoiceDate"), unitPrice.alias("unitPrice"));
    return withExtras(fixed, df, cols);
  }
  return withExtras(typed, df, cols);
}

/** Source columns no mapping used, kept as text after the canonical ones. */
function withExtras(out: DataFrame, df: DataFrame, cols: Record<string, string>): DataFrame {
  const used = new Set(Object.entries(cols).filter(([c]) => c !== "amount" || !cols.unitPrice).map(([, h]) => h));
  const extras = df.columns.filter((h) => !used.has(h) && !(TRANSACTION_COLUMNS as readonly string[]).includes(h));
  return extras.length ? pl.DataFrame([...out.getColumns(), ...extras.map((h) => df.getColumn(h).cast(pl.Utf8))]) : out;
}

const NUMERIC_PROFILE = ["age", "income", "stockLevel", "unitCost", "unitPrice"];

function toKeyedTable(raw: RawTable, key: "customerId" | "stockCode", table: string, wanted: string[], mapping?: TableMapping): DataFrame {
  const { file, df } = raw;
  const cols = resolveColumns(df.columns, [key, ...wanted], mapping, file);
  if (!cols[key]) throw missingColumnError(file, table, key, df.columns);
  const renamed = new Map(Object.entries(cols).map(([canonical, header]) => [header, canonical]));
  const series = df.columns.map((h) => {
    const name = renamed.get(h) ?? h;
    const s = df.getColumn(h);
    if (name === key) return normalizeIds(s).alias(name);
    if (name === "signupDate") return parseDateColumn(s, { ...mapping, allowEmpty: true }, { file, column: h }).alias(name);
    if (NUMERIC_PROFILE.includes(name) && renamed.has(h)) return parseNumberColumn(s, { file, column: h }, true).alias(name);
    return s.alias(name);
  });
  const out = pl.DataFrame(series);
  const keys = out.getColumn(key).toArray() as (string | null)[];
  const seen = new Set<string | null>();
  const d = keys.findIndex((k) => (seen.has(k) ? true : (seen.add(k), false)));
  if (d >= 0) throw new UserError(`${file}: ${key} "${keys[d]}" appears more than once (again at row ${d + 1}); the ${table} table needs one row per ${key}.`);
  return out;
}

/** Canonical customer profiles: `customerId` plus the source's profile columns. */
export function toCustomers(raw: RawTable, mapping?: TableMapping): DataFrame {
  return toKeyedTable(raw, "customerId", "customers", ["signupDate", "age", "gender", "country", "income"], mapping);
}

/** Canonical product catalogue: `stockCode` plus description, category, stock level, unit cost. */
export function toProducts(raw: RawTable, mapping?: TableMapping): DataFrame {
  return toKeyedTable(raw, "stockCode", "products", ["description", "category", "stockLevel", "unitCost", "unitPrice"], mapping);
}

/** Where the tables of a dataset are, and how to read them. */
export interface DatasetFiles {
  transactions: string;
  customers?: string;
  products?: string;
  /** a mapping object or the path of a mapping JSON file */
  mapping?: DatasetMapping | string;
}

function assemble(files: DatasetFiles, raws: { t: RawTable; c?: RawTable; p?: RawTable }): Dataset {
  const mapping = readMapping(files.mapping);
  let transactions = toTransactions(raws.t, mapping?.transactions);
  const customers = raws.c ? toCustomers(raws.c, mapping?.customers) : undefined;
  const products = raws.p ? toProducts(raws.p, mapping?.products) : undefined;
  if (products && products.columns.includes("description")) transactions = describeFromCatalogue(transactions, products);
  return { source: files.transactions, transactions, customers, products };
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

/** Loads related tables (CSV, gzip CSV or Parquet), joined on their keys. */
export function loadDataset(files: DatasetFiles): Dataset {
  return assemble(files, {
    t: readTableSync(files.transactions),
    c: files.customers ? readTableSync(files.customers) : undefined,
    p: files.products ? readTableSync(files.products) : undefined,
  });
}

/** `loadDataset` for any supported format, .xlsx included. */
export async function loadDatasetAsync(files: DatasetFiles): Promise<Dataset> {
  return assemble(files, {
    t: await readTable(files.transactions),
    c: files.customers ? await readTable(files.customers) : undefined,
    p: files.products ? await readTable(files.products) : undefined,
  });
}

/** The customer IDs of a dataset's customers table (its roster), or undefined when it has none. */
export function customerRoster(dataset: Dataset): string[] | undefined {
  return dataset.customers ? (dataset.customers.getColumn("customerId").toArray() as string[]) : undefined;
}
