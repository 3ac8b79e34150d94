/**
 * Sanity checks on a fitted model. A model whose check fails is replaced by the seasonal naive
 * and the replacement is recorded with the reason (see `Replacement` in types.ts): a fit can
 * diverge without raising (arima's L-BFGS gave forecasts of -5,289 with an error of 1e25).
 */

/** How far a forecast may stray before it is rejected. */
export interface CheckLimits {
  /** Forecasts must lie within ± boundFactor × the largest |value| of the history (default 3). */
  boundFactor: number;
  /**
   * The model's one-step error (in-sample RMSE, or the model's own innovation sd) must not exceed
   * residualFactor × the seasonal naive's in-sample one-step RMSE (default 3).
   */
  residualFactor: number;
}

export const DEFAULT_CHECK_LIMITS: CheckLimits = { boundFactor: 3, residualFactor: 3 };

/**
 * Why the forecast `point` of a model fitted to `history` is not sane, or null when it is:
 * every value finite; every value within ± limits.boundFactor × max |history|; the model's
 * one-step error `oneStepError` (null when the model has none) finite and at most
 * limits.residualFactor × `naiveError` (the seasonal naive's in-sample one-step RMSE; skipped
 * when that is 0 or null).
 */
export function forecastProblem(
  history: number[],
  point: number[],
  oneStepError: number | null,
  naiveError: number | null,
  limits: CheckLimits = DEFAULT_CHECK_LIMITS,
): string | null {
  const bad = point.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) return `forecast is not a finite number at step ${bad + 1} (${point[bad]})`;
  const largest = history.reduce((a, v) => Math.max(a, Math.abs(v)), 0);
  const bound = limits.boundFactor * largest;
  const out = point.findIndex((v) => Math.abs(v) > bound);
  if (out >= 0) {
    return `forecast ${fmt(point[out])} at step ${out + 1} is outside ±${limits.boundFactor} × the history's largest value (${fmt(largest)})`;
  }
  if (oneStepError !== null) {
    if (!Number.isFinite(oneStepError)) return `one-step error is not finite (${oneStepError})`;
    if (naiveError !== null && naiveError > 0 && oneStepError > limits.residualFactor * naiveError) {
      return `one-step error ${fmt(oneStepError)} exceeds ${limits.residualFactor} × the seasonal naive's (${fmt(naiveError)})`;
    }
  }
  return null;
}

function fmt(x: number): string {
  return Math.abs(x) >= 1e6 || (Math.abs(x) < 1e-3 && x !== 0) ? x.toExponential(2) : String(Math.round(x * 100) / 100);
}
