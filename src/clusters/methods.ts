/**
 * K-Means, Ward and DBSCAN side by side on the same customers: each method's clusters, sizes,
 * silhouette, profiles and marketing names, and the adjusted Rand index between each pair.
 * `clusterWith` runs one method (one call, whichever method: what `clusters --method` needs);
 * `compareMethods` runs several on the same prepared points.
 */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { fmtInt } from "../util/index";
import { adjustedRandIndex } from "./compare";
import { dbscanFlat } from "./dbscan";
import { checkK, kmeansPrepared } from "./kmeans";
import { prepareKMeans } from "./kmeans-layout";
import { flattenPoints, type FlatPoints, type Points } from "./matrix";
import { clusterPoints } from "./prepare";
import { skewedFeatures } from "./skew";
import { clusterProfiles, nameClusters, type ClusterName, type ClusterProfile } from "./profiles";
import { silhouetteSample, silhouetteScore } from "./silhouette";
import { cutWard, wardLinkageFlat } from "./ward";

/** A clustering method and its parameters. */
export type MethodSpec =
  | { method: "kmeans"; k: number; seed?: number; restarts?: number }
  | { method: "ward"; k: number }
  | { method: "dbscan"; eps: number; minSamples: number };

/** The names of the methods. */
export type ClusterMethod = MethodSpec["method"];

/** The clusters one method finds (`clusterWith`). */
export interface MethodLabels {
  spec: MethodSpec;
  /** The parameters in words, e.g. "k = 5" or "eps = 0.3, minSamples = 10". */
  parameters: string;
  /** Cluster of each point, 0..clusters-1 numbered canonically (largest first); -1 for DBSCAN's noise. */
  labels: number[];
  /** Number of clusters (noise not counted). */
  clusters: number;
  /** Number of noise points (0 for K-Means and Ward, which put every point in a cluster). */
  noise: number;
  /** Number of DBSCAN's core points; null for K-Means and Ward, which have none. */
  core: number | null;
  /** Number of points of each cluster, largest first. */
  sizes: number[];
}

/** The parameters of a method in words (eps to 4 significant digits). */
export function methodParameters(spec: MethodSpec): string {
  if (spec.method === "kmeans") return `k = ${spec.k}, best of ${spec.restarts ?? 10} k-means++ restarts, seed ${spec.seed ?? 0}`;
  if (spec.method === "ward") return `k = ${spec.k}`;
  return `eps = ${Number(spec.eps.toPrecision(4))}, minSamples = ${spec.minSamples}`;
}

/** The method names, in the order of the CLI's help. */
export const CLUSTER_METHODS: readonly ClusterMethod[] = ["kmeans", "ward", "dbscan"];

/** Each method's name in sentences. */
export const METHOD_TITLES: Readonly<Record<ClusterMethod, string>> = { kmeans: "K-Means", ward: "Ward", dbscan: "DBSCAN" };

/**
 * The clusters of one method on flattened points: K-Means (`kmeans`, seeded), Ward (`wardLinkage`
 * cut at k) or DBSCAN (`dbscan`), all numbered canonically (largest first, then by centroid).
 */
export function clusterWithFlat(flat: FlatPoints, spec: MethodSpec): MethodLabels {
  const parameters = methodParameters(spec);
  if (spec.method === "dbscan") {
    const r = dbscanFlat(flat, spec.eps, spec.minSamples);
    const core = r.core.reduce((c, x) => c + (x ? 1 : 0), 0);
    return { spec, parameters, labels: r.labels, clusters: r.clusters, noise: r.noise, core, sizes: r.sizes };
  }
  checkK(spec.k, flat.n);
  const r = spec.method === "ward"
    ? cutWard(flat, wardLinkageFlat(flat), spec.k)
    : kmeansPrepared(prepareKMeans(flat), spec.k, { seed: spec.seed ?? 0, restarts: spec.restarts ?? 10 });
  return { spec, parameters, labels: r.labels, clusters: r.sizes.length, noise: 0, core: null, sizes: r.sizes };
}

/**
 * The clusters of one method on the points (see `clusterWithFlat`).
 *
 * Example: points [0], [1], [2], [10] with { method: "dbscan", eps: 1.5, minSamples: 3 } ->
 * labels [0, 0, 0, -1], 1 cluster, 1 noise point; with { method: "ward", k: 2 } -> labels
 * [0, 0, 0, 1] (sizes [3, 1]).
 */
export function clusterWith(points: Points, spec: MethodSpec): MethodLabels {
  return clusterWithFlat(flattenPoints(points), spec);
}

/** A method's silhouette, over the points it puts in clusters (`methodSilhouette`). */
export interface MethodSilhouette {
  /** Mean silhouette; null when the clustered points form fewer than 2 or more than n - 1 clusters. */
  value: number | null;
  /** Number of points it is over (noise left out). */
  over: number;
  /** Whether it is exact (true) or estimated on a seeded sample (false). */
  exact: boolean;
  /** How it was computed, in words, e.g. "over the 3,928 customers in clusters (410 noise points left out), exact". */
  note: string;
}

/**
 * Silhouette score (scikit-learn's definition, `silhouetteScore`) of the points in clusters:
 * DBSCAN's noise points are left out (they are no cluster), so a method that calls many points
 * noise is scored on the rest only, and the note says so. Exact up to `sampleSize` points, else
 * estimated on a seeded sample of that many (`silhouetteSample`).
 */
export function methodSilhouette(flat: FlatPoints, labels: readonly number[], sampleSize = 10_000, seed = 0): MethodSilhouette {
  const kept: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] >= 0) kept.push(i);
  const noise = labels.length - kept.length;
  const who = noise === 0
    ? `over all ${fmtInt(kept.length)} customers`
    : `over the ${fmtInt(kept.length)} customers in clusters (${fmtInt(noise)} noise point${noise === 1 ? "" : "s"} left out)`;
  const clusters = new Set(kept.map((i) => labels[i])).size;
  if (clusters < 2 || clusters > kept.length - 1) {
    return { value: null, over: kept.length, exact: true, note: `${who}: not defined for ${clusters} cluster${clusters === 1 ? "" : "s"} (it needs 2 to n - 1)` };
  }
  const points = kept.map((i) => Array.from(flat.data.subarray(i * flat.dims, (i + 1) * flat.dims)));
  const keptLabels = kept.map((i) => labels[i]);
  const exact = kept.length <= sampleSize;
  const value = exact ? silhouetteScore(points, keptLabels) : silhouetteSample(points, keptLabels, { sampleSize, seed });
  return { value, over: kept.length, exact, note: exact ? `${who}, exact` : `${who}, estimated on a seeded sample of ${fmtInt(sampleSize)}` };
}

/** One method's clusters described for marketing (`compareMethods`). */
export interface MethodSummary extends MethodLabels {
  silhouette: MethodSilhouette;
  /** Profile of each cluster 0..clusters-1 (`clusterProfiles`). */
  profiles: ClusterProfile[];
  /** Name and marketing play of each cluster (`nameClusters`, from the clusters' own ranks; noise not ranked). */
  names: ClusterName[];
  /** Profile of the noise points (cluster -1), or null when there are none. */
  noiseProfile: ClusterProfile | null;
}

/** What DBSCAN's noise points are called, and what to do with them. */
export const NOISE = {
  name: "Noise",
  play: "Unusual customers in no dense group: read their profile before acting (they can be the largest accounts as well as one-off oddities) and handle them one by one, not as one audience.",
} as const;

/** Options of `compareMethods`. */
export interface CompareMethodsOptions {
  /** The methods, in the order of the result (at least one). */
  methods: readonly MethodSpec[];
  /** Features clustered on. Default recency, frequency, monetary. */
  columns?: readonly string[];
  /** Of those, the ones log1p-transformed before standardising (`clusterPoints`). Default: the skewed ones (`skewedFeatures`). */
  logColumns?: readonly string[];
  /** Features profiled. Default: every numeric column of the table. */
  profileColumns?: readonly string[];
  /** Column summed for the revenue share. Default "monetary". */
  revenueColumn?: string;
  /** Silhouettes are exact up to this many points, else estimated on a seeded sample of this many. Default 10,000. */
  silhouetteSampleSize?: number;
  /** Seed of the silhouette sample. Default 0. */
  seed?: number;
}

/** The adjusted Rand index between two methods' labels. */
export interface MethodAgreement {
  a: ClusterMethod;
  b: ClusterMethod;
  ari: number;
}

/** The result of `compareMethods`. */
export interface MethodsComparison {
  /** Number of customers. */
  n: number;
  columns: string[];
  logColumns: string[];
  methods: MethodSummary[];
  /** ARI of every pair of methods, in the order given (first with second, first with third, ...). */
  agreement: MethodAgreement[];
  /** How noise enters the ARI, in words. */
  agreementNote: string;
}

/** A method's profiles split into its clusters' and its noise's, with the clusters named. */
function profilesAndNames(features: DataFrame, labels: readonly number[], options: CompareMethodsOptions) {
  const all = clusterProfiles(features, labels, { revenueColumn: options.revenueColumn ?? "monetary", columns: options.profileColumns });
  const profiles = all.filter((p) => p.cluster >= 0);
  return { profiles, names: nameClusters(profiles), noiseProfile: all.find((p) => p.cluster < 0) ?? null };
}

/**
 * Runs each method on the same customers (one row of `features` each, prepared once by
 * `clusterPoints`) and describes its clusters: sizes, noise, silhouette (noise left out, said
 * in the note), profiles and names (the same `clusterProfiles` and `nameClusters` as K-Means
 * clusters get), and the adjusted Rand index of every pair of methods, DBSCAN's noise counting
 * as one more group (label -1), as scikit-learn's adjusted_rand_score counts it.
 */
export function compareMethods(features: DataFrame, options: CompareMethodsOptions): MethodsComparison {
  if (options.methods.length === 0) throw new UserError("No clustering method to compare: give at least one of kmeans, ward, dbscan.");
  const columns = [...(options.columns ?? ["recency", "frequency", "monetary"])];
  const logColumns = [...(options.logColumns ?? skewedFeatures(columns))];
  const flat = flattenPoints(clusterPoints(features, columns, logColumns));
  const methods = options.methods.map((spec): MethodSummary => {
    const run = clusterWithFlat(flat, spec);
    return {
      ...run,
      silhouette: methodSilhouette(flat, run.labels, options.silhouetteSampleSize, options.seed),
      ...profilesAndNames(features, run.labels, options),
    };
  });
  const agreement: MethodAgreement[] = [];
  for (let i = 0; i < methods.length; i++) {
    for (let j = i + 1; j < methods.length; j++) {
      agreement.push({ a: methods[i].spec.method, b: methods[j].spec.method, ari: adjustedRandIndex(methods[i].labels, methods[j].labels) });
    }
  }
  return {
    n: flat.n,
    columns,
    logColumns,
    methods,
    agreement,
    agreementNote: "Adjusted Rand index of each pair of labelings; DBSCAN's noise points count as one more group (label -1).",
  };
}

/** The comparison as a table: method, parameters, clusters, noise, sizes (largest first), silhouette and its note. */
export function methodsTable(comparison: MethodsComparison): DataFrame {
  const m = comparison.methods;
  return pl.DataFrame([
    pl.Series("method", m.map((x) => x.spec.method), pl.Utf8),
    pl.Series("parameters", m.map((x) => x.parameters), pl.Utf8),
    pl.Series("clusters", m.map((x) => x.clusters), pl.Int32),
    pl.Series("noise", m.map((x) => x.noise), pl.Int32),
    pl.Series("sizes", m.map((x) => x.sizes.join(" ")), pl.Utf8),
    pl.Series("silhouette", m.map((x) => x.silhouette.value), pl.Float64),
    pl.Series("silhouette over", m.map((x) => x.silhouette.note), pl.Utf8),
  ]);
}
