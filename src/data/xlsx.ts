/** Streaming .xlsx reading with exceljs (Online Retail II is 1 M rows in two sheets). */
import { UserError } from "../errors";

/** One worksheet: its header row and its data rows as text (null for empty cells). */
export interface Sheet {
  name: string;
  headers: string[];
  rows: (string | null)[][];
}

/** Formats a worksheet date (exceljs returns the cell's wall-clock time as UTC) as text. */
export function formatSheetDate(d: Date): string {
  return d.toISOString().slice(0, 19).replace("T", " ");
}

function cellText(v: unknown): string | null {
  if (v === null || v === undefined || v === "") return null;
  if (v instanceof Date) return formatSheetDate(v);
  if (typeof v === "object") {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[] };
    if (o.richText) return o.richText.map((t) => t.text).join("");
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return String(o.text);
  }
  return String(v);
}

/** Reads every worksheet of a workbook: first row as headers, the rest as text rows. */
export async function readXlsxSheets(file: string): Promise<Sheet[]> {
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const ExcelJS = require("exceljs");
  const sheets: Sheet[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: "emit", sharedStrings: "cache", styles: "cache" });
    for await (const ws of reader) {
      const sheet: Sheet = { name: String((ws as { name?: string }).name ?? `sheet${sheets.length + 1}`), headers: [], rows: [] };
      for await (const row of ws as AsyncIterable<{ values: unknown[] }>) {
        const values = (row.values as unknown[]).slice(1).map(cellText);
        if (sheet.headers.length === 0) {
          sheet.headers = values.map((v) => (v ?? "").trim());
          continue;
        }
        const padded = sheet.headers.map((_, j) => values[j] ?? null);
        if (padded.some((v) => v !== null)) sheet.rows.push(padded);
      }
      if (sheet.headers.length > 0 && sheet.rows.length > 0) sheets.push(sheet);
    }
  } catch (e) {
    if ((e as Error).name === "UserError") throw e;
    throw new UserError(`${file}: could not be read as an .xlsx workbook (${(e as Error).message}).`);
  }
  return sheets;
}
