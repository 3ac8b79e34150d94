/**
 * L2-penalised logistic regression, fitted to convergence by Newton's method (IRLS), with
 * scikit-learn's default objective so that coefficients compare with
 * `LogisticRegression(C=C)`: the intercept w₀ is not penalised and
 *
 *   minimise  Σ_i [ln(1 + e^{η_i}) - y_i η_i] + Σ_{j>=1} w_j² / (2C),   η_i = w₀ + Σ_j w_j x_ij,
 *
 * with gradient Σ_i (μ_i - y_i) x̃_i + w / C and Hessian Σ_i μ_i (1 - μ_i) x̃_i x̃_iᵀ + I / C
 * (x̃ = (1, x), μ = 1 / (1 + e^{-η}), no penalty in the intercept's row and column).
 *
 * Example: one feature x = (-1, 1), y = (0, 1), C = 1: by symmetry w₀ = 0 and w₁ solves
 * 2 (μ - 1) + w₁ = 0 with μ = σ(w₁) (each point contributes -(1 - μ)), so w₁ = 2 (1 - σ(w₁)) = 0.67483...
 */
import { minimizeNewton } from "./optimize";

/** A fitted logistic regression. */
export interface LogisticFit {
  intercept: number;
  /** one per feature column, in the order given */
  coefficients: number[];
  /** the penalised objective at the fit */
  objective: number;
  iterations: number;
  converged: boolean;
  message: string;
}

/** σ(η) = 1 / (1 + e^{-η}) without overflow. */
export function sigmoid(eta: number): number {
  if (eta >= 0) return 1 / (1 + Math.exp(-eta));
  const e = Math.exp(eta);
  return e / (1 + e);
}

function checkDesign(columns: readonly ArrayLike<number>[], y: ArrayLike<number>): void {
  const n = y.length;
  for (const [j, col] of columns.entries()) {
    if (col.length !== n) throw new RangeError(`feature column ${j} has ${col.length} values for ${n} labels`);
    for (let i = 0; i < n; i++) if (!Number.isFinite(col[i])) throw new RangeError(`feature column ${j} is not finite at row ${i}: ${col[i]}`);
  }
  for (let i = 0; i < n; i++) if (y[i] !== 0 && y[i] !== 1) throw new RangeError(`labels must be 0 or 1, not ${y[i]} at row ${i}`);
}

/** η_i = w₀ + Σ_j w_j x_ij for every row of feature columns. */
function linearPredictor(w: ArrayLike<number>, columns: readonly ArrayLike<number>[], n: number): Float64Array {
  const eta = new Float64Array(n).fill(w[0]);
  columns.forEach((col, j) => {
    const wj = w[j + 1];
    for (let i = 0; i < n; i++) eta[i] += wj * col[i];
  });
  return eta;
}

/** The features row after row in one array (value (i, j) at i · p + j): one pass reads a row. */
function packRows(columns: readonly ArrayLike<number>[], n: number): Float64Array {
  const p = columns.length;
  const X = new Float64Array(n * p);
  columns.forEach((col, j) => {
    for (let i = 0; i < n; i++) X[i * p + j] = col[i];
  });
  return X;
}

/**
 * The penalised objective at w, and with `derivatives` its gradient and Hessian, in one pass
 * over the rows. Per row one exponential serves both ln(1 + e^η) = max(η, 0) + ln(1 + e^{-|η|})
 * and σ(η).
 */
function objective(X: Float64Array, y: ArrayLike<number>, p: number, C: number, w: Float64Array, derivatives: boolean) {
  const n = y.length;
  const d = p + 1;
  const g = new Float64Array(d);
  const H = new Float64Array(d * d); // lower triangle, row-major
  let loss = 0;
  for (let i = 0; i < n; i++) {
    const o = i * p;
    let eta = w[0];
    for (let j = 0; j < p; j++) eta += w[j + 1] * X[o + j];
    const e = Math.exp(-Math.abs(eta));
    loss += (eta > 0 ? eta : 0) + Math.log1p(e) - y[i] * eta;
    if (!derivatives) continue;
    const mu = eta >= 0 ? 1 / (1 + e) : e / (1 + e);
    const r = mu - y[i];
    const wt = mu * (1 - mu);
    g[0] += r;
    H[0] += wt;
    for (let j = 0; j < p; j++) {
      const xj = X[o + j];
      g[j + 1] += r * xj;
      const wx = wt * xj;
      const row = (j + 1) * d;
      H[row] += wx;
      for (let k = 0; k <= j; k++) H[row + k + 1] += wx * X[o + k];
    }
  }
  let penalty = 0;
  for (let j = 1; j < d; j++) penalty += (w[j] * w[j]) / (2 * C);
  if (!derivatives) return { value: loss + penalty, gradient: g, hessian: [] };
  const hessian = Array.from({ length: d }, (_, j) => Array.from({ length: d }, (_, k) => (k <= j ? H[j * d + k] : H[k * d + j])));
  for (let j = 1; j < d; j++) {
    g[j] += w[j] / C;
    hessian[j][j] += 1 / C;
  }
  return { value: loss + penalty, gradient: g, hessian };
}

/**
 * Fits the penalised logistic regression on feature columns (each a column of n values) and
 * 0/1 labels. `C` is scikit-learn's inverse penalty strength (default 1). Misuse (columns of
 * another length, non-finite values, labels other than 0 and 1, C <= 0) throws.
 */
export function fitLogisticRegression(columns: readonly ArrayLike<number>[], y: ArrayLike<number>, options: { C?: number } = {}): LogisticFit {
  const C = options.C ?? 1;
  if (!(C > 0)) throw new RangeError(`C must be positive, not ${C}`);
  checkDesign(columns, y);
  const n = y.length;
  const p = columns.length;
  const X = packRows(columns, n);
  const evaluate = (w: Float64Array) => objective(X, y, p, C, w, true);
  const value = (w: Float64Array) => objective(X, y, p, C, w, false).value;
  // start from the intercept-only fit: w₀ = ln(ȳ / (1 - ȳ)), clipped so a one-class sample stays finite
  const start = new Float64Array(p + 1);
  let ones = 0;
  for (let i = 0; i < n; i++) ones += y[i];
  const share = Math.min(1 - 1e-6, Math.max(1e-6, ones / Math.max(n, 1)));
  start[0] = Math.log(share / (1 - share));
  const result = minimizeNewton({ evaluate, value }, start, { maxIterations: 100 });
  return {
    intercept: result.x[0],
    coefficients: Array.from(result.x.subarray(1)),
    objective: result.value,
    iterations: result.iterations,
    converged: result.converged,
    message: result.message,
  };
}

/** P(y = 1) = σ(w₀ + Σ_j w_j x_ij) for every row of the feature columns. */
export function logisticProbabilities(fit: Pick<LogisticFit, "intercept" | "coefficients">, columns: readonly ArrayLike<number>[]): Float64Array {
  if (columns.length !== fit.coefficients.length) throw new RangeError(`${columns.length} feature columns for ${fit.coefficients.length} coefficients`);
  const n = columns.length ? columns[0].length : 0;
  return linearPredictor([fit.intercept, ...fit.coefficients], columns, n).map(sigmoid);
}
