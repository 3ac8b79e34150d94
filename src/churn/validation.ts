/**
 * Time-based validation of churn models, as issue 13 defines it: train on the snapshot at one
 * cutoff (features up to c₁, labels in (c₁, c₁ + h]), test on the snapshot at a later cutoff c₂
 * whose features come after the training labels (c₂ >= c₁ + h; anything earlier is leakage and
 * refused), and compare on the test snapshot:
 *
 * - the baseline: logistic regression on log1p(recency, frequency, monetary, tenure);
 * - P(alive) alone: churn score 1 - P(alive) of the BG/NBD fitted (in days) on the data up to c₂,
 *   and the same BG/NBD's probability of no purchase in the next h days alone;
 * - the extended model: the baseline's features plus log1p(recentFrequency) (invoices in the last
 *   h days) and the logit of the BG/NBD probability of no purchase in the next h days, each
 *   snapshot's BG/NBD fitted on its own data up to its cutoff. Deterministic like the baseline.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import {
  bgnbdNoPurchaseProbability,
  bgnbdPAlive,
  calibrationSummary,
  fitBgNbd,
  summaryArrays,
  type BgNbdFit,
  type DayInput,
} from "../clv/index";
import { float64Column, isoDayOfNumber } from "../util/index";
import { scoreClassifier, requireBothOutcomes, type ClassifierScores } from "./evaluate";
import { BASELINE_FEATURES, churnProbabilities, fitChurnModel, namedCoefficients, type ChurnModel, type FeatureSpec } from "./model";
import { checkedCutoff, churnLabels, snapshotFeatures } from "./snapshot";

/** The extended model's features: the baseline's, recent invoices, and the BG/NBD's view. */
export const EXTENDED_FEATURES: readonly FeatureSpec[] = [
  ...BASELINE_FEATURES,
  { column: "recentFrequency", transform: "log1p" },
  { column: "bgnbdNoPurchaseLogit", transform: "identity" },
];

/** A snapshot with its BG/NBD columns, and the BG/NBD fit they came from. */
export interface ModelSnapshot {
  cutoff: string;
  /** `customerId`, the snapshot features, `churned`, `pAlive`, `bgnbdNoPurchase`, `bgnbdNoPurchaseLogit` */
  table: DataFrame;
  bgnbd: BgNbdFit;
}

/** ln(p / (1 - p)) with p kept in [1e-12, 1 - 1e-12] so that it stays finite. */
function logit(p: number): number {
  const q = Math.min(1 - 1e-12, Math.max(1e-12, p));
  return Math.log(q / (1 - q));
}

/**
 * The snapshot at a cutoff day with labels, plus the BG/NBD fitted in days on the data up to the
 * cutoff: each customer's P(alive) and probability of no purchase in the next h days.
 */
export function modelSnapshot(lines: DataFrame, cutoffDay: number, horizonDays: number): ModelSnapshot {
  const features = snapshotFeatures(lines, cutoffDay, horizonDays);
  const cutoff = isoDayOfNumber(cutoffDay);
  const summary = calibrationSummary(lines, { calibrationEnd: cutoff, unit: "day" });
  const data = summaryArrays(summary);
  const bgnbd = fitBgNbd(data);
  const pAlive = Float64Array.from(data.frequency, (x, i) => bgnbdPAlive(bgnbd.params, x, data.recency[i], data.T[i]));
  const noPurchase = Float64Array.from(data.frequency, (x, i) => bgnbdNoPurchaseProbability(bgnbd.params, horizonDays, x, data.recency[i], data.T[i]));
  const model = summary.select("customerId").withColumns(
    pl.Series("pAlive", pAlive),
    pl.Series("bgnbdNoPurchase", noPurchase),
    pl.Series("bgnbdNoPurchaseLogit", noPurchase.map(logit)),
  );
  const table = features
    .join(churnLabels(lines, features, cutoffDay, horizonDays), { on: "customerId" })
    .join(model, { on: "customerId" })
    .sort("customerId");
  return { cutoff, table, bgnbd };
}

/** Options of `churnValidation`. */
export interface ChurnValidationOptions {
  trainCutoff: DayInput;
  testCutoff: DayInput;
  /** h, days; default 90 */
  horizonDays?: number;
}

/** One model's fit and test scores. */
export interface ModelReport {
  model: ChurnModel;
  intercept: number;
  coefficients: Record<string, number>;
  test: ClassifierScores;
}

/** What the validation found. */
export interface ChurnValidationResult {
  horizonDays: number;
  trainCutoff: string;
  testCutoff: string;
  trainCustomers: number;
  trainChurnRate: number;
  testCustomers: number;
  testChurnRate: number;
  baseline: ModelReport;
  /** 1 - P(alive) as the churn probability */
  pAlive: { test: ClassifierScores };
  /** the BG/NBD probability of no purchase in the next h days as the churn probability */
  bgnbdNoPurchase: { test: ClassifierScores };
  extended: ModelReport;
  /** the BG/NBD fits behind the P(alive) columns, at each cutoff */
  bgnbdTrain: BgNbdFit;
  bgnbdTest: BgNbdFit;
  /**
   * The test snapshot scored: `customerId`, the features, `churned`, `pAlive`,
   * `baselineProbability`, `pAliveChurnProbability`, `extendedProbability`, sorted by customerId.
   */
  scored: DataFrame;
}

function report(model: ChurnModel, test: DataFrame): { report: ModelReport; probabilities: Float64Array } {
  const probabilities = churnProbabilities(model, test);
  const labels = float64Column(test, "churned");
  return {
    report: { model, intercept: model.fit.intercept, coefficients: namedCoefficients(model), test: scoreClassifier(probabilities, labels) },
    probabilities,
  };
}

/**
 * Refuses a test cutoff before the training labels end: the test features (up to c₂) would
 * overlap the training labels (c₁, c₁ + h].
 */
export function checkNoLeakage(trainDay: number, testDay: number, horizonDays: number): void {
  if (testDay < trainDay + horizonDays) {
    throw new UserError(
      `The test cutoff ${isoDayOfNumber(testDay)} comes before the training labels end on ${isoDayOfNumber(trainDay + horizonDays)} (training cutoff ${isoDayOfNumber(trainDay)} plus ${horizonDays} days): the test features would overlap the training labels (leakage); choose a test cutoff on or after ${isoDayOfNumber(trainDay + horizonDays)}.`,
    );
  }
}

/** The time-based churn validation (see the file comment). */
export function churnValidation(lines: DataFrame, options: ChurnValidationOptions): ChurnValidationResult {
  const h = options.horizonDays ?? 90;
  const trainDay = checkedCutoff(lines, options.trainCutoff, h, "The training cutoff");
  const testDay = checkedCutoff(lines, options.testCutoff, h, "The test cutoff");
  checkNoLeakage(trainDay, testDay, h);
  const train = modelSnapshot(lines, trainDay, h);
  const test = modelSnapshot(lines, testDay, h);
  const trainLabels = float64Column(train.table, "churned");
  requireBothOutcomes(trainLabels, `At the training cutoff ${train.cutoff}`);
  const testLabels = float64Column(test.table, "churned");
  requireBothOutcomes(testLabels, `At the test cutoff ${test.cutoff}`);

  const baseline = report(fitChurnModel(train.table, BASELINE_FEATURES), test.table);
  const extended = report(fitChurnModel(train.table, EXTENDED_FEATURES), test.table);
  const pAlive = float64Column(test.table, "pAlive");
  const pAliveChurn = pAlive.map((p) => 1 - p);
  const rate = (labels: ArrayLike<number>) => Array.from(labels).reduce((s, v) => s + v, 0) / labels.length;
  return {
    horizonDays: h,
    trainCutoff: train.cutoff,
    testCutoff: test.cutoff,
    trainCustomers: train.table.height,
    trainChurnRate: rate(trainLabels),
    testCustomers: test.table.height,
    testChurnRate: rate(testLabels),
    baseline: baseline.report,
    pAlive: { test: scoreClassifier(pAliveChurn, testLabels) },
    bgnbdNoPurchase: { test: scoreClassifier(float64Column(test.table, "bgnbdNoPurchase"), testLabels) },
    extended: extended.report,
    bgnbdTrain: train.bgnbd,
    bgnbdTest: test.bgnbd,
    scored: test.table.withColumns(
      pl.Series("baselineProbability", baseline.probabilities),
      pl.Series("pAliveChurnProbability", pAliveChurn),
      pl.Series("extendedProbability", extended.probabilities),
    ),
  };
}
