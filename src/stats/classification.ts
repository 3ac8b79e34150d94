/**
 * Scores of a binary classifier against 0/1 labels: ROC AUC, average precision (the PR AUC),
 * the Brier score, calibration bins and the lift of the top share. Higher scores mean "more
 * likely 1". Every metric needs at least one label of each kind where it says so, and refuses
 * misuse (lengths differ, non-finite scores, labels other than 0/1) by throwing.
 *
 * Example used below: scores (0.9, 0.8, 0.8, 0.1), labels (1, 0, 1, 0).
 */

function checkInputs(scores: ArrayLike<number>, labels: ArrayLike<number>): { positives: number; negatives: number } {
  if (scores.length !== labels.length) throw new RangeError(`${scores.length} scores for ${labels.length} labels`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`labels must be 0 or 1, not ${labels[i]} at row ${i}`);
    if (!Number.isFinite(scores[i])) throw new RangeError(`score ${i} is not finite: ${scores[i]}`);
    positives += labels[i];
  }
  return { positives, negatives: labels.length - positives };
}

function needBothClasses(counts: { positives: number; negatives: number }, metric: string): void {
  if (counts.positives === 0 || counts.negatives === 0) {
    throw new RangeError(`${metric} needs both labels, and there are ${counts.positives} ones and ${counts.negatives} zeros`);
  }
}

/** Row indices ordered by score, highest first (ties by index, so the order is reproducible). */
function descendingOrder(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => scores[b] - scores[a] || a - b);
}

/** Groups of tied scores in descending order: each as [start, end) positions in `order`. */
function tieGroups(scores: ArrayLike<number>, order: Int32Array): [number, number][] {
  const groups: [number, number][] = [];
  let start = 0;
  for (let k = 1; k <= order.length; k++) {
    if (k === order.length || scores[order[k]] !== scores[order[start]]) {
      groups.push([start, k]);
      start = k;
    }
  }
  return groups;
}

/**
 * ROC AUC: the probability that a random 1 scores above a random 0, ties counted as half (the
 * Mann-Whitney U / (n₁ n₀)). Example: pairs (1 vs 0) of the example: 0.9 > 0.8, 0.9 > 0.1,
 * 0.8 = 0.8 (half), 0.8 > 0.1: (1 + 1 + 0.5 + 1) / 4 = 0.875.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const counts = checkInputs(scores, labels);
  needBothClasses(counts, "ROC AUC");
  const order = descendingOrder(scores);
  // walk from the highest score: each 1 beats the 0s below it, ties count half
  let zerosBelowOrTied = counts.negatives;
  let wins = 0;
  for (const [start, end] of tieGroups(scores, order)) {
    let ones = 0;
    for (let k = start; k < end; k++) ones += labels[order[k]];
    const zeros = end - start - ones;
    wins += ones * (zerosBelowOrTied - zeros / 2);
    zerosBelowOrTied -= zeros;
  }
  return wins / (counts.positives * counts.negatives);
}

/**
 * Average precision, the area under the precision-recall curve as scikit-learn's
 * `average_precision_score` defines it: AP = Σ_k (R_k - R_{k-1}) P_k over the distinct scores
 * taken as thresholds from the highest (a tie enters all at once), R_0 = 0. Needs at least one 1.
 * Example: threshold 0.9: P = 1, R = 1/2; 0.8: P = 2/3, R = 1; 0.1: R unchanged.
 * AP = 1/2 · 1 + 1/2 · 2/3 = 0.8333.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const counts = checkInputs(scores, labels);
  if (counts.positives === 0) throw new RangeError("average precision needs at least one label 1");
  const order = descendingOrder(scores);
  let truePositives = 0;
  let ap = 0;
  for (const [start, end] of tieGroups(scores, order)) {
    let ones = 0;
    for (let k = start; k < end; k++) ones += labels[order[k]];
    truePositives += ones;
    ap += (ones / counts.positives) * (truePositives / end);
  }
  return ap;
}

/**
 * Brier score: the mean of (p_i - y_i)², 0 for perfect probabilities, 0.25 for always 1/2.
 * Example: p = (0.9, 0.8, 0.8, 0.1), y = (1, 0, 1, 0): (0.01 + 0.64 + 0.04 + 0.01) / 4 = 0.175.
 */
export function brierScore(probabilities: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkInputs(probabilities, labels);
  if (labels.length === 0) throw new RangeError("the Brier score needs at least one prediction");
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    if (probabilities[i] < 0 || probabilities[i] > 1) throw new RangeError(`probability ${i} is outside [0, 1]: ${probabilities[i]}`);
    s += (probabilities[i] - labels[i]) ** 2;
  }
  return s / labels.length;
}

/** One bin of a calibration chart. */
export interface CalibrationBin {
  /** the bin is [lower, upper), the last one [lower, 1] */
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/**
 * Calibration bins: probabilities cut into `bins` equal-width bins of [0, 1] (the last closed),
 * with each non-empty bin's count, mean predicted probability and observed share of 1s (empty
 * bins are left out, as in scikit-learn's `calibration_curve`). Example with 2 bins: [0, 0.5)
 * holds 0.1 (count 1, observed 0); [0.5, 1] holds 0.9, 0.8, 0.8 (mean 0.8333, observed 2/3).
 */
export function calibrationBins(probabilities: ArrayLike<number>, labels: ArrayLike<number>, bins = 10): CalibrationBin[] {
  checkInputs(probabilities, labels);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive whole number, not ${bins}`);
  const count = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const ones = new Float64Array(bins);
  for (let i = 0; i < labels.length; i++) {
    const p = probabilities[i];
    if (p < 0 || p > 1) throw new RangeError(`probability ${i} is outside [0, 1]: ${p}`);
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]++;
    predicted[b] += p;
    ones[b] += labels[i];
  }
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: count[b], meanPredicted: predicted[b] / count[b], observedRate: ones[b] / count[b] });
  }
  return out;
}

/**
 * Lift of the top share: the share of 1s among the ⌈share · n⌉ highest scores, divided by the
 * share of 1s overall. When the cut falls inside a group of tied scores, that group fills the
 * remaining places with its own share of 1s (the mean over every order of the ties), so the
 * result does not depend on row order. Example, share 1/2 (top 2 of 4): 0.9 (a 1) and one of the
 * two tied 0.8s (one 1 in two: 1/2 expected): (1 + 0.5) / 2 = 0.75, over the base rate 1/2: 1.5.
 */
export function topShareLift(scores: ArrayLike<number>, labels: ArrayLike<number>, share = 0.1): number {
  const counts = checkInputs(scores, labels);
  if (counts.positives === 0) throw new RangeError("lift needs at least one label 1");
  if (!(share > 0 && share <= 1)) throw new RangeError(`the top share must be in (0, 1], not ${share}`);
  const n = labels.length;
  const top = Math.ceil(share * n - 1e-9);
  const order = descendingOrder(scores);
  let taken = 0;
  let ones = 0;
  for (const [start, end] of tieGroups(scores, order)) {
    if (taken >= top) break;
    let groupOnes = 0;
    for (let k = start; k < end; k++) groupOnes += labels[order[k]];
    const size = end - start;
    const places = Math.min(size, top - taken);
    ones += (groupOnes * places) / size;
    taken += places;
  }
  return ones / top / (counts.positives / n);
}

/** One point of a ROC or precision-recall curve, at a score threshold (rows scoring >= it are called 1). */
export interface CurvePoint {
  threshold: number;
  /** ROC: false-positive rate; precision-recall: recall */
  x: number;
  /** ROC: true-positive rate; precision-recall: precision */
  y: number;
}

/** Cumulative true and false positives at each distinct score, highest first (a tie enters at once). */
function cumulativeCounts(scores: ArrayLike<number>, labels: ArrayLike<number>): { threshold: number; tp: number; fp: number }[] {
  const order = descendingOrder(scores);
  const out: { threshold: number; tp: number; fp: number }[] = [];
  let tp = 0, fp = 0;
  for (const [start, end] of tieGroups(scores, order)) {
    for (let k = start; k < end; k++) {
      if (labels[order[k]] === 1) tp++;
      else fp++;
    }
    out.push({ threshold: scores[order[start]], tp, fp });
  }
  return out;
}

/**
 * The ROC curve: (false-positive rate, true-positive rate) with each distinct score as the
 * threshold, from the highest, after a first point (0, 0) at threshold +∞; its trapezoidal area
 * is `rocAuc`. Example: thresholds 0.9, 0.8, 0.1 give (0, 1/2), (1/2, 1), (1, 1).
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): CurvePoint[] {
  const counts = checkInputs(scores, labels);
  needBothClasses(counts, "a ROC curve");
  return [
    { threshold: Infinity, x: 0, y: 0 },
    ...cumulativeCounts(scores, labels).map((c) => ({ threshold: c.threshold, x: c.fp / counts.negatives, y: c.tp / counts.positives })),
  ];
}

/**
 * The precision-recall curve: (recall, precision) with each distinct score as the threshold,
 * from the highest; `averagePrecision` is Σ (R_k - R_{k-1}) P_k over these points. Needs at
 * least one 1. Example: thresholds 0.9, 0.8, 0.1 give (1/2, 1), (1, 2/3), (1, 1/2).
 */
export function precisionRecallCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): CurvePoint[] {
  const counts = checkInputs(scores, labels);
  if (counts.positives === 0) throw new RangeError("a precision-recall curve needs at least one label 1");
  return cumulativeCounts(scores, labels).map((c) => ({ threshold: c.threshold, x: c.tp / counts.positives, y: c.tp / (c.tp + c.fp) }));
}

/**
 * The lift curve: `topShareLift` at the shares 1/steps, 2/steps, ..., 1 (deciles by default);
 * the last is always 1. Example with 2 steps: share 1/2 -> 1.5, share 1 -> 1.
 */
export function liftCurve(scores: ArrayLike<number>, labels: ArrayLike<number>, steps = 10): { share: number; lift: number }[] {
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps must be a positive whole number, not ${steps}`);
  return Array.from({ length: steps }, (_, k) => {
    const share = (k + 1) / steps;
    return { share, lift: topShareLift(scores, labels, share) };
  });
}
