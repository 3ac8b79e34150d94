/**
 * How a dataset was read, in words: the lines `retail-lab clean` and `retail-lab inspect` print
 * above their figures (see `TableReading` and `DatasetReading` in ../model.ts).
 */
import type { DatasetReading, TableReading } from "../model";
import { fmtCount } from "./describe";
import { delimiterName } from "./layout";

const ENCODING_NAMES: Record<string, string> = { "utf-8": "UTF-8", "windows-1252": "Windows-1252", "utf-16le": "UTF-16 LE", "utf-16be": "UTF-16 BE" };

/**
 * How one file was read, in one line: `layoutLine(r)` is e.g. "text, UTF-8 (valid UTF-8),
 * delimiter comma (detected), header on line 1". Typed files (Parquet, .xlsx) say their format only.
 */
export function layoutLine(r: TableReading): string {
  if (r.format !== "csv") return `${{ parquet: "Parquet", xlsx: "Excel workbook", postgresql: "PostgreSQL table or query" }[r.format]}${r.gzip ? ", gzip" : ""}, header from the ${r.format === "postgresql" ? "database" : "file"}`;
  const encoding = `${ENCODING_NAMES[r.encoding ?? "utf-8"] ?? r.encoding} (${r.encodingHow})`;
  const delimiter = `delimiter ${delimiterName(r.delimiter ?? ",")} (${r.delimiterDetected ? "detected" : "set by the mapping"})`;
  const quotes = r.quoting === false && r.delimiter !== "whitespace" ? ", quotes read as text (no value is quoted)" : "";
  return `text${r.gzip ? " (gzip)" : ""}, ${encoding}, ${delimiter}${quotes}, ${r.header ? "header on line 1" : "no header line"}`;
}

/** Which source header became each canonical column: `invoice <- InvoiceNo, quantity <- Quantity` (recognised headers marked). */
export function columnsLine(r: TableReading): string {
  const cols = Object.entries(r.columns).map(([c, h]) => `${c} <- ${h}${r.recognised.includes(c) ? "*" : ""}`);
  const extras = Object.entries(r.extras).map(([h, t]) => `${h} (${t})`);
  return `${cols.join(", ")}${r.recognised.length ? " (* recognised from the header)" : ""}${extras.length ? `; kept as they are: ${extras.join(", ")}` : ""}`;
}

/** Lines describing one table's reading: layout and rows, columns, notes. */
export function tableReadingLines(label: string, r: TableReading): string[] {
  const blank = r.trailingBlankLines ? `; ${fmtCount(r.trailingBlankLines, "empty line")} at the end not read` : "";
  return [
    `${label} ${r.file}: ${fmtCount(r.rows, "row")}; ${layoutLine(r)}${blank}`,
    `  columns: ${columnsLine(r)}`,
    ...r.notes.map((n) => `  note: ${n}`),
  ];
}

/** Lines describing how a dataset was read (every table, then the dataset-wide rules). */
export function readingLines(reading: DatasetReading): string[] {
  const lines = tableReadingLines("transactions", reading.transactions);
  if (reading.customers) lines.push(...tableReadingLines("customers", reading.customers));
  if (reading.products) lines.push(...tableReadingLines("products", reading.products));
  lines.push(
    `  rules: duplicates ${reading.duplicates === "keep" ? 'kept ("duplicates": "keep": identical lines are real purchases)' : "dropped (exact copies of an earlier line)"}; ` +
      `time zone ${reading.timezone}${reading.timezone === "UTC" ? " (the default; times with an offset are converted to it)" : ""}`,
  );
  return lines;
}
