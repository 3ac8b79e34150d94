/** From a features table to the points k-means clusters. */
import type { DataFrame } from "nodejs-polars";
import { featureMatrix } from "./matrix";
import { log1pColumns, standardize } from "./scale";
import { skewedFeatures } from "./skew";

/**
 * The clustering input: the `columns` of `features` (one row per customer), with log1p applied
 * to `logColumns` (default the skewed ones, `skewedFeatures(columns)`: the one rule the CLI and
 * the notebooks share), then each column standardised to mean 0 and population standard
 * deviation 1 (as scikit-learn's StandardScaler). Rows keep the table's order.
 * Example: columns recency, tenure -> log1p(recency) and tenure as it is, both standardised.
 */
export function clusterPoints(features: DataFrame, columns: readonly string[], logColumns: readonly string[] = skewedFeatures(columns)): number[][] {
  const logged = logColumns.length ? log1pColumns(features, logColumns) : features;
  return standardize(featureMatrix(logged, columns, "customerId"), { featureNames: [...columns] }).points;
}
