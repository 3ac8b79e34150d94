/**
 * Rank scores: the quantile bins of RFM. One idea per function, each small enough to check by
 * hand in its test.
 */
import { UserError } from "../errors";
import { compareIds } from "../util/index";

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

/**
 * How equal values are ranked:
 * - `"min"`: a tie group shares the smallest rank of the group (rank_min, SQL's `RANK()`), so
 *   customers with equal values get equal scores;
 * - `"first"`: ties broken by customer ID ascending (`ranksOf`), so equal values can get
 *   different scores; this reproduces the published UCI segment counts.
 */
export type TieRule = "min" | "first";

/** The tie rules, in the order they are documented. */
export const TIE_RULES: readonly TieRule[] = ["min", "first"];

/** How a tie rule ranks equal values, in words (a clause, no final stop). */
export function describeTieRule(ties: TieRule): string {
  return ties === "min"
    ? "customers with equal values share the smallest rank of their group, so equal values get equal scores"
    : "ties are broken by customer ID, so equal values can get different scores";
}

/** The tie rule named by `value`, or a UserError listing the rules. */
export function tieRuleOf(value: unknown): TieRule {
  if (typeof value === "string" && (TIE_RULES as readonly string[]).includes(value)) return value as TieRule;
  throw new UserError(`Unknown RFM tie rule ${JSON.stringify(value)}: use ${TIE_RULES.map((t) => `"${t}"`).join(" or ")}.`);
}

/**
 * Ranks (1..n) of values in ascending order (descending when asked) where equal values share
 * the smallest rank of their group: rank = 1 + the number of values strictly before it in the
 * ranking order. Example: 5, 3, 5, 1 ascending -> 1 is 1st, 3 is 2nd, both 5s are 3rd: [3, 2, 3, 1];
 * descending -> both 5s 1st, 3 is 3rd, 1 is 4th: [1, 3, 1, 4].
 */
export function minRanksOf(values: number[], descending = false): number[] {
  const order = values.map((_, i) => i);
  const sign = descending ? -1 : 1;
  order.sort((a, b) => sign * (values[a] - values[b]));
  const ranks = new Array<number>(values.length);
  order.forEach((idx, r) => {
    const prev = order[r - 1];
    ranks[idx] = r > 0 && values[prev] === values[idx] ? ranks[prev] : r + 1;
  });
  return ranks;
}

/**
 * Score of a rank: `score = 1 + floor(bins x (rank - 1) / n)`, from 1 (lowest values) to
 * `bins`. With fewer values than bins some scores are unused; never NaN for n >= 1.
 */
export function scoreOfRank(rank: number, n: number, bins: number): number {
  return 1 + Math.floor((bins * (rank - 1)) / n);
}

/**
 * Scores 1..bins of values ranked ascending: `scoreOfRank` of each value's rank, with ties
 * ranked by `ties` (default `"min"`: equal values, equal scores; `"first"`: by id ascending).
 * `reversed` ranks by value descending instead, so the lowest values get the top score: this
 * is how recency is scored (most recent gets 5); with ties `"first"` it reproduces the
 * published UCI segment counts, where `bins + 1 - score` does not.
 */
export function rankScores(values: number[], ids: string[], bins: number, reversed = false, ties: TieRule = "min"): number[] {
  const n = values.length;
  const ranks = ties === "first" ? ranksOf(values, ids, reversed) : minRanksOf(values, reversed);
  return ranks.map((r) => scoreOfRank(r, n, bins));
}
