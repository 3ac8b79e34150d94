/**
 * A numeric DataFrame column as a Float64Array, read through polars' typed-array export (about
 * ten times faster than `toArray` on a million rows). A missing column, a text column or a null
 * is a bug in the caller and throws with the column's name (and the first null's row).
 *
 * Example: float64Column(pl.DataFrame({ x: [1, 2] }), "x") -> Float64Array [1, 2].
 */
import pl, { type DataFrame } from "nodejs-polars";

/** The column's values as float64, in row order. */
export function float64Column(df: DataFrame, name: string): Float64Array {
  if (!df.columns.includes(name)) throw new Error(`no column "${name}" (columns: ${df.columns.join(", ")})`);
  const s = df.getColumn(name);
  if (!s.isNumeric()) throw new Error(`column ${name} holds ${String(s.dtype)}, not numbers`);
  if (s.nullCount() > 0) {
    const row = (s.isNull().toArray() as boolean[]).indexOf(true);
    throw new Error(`column ${name} is null at row ${row + 1}; read it with a nullable reader`);
  }
  const values = s.cast(pl.Float64).toTypedArray() as Float64Array;
  return values instanceof Float64Array ? values : Float64Array.from(values);
}
