/**
 * How well churn probabilities rank and are calibrated on a test snapshot: ROC AUC (ties
 * counted as half), PR AUC as average precision (scikit-learn's `average_precision_score`
 * definition: Σ (R_k - R_{k-1}) P_k over the distinct scores as thresholds), the Brier score,
 * ten equal-width calibration bins, and the lift of the top decile (the churn rate among the
 * 10% highest scores over the overall churn rate, ties at the cut shared; see `topShareLift`).
 * Churn (label 1) is the positive class.
 */
import { UserError } from "../errors";
import { averagePrecision, brierScore, calibrationBins, rocAuc, topShareLift, type CalibrationBin } from "../stats/index";
import { fmtInt } from "../util/index";

/** The scores of one model on one snapshot. */
export interface ClassifierScores {
  customers: number;
  churnRate: number;
  auc: number;
  averagePrecision: number;
  brier: number;
  liftTopDecile: number;
  calibration: CalibrationBin[];
}

/**
 * Refuses a snapshot where every customer had the outcome (by default "churned") or none did:
 * nothing can be learned or scored there. Names the snapshot.
 */
export function requireBothOutcomes(labels: ArrayLike<number>, what: string, outcome = "churned"): void {
  let ones = 0;
  for (let i = 0; i < labels.length; i++) ones += labels[i];
  if (ones === 0 || ones === labels.length) {
    throw new UserError(
      `${what}: ${ones === 0 ? "no customer" : `all ${fmtInt(labels.length)} customers`} ${outcome}, so it cannot be learned or scored there; choose another cutoff or horizon.`,
    );
  }
}

/** The scores of churn probabilities against the 0/1 churn labels (see the file comment). */
export function scoreClassifier(probabilities: ArrayLike<number>, labels: ArrayLike<number>, what = "The test snapshot", outcome = "churned"): ClassifierScores {
  requireBothOutcomes(labels, what, outcome);
  let churned = 0;
  for (let i = 0; i < labels.length; i++) churned += labels[i];
  return {
    customers: labels.length,
    churnRate: churned / labels.length,
    auc: rocAuc(probabilities, labels),
    averagePrecision: averagePrecision(probabilities, labels),
    brier: brierScore(probabilities, labels),
    liftTopDecile: topShareLift(probabilities, labels, 0.1),
    calibration: calibrationBins(probabilities, labels, 10),
  };
}
