/**
 * Empirical quantiles with linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R, numpy and pandas): with x sorted ascending and h = (n - 1) p,
 * Q(p) = x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
 *
 * Example: x = [1, 2, 3, 4], p = 0.5: h = 1.5, Q = 2 + 0.5 (3 - 2) = 2.5.
 */

/** The p-quantile (0 <= p <= 1) of values already sorted ascending; NaN when there are none. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile's p must be in [0, 1], not ${p}`);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** The p-quantile of values in any order (NaN values left out); NaN when none remain. */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort(), p);
}

/** The median: `quantile(values, 0.5)`. Example: [3, 1, 2] -> 2; [1, 2, 3, 4] -> 2.5. */
export function median(values: ArrayLike<number>): number {
  return quantile(values, 0.5);
}
