/**
 * Which customer features are log1p-transformed before clustering, and the skewness measure
 * that justifies the choice.
 */

/**
 * The customer features (see src/features) with a long right tail: days since the last order,
 * counts, money amounts, and the return rate (mostly 0, a few very large). They are
 * log1p-transformed before standardising; the others are not (tenure leans left, the favourite
 * weekday and hour are codes, the Q4 share is bounded in [0, 1]). A property of each feature's
 * definition, not of one dataset, so the same features are transformed on any data and the CLI
 * and the notebooks cluster the same points. On the UCI Online Retail customers each of these has
 * a skewness above 1 and each other numeric feature one below 1 (test/clusters/skew.test.ts).
 */
export const SKEWED_FEATURES = ["recency", "frequency", "monetary", "units", "avgBasket", "distinctProducts", "returnRate"] as const;

/** The columns among `columns` that are in `SKEWED_FEATURES`, in the order given. */
export function skewedFeatures(columns: readonly string[]): string[] {
  const skewed = new Set<string>(SKEWED_FEATURES);
  return columns.filter((c) => skewed.has(c));
}

/**
 * Sample skewness g1 = m3 / m2^(3/2), with m2 and m3 the population central moments (the
 * Fisher-Pearson coefficient, scipy.stats.skew's default): 0 for a symmetric sample, > 0 for a
 * long right tail. NaN for no values, a constant sample, or a value that is not a finite number.
 */
export function skewness(values: readonly number[]): number {
  const n = values.length;
  if (n === 0) return Number.NaN;
  let s = 0;
  for (const v of values) {
    if (!Number.isFinite(v)) return Number.NaN;
    s += v;
  }
  const mean = s / n;
  let m2 = 0, m3 = 0;
  for (const v of values) {
    const d = v - mean;
    m2 += d * d;
    m3 += d * d * d;
  }
  m2 /= n;
  m3 /= n;
  return m2 > 0 ? m3 / Math.pow(m2, 1.5) : Number.NaN;
}
