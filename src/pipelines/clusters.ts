/**
 * The customer clustering job, assembled once for the CLI (`retail-lab clusters`) and notebook
 * 03: behavioural features per customer, the chosen columns log1p-transformed where the feature
 * is skewed (`skewedFeatures`: the same rule on any data) and standardised, the elbow over a
 * range of k with a proposed k (K-Means, or Ward's tree cut at each k), and the chosen clustering
 * with its profiles, names and per-customer assignments; or DBSCAN's clusters and noise.
 */
import pl, { type DataFrame } from "nodejs-polars";
import type { CleanData } from "../clean/index";
import {
  clusterPoints, clusterProfiles, compareMethods, elbow, featureMatrix, kDistances, nameClusters, NOISE, proposeEps, proposeK, skewedFeatures,
  standardize, wardElbow, type ClusterName, type ClusterProfile, type ElbowResult, type MethodSummary, type ProposedEps, type ProposedK,
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
  /** the method run for every k: "kmeans" (default) or "ward" (one exact tree, cut at each k; restarts and seed unused) */
  method?: "kmeans" | "ward";
  /** the smallest and largest k tried (default 1 and 10) */
  kMin?: number;
  kMax?: number;
  /** k-means++ restarts per k, the lowest inertia kept (default 10) */
  restarts?: number;
  /** the random seed (default 0): same seed, same clusters */
  seed?: number;
}

/**
 * Inertia and silhouette for every k from kMin to kMax (`elbow`, or `wardElbow` for Ward, whose
 * "inertia" is the within-cluster sum of squares of each cut) and the proposed k (`proposeK`;
 * a single k asked for, kMin = kMax, is the proposal).
 */
export function clusterElbow(prep: ClusterPreparation, options: ClusterElbowOptions = {}): { elbow: ElbowResult; proposed: ProposedK } {
  const { kMin = 1, kMax = 10, restarts = 10, seed = 0 } = options;
  const result = options.method === "ward" ? wardElbow(prep.points, { kMin, kMax }) : elbow(prep.points, { kMin, kMax, restarts, seed });
  return { elbow: result, proposed: proposeK(result, kMin === kMax ? { k: kMin } : {}) };
}

/** One clustering of the customers, described (see `clusterChoice`). */
export interface ClusterChoice {
  k: number;
  /** the cluster of each customer, in the order of the features table */
  labels: number[];
  /** the profile of each cluster 0..k-1 (noise apart) */
  profiles: ClusterProfile[];
  names: ClusterName[];
  /** the profile of the noise (label -1), null when there is none */
  noiseProfile: ClusterProfile | null;
  /** customerId, cluster, name: the export (noise: cluster -1, named as NOISE) */
  assignments: DataFrame;
}

/**
 * A clustering of the prepared customers described, whichever method made its labels (one
 * label per row of `prep.features`, clusters numbered from 0): the profiles of `profileColumns`
 * (default every feature; revenue shares from monetary), the names derived from them
 * (`nameClusters`) and the per-customer assignments.
 * k is the highest label + 1 (noise, label -1, is not a cluster: it is profiled apart, not named
 * among the clusters, and exported as cluster -1 named "Noise").
 * Example: labels [0, 1, 0] -> k 2, two profiles, assignments customerId, cluster 0/1/0, name.
 */
export function clusterChoice(prep: ClusterPreparation, labels: readonly number[], profileColumns: readonly string[] = CLUSTER_FEATURES): ClusterChoice {
  if (labels.length !== prep.features.height) throw new RangeError(`${labels.length} labels for ${prep.features.height} customers`);
  const all = clusterProfiles(prep.features, labels, { revenueColumn: "monetary", columns: profileColumns });
  const profiles = all.filter((p) => p.cluster >= 0);
  const names = nameClusters(profiles);
  const k = labels.reduce((m, c) => Math.max(m, c + 1), 0);
  return { k, labels: [...labels], profiles, names, noiseProfile: all.find((p) => p.cluster < 0) ?? null, assignments: clusterAssignments(prep, labels, names) };
}

/** customerId, cluster, name of each customer of `prep.features`; noise (-1) named as NOISE. */
function clusterAssignments(prep: ClusterPreparation, labels: readonly number[], names: readonly ClusterName[]): DataFrame {
  const nameOf = new Map(names.map((n) => [n.cluster, n.name]));
  return pl.DataFrame([
    pl.Series("customerId", strings(prep.features, "customerId"), pl.Utf8),
    pl.Series("cluster", [...labels], pl.Int32),
    pl.Series("name", labels.map((c) => (c < 0 ? NOISE.name : nameOf.get(c) ?? "")), pl.Utf8),
  ]);
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
 * returns, `clusterPreparation`, `clusterElbow` (K-Means, or Ward, for every k of the range), and
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

/** Options of `customerDbscan`. */
export interface CustomerDbscanOptions {
  /** the features clustered (default recency, frequency, monetary) */
  columns?: readonly string[];
  /** the neighbourhood radius (default: the knee of the minSamples-distance curve, `proposeEps`) */
  eps?: number;
  /** points within eps, the point itself counted, that make a core point (default 2 x the number of columns) */
  minSamples?: number;
  /** the features profiled (default all of them) */
  profileColumns?: readonly string[];
}

/** DBSCAN's clusters of the customers (see `customerDbscan`). */
export interface CustomerDbscan extends ClusterPreparation {
  eps: number;
  minSamples: number;
  /** how eps was proposed, null when it was given */
  epsProposal: ProposedEps | null;
  /** clusters, noise, core points, sizes, silhouette (noise left out), profiles and names (`compareMethods`) */
  run: MethodSummary;
  /** customerId, cluster, name: the export, noise as cluster -1 named "Noise" */
  assignments: DataFrame;
}

/**
 * DBSCAN on the customers of cleaned data: `customerFeatures`, `clusterPreparation`, then
 * DBSCAN at eps and minSamples; minSamples by default 2 x the number of features (Sander et al.
 * 1998), eps by default the knee of the minSamples-distance curve. Refuses, in one sentence,
 * minSamples above the number of customers (every customer would be noise); DBSCAN itself
 * refuses eps <= 0 and a setting with no core point.
 */
export function customerDbscan(clean: Pick<CleanData, "customerLines" | "returns">, options: CustomerDbscanOptions = {}): CustomerDbscan {
  const columns = options.columns ?? RFM_FEATURES;
  const minSamples = options.minSamples ?? 2 * columns.length;
  const features = customerFeatures(clean.customerLines, clean.returns);
  if (minSamples > features.height) {
    throw new UserError(`minSamples = ${minSamples} is above the ${fmtInt(features.height)} customers, so no customer could be a core point and all would be noise: choose minSamples <= ${fmtInt(features.height)}.`);
  }
  const prep = clusterPreparation(features, columns);
  const epsProposal = options.eps === undefined ? proposeEps(kDistances(prep.points, minSamples), minSamples) : null;
  const eps = options.eps ?? (epsProposal as ProposedEps).eps;
  const run = compareMethods(features, {
    methods: [{ method: "dbscan", eps, minSamples }], columns: prep.columns, logColumns: prep.logged, profileColumns: options.profileColumns ?? CLUSTER_FEATURES,
  }).methods[0];
  return { ...prep, eps, minSamples, epsProposal, run, assignments: clusterAssignments(prep, run.labels, run.names) };
}
