/** Small table operations shared by several domains, each with one documented, deterministic rule. */
import pl, { type DataFrame } from "nodejs-polars";

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
