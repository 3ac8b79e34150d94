/**
 * Rank scores: the quantile bins of RFM. One idea per function, each small enough to check by
 * hand in its test.
 */

/**
 * Ranks (1..n) of values in ascending order (descending when asked), ties always broken by id
 * ascending (ids compared as numbers when both are numeric, else as text), so the ranking is
 * total and reproducible.
 */
export function ranksOf(values: number[], ids: string[], descending = false): number[] {
  const order = values.map((_, i) => i);
  const sign = descending ? -1 : 1;
  order.sort((a, b) => sign * (values[a] - values[b]) || compareIds(ids[a], ids[b]));
  const ranks = new Array<number>(values.length);
  order.forEach((idx, r) => (ranks[idx] = r + 1));
  return ranks;
}

/** Customer IDs in natural order: numerically when both are integers, else as text. */
export function compareIds(a: string, b: string): number {
  const na = Number(a), nb = Number(b);
  if (Number.isInteger(na) && Number.isInteger(nb) && /^\d+$/.test(a) && /^\d+$/.test(b)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Score of a rank: `score = 1 + floor(bins x (rank - 1) / n)`, from 1 (lowest values) to
 * `bins`. With fewer values than bins some scores are unused; never NaN for n >= 1.
 */
export function scoreOfRank(rank: number, n: number, bins: number): number {
  return 1 + Math.floor((bins * (rank - 1)) / n);
}

/**
 * Scores 1..bins of values ranked ascending, ties by id ascending. `reversed` ranks by value
 * descending instead (still ties by id ascending), so the lowest values get the top score:
 * this is how recency is scored (most recent gets 5), and it reproduces the published UCI
 * segment counts, where `bins + 1 - score` does not.
 */
export function rankScores(values: number[], ids: string[], bins: number, reversed = false): number[] {
  const n = values.length;
  return ranksOf(values, ids, reversed).map((r) => scoreOfRank(r, n, bins));
}
