/**
 * Dates in the forms found in sales exports: ISO (`2010-12-01 08:26:00`), US month-first
 * (`12/1/2010 8:26`, the UCI file as Excel saved it) and day-first (`01/12/2010`, with an
 * explicit flag, because `01/12/2010` is 1 December or 12 January depending on the country).
 *
 * Slash and dot dates are rewritten to ISO text with a regular expression and then parsed as
 * ISO: polars' strptime with `%m/%d/%Y` silently returns a wrong date for `31/12/2010`, while
 * its ISO parser rejects impossible dates (month 31, 30 February) as it should.
 */
import pl, { type Series } from "nodejs-polars";
import { UserError } from "../errors";

/** How to read a date column. */
export interface DateOptions {
  /** For slash dates: true when the day comes first (`31/12/2011`). Month-first by default. */
  dayFirst?: boolean;
  /** Empty values become null instead of an error (profile dates such as a signup date). */
  allowEmpty?: boolean;
  /**
   * A strptime format. `%d/%m/%Y...` and `%m/%d/%Y...` only set the day order; any other
   * format is handed to polars as it is.
   */
  format?: string;
}

const ISO_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"];
const NUMERIC_DATE = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2}|\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

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
  const a = input.toArray() as unknown[];
  const b = parsed.toArray() as unknown[];
  for (let i = 0; i < a.length; i++) if (b[i] === null && a[i] !== null) return i;
  return -1;
}

/** Index of the first true value of a boolean Series, -1 when none. */
export function firstIndex(mask: Series): number {
  return (mask.toArray() as (boolean | null)[]).indexOf(true);
}

/**
 * Rewrites `d/m/y`, `m/d/y` (and `.` separated) dates, with optional `H:MM[:SS]`, as ISO
 * `YYYY-MM-DD HH:MM:SS` text. Two-digit years are 20yy. Values of another shape become null.
 */
export function numericDatesToIso(values: Series, dayFirst: boolean): Series {
  const part = (i: number) => pl.col("v").str.extract(NUMERIC_DATE.source, i);
  const pad2 = (e: ReturnType<typeof part>) => e.str.padStart(2, "0");
  const [first, second, year, hour, minute, secondOfMinute] = [1, 2, 3, 4, 5, 6].map(part);
  const fullYear = pl.when(year.str.lengths().eq(2)).then(pl.concatString([pl.lit("20"), year], "")).otherwise(year);
  const month = dayFirst ? second : first;
  const day = dayFirst ? first : second;
  const iso = pl.concatString(
    [
      fullYear, pl.lit("-"), pad2(month), pl.lit("-"), pad2(day), pl.lit(" "),
      pad2(hour.fillNull("0")), pl.lit(":"), minute.fillNull("00"), pl.lit(":"), secondOfMinute.fillNull("00"),
    ],
    "",
  );
  return pl.DataFrame([values.alias("v")]).select(iso.alias("v")).getColumn("v");
}

/** Rewrites ISO dates with optional or partial time (`2010-12-01`, `2010-12-01 8:26`) in full. */
function isoDatesToFull(values: Series): Series {
  const part = (i: number) => pl.col("v").str.extract(ISO_DATE.source, i);
  const pad2 = (e: ReturnType<typeof part>) => e.str.padStart(2, "0");
  const [y, m, d, hh, mm, ss] = [1, 2, 3, 4, 5, 6].map(part);
  const iso = pl.concatString(
    [y, pl.lit("-"), pad2(m), pl.lit("-"), pad2(d), pl.lit(" "), pad2(hh.fillNull("0")), pl.lit(":"), mm.fillNull("00"), pl.lit(":"), ss.fillNull("00")],
    "",
  );
  const full = pl.DataFrame([values.alias("v")]).select(iso.alias("v")).getColumn("v");
  // values with fractional seconds or a `T` do not match ISO_DATE: keep them as they are
  return full.zipWith(full.isNotNull(), values);
}

function parseIso(text: Series): Series {
  let best: Series | null = null;
  for (const format of ISO_FORMATS) {
    const parsed = text.str.strptime(pl.Datetime("ms"), format);
    if (parsed.nullCount() === text.nullCount()) return parsed;
    if (!best || parsed.nullCount() < best.nullCount()) best = parsed;
  }
  return best as Series;
}

/**
 * Parses a text column into timestamps (Datetime, ms, naive shop time). Every non-empty value
 * must parse; the first one that does not is reported with its file, column, row and text.
 */
export function parseDateColumn(values: Series, options: DateOptions, where: { file: string; column: string }): Series {
  if (String(values.dtype).startsWith("Datetime")) return values.cast(pl.Datetime("ms"));
  if (String(values.dtype) === "Date") return values.cast(pl.Datetime("ms"));
  const input = blankToNull(values);
  if (input.nullCount() === input.length) {
    if (options.allowEmpty) return input.cast(pl.Datetime("ms")).alias(values.name);
    throw new UserError(`${where.file}: column "${where.column}" has no dates at all.`);
  }
  if (input.nullCount() > 0 && !options.allowEmpty) {
    const row = firstIndex(input.isNull());
    throw new UserError(`${where.file}: column "${where.column}" has an empty date at row ${row + 1}; every transaction needs a date.`);
  }
  const format = options.format;
  let dayFirst = options.dayFirst ?? false;
  if (format && /^%d[/.]%m/.test(format)) dayFirst = true;
  if (format && /^%m[/.]%d/.test(format)) dayFirst = false;
  const custom = format && !/^%[dm][/.]%[dm]/.test(format) && !/^%Y-%m-%d/.test(format);

  const sample = String(input.get(firstIndex(input.isNotNull())));
  let parsed: Series;
  let described: string;
  if (custom) {
    parsed = input.str.strptime(pl.Datetime("ms"), format as string);
    described = `the format ${format}`;
  } else if (NUMERIC_DATE.test(sample)) {
    parsed = parseIso(numericDatesToIso(input, dayFirst));
    described = dayFirst ? "a day-first date (dd/mm/yyyy)" : "a month-first date (mm/dd/yyyy)";
  } else if (/^\d{4}-\d{1,2}-\d{1,2}/.test(sample)) {
    // the common case first: full ISO text parses directly, without rewriting
    const direct = parseIso(input);
    parsed = direct.nullCount() === 0 ? direct : parseIso(isoDatesToFull(input));
    described = "an ISO date (yyyy-mm-dd hh:mm:ss)";
  } else {
    throw new UserError(
      `${where.file}: column "${where.column}" row 1 has "${sample}", which is not a date form this loader knows ` +
        `(yyyy-mm-dd hh:mm:ss, m/d/yyyy h:mm, dd/mm/yyyy with dayFirst); give its format in the mapping ("dateFormat").`,
    );
  }
  const bad = parsed.nullCount() - input.nullCount();
  if (bad > 0) {
    const row = firstFailed(input, parsed);
    const value = String(input.get(row));
    const m = NUMERIC_DATE.exec(value);
    const hint = !dayFirst && m && Number(m[1]) > 12 ? ' It looks day-first: set "dayFirst": true in the mapping.' : "";
    throw new UserError(
      `${where.file}: column "${where.column}" row ${row + 1} has the date "${value}", which does not read as ${described} (${bad} such row${bad > 1 ? "s" : ""}).${hint}`,
    );
  }
  return parsed.cast(pl.Datetime("ms")).alias(values.name);
}
