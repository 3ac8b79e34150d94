/** Principal component analysis, for 2-D and 3-D views of clustered customers. */
import { UserError } from "../errors";
import { flattenPoints, type MatrixNames, type Points } from "./matrix";

/** The result of `pcaComponents`. */
export interface PcaResult {
  /** Principal axes (unit vectors, one value per feature), by decreasing variance. */
  components: number[][];
  /** Variance of the points along each axis (eigenvalue of the covariance matrix, n - 1 denominator). */
  explainedVariance: number[];
  /** explainedVariance / total variance of all features. */
  explainedVarianceRatio: number[];
  /** Mean of each feature (the centre of the projection). */
  mean: number[];
  /** Coordinates of each point on the axes: (x - mean) . component. */
  scores: number[][];
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (each rotation
 * zeroes one off-diagonal entry; sweeps repeat until the off-diagonal part is negligible).
 * Returns eigenvalues and eigenvectors (as rows), unsorted.
 */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const d = matrix.length;
  const a = matrix.map((row) => [...row]);
  const v = Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j): number => (i === j ? 1 : 0)));
  let scale = 0;
  for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) scale += a[i][j] * a[i][j];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p][q] * a[p][q];
    if (off <= scale * 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        if (a[p][q] === 0) continue;
        // Rotation angle that zeroes a[p][q]: t = tan(theta), the smaller root of t^2 + 2 t cot(2 theta) - 1 = 0.
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k][p], akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p][k], aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const vpk = v[p][k], vqk = v[q][k];
          v[p][k] = c * vpk - s * vqk;
          v[q][k] = s * vpk + c * vqk;
        }
      }
    }
  }
  return { values: a.map((row, i) => row[i]), vectors: v };
}

/**
 * The first `count` principal components of the points: the eigenvectors of the covariance matrix
 * (n - 1 denominator, like scikit-learn's PCA) with the largest eigenvalues, and the points'
 * coordinates on them. Each axis is oriented so that its largest loading (in absolute value) is
 * positive, so results are deterministic. Needs at least 2 points and count <= number of features.
 */
export function pcaComponents(points: Points, count: number, names?: MatrixNames): PcaResult {
  const { data, n, dims } = flattenPoints(points, names);
  if (!Number.isInteger(count) || count < 1 || count > dims) {
    throw new UserError(`${count} components asked of ${dims} features: choose between 1 and ${dims}.`);
  }
  if (n < 2) throw new UserError(`PCA needs at least 2 points and there are ${n}.`);
  const mean = new Array<number>(dims).fill(0);
  for (let i = 0; i < n; i++) for (let j = 0; j < dims; j++) mean[j] += data[i * dims + j];
  for (let j = 0; j < dims; j++) mean[j] /= n;
  const cov = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < dims; p++) {
      const xp = data[i * dims + p] - mean[p];
      for (let q = p; q < dims; q++) cov[p][q] += xp * (data[i * dims + q] - mean[q]);
    }
  }
  for (let p = 0; p < dims; p++) {
    for (let q = p; q < dims; q++) {
      cov[p][q] /= n - 1;
      cov[q][p] = cov[p][q];
    }
  }
  const { values, vectors } = symmetricEigen(cov);
  const order = values.map((_, i) => i).sort((a, b) => values[b] - values[a] || a - b);
  const total = values.reduce((s, x) => s + x, 0);
  const components = order.slice(0, count).map((i) => {
    const vec = vectors[i];
    let big = 0;
    for (let j = 1; j < dims; j++) if (Math.abs(vec[j]) > Math.abs(vec[big])) big = j;
    return vec[big] < 0 ? vec.map((x) => -x) : vec;
  });
  const explainedVariance = order.slice(0, count).map((i) => Math.max(0, values[i]));
  const scores: number[][] = new Array(n);
  for (let i = 0; i < n; i++) {
    scores[i] = components.map((vec) => {
      let s = 0;
      for (let j = 0; j < dims; j++) s += (data[i * dims + j] - mean[j]) * vec[j];
      return s;
    });
  }
  return {
    components,
    explainedVariance,
    explainedVarianceRatio: explainedVariance.map((x) => (total > 0 ? x / total : 0)),
    mean,
    scores,
  };
}

/** The first two principal components (see `pcaComponents`): a 2-D view of the points. */
export function pca2(points: Points, names?: MatrixNames): PcaResult {
  return pcaComponents(points, 2, names);
}
