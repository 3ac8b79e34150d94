/** Feature transforms before clustering: log1p of skewed columns, then standardisation. */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { columnMoments, flattenPoints, type MatrixNames, type Points } from "./matrix";

/**
 * The DataFrame with each of `columns` replaced by log1p(x) = ln(1 + x) as Float64 (other columns
 * unchanged). Tames the long right tail of counts and amounts. Throws a UserError naming the
 * column and row of a null, NaN or value <= -1 (where log1p is undefined).
 */
export function log1pColumns(df: DataFrame, columns: readonly string[]): DataFrame {
  // Computed with Math.log1p: nodejs-polars 0.24 declares Expr.log1p but does not implement it.
  const replaced = [];
  for (const c of columns) {
    if (!df.columns.includes(c)) {
      throw new UserError(`The table has no column "${c}": its columns are ${df.columns.join(", ")}.`);
    }
    const values = df.getColumn(c).toArray() as unknown[];
    const logs = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      const x = typeof v === "bigint" ? Number(v) : v;
      if (typeof x !== "number" || Number.isNaN(x) || x <= -1) {
        throw new UserError(
          `Column "${c}" is ${String(v)} on row ${i}: log1p needs numbers greater than -1.`,
        );
      }
      logs[i] = Math.log1p(x);
    }
    replaced.push(pl.Series(c, logs, pl.Float64));
  }
  return replaced.length === 0 ? df : df.withColumns(...replaced);
}

/** The result of `standardize`: the scaled points and the statistics used. */
export interface Standardized {
  /** (x - mean) / std per feature. */
  points: number[][];
  /** Mean of each feature. */
  means: number[];
  /** Population standard deviation of each feature: sqrt(sum((x - mean)^2) / n). */
  stds: number[];
}

/**
 * Standardises each feature to mean 0 and population standard deviation 1:
 * z = (x - mean) / sqrt(sum((x - mean)^2) / n), as scikit-learn's StandardScaler.
 * Throws a UserError naming the feature and row of a NaN or infinite value, and naming a constant
 * feature (standard deviation 0), which carries no information for clustering: drop it first.
 */
export function standardize(points: Points, names: MatrixNames = {}): Standardized {
  const flat = flattenPoints(points, names);
  const { data, n, dims } = flat;
  const moments = columnMoments(flat);
  const means = moments.means;
  const stds = moments.variances.map(Math.sqrt);
  for (let j = 0; j < dims; j++) {
    const mean = means[j];
    const std = stds[j];
    if (!(std > 0) || std <= Math.abs(mean) * 1e-12) {
      const name = names.featureNames?.[j] !== undefined ? `"${names.featureNames[j]}"` : `${j}`;
      throw new UserError(
        `Feature ${name} is constant (every value is ${data[j]}): it cannot be standardised; drop it before clustering.`,
      );
    }
  }
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    const row = new Array<number>(dims);
    for (let j = 0; j < dims; j++) row[j] = (data[i * dims + j] - means[j]) / stds[j];
    out[i] = row;
  }
  return { points: out, means, stds };
}
