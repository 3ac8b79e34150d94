/**
 * Dates in the forms found in sales exports, read whole (no trailing text ignored) into naive
 * timestamps in the shop's time zone (Datetime ms).
 *
 * Without a `dateFormat`, three forms are read: ISO (`2010-12-01 08:26:00`, `2010-12-01`,
 * `2010-12-01T08:26:00.5`, with an optional offset `Z`, `+02:00`), slash or dot dates with a
 * four-digit year, month first (`12/1/2010 8:26`, the UCI file as Excel saved it) or day first
 * with `dayFirst` (`01/12/2010`, because it is 1 December or 12 January depending on the
 * country). Any other form takes a strftime `dateFormat` (`%Y%m%d`, `%d.%m.%Y %H:%M`,
 * `%m/%d/%y %I:%M %p`; directives listed in `DIRECTIVES`). Two-digit years are read only with
 * an explicit `%y` (00-68 are 2000-2068, 69-99 are 1969-1999, the POSIX rule).
 *
 * How: the format becomes an anchored regular expression with one group per part; polars
 * extracts the parts, they are written as ISO text and parsed by polars' ISO parser, which
 * refuses impossible dates (30 February, month 13). polars' strptime itself is not used on the
 * source text: it ignores trailing text and reads `31/12/2010` with `%m/%d/%Y` as null.
 *
 * Time zones: a value without an offset is the shop's local time already. A value with an offset
 * (or a `%s` epoch) is an instant, converted into the shop's zone (`timezone`, an IANA name,
 * default UTC). Dates before 1900 or more than a year after today are refused.
 */
import pl, { type Expr, type Series } from "nodejs-polars";
import { UserError } from "../errors";
import { mapRuns } from "../util/index";
import { closestName, dtypeOf, fmtCount, quoted } from "./describe";

/** How to read a date column (the mapping keys of the same names). */
export interface DateOptions {
  /** For slash and dot dates without a format: true when the day comes first (`31/12/2011`). Month first by default. */
  dayFirst?: boolean;
  /** A strftime format the whole value must match (see `DIRECTIVES`). */
  dateFormat?: string;
  /** The shop's time zone, an IANA name (`Europe/London`); values with an offset are converted into it. Default UTC. */
  timezone?: string;
}

/** `DateOptions` plus what a loader decides: empty values allowed (profile dates), and "today" for the range rule. */
export interface ParseDateOptions extends DateOptions {
  allowEmpty?: boolean;
  now?: Date;
}

/** The earliest date accepted. */
export const EARLIEST_DATE = "1900-01-01";

type Part = "Y" | "y" | "m" | "b" | "d" | "H" | "I" | "M" | "S" | "f" | "p" | "z" | "s";

/** strftime directives understood by `dateFormat`, with the text each one matches. */
export const DIRECTIVES: Record<string, { regex: string; part?: Part; means: string }> = {
  "%Y": { regex: "(\\d{4})", part: "Y", means: "four-digit year" },
  "%y": { regex: "(\\d{2})", part: "y", means: "two-digit year" },
  "%m": { regex: "(\\d{1,2})", part: "m", means: "month number" },
  "%b": { regex: "([A-Za-z]{3,4})", part: "b", means: "month abbreviation (Jan)" },
  "%h": { regex: "([A-Za-z]{3,4})", part: "b", means: "month abbreviation (Jan)" },
  "%B": { regex: "([A-Za-z]{3,9})", part: "b", means: "month name (January)" },
  "%d": { regex: "(\\d{1,2})", part: "d", means: "day of the month" },
  "%e": { regex: " ?(\\d{1,2})", part: "d", means: "day of the month, space padded" },
  "%H": { regex: "(\\d{1,2})", part: "H", means: "hour 0-23" },
  "%I": { regex: "(\\d{1,2})", part: "I", means: "hour 1-12" },
  "%M": { regex: "(\\d{2})", part: "M", means: "minute" },
  "%S": { regex: "(\\d{2})", part: "S", means: "second" },
  "%f": { regex: "(\\d{1,9})", part: "f", means: "fraction of a second (digits)" },
  "%.f": { regex: "\\.(\\d{1,9})", part: "f", means: "fraction of a second with its dot" },
  "%p": { regex: "([AaPp]\\.?[Mm]\\.?)", part: "p", means: "AM or PM" },
  "%z": { regex: "(Z|[+-]\\d{2}(?::?\\d{2})?)", part: "z", means: "UTC offset (+0200, +02:00, Z)" },
  "%:z": { regex: "(Z|[+-]\\d{2}(?::?\\d{2})?)", part: "z", means: "UTC offset (+02:00)" },
  "%s": { regex: "(-?\\d{1,12})", part: "s", means: "seconds since 1970-01-01 UTC" },
  "%a": { regex: "(?:[A-Za-z]{3,9})", means: "weekday name (not checked)" },
  "%A": { regex: "(?:[A-Za-z]{3,9})", means: "weekday name (not checked)" },
  "%%": { regex: "%", means: "a percent sign" },
};

/** Shorthands expanded before compiling. */
const SHORTHANDS: Record<string, string> = { "%T": "%H:%M:%S", "%R": "%H:%M", "%F": "%Y-%m-%d", "%D": "%m/%d/%y" };

/** A date form compiled to an anchored regular expression: the group number of each part. */
export interface DatePattern {
  regex: string;
  groups: Partial<Record<Part, number>>;
  /** in words, for messages: "the format %Y%m%d" */
  described: string;
}

/**
 * Compiles a strftime format into a `DatePattern`; an unknown directive is refused in one
 * sentence. `compileDateFormat("%Y%m%d").regex` is `^(\d{4})(\d{1,2})(\d{1,2})$`.
 */
export function compileDateFormat(format: string, where = "the mapping"): DatePattern {
  const expanded = Object.entries(SHORTHANDS).reduce((f, [k, v]) => f.split(k).join(v), format);
  let regex = "^";
  const groups: Partial<Record<Part, number>> = {};
  let n = 0;
  for (let i = 0; i < expanded.length; i++) {
    const c = expanded[i];
    if (c !== "%") {
      regex += c === " " ? " +" : c.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
      continue;
    }
    const key = [expanded.slice(i, i + 3), expanded.slice(i, i + 2)].find((k) => DIRECTIVES[k]);
    if (!key) {
      throw new UserError(
        `${where}: the dateFormat ${quoted(format)} has ${quoted(expanded.slice(i, i + 2))}, which is not a directive this loader reads ` +
          `(it reads ${Object.keys(DIRECTIVES).join(" ")} ${Object.keys(SHORTHANDS).join(" ")}).`,
      );
    }
    const d = DIRECTIVES[key];
    regex += d.regex;
    if (d.part) {
      if (groups[d.part] !== undefined) throw new UserError(`${where}: the dateFormat ${quoted(format)} gives the ${d.means} twice.`);
      groups[d.part] = ++n;
    }
    i += key.length - 1;
  }
  const has = (p: Part) => groups[p] !== undefined;
  if (!has("s") && !((has("Y") || has("y")) && (has("m") || has("b")) && has("d"))) {
    throw new UserError(`${where}: the dateFormat ${quoted(format)} needs a year (%Y or %y), a month (%m or %b) and a day (%d), or %s.`);
  }
  if (has("I") !== has("p")) throw new UserError(`${where}: the dateFormat ${quoted(format)} uses ${has("I") ? "%I without %p" : "%p without %I"}; a 12-hour clock needs both.`);
  return { regex: regex + "$", groups, described: `the format ${format}` };
}

const OFFSET = "(?:\\s*(Z|[+-]\\d{2}(?::?\\d{2})?))?";
/** ISO dates, with an optional time, fraction and offset. */
export const ISO_PATTERN: DatePattern = {
  regex: `^(\\d{4})-(\\d{1,2})-(\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?${OFFSET}$`,
  groups: { Y: 1, m: 2, d: 3, H: 4, M: 5, S: 6, f: 7, z: 8 },
  described: "an ISO date (yyyy-mm-dd hh:mm:ss)",
};

/** Slash or dot dates with a four-digit year and an optional `h:mm[:ss]`, day or month first. */
export function slashPattern(dayFirst: boolean): DatePattern {
  return {
    regex: "^(\\d{1,2})[/.](\\d{1,2})[/.](\\d{4})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?)?$",
    groups: dayFirst ? { d: 1, m: 2, Y: 3, H: 4, M: 5, S: 6 } : { m: 1, d: 2, Y: 3, H: 4, M: 5, S: 6 },
    described: dayFirst ? "a day-first date (dd/mm/yyyy)" : "a month-first date (mm/dd/yyyy)",
  };
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** Month number (1-12) of a captured month name or abbreviation (`Sept` included), null otherwise. */
function monthOfName(text: Expr): Expr {
  const t = text.str.toLowerCase();
  let e: Expr = pl.lit(null).cast(pl.Int32);
  for (let i = 11; i >= 0; i--) {
    const names = [MONTHS[i], MONTH_NAMES[i], ...(i === 8 ? ["sept"] : [])];
    e = pl.when(t.isIn(names)).then(pl.lit(i + 1)).otherwise(e);
  }
  return e.cast(pl.Int32);
}

/** Text of `e` (Int32) left-padded with zeros to `width`. */
const padded = (e: Expr, width: number) => e.cast(pl.Int32).cast(pl.Utf8).str.padStart(width, "0");

/**
 * The parts of the pattern as expressions over the frame of its groups (one text column per
 * part, see `parseWithPattern`): year, month, day, hour, minute, second as Int32, the fraction
 * in ms, the offset in minutes (null without one), epoch ms for %s.
 */
function partExprs(p: DatePattern) {
  const g = (part: Part) => (p.groups[part] === undefined ? null : pl.col(part));
  const int = (e: Expr | null, fallback: number | null) => (e ? e.cast(pl.Int32) : pl.lit(fallback).cast(pl.Int32));
  const yy = g("y");
  const year = yy ? pl.when(yy.cast(pl.Int32).lt(69)).then(yy.cast(pl.Int32).add(2000)).otherwise(yy.cast(pl.Int32).add(1900)) : int(g("Y"), null);
  const month = g("b") ? monthOfName(g("b") as Expr) : int(g("m"), null);
  const pm = g("p") ? (g("p") as Expr).str.toLowerCase().str.startsWith("p") : null;
  const hour12 = g("I") ? pl.when(int(g("I"), 0).gt(12).or(int(g("I"), 0).lt(1))).then(pl.lit(null)).otherwise(int(g("I"), 0).modulo(12)) : null;
  const hour = hour12 && pm ? pl.when(pm).then(hour12.add(12)).otherwise(hour12) : int(g("H"), 0).fillNull(0);
  const fraction = g("f") ? (g("f") as Expr).str.padEnd(3, "0").str.slice(0, 3).cast(pl.Int64).fillNull(0) : pl.lit(0).cast(pl.Int64);
  const z = g("z");
  const sign = z ? pl.when(z.str.startsWith("-")).then(pl.lit(-1)).otherwise(pl.lit(1)) : null;
  const offsetMinutes = z && sign
    ? pl.when(z.eq(pl.lit("Z"))).then(pl.lit(0)).otherwise(
        sign.mul(z.str.slice(1, 2).cast(pl.Int32).mul(60).add(z.str.replace(":", "").str.slice(3, 2).cast(pl.Int32).fillNull(0))),
      ).cast(pl.Int64)
    : null;
  return {
    year, month, day: int(g("d"), null), hour, minute: int(g("M"), 0).fillNull(0), second: int(g("S"), 0).fillNull(0),
    fraction, offsetMinutes, epochMs: g("s") ? (g("s") as Expr).cast(pl.Int64).mul(1000) : null,
  };
}

/** The date column's timestamps (ms) in the shop's zone, from an instant in UTC ms. */
function utcToShop(utcMs: Expr, timezone: string): Expr {
  const utc = utcMs.cast(pl.Datetime("ms")).dt.replaceTimeZone("UTC");
  return (timezone === "UTC" ? utc : utc.dt.convertTimeZone(timezone)).dt.replaceTimeZone(undefined as unknown as string).cast(pl.Datetime("ms"));
}

/**
 * Parses text values (blank already null) with a pattern into naive shop-time timestamps
 * (Datetime ms); values that do not match or are impossible dates come out null.
 */
export function parseWithPattern(values: Series, pattern: DatePattern, timezone = "UTC"): Series {
  // each text is read on its own, so once per run of equal texts (a sales line repeats its invoice's time)
  return mapRuns(values, (firsts) => parseEachWithPattern(firsts, pattern, timezone));
}

/** `parseWithPattern` on every value. */
function parseEachWithPattern(values: Series, pattern: DatePattern, timezone: string): Series {
  // each group extracted once, into its own column; the parts are computed from those columns
  const groups = Object.entries(pattern.groups).map(([part, i]) => pl.col("v").str.extract(pattern.regex, i as number).alias(part));
  const frame = pl.DataFrame([values.cast(pl.Utf8).alias("v")]).select(...groups);
  const p = partExprs(pattern);
  const iso = pl.concatString(
    [padded(p.year, 4), pl.lit("-"), padded(p.month, 2), pl.lit("-"), padded(p.day, 2), pl.lit(" "), padded(p.hour, 2), pl.lit(":"), padded(p.minute, 2), pl.lit(":"), padded(p.second, 2)],
    "",
  );
  const naive = iso.str.strptime(pl.Datetime("ms"), "%Y-%m-%d %H:%M:%S").cast(pl.Datetime("ms")).cast(pl.Int64).add(p.fraction);
  let out: Expr;
  if (p.epochMs) out = utcToShop(p.epochMs, timezone);
  else if (p.offsetMinutes) {
    const shifted = utcToShop(naive.minus(p.offsetMinutes.mul(60_000)), timezone);
    out = pl.when(p.offsetMinutes.isNull()).then(naive.cast(pl.Datetime("ms"))).otherwise(shifted);
  } else out = naive.cast(pl.Datetime("ms"));
  return frame.select(out.alias("v")).getColumn("v").alias(values.name);
}

/** Text trimmed, with empty strings as null. */
export function blankToNull(values: Series): Series {
  const c = pl.col("v").cast(pl.Utf8).str.strip();
  return pl
    .DataFrame([values.alias("v")])
    .select(pl.when(c.eq(pl.lit(""))).then(pl.lit(null)).otherwise(c).alias("v"))
    .getColumn("v")
    .alias(values.name);
}

/** Index of the first row where `parsed` is null but `input` is not (a value that failed to parse), -1 when none. */
export function firstFailed(input: Series, parsed: Series): number {
  return firstIndex(pl.DataFrame([input.isNotNull().alias("a"), parsed.isNull().alias("b")]).select(pl.col("a").and(pl.col("b")).alias("m")).getColumn("m"));
}

/** Index of the first true value of a boolean Series, -1 when none. */
export function firstIndex(mask: Series): number {
  const hits = pl.DataFrame([mask.alias("m")]).withRowCount("i").filter(pl.col("m")).head(1).getColumn("i").toArray();
  return hits.length ? Number(hits[0]) : -1;
}

/** Common strftime formats, tried on values of an unknown form to suggest a `dateFormat`. */
export const CANDIDATE_FORMATS = [
  "%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y%m%d", "%Y%m%d%H%M%S", "%d.%m.%Y", "%d.%m.%Y %H:%M", "%d/%m/%Y", "%m/%d/%Y", "%d/%m/%Y %H:%M",
  "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p", "%m/%d/%Y %I:%M:%S %p", "%Y-%m-%d %I:%M:%S %p", "%d-%m-%Y", "%d-%b-%Y", "%d-%b-%y", "%d %b %Y",
  "%b %d %Y", "%b %d, %Y", "%B %d, %Y", "%d %B %Y", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%m/%d/%y", "%d/%m/%y", "%y%m%d", "%Y-%m-%dT%H:%M:%S%z",
  "%a %b %d %H:%M:%S %Y", "%s",
];

/**
 * The candidate formats that read every one of `values` (text, blanks null) as a date in the
 * accepted range: `dateFormatsMatching(["19970101"])` includes "%Y%m%d".
 */
export function dateFormatsMatching(values: Series, now = new Date()): string[] {
  const text = blankToNull(values);
  const n = text.length - text.nullCount();
  if (n === 0) return [];
  // epoch seconds read any run of digits: tried only on ten-digit values (2001-09-09 to 2286)
  const epochs = (text.dropNulls().head(50).toArray() as unknown[]).every((v) => /^\d{10}$/.test(String(v)));
  return CANDIDATE_FORMATS.filter((f) => (f !== "%s" || epochs) && readsEvery(text, compileDateFormat(f), now));
}

/**
 * True when the pattern reads every value (text, blanks null) as a date in the accepted range:
 * a cheap first cut in JS on the first 50 values, then the exact check in polars on all of them.
 */
export function readsEvery(text: Series, pattern: DatePattern, now = new Date()): boolean {
  const re = new RegExp(pattern.regex);
  if (!(text.dropNulls().head(50).toArray() as unknown[]).every((v) => re.test(String(v)))) return false;
  const parsed = parseWithPattern(text, pattern);
  return parsed.nullCount() === text.nullCount() && outOfRange(parsed, now) === null;
}

/** The latest date accepted: a year after `now`. */
export function latestDate(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate(), 23, 59, 59));
}

/** The first row (0-based) of a parsed column outside 1900-01-01 .. a year after `now`, with the side; null when none. */
function outOfRange(parsed: Series, now: Date): { row: number; early: boolean } | null {
  const min = Date.parse(`${EARLIEST_DATE}T00:00:00Z`);
  const max = latestDate(now).getTime();
  const ms = pl.col("v").cast(pl.Int64);
  const df = pl.DataFrame([parsed.alias("v")]);
  // min and max first (no column is made); the row only when one is out of range
  const { lo: low, hi: high } = df.select(pl.col("v").min().alias("lo"), pl.col("v").max().alias("hi")).toRecords()[0] as unknown as { lo: Date | null; hi: Date | null };
  if (low && low.getTime() < min) return { row: firstIndex(df.select(ms.lt(pl.lit(min)).alias("m")).getColumn("m")), early: true };
  if (high && high.getTime() > max) return { row: firstIndex(df.select(ms.gt(pl.lit(max)).alias("m")).getColumn("m")), early: false };
  return null;
}

/** Why a value of the auto forms failed, as a hint for the message. */
function hintFor(value: string, pattern: DatePattern, dayFirst: boolean, auto: boolean): string {
  const slash = /^(\d{1,2})[/.](\d{1,2})[/.](\d+)/.exec(value);
  if (auto && slash && slash[3].length === 2) return ` It has a two-digit year: give its format with %y, e.g. "dateFormat": "${dayFirst ? "%d/%m/%y" : "%m/%d/%y"}".`;
  if (auto && slash && !dayFirst && Number(slash[1]) > 12) return ' It looks day-first: set "dayFirst": true in the mapping.';
  if (auto && /\b[AaPp]\.?[Mm]\.?$/.test(value)) return ' It has AM/PM: give its format with %I and %p, e.g. "dateFormat": "%Y-%m-%d %I:%M:%S %p".';
  if (new RegExp(pattern.regex).test(value)) return " There is no such day or time.";
  if (auto && pattern === ISO_PATTERN && /^\d{4}-\d{1,2}-\d{1,2}/.test(value)) return " Something follows the date and time that is not part of them.";
  return "";
}

/** The pattern for a column without a format, chosen from its first value; refused when no auto form fits. */
function autoPattern(sample: string, dayFirst: boolean, values: Series, where: { file: string; column: string }, row: number): DatePattern {
  if (/^\d{4}-\d{1,2}-\d{1,2}/.test(sample)) return ISO_PATTERN;
  if (/^\d{1,2}[/.]\d{1,2}[/.]\d{4}\b/.test(sample)) return slashPattern(dayFirst);
  const hint = hintFor(sample, ISO_PATTERN, dayFirst, true);
  const fits = hint ? [] : dateFormatsMatching(values.head(1000));
  const suggestion = fits.length ? ` It reads as ${fits.slice(0, 3).map((f) => `"${f}"`).join(" or ")}: set "dateFormat" in the mapping.` : hint || ' Give its format in the mapping ("dateFormat", e.g. "%d.%m.%Y").';
  throw new UserError(
    `${where.file}: column "${where.column}" row ${row + 1} has ${quoted(sample)}, which is not a date form read without a format ` +
      `(yyyy-mm-dd hh:mm:ss, m/d/yyyy h:mm, dd/mm/yyyy with dayFirst).${suggestion}`,
  );
}

/** The value of row `row` as text: dates as `YYYY-MM-DD HH:MM:SS`. */
function textAt(values: Series, row: number): string {
  const dtype = dtypeOf(values);
  if (dtype !== "Datetime" && dtype !== "Date") return String(values.get(row));
  // Series.get of a 64-bit value truncates it to 32 bits in nodejs-polars 0.24: read through toArray
  const date = values.cast(pl.Datetime("ms")).slice(row, 1).toArray()[0] as unknown as Date;
  return date.toISOString().slice(0, 19).replace("T", " ");
}

/** Refuses an unknown IANA time zone name, with the closest known one. */
export function checkTimezone(tz: string, where: string): void {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
  } catch {
    const names = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("timeZone") ?? [];
    const near = closestName(tz, names);
    throw new UserError(`${where}: "timezone" is ${quoted(tz)}, which is not an IANA time zone name${near ? `; did you mean "${near}"?` : ' (e.g. "Europe/London").'}`);
  }
}

/**
 * Parses a column into timestamps (Datetime ms, naive shop time). Every non-empty value must
 * read whole, and lie between 1900-01-01 and a year after today; the first one that does not is
 * reported with its file, column, row and text, and how many such rows there are.
 */
export function parseDateColumn(values: Series, options: ParseDateOptions, where: { file: string; column: string }): Series {
  const now = options.now ?? new Date();
  const timezone = options.timezone ?? "UTC";
  let parsed: Series;
  let input: Series;
  let described: string;
  const dtype = dtypeOf(values);
  if (dtype === "Datetime" || dtype === "Date") {
    input = values;
    const zoned = /Datetime\(\w+, *[^)\s]+\)/.test(String(values.dtype));
    parsed = zoned
      ? pl.DataFrame([values.alias("v")]).select(utcToShop(pl.col("v").dt.convertTimeZone("UTC").dt.replaceTimeZone(undefined as unknown as string).cast(pl.Datetime("ms")).cast(pl.Int64), timezone).alias("v")).getColumn("v")
      : values.cast(pl.Datetime("ms"));
    described = "a date";
  } else {
    input = blankToNull(/^(Int|UInt)/.test(dtype) ? values.cast(pl.Utf8) : values);
    if (input.nullCount() === input.length) {
      if (options.allowEmpty) return input.cast(pl.Datetime("ms")).alias(values.name);
      throw new UserError(`${where.file}: column "${where.column}" has no dates at all.`);
    }
    const first = firstIndex(input.isNotNull());
    const sample = String(input.get(first));
    const pattern = options.dateFormat ? compileDateFormat(options.dateFormat) : autoPattern(sample, options.dayFirst ?? false, input, where, first);
    parsed = parseWithPattern(input, pattern, timezone);
    described = pattern.described;
    const bad = parsed.nullCount() - input.nullCount();
    if (bad > 0) {
      const row = firstFailed(input, parsed);
      const value = String(input.get(row));
      const never = bad === input.length - input.nullCount();
      const fits = never && options.dateFormat ? dateFormatsMatching(input.head(1000), now) : [];
      const count = never ? `no value of the column does${fits.length ? `; its values read as ${fits.slice(0, 3).map((f) => `"${f}"`).join(" or ")}` : ""}` : fmtCount(bad, "such row");
      throw new UserError(
        `${where.file}: column "${where.column}" row ${row + 1} has the date ${quoted(value)}, which does not read as ${described}` +
          ` (${count}).${hintFor(value, pattern, options.dayFirst ?? false, !options.dateFormat)}`,
      );
    }
  }
  if (!options.allowEmpty && input.nullCount() > 0) {
    throw new UserError(`${where.file}: column "${where.column}" has an empty date at row ${firstIndex(input.isNull()) + 1}; every transaction needs a date.`);
  }
  const range = outOfRange(parsed, now);
  if (range) {
    const value = textAt(input, range.row);
    const limit = range.early ? `before ${EARLIEST_DATE}` : `after ${latestDate(now).toISOString().slice(0, 10)} (a year from today)`;
    throw new UserError(
      `${where.file}: column "${where.column}" row ${range.row + 1} has the date ${quoted(value)}, ${limit}; dates must lie between ${EARLIEST_DATE} and a year from today.`,
    );
  }
  return parsed.alias(values.name);
}
