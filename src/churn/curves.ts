/**
 * The curves behind a churn model's scores, for charts: ROC, precision-recall, lift by top share
 * and calibration bins of each model's churn probabilities on the test snapshot (see
 * src/stats/classification.ts for each definition). Churn (label 1) is the positive class.
 */
import { calibrationBins, liftCurve, precisionRecallCurve, rocCurve, type CalibrationBin, type CurvePoint } from "../stats/index";
import { float64Column } from "../util/index";
import type { ChurnValidationResult } from "./validation";
import type { ClassifierScores } from "./evaluate";

/** One model's curves on one snapshot, with the areas they summarise. */
export interface ModelCurves {
  name: string;
  auc: number;
  averagePrecision: number;
  roc: CurvePoint[];
  precisionRecall: CurvePoint[];
  /** lift of the top 10%, 20%, ..., 100% */
  lift: { share: number; lift: number }[];
  calibration: CalibrationBin[];
}

/** The curves of churn probabilities against 0/1 labels, named `name`; `scores` gives the areas. */
export function modelCurves(name: string, probabilities: ArrayLike<number>, labels: ArrayLike<number>, scores: ClassifierScores): ModelCurves {
  return {
    name,
    auc: scores.auc,
    averagePrecision: scores.averagePrecision,
    roc: rocCurve(probabilities, labels),
    precisionRecall: precisionRecallCurve(probabilities, labels),
    lift: liftCurve(probabilities, labels, 10),
    calibration: calibrationBins(probabilities, labels, 10),
  };
}

/** The names the validation's models are shown under, in the order of `validationCurves`. */
export const CHURN_MODEL_NAMES = {
  baseline: "Logistic baseline (RFM + tenure)",
  extended: "Extended logistic (+ recent invoices, BG/NBD)",
  bgnbdNoPurchase: "BG/NBD P(no purchase in horizon)",
  pAlive: "1 - P(alive)",
} as const;

/** The curves of every model of a churn validation on its test snapshot: baseline, extended, BG/NBD no-purchase, 1 - P(alive). */
export function validationCurves(result: ChurnValidationResult): ModelCurves[] {
  const labels = float64Column(result.scored, "churned");
  return [
    modelCurves(CHURN_MODEL_NAMES.baseline, float64Column(result.scored, "baselineProbability"), labels, result.baseline.test),
    modelCurves(CHURN_MODEL_NAMES.extended, float64Column(result.scored, "extendedProbability"), labels, result.extended.test),
    modelCurves(CHURN_MODEL_NAMES.bgnbdNoPurchase, float64Column(result.scored, "bgnbdNoPurchase"), labels, result.bgnbdNoPurchase.test),
    modelCurves(CHURN_MODEL_NAMES.pAlive, float64Column(result.scored, "pAliveChurnProbability"), labels, result.pAlive.test),
  ];
}
