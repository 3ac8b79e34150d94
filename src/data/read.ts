/**
 * Reading raw tables from disk: delimited text (optionally gzip), Parquet and Excel, always into
 * a DataFrame with the file's own headers (trimmed) or the mapping's names. Text values stay
 * text here; typing happens in `load.ts`, where a bad value is reported with its file, column
 * and row. Every read returns how it was done (`TableReading`), for reports.
 *
 * Text files: decoded by `decodeText`, the delimiter detected by `chooseDelimiter` (or set),
 * then parsed by polars (the fast path) and checked by `rows.ts` (quotes, ragged rows).
 */
import { closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from "fs";
import { extname, parse } from "path";
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import type { TableReading } from "../model";
import { completeUtf8End, decodesAsItIs, decodeText, isUtf8, type DecodedText, type TextEncoding } from "./decode";
import { fmtCount, quoted } from "./describe";
import { chooseDelimiter, headerLikely, sampleLines, splitLine, type Delimiter } from "./layout";
import { checkQuotes, refuseRaggedRows, refuseShortRows, scanQuotes, type RowLayout } from "./rows";
import { readXlsxSheets } from "./xlsx";

/** A raw table, where it came from, and how it was read. */
export interface RawTable {
  file: string;
  df: DataFrame;
  reading: TableReading;
}

/** How to read a text file: the mapping keys of the same names (all optional; detected or defaulted). */
export interface TextLayout {
  /** one character, "tab", or "whitespace"; detected when absent */
  delimiter?: Delimiter;
  /** false when the file has no header line (then `names` are required); default true */
  header?: boolean;
  /** column names for a file without a header, one per field */
  names?: string[];
  /** force an encoding instead of detecting it */
  encoding?: TextEncoding;
}

/** The file formats the loaders understand, from the file name. */
export type FileFormat = "csv" | "parquet" | "xlsx";

/** The format of a file from its extension (`.csv`, `.csv.gz`, `.txt`, `.parquet`, `.xlsx`); anything else is read as text. */
export function formatOf(file: string): FileFormat {
  const name = file.toLowerCase().replace(/\.gz$/, "");
  const ext = extname(name);
  if (ext === ".parquet" || ext === ".pq") return "parquet";
  if (ext === ".xlsx") return "xlsx";
  if (ext === ".xls") throw new UserError(`${file}: the old binary .xls format is not supported; save it as .xlsx or .csv.`);
  return "csv";
}

function baseReading(file: string, format: FileFormat, rows: number): TableReading {
  return { file, format, gzip: false, header: true, rows, trailingBlankLines: 0, columns: {}, recognised: [], extras: {}, notes: [] };
}

/** Bytes of the first `n` bytes' worth of text, cut at a line end, as a string (the sniffing sample). */
function sampleText(bytes: Buffer, n = 65536): { text: string; complete: boolean } {
  if (bytes.length <= n) return { text: bytes.toString("utf8"), complete: true };
  const cut = bytes.lastIndexOf(0x0a, n);
  return { text: bytes.subarray(0, cut > 0 ? cut : n).toString("utf8"), complete: cut <= 0 };
}

/**
 * A whitespace-separated text rewritten with one tab between fields and no spaces at the ends of
 * lines (`" 1  2\r\n"` becomes `"1\t2\r\n"`), so polars can parse it as tab-separated.
 */
export function whitespaceToTabs(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+(?=\r?$)/gm, "").replace(/[ \t]+/g, "\t");
}

/** Header names trimmed, an empty one named `column_N` (N its position); a name given twice is refused. */
export function headerNames(fields: string[], file: string, from: string): { names: string[]; renamed: string[] } {
  const renamed: string[] = [];
  const names = fields.map((f, j) => {
    const t = f.trim();
    if (t !== "") return t;
    renamed.push(`column_${j + 1}`);
    return `column_${j + 1}`;
  });
  const seen = new Map<string, number>();
  names.forEach((n, j) => {
    const before = seen.get(n);
    if (before !== undefined) {
      throw new UserError(`${file}: ${from} has the column name ${quoted(n)} twice (columns ${before + 1} and ${j + 1}); each column needs its own name.`);
    }
    seen.set(n, j);
  });
  return { names, renamed };
}

/** Rows at the end of a frame whose every value is null or blank (a file's trailing empty lines). */
function trailingBlankRows(df: DataFrame): number {
  let n = 0;
  for (let i = df.height - 1; i >= 0; i--) {
    if ((df.row(i) as unknown[]).some((v) => v !== null && String(v).trim() !== "")) break;
    n++;
  }
  return n;
}

/**
 * Parses the decoded text (its bytes, or the file itself when it needed no decoding: see
 * `plainHead`) with polars; when polars refuses it, the exact row scan names the row (and
 * polars' own message is the fallback).
 */
function parseText(text: Buffer | string, bytes: () => Buffer, layout: RowLayout, file: string): DataFrame {
  try {
    return pl.readCSV(text, {
      inferSchemaLength: 0, sep: layout.delimiter, hasHeader: layout.headerLines === 1, quoteChar: layout.quoting ? '"' : "", truncateRaggedLines: false,
    });
  } catch (e) {
    refuseRaggedRows(bytes(), layout);
    throw new UserError(`${file}: could not be read as delimited text (${(e as Error).message.split("\n")[0]}).`);
  }
}

/**
 * True when nodejs-polars' `readCSV` takes this string for a path: a name ending in .csv or
 * .tsv (exactly, as its `isPath` decides). It reads any other string as CSV text, so a plain
 * file named otherwise is handed over as bytes.
 */
function polarsReadsAsPath(file: string): boolean {
  const { base, ext, name } = parse(file);
  return Boolean(base && ext && name) && [".csv", ".tsv"].includes(ext);
}

/** The bytes `plainHead` returns, and the size a file must exceed to be read that way (smaller ones are read whole). */
const HEAD = 1 << 20;
const PLAIN_FILE = 4 * HEAD;
/** Bytes checked at a time: small enough to stay in the CPU's cache, which makes the scan twice as fast as 1 MB pieces. */
const PIECE = 1 << 16;

/**
 * The first megabyte of a text file that needs none of the decoding and quote checks: larger
 * than four megabytes, not gzip, no byte-order mark, valid UTF-8 without NUL bytes, no double
 * quote anywhere, not blank at the start. The file is checked in 64 KB pieces (a UTF-8
 * sequence cut between two pieces is carried over), so no copy of it is kept and polars reads
 * the file itself. Null for any other file, which is then read whole and checked byte by byte.
 */
export function plainHead(file: string): Buffer | null {
  const fd = openSync(file, "r");
  try {
    if (fstatSync(fd).size <= PLAIN_FILE) return null;
    const head = Buffer.allocUnsafe(HEAD);
    if (readSync(fd, head, 0, HEAD, 0) !== HEAD || !decodesAsItIs(head) || isBlank(head)) return null;
    const buf = Buffer.allocUnsafe(PIECE + 3);
    let carry = 0;
    for (let n, at = 0; (n = readSync(fd, buf, carry, PIECE, at)) > 0; at += n) {
      const piece = buf.subarray(0, carry + n);
      if (piece.indexOf(0x22) !== -1 || piece.indexOf(0) !== -1) return null;
      const end = completeUtf8End(piece);
      if (!isUtf8(piece.subarray(0, end))) return null;
      carry = piece.length - end;
      buf.copyWithin(0, end, piece.length);
    }
    return carry === 0 ? head : null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a delimited text file (plain or gzip) with every column as text, following `layout`
 * (see `TextLayout`), and checks its structure: every row has the header's number of fields,
 * quotes are balanced, no header name repeats. A large plain file (`plainHead`) is parsed by
 * polars from the file, without a copy in memory; its bytes are read only if a check needs them.
 */
export function readCsvTable(file: string, layout: TextLayout = {}): RawTable {
  refuseMissing(file);
  const head = layout.encoding === undefined ? plainHead(file) : null;
  const decoded: DecodedText = head
    ? { bytes: head, encoding: "utf-8", bom: false, gzip: false, how: "valid UTF-8" }
    : decodeText(readFileSync(file), file, layout.encoding);
  if (isBlank(decoded.bytes)) throw new UserError(`${file} is empty: expected a header line and data rows.`);
  const sample = sampleText(decoded.bytes);
  const lines = sampleLines(sample.text, 50, sample.complete);
  const { delimiter, detected, fields } = chooseDelimiter(lines, layout.delimiter, file);
  const whitespace = delimiter === "whitespace";
  let whole = head ? undefined : decoded.bytes;
  const allBytes = () => (whole ??= readFileSync(file));
  const converted = whitespace ? Buffer.from(whitespaceToTabs(allBytes().toString("utf8")), "utf8") : undefined;
  const bytes = () => converted ?? allBytes();
  const sep = whitespace ? "\t" : delimiter;
  const header = layout.header ?? true;
  const firstLine = sample.text.split(/\r?\n/, 1)[0];
  if (firstLine.trim() === "") throw new UserError(`${file}: line 1 is blank; the ${header ? "header" : "first row"} must be on line 1.`);
  const firstFields = splitLine(firstLine, delimiter);
  let names: string[];
  let renamed: string[] = [];
  if (header) ({ names, renamed } = headerNames(firstFields, file, "the header"));
  else {
    if (!layout.names) throw new UserError(`${file}: the mapping says "header": false but gives no "names"; add "names": [...] with one name for each of the ${fields} fields.`);
    names = headerNames(layout.names, file, 'the mapping\'s "names"').names;
    if (names.length !== firstFields.length) {
      throw new UserError(`${file}: the mapping gives ${fmtCount(names.length, "name")} but line 1 has ${fmtCount(firstFields.length, "field")} (${quoted(firstLine)}); give one name per field.`);
    }
  }
  const rowLayout: RowLayout = {
    file, delimiter: sep, quoting: !whitespace, fields: names.length, headerLines: header ? 1 : 0,
    fieldsFrom: header ? "the header has" : "the mapping names",
  };
  // a plain file has no quote at all: its scan finds nothing, so quoting stays on as for any file without quotes
  const scan = rowLayout.quoting && !head ? scanQuotes(bytes(), sep.charCodeAt(0)) : undefined;
  if (scan) rowLayout.quoting = checkQuotes(bytes(), scan, rowLayout) || scan.literalQuotes === 0;
  let df = parseText(head && !whitespace && polarsReadsAsPath(file) ? file : bytes(), bytes, rowLayout, file);
  if (df.width !== names.length) refuseRaggedRows(bytes(), rowLayout);
  df = df.rename(Object.fromEntries(df.columns.map((c, j) => [c, names[j]])));
  const blankTail = trailingBlankRows(df);
  if (blankTail) df = df.head(df.height - blankTail);
  if (df.height === 0) throw new UserError(`${file} has a header but no data rows.`);
  refuseShortRowsOf(bytes, df, rowLayout, (scan?.multiline.length ?? 0) > 0);
  const reading: TableReading = {
    ...baseReading(file, "csv", df.height), gzip: decoded.gzip, encoding: decoded.encoding, encodingHow: decoded.how,
    delimiter, delimiterDetected: detected, quoting: rowLayout.quoting, header, trailingBlankLines: blankTail,
  };
  if (renamed.length) reading.notes.push(`empty header names were named ${renamed.join(", ")}`);
  const others = lines.slice(1, 20).map((l) => splitLine(l, delimiter));
  if (header && !headerLikely(firstFields, others)) reading.notes.push(`line 1 (${quoted(firstLine)}) looks like data rather than a header; if it is, set "header": false and "names"`);
  return { file, df, reading };
}

/**
 * The short-row check on the rows whose last column came out null (see `refuseShortRows`); the
 * common case, no null in the last column, costs one null count.
 */
function refuseShortRowsOf(bytes: () => Buffer, df: DataFrame, layout: RowLayout, multiline: boolean): void {
  const last = df.getColumn(df.columns[df.width - 1]);
  if (last.nullCount() === 0) return;
  if (multiline) return refuseRaggedRows(bytes(), layout);
  const rows = pl.DataFrame([last.isNull().alias("e")]).withRowCount("i").filter(pl.col("e")).getColumn("i").toArray() as number[];
  refuseShortRows(bytes(), rows.map(Number), layout);
}

/** Reads a Parquet file as it is typed. */
export function readParquetTable(file: string): RawTable {
  const bytes = readExisting(file);
  let df: DataFrame;
  try {
    df = pl.readParquet(bytes);
  } catch (e) {
    throw new UserError(`${file}: could not be read as Parquet (${(e as Error).message.split("\n")[0]}).`);
  }
  return typedTable(file, "parquet", df);
}

/** A typed table (Parquet, .xlsx) with trimmed, unique headers and its reading. */
function typedTable(file: string, format: FileFormat, df: DataFrame): RawTable {
  if (df.height === 0) throw new UserError(`${file} has a header but no data rows.`);
  const { names, renamed } = headerNames(df.columns, file, "the header");
  const out = names.some((c, i) => c !== df.columns[i]) ? df.rename(Object.fromEntries(df.columns.map((c, i) => [c, names[i]]))) : df;
  const reading = baseReading(file, format, out.height);
  if (renamed.length) reading.notes.push(`empty header names were named ${renamed.join(", ")}`);
  return { file, df: out, reading };
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
  const { names } = headerNames(first.headers, file, `the header of sheet "${first.name}"`);
  const same = sheets.filter((s) => s.headers.join("\u0001") === first.headers.join("\u0001"));
  const columns: Record<string, (string | null)[]> = {};
  names.forEach((h, j) => {
    columns[h] = same.flatMap((s) => s.rows.map((r) => r[j]));
  });
  const df = pl.DataFrame(columns, { schema: Object.fromEntries(names.map((h) => [h, pl.Utf8])) });
  const raw = typedTable(file, "xlsx", df);
  if (same.length < sheets.length) raw.reading.notes.push(`sheets ${sheets.filter((s) => !same.includes(s)).map((s) => `"${s.name}"`).join(", ")} have other headers and were not read`);
  return raw;
}

/** Reads any supported file into a raw table (async because of .xlsx). */
export async function readTable(file: string, layout: TextLayout = {}): Promise<RawTable> {
  const format = formatOf(file);
  if (format === "xlsx") return readXlsxTable(file);
  return format === "parquet" ? readParquetTable(file) : readCsvTable(file, layout);
}

/** Reads a text or Parquet file synchronously (notebook cells stay simple without await). */
export function readTableSync(file: string, layout: TextLayout = {}): RawTable {
  const format = formatOf(file);
  if (format === "xlsx") throw new UserError(`${file}: .xlsx is read asynchronously; use loadDatasetAsync or the CLI.`);
  return format === "parquet" ? readParquetTable(file) : readCsvTable(file, layout);
}

/** Refuses a path that is not an existing file. */
function refuseMissing(file: string): void {
  if (!existsSync(file)) throw new UserError(`${file}: no such file.`);
  if (statSync(file).isDirectory()) throw new UserError(`${file} is a folder, not a data file.`);
}

function readExisting(file: string): Buffer {
  refuseMissing(file);
  return readFileSync(file);
}

/** True when the bytes hold only whitespace (stops at the first other byte). */
function isBlank(bytes: Buffer): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) return false;
  }
  return true;
}
