/**
 * The empirical `p`-quantile of `sample` (0 <= p <= 1) with linear interpolation between order
 * statistics (Hyndman & Fan type 7, the default of R and numpy): with x sorted ascending and
 * h = (n-1)p, Q(p) = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h]). Null for an empty
 * sample.
 */
export function empiricalQuantile(sample: number[], p: number): number | null {
  if (sample.length === 0) return null;
  const x = [...sample].sort((a, b) => a - b);
  const h = (x.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, x.length - 1);
  return x[lo] + (h - lo) * (x[hi] - x[lo]);
}
