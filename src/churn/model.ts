/**
 * Churn models: penalised logistic regressions on transformed, standardised features.
 *
 * A feature is a column of a snapshot, optionally through log1p. Standardisation uses the
 * training rows' mean and population standard deviation (divide by n; a constant feature keeps
 * scale 1, as scikit-learn's StandardScaler does), and the same mean and scale are applied to
 * any later snapshot. The fit is `fitLogisticRegression` (C = 1, intercept not penalised).
 *
 * The baseline of issue 13: log1p of recency, frequency, monetary and tenure.
 *
 * Example: a training column log1p(x) = (0, 2) has mean 1 and population SD 1, so 0 -> -1,
 * 2 -> 1, and a later value 3 -> 2.
 */
import type { DataFrame } from "nodejs-polars";
import { fitLogisticRegression, logisticProbabilities, type LogisticFit } from "../stats/index";
import { float64Column } from "../util/index";

/** One model input: a snapshot column, through log1p or as it is. */
export interface FeatureSpec {
  column: string;
  transform: "log1p" | "identity";
}

/** The baseline's features: log1p of recency, frequency, monetary and tenure. */
export const BASELINE_FEATURES: readonly FeatureSpec[] = ["recency", "frequency", "monetary", "tenure"].map((column) => ({
  column,
  transform: "log1p" as const,
}));

/** A fitted churn model: its features, the training standardisation and the regression. */
export interface ChurnModel {
  features: readonly FeatureSpec[];
  mean: number[];
  scale: number[];
  fit: LogisticFit;
}

/** A feature's values from a snapshot, transformed; a missing, null or non-finite value is a bug upstream. */
export function featureValues(snapshot: DataFrame, spec: FeatureSpec): Float64Array {
  const raw = float64Column(snapshot, spec.column);
  const values = spec.transform === "log1p" ? raw.map(Math.log1p) : raw;
  const bad = values.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new Error(`feature ${spec.column} is not usable at row ${bad + 1}: ${raw[bad]}`);
  return values;
}

/** Mean and population SD of a column; SD 0 becomes 1 (a constant feature stays 0 after centring). */
export function meanAndScale(values: Float64Array): { mean: number; scale: number } {
  let mean = 0;
  for (const v of values) mean += v;
  mean /= values.length;
  let ss = 0;
  for (const v of values) ss += (v - mean) ** 2;
  const sd = Math.sqrt(ss / values.length);
  return { mean, scale: sd > 0 ? sd : 1 };
}

/** The standardised feature columns of a snapshot under a model's mean and scale. */
export function standardizedColumns(model: Pick<ChurnModel, "features" | "mean" | "scale">, snapshot: DataFrame): Float64Array[] {
  return model.features.map((spec, j) => featureValues(snapshot, spec).map((v) => (v - model.mean[j]) / model.scale[j]));
}

/**
 * Fits a churn model on a training snapshot with a 0/1 column `label` (default `churned`):
 * standardise with the training mean and population SD, then the penalised logistic regression.
 */
export function fitChurnModel(train: DataFrame, features: readonly FeatureSpec[], label = "churned", C = 1): ChurnModel {
  const columns = features.map((spec) => featureValues(train, spec));
  const moments = columns.map(meanAndScale);
  const standardized = columns.map((col, j) => col.map((v) => (v - moments[j].mean) / moments[j].scale));
  const y = float64Column(train, label);
  const fit = fitLogisticRegression(standardized, y, { C });
  return { features, mean: moments.map((m) => m.mean), scale: moments.map((m) => m.scale), fit };
}

/** P(label = 1) for every row of a snapshot under a fitted model. */
export function churnProbabilities(model: ChurnModel, snapshot: DataFrame): Float64Array {
  return logisticProbabilities(model.fit, standardizedColumns(model, snapshot));
}

/** The coefficients by feature column name (of the transformed, standardised feature), intercept apart. */
export function namedCoefficients(model: ChurnModel): Record<string, number> {
  return Object.fromEntries(model.features.map((spec, j) => [spec.column, model.fit.coefficients[j]]));
}

/**
 * The reason behind each row's score: its features' standardised contributions w_j z_ij to the
 * log-odds, the largest positive ones first (at most `top`), written like
 * "recency high (+1.21), frequency low (+0.40)"; "no feature raises the risk" when none is
 * positive. Example: w = (1.2, -0.5), z = (1, -0.8): contributions 1.2 and 0.4 ->
 * "recency high (+1.20), frequency low (+0.40)".
 */
export function contributionReasons(model: ChurnModel, snapshot: DataFrame, top = 2): string[] {
  const z = standardizedColumns(model, snapshot);
  const w = model.fit.coefficients;
  const n = snapshot.height;
  return Array.from({ length: n }, (_, i) => {
    const parts = model.features
      .map((spec, j) => ({ name: spec.column, value: w[j] * z[j][i], direction: z[j][i] >= 0 ? "high" : "low" }))
      .filter((p) => p.value > 0)
      .sort((a, b) => b.value - a.value || (a.name < b.name ? -1 : 1))
      .slice(0, top);
    return parts.length ? parts.map((p) => `${p.name} ${p.direction} (+${p.value.toFixed(2)})`).join(", ") : "no feature raises the risk";
  });
}
