/**
 * Loading transactions into PostgreSQL as a typed snake_case table (the layout a shop's database
 * would have): `invoice_no text, stock_code text, description text, quantity integer,
 * invoice_date timestamp, unit_price numeric, customer_id text, country text`. Rows go in with
 * `COPY ... FROM STDIN` (CSV), in chunks, so memory stays flat. Used by `npm run db`, the tests
 * and the benchmark; the loader's header spellings recognise these names without a mapping.
 */
import { createReadStream } from "fs";
import { Readable } from "stream";
import { pipeline } from "stream/promises";
import pl, { type DataFrame } from "nodejs-polars";
import { copyStreams } from "./driver";
import { UserError } from "../errors";
import { databaseError, type Db } from "./connection";
import { parseTableName } from "./source";
import * as SQL from "./sql";

/** `CREATE TABLE name (...)` of the typed layout; `numericQuantity` for fractional quantities. */
export function createTransactionsTableSql(table: string, numericQuantity = false): string {
  return SQL.createTransactionsTable(parseTableName(table), numericQuantity);
}

/**
 * The canonical columns of `transactions` as COPY CSV text, `chunkRows` rows a piece, written
 * by polars: NULL as an empty field, an empty text as `""`, timestamps as ISO text with
 * milliseconds, quantity as an integer when `wholeQuantity`.
 */
function* csvChunks(transactions: DataFrame, chunkRows: number, wholeQuantity: boolean): Generator<Buffer> {
  const names = ["invoice", "stockCode", "description", "quantity", "invoiceDate", "unitPrice", "customerId", "country"];
  for (const n of names) if (!transactions.columns.includes(n)) throw new UserError(`The transactions table has no column "${n}" to load.`);
  const columns = names.map((n) => (n === "quantity" && wholeQuantity ? pl.col(n).cast(pl.Int64) : pl.col(n)));
  for (let start = 0; start < transactions.height; start += chunkRows) {
    yield transactions.slice(start, chunkRows).select(...columns).writeCSV({ includeHeader: false });
  }
}

/** Streams CSV text into `COPY table FROM STDIN`. */
async function copyIn(db: Db, table: string, csv: Readable, header: boolean): Promise<void> {
  const sql = SQL.copyInto(parseTableName(table), header);
  try {
    await pipeline(csv, db.client.query(copyStreams().from(sql)));
  } catch (e) {
    throw databaseError(e, db, `loading rows into ${table}`);
  }
}

/**
 * Creates `table` in the typed layout and loads canonical transactions into it (quantity as
 * integer when every quantity is whole, else numeric). Returns the rows loaded.
 */
export async function loadTransactionsTable(db: Db, table: string, transactions: DataFrame): Promise<number> {
  const fractional = transactions.filter(pl.col("quantity").round(0).neq(pl.col("quantity"))).height;
  const whole = fractional === 0;
  try {
    await db.client.query(createTransactionsTableSql(table, !whole));
  } catch (e) {
    throw databaseError(e, db, `creating the table ${table}`);
  }
  await copyIn(db, table, Readable.from(csvChunks(transactions, 100_000, whole)), false);
  return transactions.height;
}

/**
 * Creates `table` in the typed layout and streams a CSV file of the canonical columns (a
 * header line, then invoice, stockCode, description, quantity, invoiceDate as
 * `YYYY-MM-DD HH:MM:SS`, unitPrice, customerId, country: what `retail-lab generate` writes)
 * into it, without reading the file into memory.
 */
export async function loadCanonicalCsv(db: Db, table: string, file: string): Promise<void> {
  try {
    await db.client.query(createTransactionsTableSql(table));
  } catch (e) {
    throw databaseError(e, db, `creating the table ${table}`);
  }
  await copyIn(db, table, createReadStream(file), true);
}
