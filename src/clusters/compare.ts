/** Comparing two labelings of the same customers: contingency table and adjusted Rand index. */
import { UserError } from "../errors";

/** A label of a customer: a cluster number or a category. */
export type Label = string | number;

/** Counts of customers per pair of labels. */
export interface Crosstab {
  /** Distinct labels of the first labeling, sorted (numbers ascending, then strings). */
  rows: Label[];
  /** Distinct labels of the second labeling, sorted. */
  columns: Label[];
  /** counts[r][c]: customers with label rows[r] in the first labeling and columns[c] in the second. */
  counts: number[][];
}

function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "number") return -1;
  if (typeof b === "number") return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Contingency table of two labelings of the same items: counts[r][c] is the number of items i
 * with a[i] = rows[r] and b[i] = columns[c]. Throws a UserError when the lengths differ.
 */
export function crosstab(a: readonly Label[], b: readonly Label[]): Crosstab {
  if (a.length !== b.length) {
    throw new UserError(`The labelings have ${a.length} and ${b.length} items: give one label per item in both.`);
  }
  const rows = [...new Set(a)].sort(compareLabels);
  const columns = [...new Set(b)].sort(compareLabels);
  const rowIndex = new Map(rows.map((x, i) => [x, i]));
  const colIndex = new Map(columns.map((x, i) => [x, i]));
  const counts = rows.map(() => new Array<number>(columns.length).fill(0));
  for (let i = 0; i < a.length; i++) counts[rowIndex.get(a[i]) as number][colIndex.get(b[i]) as number]++;
  return { rows, columns, counts };
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/**
 * Adjusted Rand index (Hubert and Arabie 1985) of two labelings, as scikit-learn's
 * adjusted_rand_score: with n_ij the contingency counts, a_i and b_j its row and column sums,
 * index = sum C(n_ij, 2), expected = sum C(a_i, 2) * sum C(b_j, 2) / C(n, 2),
 * max = (sum C(a_i, 2) + sum C(b_j, 2)) / 2, ARI = (index - expected) / (max - expected).
 * 1 for identical partitions (whatever the label names), about 0 for independent ones; 1 when
 * max = expected (both labelings put everything in one cluster, or everything apart).
 */
export function adjustedRandIndex(a: readonly Label[], b: readonly Label[]): number {
  const { counts } = crosstab(a, b);
  const n = a.length;
  let index = 0;
  let sumA = 0;
  const colSums = new Array<number>(counts[0]?.length ?? 0).fill(0);
  for (const row of counts) {
    let rowSum = 0;
    row.forEach((x, c) => {
      index += pairs(x);
      rowSum += x;
      colSums[c] += x;
    });
    sumA += pairs(rowSum);
  }
  const sumB = colSums.reduce((s, x) => s + pairs(x), 0);
  const expected = n < 2 ? 0 : (sumA * sumB) / pairs(n);
  const max = (sumA + sumB) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}
