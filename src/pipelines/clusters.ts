/**
 * The customer clustering job, assembled once for the CLI (`retail-lab clusters`) and notebook
 * 03: behavioural features per customer, the chosen columns log1p-transformed where the feature
 * is skewed (`skewedFeatures`: the same rule on any data) and standardised, the elbow over a
 * range of k with a proposed k, and the chosen clustering with its profiles, names and
 * per-customer assignments.
 */
import pl, { type DataFrame } from "nodejs-polars";
import type { CleanData } from "../clean/index";
import {
  clusterPoints, clusterProfiles, elbow, featureMatrix, nameClusters, proposeK, skewedFeatures, standardize,
  type ClusterName, type ClusterProfile, type ElbowResult, type ProposedK,
} from "../clusters/index";
import { UserError } from "../errors";
import { CUSTOMER_FEATURE_COLUMNS, customerFeatures } from "../features/index";
import { fmtInt, strings } from "../util/index";

/** The features a customer can be clustered on: every column of `customerFeatures` but the ID. */
export const CLUSTER_FEATURES: readonly string[] = CUSTOMER_FEATURE_COLUMNS.filter((c) => c !== "customerId");

/** The columns clustered by default: recency, frequency and monetary. */
export const RFM_FEATURES: readonly string[] = ["recency", "frequency", "monetary"];

/** The points to cluster and how they were made (see `clusterPreparation`). */
export interface ClusterPreparation {
  /** the features table, one row per customer (sorted by customerId) */
  features: DataFrame;
  /** the columns clustered */
  columns: string[];
  /** the columns among them that were log1p-transformed (the skewed ones) */
  logged: string[];
  /** one row per customer of `features`: the columns, log1p where skewed, standardised */
  points: number[][];
}

/**
 * The clustering input of a features table: `columns` (checked on the raw values first, so that
 * a message names the customer and the value as read), log1p of the skewed ones
 * (`skewedFeatures`: the one log rule of the CLI, the notebooks and `clusterPoints`), each
 * standardised to mean 0 and standard deviation 1.
 * Example: columns recency, frequency, monetary -> all three logged (all skewed); tenure alone ->
 * not logged.
 */
export function clusterPreparation(features: DataFrame, columns: readonly string[] = RFM_FEATURES): ClusterPreparation {
  standardize(featureMatrix(features, columns, "customerId"), { featureNames: columns });
  const logged = skewedFeatures(columns);
  return { features, columns: [...columns], logged, points: clusterPoints(features, columns, logged) };
}

/** Options of `clusterElbow` and `customerClusters`. */
export interface ClusterElbowOptions {
  /** the smallest and largest k tried (default 1 and 10) */
  kMin?: number;
  kMax?: number;
  /** k-means++ restarts per k, the lowest inertia kept (default 10) */
  restarts?: number;
  /** the random seed (default 0): same seed, same clusters */
  seed?: number;
}

/**
 * Inertia and silhouette for every k from kMin to kMax (`elbow`) and the proposed k (`proposeK`;
 * a single k asked for, kMin = kMax, is the proposal).
 */
export function clusterElbow(prep: ClusterPreparation, options: ClusterElbowOptions = {}): { elbow: ElbowResult; proposed: ProposedK } {
  const { kMin = 1, kMax = 10, restarts = 10, seed = 0 } = options;
  const result = elbow(prep.points, { kMin, kMax, restarts, seed });
  return { elbow: result, proposed: proposeK(result, kMin === kMax ? { k: kMin } : {}) };
}

/** One clustering of the customers, described (see `clusterChoice`). */
export interface ClusterChoice {
  k: number;
  /** the cluster of each customer, in the order of the features table */
  labels: number[];
  profiles: ClusterProfile[];
  names: ClusterName[];
  /** customerId, cluster, name: the export */
  assignments: DataFrame;
}

/**
 * A clustering of the prepared customers described, whichever method made its labels (one
 * label per row of `prep.features`, clusters numbered from 0): the profiles of `profileColumns`
 * (default every feature; revenue shares from monetary), the names derived from them
 * (`nameClusters`) and the per-customer assignments.
 * k is the highest label + 1 (noise, label -1, is not a cluster).
 * Example: labels [0, 1, 0] -> k 2, two profiles, assignments customerId, cluster 0/1/0, name.
 */
export function clusterChoice(prep: ClusterPreparation, labels: readonly number[], profileColumns: readonly string[] = CLUSTER_FEATURES): ClusterChoice {
  if (labels.length !== prep.features.height) throw new RangeError(`${labels.length} labels for ${prep.features.height} customers`);
  const profiles = clusterProfiles(prep.features, labels, { revenueColumn: "monetary", columns: profileColumns });
  const names = nameClusters(profiles);
  const nameOf = new Map(names.map((n) => [n.cluster, n.name]));
  const assignments = pl.DataFrame([
    pl.Series("customerId", strings(prep.features, "customerId"), pl.Utf8),
    pl.Series("cluster", [...labels], pl.Int32),
    pl.Series("name", labels.map((c) => nameOf.get(c) ?? ""), pl.Utf8),
  ]);
  return { k: labels.reduce((m, c) => Math.max(m, c + 1), 0), labels: [...labels], profiles, names, assignments };
}

/** The labels of the elbow run with k clusters; refuses a k the elbow did not try. */
export function elbowLabels(result: ElbowResult, k: number): number[] {
  const point = result.points.find((p) => p.k === k);
  if (!point) throw new UserError(`k = ${k} was not tried: the elbow covers k = ${result.points.map((p) => p.k).join(", ")}.`);
  return point.labels;
}

/** Options of `customerClusters`: the columns, the elbow's, the k chosen and the profile columns. */
export interface CustomerClustersOptions extends ClusterElbowOptions {
  /** the features clustered (default recency, frequency, monetary) */
  columns?: readonly string[];
  /** the k to describe (default the proposed k) */
  k?: number;
  /** the features profiled (default all of them) */
  profileColumns?: readonly string[];
  /** how the range of k is named in a message (default "k = 1..10"; the CLI says "--k 1..10") */
  kLabel?: string;
}

/** The whole clustering job (see `customerClusters`). */
export interface CustomerClusters extends ClusterPreparation {
  elbow: ElbowResult;
  proposed: ProposedK;
  chosen: ClusterChoice;
}

/**
 * Customer clusters of cleaned data in one call: `customerFeatures` of the customer lines and
 * returns, `clusterPreparation`, `clusterElbow` (K-Means for every k of the range), and
 * `clusterChoice` of the labels at `options.k` (default the proposed k). Refuses, in one
 * sentence, a range of k larger than the number of customers.
 */
export function customerClusters(clean: Pick<CleanData, "customerLines" | "returns">, options: CustomerClustersOptions = {}): CustomerClusters {
  const { kMin = 1, kMax = 10 } = options;
  const features = customerFeatures(clean.customerLines, clean.returns);
  if (features.height < kMax) {
    const kLabel = options.kLabel ?? `k = ${kMin === kMax ? kMin : `${kMin}..${kMax}`}`;
    throw new UserError(`${kLabel} needs at least ${kMax} customers and the data has ${fmtInt(features.height)}: choose a smaller k.`);
  }
  const prep = clusterPreparation(features, options.columns ?? RFM_FEATURES);
  const { elbow: result, proposed } = clusterElbow(prep, options);
  const labels = elbowLabels(result, options.k ?? proposed.k);
  return { ...prep, elbow: result, proposed, chosen: clusterChoice(prep, labels, options.profileColumns) };
}
