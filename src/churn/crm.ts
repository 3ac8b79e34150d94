/**
 * The CRM list: customers ranked by value at risk, their CLV times their churn probability, so
 * that retention spend goes first where the most expected value could be lost.
 *
 * At a cutoff c with horizon h: CLV and P(alive) from `customerValue` with calibration end c;
 * the churn probability from the baseline churn model trained at c - h (features up to c - h,
 * labels in (c - h, c]) and applied to the features at c; the reason is the model's largest
 * standardised contributions for that customer (`contributionReasons`).
 *
 * Example: CLV 200 and churn probability 0.4 put 80 at risk, ahead of CLV 100 at 0.7 (70).
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { customerValue, dayNumberOfInput, type CustomerValueOptions, type CustomerValueResult, type DayInput } from "../clv/index";
import { float64Column, isoDayOfNumber } from "../util/index";
import { contributionReasons, churnProbabilities, fitChurnModel, BASELINE_FEATURES, type ChurnModel } from "./model";
import { requireBothOutcomes } from "./evaluate";
import { checkHorizon, checkedCutoff, churnLabels, purchaseDayRange, snapshotFeatures } from "./snapshot";

/** The columns of the CRM list, in order. */
export const CRM_COLUMNS = ["customerId", "segment", "pAlive", "expectedPurchases", "clv", "churnProbability", "valueAtRisk", "reason"] as const;

/**
 * Joins per-customer CLV (`customerId`, `segment`, `pAlive`, `expectedPurchases`, `clv`) with
 * churn scores (`customerId`, `churnProbability`, `reason`) and ranks by `valueAtRisk` =
 * clv x churnProbability, highest first (ties by customerId); the columns of `CRM_COLUMNS`.
 */
export function valueAtRiskList(perCustomer: DataFrame, churn: DataFrame): DataFrame {
  return perCustomer
    .select("customerId", "segment", "pAlive", "expectedPurchases", "clv")
    .join(churn.select("customerId", "churnProbability", "reason"), { on: "customerId" })
    .withColumns(pl.col("clv").mul(pl.col("churnProbability")).alias("valueAtRisk"))
    .select(...CRM_COLUMNS)
    .sort([pl.col("valueAtRisk").mul(-1), pl.col("customerId")]);
}

/** Options of `crmList`: the cutoff, the churn horizon, and the CLV options. */
export interface CrmOptions extends Omit<CustomerValueOptions, "calibrationEnd" | "holdoutEnd"> {
  cutoff: DayInput;
  /** default 90 */
  horizonDays?: number;
}

/** The CRM list and what it was built from. */
export interface CrmResult {
  list: DataFrame;
  value: CustomerValueResult;
  churnModel: ChurnModel;
  /** the cutoff the churn model was trained at (c - h) */
  trainCutoff: string;
}

/** The CRM list at a cutoff (see the file comment). */
export function crmList(lines: DataFrame, options: CrmOptions): CrmResult {
  const h = options.horizonDays ?? 90;
  checkHorizon(h);
  const c = dayNumberOfInput(options.cutoff, "The cutoff");
  const { last } = purchaseDayRange(lines);
  if (c > last) throw new UserError(`The cutoff ${isoDayOfNumber(c)} is after the last purchase in the data (${isoDayOfNumber(last)}).`);
  const trainDay = checkedCutoff(lines, isoDayOfNumber(c - h), h, "The churn model's training cutoff (the cutoff minus the horizon)");
  const train = snapshotFeatures(lines, trainDay, h);
  const labelled = train.join(churnLabels(lines, train, trainDay, h), { on: "customerId" });
  requireBothOutcomes(float64Column(labelled, "churned"), `At the churn model's training cutoff ${isoDayOfNumber(trainDay)}`);
  const churnModel = fitChurnModel(labelled, BASELINE_FEATURES);
  const now = snapshotFeatures(lines, c, h);
  const churn = now.select("customerId").withColumns(
    pl.Series("churnProbability", churnProbabilities(churnModel, now)),
    pl.Series("reason", contributionReasons(churnModel, now)),
  );
  const value = customerValue(lines, { ...options, calibrationEnd: options.cutoff });
  return { list: valueAtRiskList(value.perCustomer, churn), value, churnModel, trainCutoff: isoDayOfNumber(trainDay) };
}
