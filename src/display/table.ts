/**
 * DataFrames as HTML tables for notebooks and reports: the shape, each column's type, the
 * head and tail rows with a marker for the rows in between, numbers right-aligned.
 */
import type { DataFrame } from "nodejs-polars";
import { fmtCell, fmtInt } from "../util/index";
import { sendBundle, type MimeBundle } from "./kernel";

export interface TableOptions {
  /** most rows shown: head and tail halves when the table is longer (default 10) */
  limit?: number;
  /** a caption above the table */
  title?: string;
}

/** Escapes text for HTML. */
export function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Short type names: Float64 -> f64, String -> str, Datetime(ms) -> datetime. */
export function shortType(dtype: unknown): string {
  const t = String(dtype).replace(/^DataType\((.*)\)$/, "$1");
  if (t.startsWith("Datetime")) return "datetime";
  const map: Record<string, string> = { Float64: "f64", Float32: "f32", Int64: "i64", Int32: "i32", UInt32: "u32", UInt64: "u64", String: "str", Utf8: "str", Boolean: "bool", Date: "date" };
  return map[t] ?? t.toLowerCase();
}

/** The row indices to show: all when they fit, else the first and last halves of `limit`. */
export function visibleRows(height: number, limit: number): { head: number[]; tail: number[] } {
  if (height <= limit) return { head: [...Array(height).keys()], tail: [] };
  const h = Math.ceil(limit / 2);
  const t = Math.floor(limit / 2);
  return { head: [...Array(h).keys()], tail: [...Array(t).keys()].map((i) => height - t + i) };
}

const STYLE =
  "<style>.rl-table{border-collapse:collapse;font:13px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:4px 0}" +
  ".rl-table th,.rl-table td{padding:3px 10px;border-bottom:1px solid #e5e7eb;text-align:left!important;white-space:nowrap}" +
  ".rl-table td.num{text-align:right!important;font-variant-numeric:tabular-nums}.rl-table thead th{border-bottom:2px solid #9ca3af}" +
  ".rl-table .dtype{color:#6b7280;font-weight:normal;font-size:11px}.rl-table tr.gap td{color:#9ca3af;text-align:center}" +
  ".rl-shape{color:#6b7280;font:12px system-ui,sans-serif}.rl-title{font:600 14px system-ui,sans-serif;margin-top:6px}</style>";

/** The HTML of a table (shape line, typed header, head and tail rows). */
export function tableHtml(df: DataFrame, options: TableOptions = {}): string {
  const limit = options.limit ?? 10;
  const { head, tail } = visibleRows(df.height, limit);
  const numeric = df.dtypes.map((t) => /Float|Int/.test(String(t)));
  const rows = (idx: number[]) =>
    idx
      .map((i) => {
        const r = df.row(i);
        return `<tr>${r.map((v, j) => `<td${numeric[j] ? ' class="num"' : ""}>${escapeHtml(fmtCell(v))}</td>`).join("")}</tr>`;
      })
      .join("");
  const gap = tail.length ? `<tr class="gap"><td colspan="${df.width}">… ${fmtInt(df.height - head.length - tail.length)} more rows …</td></tr>` : "";
  const header = df.columns
    .map((c, j) => `<th>${escapeHtml(c)}<br><span class="dtype">${shortType(df.dtypes[j])}</span></th>`)
    .join("");
  const title = options.title ? `<div class="rl-title">${escapeHtml(options.title)}</div>` : "";
  const shape = `<div class="rl-shape">${fmtInt(df.height)} rows × ${fmtInt(df.width)} columns</div>`;
  return `${STYLE}${title}${shape}<table class="rl-table"><thead><tr>${header}</tr></thead><tbody>${rows(head)}${gap}${rows(tail)}</tbody></table>`;
}

/** The same table as aligned plain text (terminals, logs, renderers without HTML). */
export function tableText(df: DataFrame, options: TableOptions = {}): string {
  const limit = options.limit ?? 10;
  const { head, tail } = visibleRows(df.height, limit);
  const body = [...head.map((i) => df.row(i).map(fmtCell)), ...(tail.length ? [df.columns.map(() => "…")] : []), ...tail.map((i) => df.row(i).map(fmtCell))];
  const all = [df.columns, ...body];
  const widths = df.columns.map((_, j) => Math.max(...all.map((r) => r[j].length)));
  const line = (r: string[]) => r.map((c, j) => c.padEnd(widths[j])).join("  ").trimEnd();
  const title = options.title ? `${options.title}\n` : "";
  return `${title}${fmtInt(df.height)} rows × ${fmtInt(df.width)} columns\n${all.map(line).join("\n")}`;
}

/** A table as a MIME bundle (HTML and plain text). */
export function tableBundle(df: DataFrame, options: TableOptions = {}): MimeBundle {
  return { "text/html": tableHtml(df, options), "text/plain": tableText(df, options) };
}

/** Shows a DataFrame in the notebook (no-op outside a kernel). */
export function showTable(df: DataFrame, options: TableOptions = {}): void {
  sendBundle(tableBundle(df, options));
}
