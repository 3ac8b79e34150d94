/** Small wording helpers for the data layer's messages and reports (no display layer here). */
import type { Series } from "nodejs-polars";

/**
 * The name of a Series' type: "String", "Float64", "Int64", "Bool", "Date", "Datetime"...
 * (`String(series.dtype)` is "DataType(String)", which no prefix test matches).
 */
export function dtypeOf(values: Series): string {
  return (values.dtype as unknown as { variant: string }).variant;
}


/** An integer with thousands separators: `fmtThousands(6919)` is "6,919". */
export function fmtThousands(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

/** A count with its noun, pluralised with "s": `fmtCount(1, "row")` is "1 row", `fmtCount(2000, "row")` is "2,000 rows". */
export function fmtCount(n: number, noun: string): string {
  return `${fmtThousands(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** A value quoted for a message, shortened to `max` characters: `quoted("abc", 2)` is `"ab..."`. */
export function quoted(value: unknown, max = 60): string {
  const s = String(value);
  return JSON.stringify(s.length > max ? `${s.slice(0, max)}...` : s);
}

/**
 * Levenshtein distance between two strings (insertions, deletions, substitutions each 1):
 * `editDistance("colums", "columns")` is 1.
 */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The valid name closest to `name` (case-insensitive edit distance, at most a third of its
 * length, and at least 2 edits allowed), or undefined: `closestName("dayfirst", ["dayFirst"])` is "dayFirst".
 */
export function closestName(name: string, valid: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const v of valid) {
    const d = editDistance(lower, v.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [v, d];
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}
