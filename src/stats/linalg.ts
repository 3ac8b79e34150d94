/**
 * Small dense symmetric matrices (a few parameters of a likelihood, a few features of a
 * regression), stored as arrays of rows. Just what Newton's method and standard errors need:
 * the Cholesky factor, solving with it, and the inverse of a positive definite matrix.
 *
 * Example: A = [[4, 2], [2, 3]] = L Lᵀ with L = [[2, 0], [1, √2]]; A⁻¹ = [[3, -2], [-2, 4]] / 8.
 */

/** A square matrix as rows: m[i][j]. */
export type Matrix = number[][];

/**
 * The lower-triangular L with A = L Lᵀ, or null when A is not (numerically) positive definite:
 * a pivot <= 0, or not finite. Only the lower triangle of A is read.
 */
export function cholesky(A: Matrix): Matrix | null {
  const n = A.length;
  const L: Matrix = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = A[j][j];
    for (let k = 0; k < j; k++) d -= L[j][k] * L[j][k];
    if (!(d > 0) || !Number.isFinite(d)) return null;
    const ljj = Math.sqrt(d);
    L[j][j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = A[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      L[i][j] = s / ljj;
    }
  }
  return L;
}

/** x with L Lᵀ x = b, for the Cholesky factor L of `cholesky`. */
export function choleskySolve(L: Matrix, b: ArrayLike<number>): number[] {
  const n = L.length;
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= L[i][k] * y[k];
    y[i] = s / L[i][i];
  }
  const x = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < n; k++) s -= L[k][i] * x[k];
    x[i] = s / L[i][i];
  }
  return x;
}

/** A⁻¹ of a symmetric positive definite A, or null when A is not positive definite. */
export function inverseSpd(A: Matrix): Matrix | null {
  const L = cholesky(A);
  if (!L) return null;
  const n = A.length;
  const columns = Array.from({ length: n }, (_, j) => choleskySolve(L, Array.from({ length: n }, (_, i) => (i === j ? 1 : 0))));
  // symmetrise: the two triangles differ in the last bits
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (columns[j][i] + columns[i][j]) / 2));
}
