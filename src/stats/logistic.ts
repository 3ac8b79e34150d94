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

/** ln(1 + e^η) without overflow. */
function softplus(eta: number): number {
  return eta > 0 ? eta + Math.log1p(Math.exp(-eta)) : Math.log1p(Math.exp(eta));
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

/** η_i = w₀ + Σ_j w_j x_ij for every row. */
function linearPredictor(w: ArrayLike<number>, columns: readonly ArrayLike<number>[], n: number): Float64Array {
  const eta = new Float64Array(n).fill(w[0]);
  columns.forEach((col, j) => {
    const wj = w[j + 1];
    for (let i = 0; i < n; i++) eta[i] += wj * col[i];
  });
  return eta;
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
  const d = columns.length + 1;
  const penalty = (w: ArrayLike<number>) => {
    let s = 0;
    for (let j = 1; j < d; j++) s += w[j] * w[j];
    return s / (2 * C);
  };
  const value = (w: Float64Array) => {
    const eta = linearPredictor(w, columns, n);
    let loss = 0;
    for (let i = 0; i < n; i++) loss += softplus(eta[i]) - y[i] * eta[i];
    return loss + penalty(w);
  };
  const evaluate = (w: Float64Array) => {
    const eta = linearPredictor(w, columns, n);
    const g = new Float64Array(d);
    const H = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const row = new Float64Array(d);
    row[0] = 1;
    let loss = 0;
    for (let i = 0; i < n; i++) {
      const mu = sigmoid(eta[i]);
      loss += softplus(eta[i]) - y[i] * eta[i];
      const r = mu - y[i];
      const wgt = mu * (1 - mu);
      for (let j = 1; j < d; j++) row[j] = columns[j - 1][i];
      for (let j = 0; j < d; j++) {
        g[j] += r * row[j];
        const wj = wgt * row[j];
        for (let k = 0; k <= j; k++) H[j][k] += wj * row[k];
      }
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) H[k][j] = H[j][k];
    for (let j = 1; j < d; j++) {
      g[j] += w[j] / C;
      H[j][j] += 1 / C;
    }
    return { value: loss + penalty(w), gradient: g, hessian: H };
  };
  const result = minimizeNewton({ evaluate, value }, new Float64Array(d), { maxIterations: 100, stepTolerance: 1e-12 });
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
