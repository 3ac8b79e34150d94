/**
 * Minimisation with Newton's method inside a box, for smooth objectives whose gradient and
 * Hessian are known exactly (the BG/NBD and Gamma-Gamma likelihoods, logistic regression), and a
 * central-difference Hessian to check analytic ones.
 *
 * Each iteration: the free variables are those not held at a bound by a gradient pointing out of
 * the box; the step d solves (H + μI) d = -g on them, μ = 0 when H is positive definite, else the
 * smallest μ = 10^k · 1e-10 · max|H_ii| that makes it so (Levenberg-Marquardt damping); the step
 * is shortened to at most `maxStep` per coordinate, clipped to the box and halved until
 * f(x + t d) <= f(x) + 1e-4 gᵀ(t d) (Armijo). Converged when an undamped step is shorter than
 * `stepTolerance` in every coordinate (that last step is taken too). Near the optimum f changes by less than its own rounding,
 * so a step shorter than 1e-4 is accepted unless f rises by more than 1e-12 (1 + |f|). Stopped,
 * not converged, when f improves by less than 1e-12 (1 + |f|) over 10 iterations (a flat ridge,
 * or an infimum at infinity inside the box's directions).
 *
 * Example: f(x) = (x - 3)² with the box [0, 10] is minimised at 3 in one step (f is quadratic);
 * with the box [0, 2] at the bound 2, reported in `atBound`.
 */
import { cholesky, choleskySolve, type Matrix } from "./linalg";

/** Iterations over which an objective that stops improving is declared stalled. */
const STALL_WINDOW = 10;

/** The value, gradient and Hessian of an objective at one point. */
export interface Evaluation {
  value: number;
  gradient: ArrayLike<number>;
  hessian: Matrix;
}

/** An objective to minimise, with optional bounds (±Infinity where there are none). */
export interface NewtonProblem {
  /** f, ∇f and ∇²f at x. */
  evaluate(x: Float64Array): Evaluation;
  /** f alone at x, for line-search trials (default: `evaluate(x).value`). */
  value?(x: Float64Array): number;
  lower?: ArrayLike<number>;
  upper?: ArrayLike<number>;
}

/** Options of `minimizeNewton`. */
export interface NewtonOptions {
  /** default 200 */
  maxIterations?: number;
  /** converged when an undamped Newton step is below this in every coordinate; default 1e-10 */
  stepTolerance?: number;
  /** the largest change of one coordinate in one iteration; default Infinity */
  maxStep?: number;
}

/** The point reached and how. */
export interface NewtonResult {
  x: Float64Array;
  value: number;
  gradient: Float64Array;
  hessian: Matrix;
  iterations: number;
  converged: boolean;
  /** for each coordinate, whether it ended on a bound of the box */
  atBound: boolean[];
  /** one sentence: why the iterations stopped */
  message: string;
}

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false;
  return true;
}

/** The Cholesky factor of H + μI for the smallest μ in {0, 1e-10 s, 1e-9 s, ...} that has one. */
function dampedFactor(H: Matrix): { L: Matrix; damped: boolean } | null {
  const L = cholesky(H);
  if (L) return { L, damped: false };
  let scale = 0;
  for (let i = 0; i < H.length; i++) scale = Math.max(scale, Math.abs(H[i][i]));
  for (let mu = 1e-10 * Math.max(scale, 1e-10); mu < 1e30; mu *= 10) {
    const shifted = cholesky(H.map((row, i) => row.map((v, j) => (i === j ? v + mu : v))));
    if (shifted) return { L: shifted, damped: true };
  }
  return null;
}

/** Minimises f over the box by damped, projected Newton steps (see the file comment). */
export function minimizeNewton(problem: NewtonProblem, start: ArrayLike<number>, options: NewtonOptions = {}): NewtonResult {
  const n = start.length;
  const lower = problem.lower ?? new Array<number>(n).fill(-Infinity);
  const upper = problem.upper ?? new Array<number>(n).fill(Infinity);
  const maxIterations = options.maxIterations ?? 200;
  const stepTolerance = options.stepTolerance ?? 1e-10;
  const maxStep = options.maxStep ?? Infinity;
  const valueAt = problem.value ? (p: Float64Array) => problem.value!(p) : (p: Float64Array) => problem.evaluate(p).value;
  const clip = (v: number, i: number) => Math.min(upper[i], Math.max(lower[i], v));

  let x = Float64Array.from(start, clip);
  let ev = problem.evaluate(x);
  const finish = (converged: boolean, iterations: number, message: string): NewtonResult => ({
    x,
    value: ev.value,
    gradient: Float64Array.from(ev.gradient),
    hessian: ev.hessian,
    iterations,
    converged,
    atBound: Array.from(x, (v, i) => v <= lower[i] || v >= upper[i]),
    message,
  });
  if (!Number.isFinite(ev.value) || !allFinite(ev.gradient)) return finish(false, 0, "The objective is not finite at the starting point.");

  const history: number[] = [ev.value];
  for (let iteration = 1; iteration <= maxIterations; iteration++) {
    const g = ev.gradient;
    const free: number[] = [];
    for (let i = 0; i < n; i++) {
      const heldLow = x[i] <= lower[i] && g[i] > 0;
      const heldHigh = x[i] >= upper[i] && g[i] < 0;
      if (!heldLow && !heldHigh) free.push(i);
    }
    if (free.length === 0) return finish(true, iteration - 1, "Every coordinate is held at a bound of the box.");
    const factor = dampedFactor(free.map((i) => free.map((j) => ev.hessian[i][j])));
    if (!factor) return finish(false, iteration - 1, "The Hessian is not finite: no Newton step can be computed.");
    const dFree = choleskySolve(factor.L, free.map((i) => -g[i]));
    let longest = 0;
    for (const v of dFree) longest = Math.max(longest, Math.abs(v));
    if (!factor.damped && longest <= stepTolerance) {
      // take the last, tiny step too: its error is of the order of its square
      const last = Float64Array.from(x, (v, i) => clip(v + (free.includes(i) ? dFree[free.indexOf(i)] : 0), i));
      const evLast = problem.evaluate(last);
      if (Number.isFinite(evLast.value) && allFinite(evLast.gradient) && evLast.value <= ev.value + 1e-12 * (1 + Math.abs(ev.value))) {
        x = last;
        ev = evLast;
      }
      return finish(true, iteration, `Converged: the Newton step is below ${stepTolerance} in every coordinate.`);
    }
    if (history.length > STALL_WINDOW && history[history.length - 1 - STALL_WINDOW] - ev.value <= 1e-12 * (1 + Math.abs(ev.value))) {
      return finish(
        false,
        iteration - 1,
        `The objective improved by less than 1e-12 of its value over ${STALL_WINDOW} iterations while the Newton step stayed large: it is flat along some direction, or keeps improving towards infinity.`,
      );
    }
    const d = new Float64Array(n);
    free.forEach((i, k) => (d[i] = dFree[k]));

    const f = ev.value;
    const noise = longest < 1e-4 ? 1e-12 * (1 + Math.abs(f)) : 0;
    let t = Math.min(1, maxStep / longest);
    let accepted: Float64Array | null = null;
    let evAccepted: Evaluation | null = null;
    for (let halving = 0; halving < 60; halving++) {
      const trial = Float64Array.from(x, (v, i) => clip(v + t * d[i], i));
      let predicted = 0;
      for (let i = 0; i < n; i++) predicted += g[i] * (trial[i] - x[i]);
      // the first, full step is usually accepted: evaluate its derivatives at once and keep them
      const evTrial = halving === 0 ? problem.evaluate(trial) : null;
      const ft = evTrial ? evTrial.value : valueAt(trial);
      if (Number.isFinite(ft) && ft <= f + 1e-4 * predicted + noise) {
        accepted = trial;
        evAccepted = evTrial;
        break;
      }
      t /= 2;
    }
    if (!accepted) return finish(false, iteration - 1, "No step along the Newton direction lowers the objective.");
    x = accepted;
    ev = evAccepted ?? problem.evaluate(x);
    history.push(ev.value);
    if (!Number.isFinite(ev.value) || !allFinite(ev.gradient)) return finish(false, iteration, "The objective's gradient is not finite at the point reached.");
  }
  return finish(false, maxIterations, `Not converged in ${maxIterations} Newton iterations.`);
}

/**
 * The Hessian by central differences of an exact gradient: column j is
 * (∇f(x + h_j e_j) - ∇f(x - h_j e_j)) / (2 h_j), h_j = step · max(1, |x_j|), then symmetrised.
 * Its error is O(h²): about 1e-10 relative for step 1e-5 on smooth functions. Example: for
 * f = x₀² x₁ at (1, 2), ∇f = (2 x₀ x₁, x₀²) and the Hessian is [[4, 2], [2, 0]].
 */
export function numericalHessian(gradient: (x: Float64Array) => ArrayLike<number>, x: ArrayLike<number>, step = 1e-5): Matrix {
  const n = x.length;
  const columns: number[][] = [];
  for (let j = 0; j < n; j++) {
    const h = step * Math.max(1, Math.abs(x[j]));
    const up = Float64Array.from(x);
    const down = Float64Array.from(x);
    up[j] += h;
    down[j] -= h;
    const gu = gradient(up);
    const gd = gradient(down);
    columns.push(Array.from({ length: n }, (_, i) => (gu[i] - gd[i]) / (2 * h)));
  }
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (columns[j][i] + columns[i][j]) / 2));
}

/** Options of `minimizePositive`: Newton's options and the box of the parameters. */
export interface PositiveOptions extends NewtonOptions {
  /** smallest value a parameter may take; default 1e-8 */
  lowerBound?: number;
  /** largest value a parameter may take; default 1e8 */
  upperBound?: number;
}

/**
 * Minimises f over positive parameters p by Newton's method on θ = ln p, inside the box
 * [lowerBound, upperBound] of every p (so a likelihood that keeps improving as a parameter runs
 * to 0 or infinity stops on the bound, flagged in `atBound`). The objective gives f, ∇f and ∇²f
 * in p; in θ they are ∂f/∂θ_i = p_i ∂f/∂p_i and ∂²f/∂θ_i∂θ_j = p_i p_j ∂²f/∂p_i∂p_j + δ_ij p_i ∂f/∂p_i.
 * The result is in p: x, gradient and Hessian with respect to p (the Hessian that gives standard
 * errors). Steps are at most 2 in θ (a factor e² ≈ 7.4) per iteration by default.
 * Example: f(p) = p - ln p is minimised at p = 1 (f' = 1 - 1/p, f'' = 1/p²).
 */
export function minimizePositive(
  evaluate: (p: Float64Array) => Evaluation,
  start: ArrayLike<number>,
  options: PositiveOptions & { value?: (p: Float64Array) => number } = {},
): NewtonResult {
  const n = start.length;
  const lowerBound = options.lowerBound ?? 1e-8;
  const upperBound = options.upperBound ?? 1e8;
  const exp = (theta: Float64Array) => theta.map(Math.exp);
  const inTheta = (theta: Float64Array): Evaluation => {
    const p = exp(theta);
    const e = evaluate(p);
    const g = Array.from(e.gradient, (v, i) => v * p[i]);
    const H = e.hessian.map((row, i) => row.map((v, j) => v * p[i] * p[j] + (i === j ? g[i] : 0)));
    return { value: e.value, gradient: g, hessian: H };
  };
  const value = options.value;
  const result = minimizeNewton(
    {
      evaluate: inTheta,
      value: value ? (theta) => value(exp(theta)) : undefined,
      lower: new Array<number>(n).fill(Math.log(lowerBound)),
      upper: new Array<number>(n).fill(Math.log(upperBound)),
    },
    Array.from(start, (v) => Math.log(v)),
    { maxStep: 2, ...options },
  );
  const p = exp(result.x);
  const natural = evaluate(p);
  return { ...result, x: p, value: natural.value, gradient: Float64Array.from(natural.gradient), hessian: natural.hessian };
}
