/**
 * A PostgreSQL table or query as a source of transactions: its columns and types, the raw
 * DataFrame the loader's mapping applies to (column names and types as the database has them),
 * and the shape the push-down queries need (which source column is which canonical column).
 */
import pl, { type DataFrame } from "nodejs-polars";
import { copyStreams } from "./driver";
import { UserError } from "../errors";
import { TRANSACTION_COLUMNS, type TableReading } from "../model";
import { missingColumnError, readMapping, resolveColumns, REQUIRED_TRANSACTION_COLUMNS, type DatasetMapping, type TableMapping, type RawTable } from "../data/index";
import { connect, databaseError, type Db } from "./connection";
import * as SQL from "./sql";
import type { CanonicalShape, ColumnKind, SqlColumn } from "./sql";

/** Where transactions come from: a database URL and either a table or a query. */
export interface SourceSpec {
  /** `postgresql://user[:password]@host[:port]/database` */
  url: string;
  /** a table (or view): `sales`, `shop.sales`, `"Odd Name"`; unquoted parts fold to lower case as in SQL */
  table?: string;
  /** a SELECT whose rows are the transactions */
  query?: string;
  /** the mapping of the source's column names (an object, or the path of a mapping JSON file) */
  mapping?: DatasetMapping | string;
}

/** A source whose columns are known. */
export interface DescribedSource {
  db: Db;
  /** the SELECT yielding the rows */
  select: string;
  /** how messages name it: `postgresql://user@host:port/db table "sales"` (no password) */
  label: string;
  columns: (SqlColumn & { typeName: string })[];
  /** the transactions mapping, if any */
  mapping?: TableMapping;
}

/** PostgreSQL type OIDs (pg_type) and how they are read. */
const KINDS: Record<number, { kind: ColumnKind; name: string }> = {
  16: { kind: "boolean", name: "boolean" },
  20: { kind: "integer", name: "bigint" },
  21: { kind: "integer", name: "smallint" },
  23: { kind: "integer", name: "integer" },
  700: { kind: "float", name: "real" },
  701: { kind: "float", name: "double precision" },
  1700: { kind: "decimal", name: "numeric" },
  25: { kind: "text", name: "text" },
  1043: { kind: "text", name: "character varying" },
  1042: { kind: "text", name: "character" },
  19: { kind: "text", name: "name" },
  1082: { kind: "date", name: "date" },
  1114: { kind: "timestamp", name: "timestamp" },
  1184: { kind: "timestamptz", name: "timestamp with time zone" },
};

/**
 * The parts of a possibly schema-qualified table name, as SQL reads it: `Sales` -> `["sales"]`,
 * `shop.sales` -> `["shop", "sales"]`, `"My ""odd"" table"` -> `['My "odd" table']`. Unquoted
 * parts fold to lower case; quoted parts are kept exactly.
 */
export function parseTableName(name: string): string[] {
  const parts: string[] = [];
  let i = 0;
  const bad = () => new UserError(`--table "${name}" is not a table name: write name, schema.name, or "Quoted Name" (double quotes inside doubled).`);
  while (i < name.length) {
    if (name[i] === '"') {
      let part = "";
      i++;
      for (;;) {
        if (i >= name.length) throw bad();
        if (name[i] === '"') {
          if (name[i + 1] === '"') {
            part += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        part += name[i++];
      }
      parts.push(part);
    } else {
      // an unquoted SQL identifier: a letter or _, then letters, digits, _ or $
      const m = /^[\p{L}_][\p{L}\p{N}_$]*/u.exec(name.slice(i));
      if (!m) throw bad();
      parts.push(m[0].toLowerCase());
      i += m[0].length;
    }
    if (i < name.length) {
      if (name[i] !== "." || i === name.length - 1) throw bad();
      i++;
    }
  }
  if (parts.length === 0 || parts.length > 3 || parts.some((p) => p === "")) throw bad();
  return parts;
}

/** The SELECT of a source spec and its label (both free of any password). */
function sourceSelect(spec: SourceSpec, where: string): { select: string; label: string } {
  if ((spec.table === undefined) === (spec.query === undefined)) {
    throw new UserError("A database source needs exactly one of --table NAME or --query \"SELECT ...\".");
  }
  if (spec.table !== undefined) {
    const parts = parseTableName(spec.table);
    return { select: SQL.tableSource(parts), label: `${where} table ${SQL.qualified(parts)}` };
  }
  const query = (spec.query as string).trim().replace(/;\s*$/, "");
  if (!/^(select|with|values|table)\b/i.test(query)) {
    throw new UserError(`--query must be one SELECT statement (or WITH ... SELECT); it starts with "${query.slice(0, 20)}".`);
  }
  return { select: query, label: `${where} query` };
}

/** The transactions mapping of a spec: its `transactions` part. */
function transactionsMapping(mapping: SourceSpec["mapping"]): TableMapping | undefined {
  return readMapping(mapping)?.transactions;
}

/**
 * The source's columns and their types, read without fetching a row (`LIMIT 0`). A missing
 * table, a bad query or two columns of the same name are UserErrors.
 */
export async function describeSource(db: Db, spec: SourceSpec): Promise<DescribedSource> {
  const { select, label } = sourceSelect(spec, db.where);
  const mapping = transactionsMapping(spec.mapping);
  let fields: { name: string; dataTypeID: number }[];
  try {
    fields = (await db.client.query({ text: SQL.describeSource(select), values: [0] })).fields;
  } catch (e) {
    throw databaseError(e, db, `reading the columns of the ${spec.table !== undefined ? `table ${spec.table}` : "query"}`);
  }
  if (fields.length === 0) throw new UserError(`${label} has no columns.`);
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name)) throw new UserError(`${label} has two columns named "${f.name}": give them distinct names (AS ...) in the query.`);
    seen.add(f.name);
  }
  const columns = fields.map((f) => {
    const known = KINDS[f.dataTypeID];
    return { name: f.name, kind: known?.kind ?? ("other" as ColumnKind), typeName: known?.name ?? `type ${f.dataTypeID}` };
  });
  return { db, select, label, columns, mapping };
}

/** Connects to a spec's database and describes the source (see `describeSource`). */
export async function openSource(spec: SourceSpec, applicationName = "retail-lab source"): Promise<DescribedSource> {
  const db = await connect(spec.url, "the source database", { applicationName });
  try {
    return await describeSource(db, spec);
  } catch (e) {
    await db.client.end().catch(() => undefined);
    throw e;
  }
}

/** The polars type each kind is read as: timestamps as Datetime(ms), numeric as Float64, integers as Int64, booleans as Boolean, the rest as text. */
function dtypeOf(kind: ColumnKind) {
  switch (kind) {
    case "integer":
      return pl.Int64;
    case "decimal":
    case "float":
      return pl.Float64;
    case "timestamp":
    case "timestamptz":
    case "date":
      return pl.Datetime("ms");
    case "boolean":
      return pl.Bool;
    default:
      return pl.Utf8;
  }
}

/** A text column of COPY output as its kind's polars type. */
function typedColumn(name: string, kind: ColumnKind) {
  const c = pl.col(name);
  switch (kind) {
    case "integer":
      return c.cast(pl.Int64);
    case "decimal":
    case "float":
      return c.cast(pl.Float64);
    case "timestamp":
    case "timestamptz":
    case "date":
      return c.cast(pl.Int64).cast(pl.Datetime("ms"));
    case "boolean":
      return c.eq(pl.lit("t"));
    default:
      return c;
  }
}

/**
 * The source's rows as a raw table: one column per source column with the database's name and
 * type (see `dtypeOf`), so the loader's mapping (`toTransactions`) applies to the database's
 * column names as it does to a file's headers. Read with `COPY ... TO STDOUT` in CSV, which
 * keeps NULL and empty text apart. A source with no rows is a UserError.
 */
export async function readSource(source: DescribedSource): Promise<RawTable> {
  const { db, columns, label } = source;
  const chunks: Buffer[] = [];
  try {
    // read-only: a --query cannot write, whatever it holds
    await db.client.query(SQL.BEGIN_READ_ONLY);
    const stream = db.client.query(copyStreams().to(SQL.copySourceOut(source.select, columns)));
    await new Promise<void>((resolve, reject) => {
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => resolve());
      stream.on("error", reject);
    });
    await db.client.query(SQL.COMMIT);
  } catch (e) {
    await db.client.query(SQL.ROLLBACK).catch(() => undefined);
    throw databaseError(e, db, `reading the rows of ${label}`);
  }
  const bytes = Buffer.concat(chunks);
  if (bytes.length === 0) throw new UserError(`${label} returned no rows: there are no transactions to analyse.`);
  const text = pl.readCSV(bytes, { hasHeader: false, inferSchemaLength: 0, quoteChar: '"' });
  const named = text.rename(Object.fromEntries(text.columns.map((c, i) => [c, columns[i].name])));
  const df: DataFrame = named.select(...columns.map((c) => typedColumn(c.name, c.kind).alias(c.name)));
  const reading: TableReading = {
    file: label, format: "postgresql", gzip: false, header: true, rows: df.height, trailingBlankLines: 0,
    columns: {}, recognised: [], extras: {}, notes: [],
  };
  return { file: label, df, reading };
}

/** Kinds the push-down accepts for each typed canonical column. */
const NUMERIC_KINDS: ColumnKind[] = ["integer", "decimal", "float"];
const DATE_KINDS: ColumnKind[] = ["timestamp", "timestamptz", "date"];

/**
 * Which source column is which canonical column, resolved by the loader's own rules (the
 * mapping, else the known header spellings: `invoice_no`, `stock_code`, `unit_price` ... are
 * recognised), and the unmapped columns, which the duplicate rule compares too. Push-down needs
 * typed columns: numbers for quantity and unit price, a timestamp or date for the invoice date.
 */
export function canonicalShape(source: DescribedSource): CanonicalShape {
  const { label, columns, mapping } = source;
  const headers = columns.map((c) => c.name);
  const { cols } = resolveColumns(headers, [...TRANSACTION_COLUMNS, "amount"], mapping, label);
  for (const c of REQUIRED_TRANSACTION_COLUMNS) if (!cols[c]) throw missingColumnError(label, "transactions", c, headers);
  // the push-down SQL counts orders by invoice and products by stock code: both must be columns
  for (const c of ["invoice", "stockCode"] as const) if (!cols[c]) throw missingColumnError(label, "transactions", c, headers);
  if (!cols.unitPrice) {
    if (cols.amount) throw new UserError(`${label}: the database path needs a unit price column, and the mapping gives only an amount ("${cols.amount}"); select amount / quantity AS unit_price in --query.`);
    throw missingColumnError(label, "transactions", "unitPrice", headers);
  }
  const byName = new Map(columns.map((c) => [c.name, c]));
  const need = (canonical: string, kinds: ColumnKind[], what: string) => {
    const c = byName.get(cols[canonical]) as (typeof columns)[number];
    if (!kinds.includes(c.kind)) {
      throw new UserError(
        `${label}: column "${c.name}" (${canonical}) is ${c.typeName}, and the database path needs ${what}; ` +
          `cast it in --query (e.g. SELECT ..., "${c.name}"::${kinds === DATE_KINDS ? "timestamp" : "numeric"} AS "${c.name}").`,
      );
    }
  };
  need("quantity", NUMERIC_KINDS, "a number type (integer, numeric, double precision)");
  need("unitPrice", NUMERIC_KINDS, "a number type (integer, numeric, double precision)");
  need("invoiceDate", DATE_KINDS, "a timestamp or date");
  const shapeColumns: CanonicalShape["columns"] = {};
  for (const c of TRANSACTION_COLUMNS) if (cols[c]) shapeColumns[c] = byName.get(cols[c]);
  // the loader's rule for extra columns (src/data/load.ts withExtras): headers no mapping used, except canonical names
  const used = new Set(Object.entries(cols).filter(([c]) => c !== "amount" || !cols.unitPrice).map(([, h]) => h));
  const extras = columns.filter((c) => !used.has(c.name) && !(TRANSACTION_COLUMNS as readonly string[]).includes(c.name));
  return { source: source.select, columns: shapeColumns, extras };
}
