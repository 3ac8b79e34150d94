/** Small table operations shared by several domains, each with one documented, deterministic rule. */
import pl, { type DataFrame, type Series } from "nodejs-polars";

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
  const firsts = pl
    .DataFrame([values.alias("v")])
    .withRowCount("__i")
    .filter(v.neq(v.shift(1)).fillNull(true))
    .select(v, pl.col("__i").shift(-1).fillNull(pl.lit(values.length)).sub(pl.col("__i")).alias("__n"))
    .rechunk(); // a filter's output comes in chunks, which some string expressions mishandle (lengths that do not match)
  const mapped = f(firsts.getColumn("v"));
  if (mapped.length !== firsts.height) throw new Error(`mapRuns: f returned ${mapped.length} values for ${firsts.height} runs; it must map each value on its own.`);
  return pl.DataFrame([mapped.alias("m"), firsts.getColumn("__n")]).select(pl.col("m").repeatBy("__n").explode()).getColumn("m").alias(values.name);
}
