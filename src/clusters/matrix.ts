/**
 * Feature matrices: rows of numbers taken from a DataFrame, checked to be finite, and their
 * flat Float64Array form used by the numeric code of this folder.
 */
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";

/** Points to cluster: one row per customer, one number per feature, all rows the same length. */
export type Points = readonly (readonly number[])[];

/** Points stored row after row in one Float64Array: value (i, j) is `data[i * dims + j]`. */
export interface FlatPoints {
  data: Float64Array;
  n: number;
  dims: number;
}

/** Names used in error messages: feature names and row names (e.g. customer ids). */
export interface MatrixNames {
  featureNames?: readonly string[];
  rowIds?: readonly (string | number)[];
}

function featureName(names: MatrixNames, j: number): string {
  return names.featureNames?.[j] !== undefined ? `"${names.featureNames[j]}"` : `${j}`;
}

function rowName(names: MatrixNames, i: number): string {
  const id = names.rowIds?.[i];
  return id !== undefined ? `row ${i} (${id})` : `row ${i}`;
}

/**
 * Copies rectangular, finite points into a flat Float64Array. Throws a UserError naming the
 * feature and the row of the first NaN, Infinity or non-number, or the first row of another length.
 */
export function flattenPoints(points: Points, names: MatrixNames = {}): FlatPoints {
  const n = points.length;
  if (n === 0) throw new UserError("There are no points: the feature matrix has no rows.");
  const dims = points[0].length;
  if (dims === 0) throw new UserError("The feature matrix has no columns: choose at least one feature.");
  const data = new Float64Array(n * dims);
  for (let i = 0; i < n; i++) {
    const row = points[i];
    if (row.length !== dims) {
      throw new UserError(
        `${rowName(names, i)} has ${row.length} values but row 0 has ${dims}: every row needs one value per feature.`,
      );
    }
    for (let j = 0; j < dims; j++) {
      const v = row[j];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        throw new UserError(
          `Feature ${featureName(names, j)} is ${String(v)} on ${rowName(names, i)}: ` +
            `every value must be a finite number (fill or drop that row first).`,
        );
      }
      data[i * dims + j] = v;
    }
  }
  return { data, n, dims };
}

/**
 * The values of `columns` of a DataFrame as rows (one per DataFrame row, in order). Throws a
 * UserError naming a missing column, or the column and the row (with its `idColumn` value when
 * given) of a null, NaN or infinite value.
 */
export function featureMatrix(df: DataFrame, columns: readonly string[], idColumn?: string): number[][] {
  for (const c of [...columns, ...(idColumn !== undefined ? [idColumn] : [])]) {
    if (!df.columns.includes(c)) {
      throw new UserError(`The table has no column "${c}": its columns are ${df.columns.join(", ")}.`);
    }
  }
  const values = columns.map((c) => df.getColumn(c).toArray() as unknown[]);
  const ids = idColumn !== undefined ? (df.getColumn(idColumn).toArray() as (string | number)[]) : undefined;
  const n = df.height; // a call into polars: once, not per row
  const rows: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(columns.length);
    for (let j = 0; j < columns.length; j++) {
      const v = values[j][i];
      const x = typeof v === "bigint" ? Number(v) : v;
      if (typeof x !== "number" || !Number.isFinite(x)) {
        throw new UserError(
          `Column "${columns[j]}" is ${String(v)} on ${rowName({ rowIds: ids }, i)}: ` +
            `every feature value must be a finite number (fill or drop that row first).`,
        );
      }
      row[j] = x;
    }
    rows[i] = row;
  }
  return rows;
}

/**
 * Mean and population variance of each feature (column) of flat points:
 * mean_j = sum_i x_ij / n, variance_j = sum_i (x_ij - mean_j)^2 / n (two passes, for accuracy).
 */
export function columnMoments(flat: FlatPoints): { means: number[]; variances: number[] } {
  const { data, n, dims } = flat;
  const means = new Array<number>(dims).fill(0);
  const variances = new Array<number>(dims).fill(0);
  for (let j = 0; j < dims; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * dims + j];
    const mean = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = data[i * dims + j] - mean;
      ss += d * d;
    }
    means[j] = mean;
    variances[j] = ss / n;
  }
  return { means, variances };
}
