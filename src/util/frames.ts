/** Small table operations shared by several domains, each with one documented, deterministic rule. */
import pl, { type DataFrame, type Expr, type Series } from "nodejs-polars";

/**
 * Per distinct `key`, the most frequent non-null `value` (the number of rows carrying it), ties
 * broken by the smaller value (text in code-point order); null when a key has no non-null value.
 * Columns `key` and `value`, one row per key, sorted by key. Example: key A with values x, y, y, null
 * and key B with z, w -> A y (2 rows against 1), B w (1 row each: "w" < "z").
 *
 * Unlike polars' `mode().first()`, whose pick among tied values changes from run to run, the
 * choice depends only on the rows: the frequency table is sorted and the first row per key kept
 * by position.
 */
export function mostFrequentBy(df: DataFrame, key: string, value: string): DataFrame {
  const counts = df
    .filter(pl.col(value).isNotNull())
    .groupBy([key, value])
    .agg(pl.len().alias("__rows"))
    .sort([pl.col(key), pl.col("__rows").mul(-1), pl.col(value)]);
  const picked = counts.filter(pl.col(key).isFirstDistinct()).select(key, value);
  const keys = df.select(pl.col(key)).unique().sort(key);
  return keys.join(picked, { on: key, how: "left" }).sort(key);
}

/**
 * `f(values)` computed once per run of equal consecutive values: `f` is applied to the first
 * value of each run and its result repeated over the run. The same Series as `f(values)` for any
 * `f` that maps each value on its own (a parse, a lookup), and much cheaper on sorted or grouped
 * columns: a million sales lines share their invoice's date text in runs, about 115,000 of them.
 * A null is a run of its own. Example: values a, a, b, a with f = upper -> A, A, B, A, computed
 * on a, b, a (3 runs of lengths 2, 1, 1).
 */
export function mapRuns(values: Series, f: (firsts: Series) => Series): Series {
  if (values.length < 2) return f(values).alias(values.name);
  const v = pl.col("v");
  // a row starts a run when it differs from the row before (a null never equals its neighbour)
  const starts = pl.DataFrame([values.alias("v")]).select(v, v.neq(v.shift(1)).fillNull(true).alias("__start"));
  // a filter's output comes in chunks, which some string expressions mishandle (lengths that do not match)
  const firsts = starts.filter(pl.col("__start")).getColumn("v").rechunk();
  const mapped = f(firsts);
  if (mapped.length !== firsts.length) throw new Error(`mapRuns: f returned ${mapped.length} values for ${firsts.length} runs; it must map each value on its own.`);
  // each row takes the value of its run: run number k - 1 (counting the starts) indexes `mapped`,
  // padded with nulls to the rows' length so that both sit in one frame
  const run = pl.col("__start").cast(pl.UInt32).cumSum().sub(pl.lit(1).cast(pl.UInt32));
  return pl
    .DataFrame([mapped.extendConstant(null, values.length - mapped.length).alias("__m"), starts.getColumn("__start")])
    .select(pl.col("__m").gather(run))
    .getColumn("__m")
    .alias(values.name);
}

/**
 * Text parsed as Datetime("us") with a strptime `format` that must match the whole text (null
 * where it does not, or the date is impossible). nodejs-polars' `str.strptime` asks polars to
 * search for the format anywhere in the text (`exact: false`), four times slower than matching
 * the whole text; this asks for the exact match through the library's own wrapper (`pl.Expr`)
 * of the same native call. `"2024-02-29 23:59:59"` with `"%Y-%m-%d %H:%M:%S"` is
 * 1,709,251,199,000,000 us; `"2023-02-29 00:00:00"` and `"2023-01-05 10:20:30.5"` are null.
 */
export function strptimeExact(text: Expr, format: string): Expr {
  const native = (text as unknown as { _expr: { strToDatetime(...args: unknown[]): unknown } })._expr;
  // arguments: format, time unit, time zone, strict, exact, cache, ambiguous
  return (pl.Expr as unknown as (e: unknown) => Expr)(native.strToDatetime(format, undefined, undefined, false, true, false, undefined));
}
