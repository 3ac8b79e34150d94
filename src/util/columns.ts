/**
 * Typed column readers: a DataFrame column as a plain JS array of the type it holds, checked
 * instead of cast. Asking for numbers from a text column, or for non-null values from a column
 * with gaps, is a bug in the caller and throws with the column's name and type.
 *
 * Example: numbers(pl.DataFrame({ x: [1, 2] }), "x") -> [1, 2];
 *          strings(pl.DataFrame({ x: [1, 2] }), "x") throws "column x holds Float64, not text".
 */
import type { DataFrame, Series } from "nodejs-polars";

function column(df: DataFrame, name: string): Series {
  if (!df.columns.includes(name)) throw new Error(`no column "${name}" (columns: ${df.columns.join(", ")})`);
  return df.getColumn(name);
}

function typeName(s: Series): string {
  return String(s.dtype).replace(/^DataType\((.*)\)$/, "$1");
}

function noNulls<T>(s: Series, values: (T | null)[]): T[] {
  const i = values.indexOf(null);
  if (i >= 0) throw new Error(`column ${s.name} is null at row ${i + 1}; read it with a nullable reader`);
  return values as T[];
}

function numericSeries(s: Series): Series {
  if (!s.isNumeric()) throw new Error(`column ${s.name} holds ${typeName(s)}, not numbers`);
  return s;
}

function textSeries(s: Series): Series {
  const t = typeName(s);
  if (t !== "String" && t !== "Utf8" && t !== "Categorical") throw new Error(`column ${s.name} holds ${t}, not text`);
  return s;
}

/** A numeric column's values, nulls kept as null. */
export function nullableNumbers(df: DataFrame, name: string): (number | null)[] {
  return (numericSeries(column(df, name)).toArray() as (number | bigint | null)[]).map((v) => (v === null ? null : Number(v)));
}

/** A numeric column's values; throws if any is null. */
export function numbers(df: DataFrame, name: string): number[] {
  const s = column(df, name);
  return noNulls(s, nullableNumbers(df, name));
}

/** A text column's values, nulls kept as null. */
export function nullableStrings(df: DataFrame, name: string): (string | null)[] {
  return textSeries(column(df, name)).toArray() as (string | null)[];
}

/** A text column's values; throws if any is null. */
export function strings(df: DataFrame, name: string): string[] {
  const s = column(df, name);
  return noNulls(s, nullableStrings(df, name));
}

/** A Date or Datetime column's values as Dates; throws if any is null. */
export function dates(df: DataFrame, name: string): Date[] {
  const s = column(df, name);
  const t = typeName(s);
  if (!t.startsWith("Date")) throw new Error(`column ${name} holds ${t}, not dates`);
  return noNulls(s, s.toArray() as unknown as (Date | null)[]);
}

/** A boolean column's values; throws if any is null. */
export function booleans(df: DataFrame, name: string): boolean[] {
  const s = column(df, name);
  if (typeName(s) !== "Bool") throw new Error(`column ${name} holds ${typeName(s)}, not booleans`);
  return noNulls(s, s.toArray() as (boolean | null)[]);
}
