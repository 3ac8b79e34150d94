/** How features move together. */
import type { DataFrame } from "nodejs-polars";

/**
 * Pearson correlation of two equal-length samples:
 * r = sum((x - mean x)(y - mean y)) / sqrt(sum((x - mean x)^2) sum((y - mean y)^2)); NaN when
 * either sample is constant.
 */
export function pearson(x: readonly number[], y: readonly number[]): number {
  const n = x.length;
  const mx = x.reduce((a, v) => a + v, 0) / n;
  const my = y.reduce((a, v) => a + v, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i] - mx, dy = y[i] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy);
}

/** The Pearson correlation matrix of the given numeric columns: z[i][j] = r(column i, column j). */
export function correlationMatrix(df: DataFrame, columns: readonly string[]): { columns: string[]; z: number[][] } {
  const values = columns.map((c) => (df.getColumn(c).toArray() as unknown[]).map(Number));
  return { columns: [...columns], z: values.map((a) => values.map((b) => pearson(a, b))) };
}

/** The most correlated pair of distinct columns (by |r|). */
export function strongestCorrelation(m: { columns: string[]; z: number[][] }): { a: string; b: string; r: number } {
  let best = { a: m.columns[0], b: m.columns[1], r: m.z[0][1] };
  for (let i = 0; i < m.columns.length; i++) {
    for (let j = i + 1; j < m.columns.length; j++) {
      if (Math.abs(m.z[i][j]) > Math.abs(best.r)) best = { a: m.columns[i], b: m.columns[j], r: m.z[i][j] };
    }
  }
  return best;
}
