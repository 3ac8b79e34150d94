/**
 * What a maximum-likelihood fit reports, decided the same way for every model of this folder:
 *
 * - converged: Newton's method stopped on a step below its tolerance, no parameter is on the
 *   boundary of the box searched (1e-8 to 1e8), and the Hessian of the negative log-likelihood
 *   is positive definite there (a strict local maximum);
 * - standard errors: sqrt of the diagonal of the inverse of that Hessian (the observed
 *   information), only for a converged fit; null otherwise, never NaN;
 * - message: one sentence saying which of these happened.
 *
 * Example: a fit whose p ends at 1e8 has converged false, standardErrors null and the message
 * "The Gamma-Gamma fit ran to the boundary of the parameter space (p reached 1e+8) ...".
 */
import { fmtInt } from "../util/index";
import { inverseSpd, minimizePositive, type Evaluation, type NewtonResult } from "../stats/index";

/**
 * A parameter value for a sentence: 4 significant digits, in exponent form outside [0.001, 1e5)
 * where fixed decimals would read 0.000 or run long. Example: 0.0034374 -> "0.003437",
 * 1777669.6 -> "1.778e+6", 6.2496 -> "6.250".
 */
export function fmtParameter(x: number): string {
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(3) : x.toPrecision(4);
}

/** The box every parameter is searched in. */
export const PARAMETER_BOUNDS = { lower: 1e-8, upper: 1e8 } as const;

/** A fitted model's parameters as named numbers. */
export type Params<K extends string> = Record<K, number>;

/** The verdict on one fit. */
export interface FitVerdict<K extends string> {
  params: Params<K>;
  standardErrors: Params<K> | null;
  logLik: number;
  converged: boolean;
  iterations: number;
  message: string;
}

function named<K extends string>(names: readonly K[], values: ArrayLike<number>): Params<K> {
  return Object.fromEntries(names.map((k, i) => [k, values[i]])) as Params<K>;
}

/** The verdict on a Newton result of a negative log-likelihood (see the file comment). */
export function fitVerdict<K extends string>(model: string, names: readonly K[], result: NewtonResult): FitVerdict<K> {
  const params = named(names, result.x);
  const base = { params, logLik: -result.value, iterations: result.iterations };
  const bounded = names.filter((_, i) => result.atBound[i]);
  if (bounded.length) {
    const which = bounded.map((k) => `${k} reached ${params[k] >= 1 ? "1e+8" : "1e-8"}`).join(", ");
    return {
      ...base,
      standardErrors: null,
      converged: false,
      message: `The ${model} fit ran to the boundary of the parameter space (${which}): the likelihood keeps rising there, so these data do not determine the model's parameters.`,
    };
  }
  if (!result.converged) {
    return { ...base, standardErrors: null, converged: false, message: `The ${model} fit did not converge: ${result.message}` };
  }
  const covariance = inverseSpd(result.hessian);
  const se = covariance?.map((row, i) => Math.sqrt(row[i]));
  if (!se || !se.every((v) => Number.isFinite(v) && v > 0)) {
    return {
      ...base,
      standardErrors: null,
      converged: false,
      message: `The ${model} fit stopped where the Hessian of the negative log-likelihood is not positive definite: the parameters are not determined by these data and have no standard errors.`,
    };
  }
  return {
    ...base,
    standardErrors: named(names, se),
    converged: true,
    message: `The ${model} fit converged in ${fmtInt(result.iterations)} Newton iteration${result.iterations === 1 ? "" : "s"}.`,
  };
}

/** -f, -∇f, -∇²f: a log-likelihood turned into the objective to minimise. */
function negated(e: Evaluation): Evaluation {
  return { value: -e.value, gradient: Array.from(e.gradient, (v) => -v), hessian: e.hessian.map((row) => row.map((v) => -v)) };
}

/**
 * Maximises a log-likelihood over positive parameters (given with its exact gradient and
 * Hessian, and alone for line searches) and returns the verdict.
 */
export function fitByNewton<K extends string>(
  model: string,
  names: readonly K[],
  logLik: (p: Float64Array) => Evaluation,
  logLikValue: (p: Float64Array) => number,
  start: ArrayLike<number>,
): FitVerdict<K> {
  const clamped = Array.from(start, (v) => Math.min(PARAMETER_BOUNDS.upper, Math.max(PARAMETER_BOUNDS.lower, v)));
  const result = minimizePositive((p) => negated(logLik(p)), clamped, {
    value: (p) => -logLikValue(p),
    lowerBound: PARAMETER_BOUNDS.lower,
    upperBound: PARAMETER_BOUNDS.upper,
    maxIterations: 500,
  });
  return fitVerdict(model, names, result);
}
