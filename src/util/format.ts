/**
 * Numbers as they read in sentences and tables: findings are template strings over computed
 * values formatted with these, so every figure a reader sees comes from the data. Analysis
 * modules use them for their action sentences; the display layer for tables.
 */

/** Thousands separators: each position followed by a multiple of three digits to the end. */
const THOUSANDS = /\B(?=(\d{3})+$)/g;

/**
 * `1234567.8` -> `1,234,568` (rounded to `digits` decimals, 0 by default, halves away from zero):
 * what `toLocaleString("en-GB")` writes. Whole numbers up to 2^53 are written without it, from
 * `toFixed(0)` (the same digits there), because the first call into the locale data costs 25 ms,
 * a tenth of a CLI command's own time.
 */
export function fmtInt(x: number, digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  if (digits === 0 && Math.abs(x) <= Number.MAX_SAFE_INTEGER) {
    const sign = x < 0 || Object.is(x, -0) ? "-" : ""; // en-GB writes -0.3 and -0 as "-0"
    return sign + Math.abs(x).toFixed(0).replace(THOUSANDS, ",");
  }
  return x.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A number with a sensible number of decimals: integers as integers, others to 2 places (3 below 1). */
export function fmtNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  return Number.isInteger(x) ? fmtInt(x) : fmtInt(x, Math.abs(x) < 1 ? 3 : 2);
}

/** `0.1234` -> `12.3%`. */
export function fmtPct(share: number, digits = 1): string {
  if (!Number.isFinite(share)) return String(share);
  return `${(share * 100).toFixed(digits)}%`;
}

/** A share that may be missing: `fmtPct`, or `missing` ("n/a" by default) for null. Example: fmtShare(null) -> "n/a". */
export function fmtShare(share: number | null, digits = 1, missing = "n/a"): string {
  return share === null ? missing : fmtPct(share, digits);
}

/** A figure that may be missing, to `digits` decimals, or `missing` ("n/a" by default) for null. Example: fmtDecimal(1.04321) -> "1.043"; fmtDecimal(null) -> "n/a". */
export function fmtDecimal(x: number | null, digits = 3, missing = "n/a"): string {
  return x === null ? missing : x.toFixed(digits);
}

/** Money with a currency symbol (pounds by default: the UCI shop is British): `£1,234.50`. */
export function fmtMoney(x: number, symbol = "£", digits = 0): string {
  if (!Number.isFinite(x)) return String(x);
  const sign = x < 0 ? "-" : "";
  return `${sign}${symbol}${fmtInt(Math.abs(x), digits)}`;
}

/** A date as `YYYY-MM-DD` (naive shop time, stored as UTC). */
export function fmtDate(d: Date | number): string {
  return new Date(d).toISOString().slice(0, 10);
}

/** `1st`, `2nd`, `3rd`, `4th`, ..., `11th`, `12th`, `13th`, `21st`. */
export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? "th" : ["th", "st", "nd", "rd"][n % 10] ?? "th";
  return `${n}${s}`;
}

/** A cell value as text for a table: numbers grouped, dates ISO, null as an empty cell. */
export function fmtCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) {
    const iso = v.toISOString();
    return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso.slice(0, 19).replace("T", " ");
  }
  if (typeof v === "number") return fmtNumber(v);
  if (typeof v === "bigint") return fmtInt(Number(v));
  if (typeof v === "boolean") return v ? "true" : "false";
  return String(v);
}
