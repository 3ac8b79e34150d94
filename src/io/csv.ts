/**
 * Exports for spreadsheets and CRMs: CSV text that cannot run as a formula when opened in a
 * spreadsheet, written atomically (an interrupted run never leaves a half file).
 */
import { writeSync } from "fs";
import type { DataFrame } from "nodejs-polars";
import { writeAtomic } from "./atomic";

/**
 * A text cell made safe for spreadsheets: a value starting with `=`, `+`, `-`, `@`, tab or
 * carriage return gets a leading `'` so that Excel, LibreOffice and Google Sheets show it as
 * text instead of evaluating it (OWASP "CSV injection"). Numbers are written as numbers.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** Text as a CSV field: quoted, with inner quotes doubled, when it holds a comma, quote or line break (RFC 4180). */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A value as a field of a data file (read back by a loader, so text is kept exactly):
 * empty for null and non-finite numbers, dates as `YYYY-MM-DD HH:MM:SS`, text quoted as needed.
 */
export function dataCsvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  if (typeof value === "bigint") return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 19).replace("T", " ");
  return quoteCsv(String(value));
}

/** A value as a field of an export meant for spreadsheets: `dataCsvField`, with text made `spreadsheetSafe`. */
export function csvField(value: unknown): string {
  return typeof value === "string" ? quoteCsv(spreadsheetSafe(value)) : dataCsvField(value);
}

/** A DataFrame as CSV text with a header row, every text cell spreadsheet-safe. */
export function toCsv(df: DataFrame): string {
  const lines = [df.columns.map(csvField).join(",")];
  const columns = df.getColumns().map((s) => s.toArray() as unknown[]); // one conversion per column, not per row
  const rows = df.height; // a call into polars: once, not per row
  for (let i = 0; i < rows; i++) lines.push(columns.map((c) => csvField(c[i])).join(","));
  return lines.join("\n") + "\n";
}


/** Writes text or bytes to a file atomically (see `writeAtomic`). */
export function writeFileAtomic(file: string, content: string | Buffer): void {
  writeAtomic(file, (fd) => writeSync(fd, typeof content === "string" ? Buffer.from(content, "utf8") : content));
}

/** Writes a DataFrame as spreadsheet-safe CSV, atomically. */
export function writeCsv(file: string, df: DataFrame): void {
  writeFileAtomic(file, toCsv(df));
}
