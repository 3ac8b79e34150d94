/**
 * Reading raw tables from disk: CSV (optionally gzip), Parquet and Excel, always into a
 * DataFrame with the file's own headers. Values stay as text here; typing happens in
 * `parse.ts`, where a bad value can be reported with its file, column and row.
 */
import { existsSync, readFileSync, statSync } from "fs";
import { extname } from "path";
import { gunzipSync } from "zlib";
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { readXlsxSheets } from "./xlsx";

/** A raw table and where it came from, for error messages. */
export interface RawTable {
  file: string;
  df: DataFrame;
}

/** The file formats the loaders understand, from the file name. */
export type FileFormat = "csv" | "parquet" | "xlsx";

/** The format of a file from its extension (`.csv`, `.csv.gz`, `.txt`, `.parquet`, `.xlsx`). */
export function formatOf(file: string): FileFormat {
  const name = file.toLowerCase().replace(/\.gz$/, "");
  const ext = extname(name);
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".xls") throw new UserError(`${file}: the old binary .xls format is not supported; save it as .xlsx or .csv.`);
  return "csv";
}

/**
 * Decodes the bytes of a text file: gunzips when the bytes start with the gzip magic number,
 * strips a UTF-8 byte-order mark, and re-encodes Latin-1 (Windows-1252 style) text as UTF-8
 * when the bytes are not valid UTF-8. Returns UTF-8 bytes.
 */
export function decodeTextBytes(bytes: Buffer, file: string): Buffer {
  let buf = bytes;
  if (buf.length >= 2 && buf[0] === 0x1f && buf[1] === 0x8b) {
    try {
      buf = gunzipSync(buf);
    } catch (e) {
      throw new UserError(`${file}: looks gzip-compressed but could not be decompressed (${(e as Error).message}).`);
    }
  }
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const { isUtf8 } = require("buffer") as { isUtf8: (b: Buffer) => boolean };
  if (!isUtf8(buf)) buf = Buffer.from(buf.toString("latin1"), "utf8");
  return buf;
}

/** Reads a CSV file (plain or gzip) with every column as text. */
export function readCsvTable(file: string): RawTable {
  const bytes = decodeTextBytes(readExisting(file), file);
  if (isBlank(bytes)) throw new UserError(`${file} is empty: expected a header line and data rows.`);
  let df: DataFrame;
  try {
    df = pl.readCSV(bytes, { inferSchemaLength: 0, truncateRaggedLines: false });
  } catch (e) {
    throw new UserError(`${file}: could not be read as CSV (${firstLine((e as Error).message)}).`);
  }
  return { file, df: withTrimmedHeaders(df, file) };
}

/** Reads a Parquet file as it is typed. */
export function readParquetTable(file: string): RawTable {
  const bytes = readExisting(file);
  let df: DataFrame;
  try {
    df = pl.readParquet(bytes);
  } catch (e) {
    throw new UserError(`${file}: could not be read as Parquet (${firstLine((e as Error).message)}).`);
  }
  return { file, df: withTrimmedHeaders(df, file) };
}

/**
 * Reads every sheet of an .xlsx workbook whose header row matches the first sheet's, stacked
 * (Online Retail II ships one sheet per year). Dates become `YYYY-MM-DD HH:MM:SS` text.
 */
export async function readXlsxTable(file: string): Promise<RawTable> {
  readExisting(file);
  const sheets = await readXlsxSheets(file);
  if (sheets.length === 0) throw new UserError(`${file}: the workbook has no sheet with a header row and data.`);
  const [first] = sheets;
  const same = sheets.filter((s) => s.headers.join("\u0001") === first.headers.join("\u0001"));
  const columns: Record<string, (string | null)[]> = {};
  first.headers.forEach((h, j) => {
    columns[h] = same.flatMap((s) => s.rows.map((r) => r[j]));
  });
  const df = pl.DataFrame(columns, { schema: Object.fromEntries(first.headers.map((h) => [h, pl.Utf8])) });
  if (df.height === 0) throw new UserError(`${file} has a header but no data rows.`);
  return { file, df: withTrimmedHeaders(df, file) };
}

/** Reads any supported file into a raw table (async because of .xlsx). */
export async function readTable(file: string): Promise<RawTable> {
  const format = formatOf(file);
  if (format === "xlsx") return readXlsxTable(file);
  return format === "parquet" ? readParquetTable(file) : readCsvTable(file);
}

/** Reads a CSV or Parquet file synchronously (notebook cells stay simple without await). */
export function readTableSync(file: string): RawTable {
  const format = formatOf(file);
  if (format === "xlsx") throw new UserError(`${file}: .xlsx is read asynchronously; use loadDatasetAsync or the CLI.`);
  return format === "parquet" ? readParquetTable(file) : readCsvTable(file);
}

function readExisting(file: string): Buffer {
  if (!existsSync(file)) throw new UserError(`${file}: no such file.`);
  if (statSync(file).isDirectory()) throw new UserError(`${file} is a folder, not a data file.`);
  return readFileSync(file);
}

function withTrimmedHeaders(df: DataFrame, file: string): DataFrame {
  if (df.height === 0) throw new UserError(`${file} has a header but no data rows.`);
  const trimmed = df.columns.map((c) => c.trim());
  return trimmed.some((c, i) => c !== df.columns[i]) ? df.rename(Object.fromEntries(df.columns.map((c, i) => [c, trimmed[i]]))) : df;
}

/** True when the bytes hold only whitespace (checked without decoding the whole file). */
function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}

function firstLine(s: string): string {
  return s.split("\n")[0];
}
