/**
 * CUPED (Deng, Xu, Kohavi and Walker 2013): a pre-period covariate X that predicts the metric Y
 * takes out the part of Y's variance that was there before the experiment, exactly as defined:
 *
 *   θ = cov(Y, X) / var(X) over all customers of the experiment (sample covariance and variance),
 *   Y' = Y - θ (X - mean X),
 *
 * then the same Welch analysis on Y'. X must not depend on the assignment (measured before it),
 * so E[Y'] differs from E[Y] by the same amount in every arm and the difference stays unbiased.
 * The variance reduction reported is what it bought for one comparison: 1 - se'² / se², the
 * share of the squared standard error of the difference that CUPED removed (about ρ²(Y, X)).
 */

/** θ and the mean of X, the two numbers of the adjustment. */
export interface CupedFit {
  theta: number;
  meanX: number;
}

/**
 * θ = Σ (x - x̄)(y - ȳ) / Σ (x - x̄)², the sample covariance over the sample variance (the n - 1
 * cancels), and x̄. Example: x = [1, 2, 3], y = [2, 4, 7]: Σ(x - 2)(y - 4.3333) = 5, Σ(x - 2)² = 2: θ = 2.5.
 */
export function cupedFit(y: ArrayLike<number>, x: ArrayLike<number>): CupedFit {
  const n = y.length;
  let sx = 0;
  let sy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i];
    sy += y[i];
  }
  const meanX = sx / n;
  const meanY = sy / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - meanX) * (y[i] - meanY);
    sxx += (x[i] - meanX) ** 2;
  }
  return { theta: sxy / sxx, meanX };
}

/** Y' = Y - θ (X - x̄), customer by customer. Example: θ 2.5, x̄ 2: y 7 at x 3 -> 7 - 2.5 = 4.5. */
export function cupedAdjust(y: ArrayLike<number>, x: ArrayLike<number>, fit: CupedFit): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] - fit.theta * (x[i] - fit.meanX);
  return out;
}
