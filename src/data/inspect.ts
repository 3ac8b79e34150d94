/**
 * What a data file holds, for someone about to write its mapping: how it is laid out (encoding,
 * delimiter, header), each column's type with examples, the date formats that read a date
 * column, the canonical field each column probably is, and a suggested mapping that loads the
 * file as it is (`retail-lab inspect FILE --write-map map.json`).
 *
 * The guesses, in order: a header spelling known to `HEADER_SYNONYMS`; then, for the fields a
 * transactions table needs, the values: a column whose every value reads as a date is the
 * invoice date; a column of small whole numbers is the quantity; a column of decimals is a line
 * total (`amount`) when it rises with the quantity (Pearson correlation above 0.5), else the
 * unit price; an ID-like column that repeats is the customer ID (and a second one with more
 * distinct values, not a mere relabelling of the first, the invoice).
 */
import pl, { type DataFrame, type Series } from "nodejs-polars";
import type { TableReading } from "../model";
import { blankToNull, compileDateFormat, dateFormatsMatching, ISO_PATTERN, readsEvery, slashPattern } from "./dates";
import { dtypeOf, fmtCount } from "./describe";
import { perCustomerReason, typedByContent } from "./load";
import { CANONICAL_FIELDS, resolveColumns, type MappingTable, type TableMapping } from "./mapping";
import { readCsvTable, readParquetTable, formatOf, type RawTable } from "./read";

/** The type a column reads as. */
export type ColumnType = "empty" | "integer" | "decimal" | "date" | "text" | string;

/** One column of an inspected file. */
export interface ColumnProfile {
  name: string;
  type: ColumnType;
  /** empty values */
  empty: number;
  distinct: number;
  /** the first three distinct values, as text */
  examples: string[];
  /** strftime formats that read every value (for date-like columns) */
  dateFormats: string[];
  /** true when the values read as dates without a format (ISO, m/d/yyyy) */
  autoDate: boolean;
  /** numeric columns: the median value (of the first rows) */
  median?: number;
  /** the canonical field this column probably is, and why */
  field?: string;
  why?: string;
}

/** What `inspectFile` found. */
export interface Inspection {
  file: string;
  /** the table the file is inspected as (what it would be loaded as) */
  role: MappingTable;
  reading: TableReading;
  columns: ColumnProfile[];
  /** what the file looks like: a transactions table, customer profiles, a catalogue, or a per-customer outcome table */
  kind: "transactions" | "customers" | "products" | "per-customer";
  kindWhy: string;
  /** the suggested mapping of this table */
  mapping: TableMapping;
  /** required fields no column was found for */
  missing: string[];
  notes: string[];
}

const MAX_SAMPLE = 20000;

/** A column's values as trimmed text with blanks as null (typed columns as their text). */
function asText(s: Series): Series {
  return blankToNull(dtypeOf(s) === "String" ? s : s.cast(pl.Utf8));
}

/** Profiles one column: type, empties, distinct count, examples, date formats. */
export function profileColumn(s: Series): ColumnProfile {
  const text = asText(s);
  const present = text.length - text.nullCount();
  const examples = (text.dropNulls().unique(true).head(3).toArray() as unknown[]).map(String);
  const base = { name: s.name, empty: text.nullCount(), distinct: text.dropNulls().nUnique(), examples, dateFormats: [] as string[], autoDate: false };
  if (present === 0) return { ...base, type: "empty" };
  const dtype = dtypeOf(s);
  if (dtype === "Datetime" || dtype === "Date") return { ...base, type: "date", autoDate: true };
  const sample = text.dropNulls().head(MAX_SAMPLE);
  const typed = typedByContent(sample);
  const numeric = dtypeOf(typed) === "Float64" || /^(Int|UInt|Float)/.test(dtype);
  const whole = numeric && Number(pl.DataFrame([typed.cast(pl.Float64).alias("v")]).select(pl.col("v").neq(pl.col("v").round(0)).cast(pl.Int32).sum()).getColumn("v").get(0)) === 0;
  const digits = sample.str.lengths().min() as unknown as number;
  const dateLike = !numeric || (whole && digits >= 6);
  const formats = dateLike ? dateFormatsMatching(sample) : [];
  const auto = !numeric && [ISO_PATTERN, slashPattern(false), slashPattern(true)].some((p) => readsEvery(sample, p));
  const type = formats.length && !numeric ? "date" : numeric ? (whole ? "integer" : "decimal") : "text";
  const median = numeric ? Number(typed.cast(pl.Float64).median()) : undefined;
  return { ...base, type, dateFormats: formats, autoDate: auto, median };
}

/**
 * True when a column looks like identifiers: text without spaces, or whole numbers written with
 * leading zeros, or large whole numbers (median 100 or more) with many distinct values. Small
 * whole numbers are measures (quantities), not IDs.
 */
function idLike(c: ColumnProfile, rows: number): boolean {
  if (c.type === "text") return c.distinct > 1 && c.examples.every((e) => !/\s/.test(e));
  if (c.type !== "integer") return false;
  return c.examples.some((e) => /^0\d/.test(e)) || ((c.median ?? 0) >= 100 && c.distinct > Math.min(50, rows / 10));
}

/** Pearson correlation of two numeric columns of a frame (over the first rows). */
function correlation(df: DataFrame, a: string, b: string): number {
  const head = df.head(MAX_SAMPLE).select(pl.col(a).cast(pl.Float64, false).alias("a"), pl.col(b).cast(pl.Float64, false).alias("b")).dropNulls();
  if (head.height < 3) return 0;
  const r = head.select(pl.pearsonCorr("a", "b").alias("r")).getColumn("r").get(0);
  return Number.isFinite(Number(r)) ? Number(r) : 0;
}

/** True when column `b` is a relabelling of column `a` (same groups: as many distinct pairs as distinct values of each). */
function sameGrouping(df: DataFrame, a: string, b: string): boolean {
  const na = df.getColumn(a).nUnique(), nb = df.getColumn(b).nUnique();
  const pairs = df.select(pl.concatString([pl.col(a).cast(pl.Utf8), pl.col(b).cast(pl.Utf8)], "\u0001").alias("p")).getColumn("p").nUnique();
  return na === nb && pairs === na;
}

/** Assigns `field` to the column, with the reason. */
function assign(columns: ColumnProfile[], name: string, field: string, why: string): void {
  const c = columns.find((x) => x.name === name);
  if (c && !c.field) Object.assign(c, { field, why });
}

/** Guesses the transaction fields from the values (for columns the header spellings did not place). */
function guessTransactionFields(df: DataFrame, columns: ColumnProfile[]): void {
  const free = () => columns.filter((c) => !c.field);
  const taken = (f: string) => columns.some((c) => c.field === f);
  if (!taken("invoiceDate")) {
    const d = free().find((c) => c.type === "date") ?? free().find((c) => c.type === "integer" && c.dateFormats.length > 0);
    if (d) assign(columns, d.name, "invoiceDate", `every value reads as a date, ${d.dateFormats[0] ?? "ISO"}`);
  }
  if (!taken("quantity")) {
    const q = free().find((c) => c.type === "integer" && !idLike(c, df.height) && c.dateFormats.length === 0);
    if (q) assign(columns, q.name, "quantity", "small whole numbers");
  }
  const quantity = columns.find((c) => c.field === "quantity");
  if (!taken("unitPrice") && !taken("amount")) {
    const p = free().find((c) => c.type === "decimal");
    if (p) {
      const r = quantity ? correlation(df, p.name, quantity.name) : 0;
      if (r > 0.5) assign(columns, p.name, "amount", `decimals that rise with the quantity, correlation ${r.toFixed(2)}: a line total`);
      else assign(columns, p.name, "unitPrice", `decimals${quantity ? ` that do not rise with the quantity, correlation ${r.toFixed(2)}` : ""}: a unit price`);
    }
  }
  const ids = free().filter((c) => idLike(c, df.height) && c.distinct < df.height);
  if (!taken("customerId") && ids.length) assign(columns, ids[0].name, "customerId", "identifiers that repeat");
  const customer = columns.find((c) => c.field === "customerId");
  if (!taken("invoice") && customer) {
    const inv = free().find((c) => idLike(c, df.height) && c.distinct > customer.distinct && !sameGrouping(df, customer.name, c.name));
    if (inv) assign(columns, inv.name, "invoice", `identifiers with more distinct values than ${customer.name}`);
    for (const c of free().filter((x) => idLike(x, df.height) && sameGrouping(df, customer.name, x.name))) {
      c.why = `another ID for the same customers as ${customer.name}`;
    }
  }
}

/** Guesses the key of a profile or catalogue table from the values: the first ID-like column with no repeat. */
function guessKey(df: DataFrame, columns: ColumnProfile[], key: string): void {
  if (columns.some((c) => c.field === key)) return;
  const k = columns.find((c) => !c.field && c.empty === 0 && c.distinct === df.height && (c.type === "text" || c.type === "integer"));
  if (k) assign(columns, k.name, key, "one distinct value per row");
}

/** Reads the file for inspection: as text with the layout detected (a first line of data means no header), or Parquet. */
function readForInspection(file: string, layout: TableMapping): { raw: RawTable; generatedNames: boolean } {
  if (formatOf(file) === "parquet") return { raw: readParquetTable(file), generatedNames: false };
  const given = { delimiter: layout.delimiter, encoding: layout.encoding, header: layout.header, names: layout.names };
  const raw = readCsvTable(file, given);
  if (layout.header !== undefined || !raw.reading.notes.some((n) => n.includes("looks like data"))) return { raw, generatedNames: false };
  const names = raw.df.columns.map((_, j) => `column_${j + 1}`);
  return { raw: readCsvTable(file, { ...given, header: false, names }), generatedNames: true };
}

/** The kind of table the columns make, and why. */
function kindOf(df: DataFrame, columns: ColumnProfile[], role: MappingTable): { kind: Inspection["kind"]; why: string } {
  const has = (f: string) => columns.some((c) => c.field === f);
  if (has("invoiceDate") && has("quantity") && (has("unitPrice") || has("amount"))) return { kind: "transactions", why: "dates, quantities and prices: one row per purchase line" };
  const reason = has("invoiceDate") ? null : perCustomerReason(df);
  if (reason && role === "transactions") return { kind: "per-customer", why: `${reason}, no date column` };
  if (role === "products" || has("stockCode")) return { kind: "products", why: "one row per product" };
  return { kind: "customers", why: "one row per customer, no purchase dates" };
}

/** The date part of the suggested mapping: nothing when the values read without a format, else the format that reads them all. */
function dateSetting(df: DataFrame, c: ColumnProfile, notes: string[]): Partial<TableMapping> {
  if (c.autoDate && !(c.dateFormats.includes("%d/%m/%Y") && !c.dateFormats.includes("%m/%d/%Y"))) return {};
  const all = asText(df.getColumn(c.name));
  const formats = c.dateFormats.filter((f) => readsEvery(all, compileDateFormat(f)));
  if (formats.length > 1) notes.push(`"${c.name}" reads as ${formats.map((f) => `"${f}"`).join(" or ")}; the mapping uses "${formats[0]}": check the day order`);
  return formats.length ? { dateFormat: formats[0] } : {};
}

/** The suggested mapping of the table: layout keys that detection needed, names, columns, date format. */
function suggestMapping(df: DataFrame, inspection: Omit<Inspection, "mapping" | "missing">, generatedNames: boolean): TableMapping {
  const m: TableMapping = {};
  const r = inspection.reading;
  if (r.encoding && r.encoding !== "utf-8") m.encoding = r.encoding as TableMapping["encoding"];
  if (r.delimiter && r.delimiter !== ",") m.delimiter = r.delimiter === "\t" ? "tab" : r.delimiter;
  const rename = new Map(inspection.columns.map((c) => [c.name, generatedNames && c.field && !inspection.columns.some((o) => o !== c && o.name === c.field) ? c.field : c.name]));
  if (generatedNames) Object.assign(m, { header: false, names: inspection.columns.map((c) => rename.get(c.name) as string) });
  m.columns = Object.fromEntries(inspection.columns.filter((c) => c.field).map((c) => [c.field as string, rename.get(c.name) as string]));
  const date = inspection.columns.find((c) => c.field === "invoiceDate" || c.field === "signupDate");
  if (date) Object.assign(m, dateSetting(df, date, inspection.notes));
  return m;
}

/**
 * Inspects a data file as the table `role` (default transactions): layout, columns, guesses,
 * and a suggested mapping. `layout` forces reading keys (delimiter, header, names, encoding)
 * the way a mapping would.
 */
export function inspectFile(file: string, role: MappingTable = "transactions", layout: TableMapping = {}): Inspection {
  const { raw, generatedNames } = readForInspection(file, layout);
  const df = raw.df;
  const columns = df.columns.map((h) => profileColumn(df.getColumn(h)));
  const { cols } = resolveColumns(df.columns, CANONICAL_FIELDS[role], undefined, file);
  for (const [field, header] of Object.entries(cols)) assign(columns, header, field, "its header");
  const total = columns.find((c) => c.field === "amount");
  if (total && columns.some((c) => c.field === "unitPrice")) Object.assign(total, { field: undefined, why: "a line total; the unit price column is used" });
  if (role === "transactions") guessTransactionFields(df, columns);
  else guessKey(df, columns, role === "customers" ? "customerId" : "stockCode");
  const { kind, why } = kindOf(df, columns, role);
  const notes = raw.reading.notes.filter((n) => !n.includes("looks like data"));
  if (generatedNames) notes.push("line 1 looks like data, not a header: the mapping gives names");
  const partial = { file, role, reading: raw.reading, columns, kind, kindWhy: why, notes };
  const mapping = suggestMapping(df, partial, generatedNames);
  const has = (f: string) => columns.some((c) => c.field === f);
  const missing = role === "transactions"
    ? ["invoiceDate", "quantity", ...(has("amount") || has("unitPrice") ? [] : ["unitPrice"]), ...(has("invoice") || has("customerId") ? [] : ["customerId"])].filter((f) => !has(f))
    : [role === "customers" ? "customerId" : "stockCode"].filter((f) => !has(f));
  if (role === "transactions" && kind === "transactions") {
    if (!has("invoice")) notes.push("no invoice column: an order will be one customer's purchases on one calendar day");
    if (!has("stockCode")) notes.push("no product column: the customer analyses run, the product analyses (products, forecast of units) refuse");
    const identical = df.height - df.unique().height;
    if (identical > 0) notes.push(`${fmtCount(identical, "line")} ${identical === 1 ? "repeats" : "repeat"} an earlier line exactly: dropped as duplicates, unless they are real repeat purchases ("duplicates": "keep")`);
    const date = columns.find((c) => c.field === "invoiceDate");
    if (date && date.examples.some((e) => /(Z|[+-]\d{2}:?\d{2})$/.test(e) && /\d[ T]\d/.test(e))) {
      notes.push(`the times of ${date.name} carry a UTC offset: they are converted into the shop's time zone, "timezone" in the mapping (default UTC)`);
    }
  }
  return { ...partial, mapping, missing };
}
