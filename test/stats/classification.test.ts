// Logistic regression and the classifier metrics on cases small enough to check by hand;
// the comparison with scikit-learn on real data is in test/churn/reference.test.ts.
import { describe, expect, it } from "vitest";
import {
  averagePrecision,
  brierScore,
  calibrationBins,
  fitLogisticRegression,
  liftCurve,
  logisticProbabilities,
  precisionRecallCurve,
  rocAuc,
  rocCurve,
  sigmoid,
  topShareLift,
} from "../../src/stats/index";

const scores = [0.9, 0.8, 0.8, 0.1];
const labels = [1, 0, 1, 0];

describe("classifier metrics", () => {
  it("ROC AUC counts ties as half (sklearn.metrics.roc_auc_score gives 0.875)", () => {
    // pairs (1, 0): 0.9 > 0.8, 0.9 > 0.1, 0.8 = 0.8 (half), 0.8 > 0.1: 3.5 / 4
    expect(rocAuc(scores, labels)).toBe(0.875);
    expect(rocAuc([0.1, 0.2], [1, 0])).toBe(0); // the 1 scores below the 0
    expect(rocAuc([0.5, 0.5, 0.5], [1, 0, 1])).toBe(0.5); // all tied
  });
  it("average precision as sklearn defines it (sklearn gives 0.8333)", () => {
    // 0.9: P = 1, R = 1/2; 0.8 (two rows at once): P = 2/3, R = 1: 1/2 · 1 + 1/2 · 2/3
    expect(averagePrecision(scores, labels)).toBeCloseTo(5 / 6, 15);
  });
  it("Brier score, calibration bins and top-share lift", () => {
    expect(brierScore(scores, labels)).toBeCloseTo((0.01 + 0.64 + 0.04 + 0.01) / 4, 15);
    const bins = calibrationBins(scores, labels, 2);
    expect(bins).toHaveLength(2);
    expect(bins[0]).toMatchObject({ lower: 0, upper: 0.5, count: 1, meanPredicted: 0.1, observedRate: 0 });
    expect(bins[1].count).toBe(3);
    expect(bins[1].meanPredicted).toBeCloseTo(2.5 / 3, 15);
    expect(bins[1].observedRate).toBeCloseTo(2 / 3, 15);
    // top 2 of 4: 0.9 (a 1) and half of the tied 0.8s (one 1 in two): 1.5 / 2 over the base rate 1/2
    expect(topShareLift(scores, labels, 0.5)).toBeCloseTo(1.5, 15);
    // top decile of 4 rows is ⌈0.4⌉ = 1 row: the 0.9, a 1: (1 / 1) / (2 / 4) = 2
    expect(topShareLift(scores, labels, 0.1)).toBe(2);
  });
  it("ROC and precision-recall curves, one point per distinct score, and the lift curve", () => {
    // threshold 0.9: 1 of 2 ones, 0 of 2 zeros; 0.8 (both tied rows): 2 ones, 1 zero; 0.1: everything
    expect(rocCurve(scores, labels).map((p) => [p.x, p.y])).toEqual([[0, 0], [0, 0.5], [0.5, 1], [1, 1]]);
    // trapezoids under (0,0) (0,1/2) (1/2,1) (1,1): 0 + 1/2 · 3/4 + 1/2 · 1 = 0.875, the AUC
    const roc = rocCurve(scores, labels);
    let area = 0;
    for (let k = 1; k < roc.length; k++) area += ((roc[k].x - roc[k - 1].x) * (roc[k].y + roc[k - 1].y)) / 2;
    expect(area).toBe(rocAuc(scores, labels));
    // precision: 1/1, then 2 of 3, then 2 of 4
    expect(precisionRecallCurve(scores, labels).map((p) => [p.threshold, p.x, p.y])).toEqual([[0.9, 0.5, 1], [0.8, 1, 2 / 3], [0.1, 1, 0.5]]);
    // top half: 1.5 (the doc example of topShareLift); all rows: the base rate over itself, 1
    expect(liftCurve(scores, labels, 2)).toEqual([{ share: 0.5, lift: 1.5 }, { share: 1, lift: 1 }]);
    expect(() => rocCurve([0.1, 0.2], [1, 1])).toThrow(/needs both labels/);
    expect(() => precisionRecallCurve([0.1, 0.2], [0, 0])).toThrow(/at least one label 1/);
    expect(() => liftCurve(scores, labels, 0)).toThrow(RangeError);
  });
  it("refuses labels of one kind where a metric needs both, and malformed input", () => {
    expect(() => rocAuc([0.2, 0.3], [1, 1])).toThrow(/both labels/);
    expect(() => averagePrecision([0.2, 0.3], [0, 0])).toThrow(/at least one label 1/);
    expect(() => rocAuc([0.2], [2])).toThrow(/0 or 1/);
    expect(() => rocAuc([NaN, 0.1], [1, 0])).toThrow(/not finite/);
    expect(() => brierScore([1.2], [1])).toThrow(/outside \[0, 1\]/);
  });
});

describe("fitLogisticRegression", () => {
  it("solves the symmetric two-point example: w₀ = 0, w₁ = 2 (1 - σ(w₁))", () => {
    // scipy.optimize.brentq on w - 2 (1 - expit(w)): 0.6748316143423995 (sklearn newton-cholesky agrees)
    const fit = fitLogisticRegression([[-1, 1]], [0, 1]);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(0, 14);
    expect(fit.coefficients[0]).toBeCloseTo(0.6748316143423995, 13);
    expect(fit.coefficients[0]).toBeCloseTo(2 * (1 - sigmoid(fit.coefficients[0])), 13);
    const p = logisticProbabilities(fit, [[-1, 1]]);
    expect(p[0] + p[1]).toBeCloseTo(1, 14); // symmetric
  });
  it("does not penalise the intercept: with no features it is the log-odds of the labels", () => {
    // 3 ones in 4: ln(3/1)
    const fit = fitLogisticRegression([], [1, 1, 1, 0]);
    expect(fit.intercept).toBeCloseTo(Math.log(3), 13);
  });
  it("a stronger penalty (smaller C) shrinks the slope", () => {
    const x = [[-2, -1, 0, 1, 2, 3]];
    const y = [0, 0, 1, 0, 1, 1];
    const loose = fitLogisticRegression(x, y, { C: 100 }).coefficients[0];
    const tight = fitLogisticRegression(x, y, { C: 0.01 }).coefficients[0];
    expect(Math.abs(tight)).toBeLessThan(Math.abs(loose));
  });
  it("refuses labels other than 0/1, non-finite features and columns of another length", () => {
    expect(() => fitLogisticRegression([[1, 2]], [0, 2])).toThrow(/0 or 1/);
    expect(() => fitLogisticRegression([[1, NaN]], [0, 1])).toThrow(/not finite/);
    expect(() => fitLogisticRegression([[1]], [0, 1])).toThrow(/1 values for 2 labels/);
    expect(() => fitLogisticRegression([[1, 2]], [0, 1], { C: 0 })).toThrow(/C must be positive/);
  });
});
