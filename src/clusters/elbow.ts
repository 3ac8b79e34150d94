/** Choosing k: inertia and silhouette for a range of k (K-Means or Ward), and a documented rule to propose one. */
import { UserError } from "../errors";
import { kmeansPrepared } from "./kmeans";
import { prepareKMeans } from "./kmeans-layout";
import { flattenPoints, type FlatPoints, type MatrixNames, type Points } from "./matrix";
import { silhouetteSampleFlat, silhouetteScoresFlat } from "./silhouette";
import { cutWard, wardLinkageFlat } from "./ward";

/** Options of `elbow`. */
export interface ElbowOptions {
  /** Smallest k tried. Default 1. */
  kMin?: number;
  /** Largest k tried. Default 10 (or the number of points, when smaller). */
  kMax?: number;
  /** k-means++ restarts per k. Default 10. */
  restarts?: number;
  /** Seed of every k-means run and of the silhouette sample. Default 0. */
  seed?: number;
  /** Lloyd iterations per restart at most. Default 300. */
  maxIterations?: number;
  /** Relative convergence tolerance (see KMeansOptions). Default 1e-4. */
  tolerance?: number;
  /**
   * Silhouettes are exact when the number of points is at most this; above it they are estimated
   * on a seeded sample of this many points (`silhouetteSample`), since the exact score costs
   * O(n^2) distances (four times the time when n doubles). Default 10,000.
   */
  silhouetteSampleSize?: number;
  /** Names for error messages. */
  names?: MatrixNames;
}

/** K-means figures for one k. */
export interface ElbowPoint {
  k: number;
  /** Lowest inertia over the restarts (sum of squared distances to the nearest centroid). */
  inertia: number;
  /** Silhouette score of the best restart's labels; null when k < 2 or k > n - 1. */
  silhouette: number | null;
  /** Cluster sizes, largest first. */
  sizes: number[];
  /** Cluster of each point (canonical numbering of `kmeans`). */
  labels: number[];
  /** Centroids, in the order of the cluster numbers. */
  centroids: number[][];
}

/** The result of `elbow`. */
export interface ElbowResult {
  /** One entry per k, ascending. */
  points: ElbowPoint[];
  /** Whether silhouettes are exact (true) or estimated on a sample (false). */
  exactSilhouette: boolean;
  /** Number of points clustered. */
  n: number;
}

/** One clustering per k, before scoring (`scoredElbow`). */
type ElbowRun = Omit<ElbowPoint, "silhouette">;

/**
 * The elbow figures of clusterings already made: each run's silhouette score (null when k < 2
 * or k > n - 1), computed together, exact up to `silhouetteSampleSize` points, else on one
 * seeded sample of that many.
 */
function scoredElbow(flat: FlatPoints, runs: readonly ElbowRun[], silhouetteSampleSize: number, seed: number): ElbowResult {
  const scored = runs.filter((r) => r.k >= 2 && r.k <= flat.n - 1);
  const exact = silhouetteSampleSize >= flat.n;
  const labelings = scored.map((r) => r.labels);
  const scores = exact
    ? silhouetteScoresFlat(flat, labelings)
    : silhouetteSampleFlat(flat, labelings, { sampleSize: silhouetteSampleSize, seed });
  const silhouetteOf = new Map(scored.map((r, i) => [r.k, scores[i]]));
  return {
    points: runs.map((r) => ({
      k: r.k,
      inertia: r.inertia,
      silhouette: silhouetteOf.get(r.k) ?? null,
      sizes: r.sizes,
      labels: r.labels,
      centroids: r.centroids,
    })),
    exactSilhouette: exact,
    n: flat.n,
  };
}

/** Throws a UserError unless 1 <= kMin <= kMax <= n are whole numbers. */
function checkKRange(kMin: number, kMax: number, n: number): void {
  if (!Number.isInteger(kMin) || !Number.isInteger(kMax) || kMin < 1 || kMax < kMin) {
    throw new UserError(`kMin = ${kMin} and kMax = ${kMax}: choose whole numbers with 1 <= kMin <= kMax.`);
  }
  if (kMax > n) {
    throw new UserError(`kMax = ${kMax} but only ${n} customers: choose kMax <= ${n}.`);
  }
}

/**
 * Runs `kmeans` for every k from kMin to kMax (same seed and restarts for each) and reports the
 * inertia and the silhouette score of each: the data of an elbow chart. Silhouettes of all k are
 * computed together, exact up to silhouetteSampleSize points, else on one seeded sample.
 */
export function elbow(points: Points, options: ElbowOptions = {}): ElbowResult {
  const flat = flattenPoints(points, options.names);
  const { kMin = 1, restarts = 10, seed = 0, maxIterations, tolerance, silhouetteSampleSize = 10_000 } = options;
  const kMax = options.kMax ?? Math.min(10, flat.n);
  checkKRange(kMin, kMax, flat.n);
  const prepared = prepareKMeans(flat);
  const runs = [];
  for (let k = kMin; k <= kMax; k++) {
    runs.push(kmeansPrepared(prepared, k, { seed, restarts, maxIterations, tolerance }));
  }
  return scoredElbow(flat, runs, silhouetteSampleSize, seed);
}

/** Options of `wardElbow`. */
export type WardElbowOptions = Pick<ElbowOptions, "kMin" | "kMax" | "silhouetteSampleSize" | "seed" | "names">;

/**
 * Sum of squared distances from each point to the centroid of its cluster (labels 0..m-1).
 * Example: points [0], [2], [5] with labels [0, 0, 1] and centroids [[1], [5]]: 1 + 1 + 0 = 2.
 */
function withinSumOfSquares(flat: FlatPoints, labels: readonly number[], centroids: readonly (readonly number[])[]): number {
  let s = 0;
  for (let i = 0; i < flat.n; i++) {
    const c = centroids[labels[i]];
    for (let j = 0; j < flat.dims; j++) s += (flat.data[i * flat.dims + j] - c[j]) ** 2;
  }
  return s;
}

/**
 * The elbow figures of Ward's clusters: one linkage (`wardLinkage`, exact and deterministic),
 * cut at every k from kMin (default 1) to kMax (default 10, or the number of points when
 * smaller); for each k the within-cluster sum of squares (the "inertia", comparable with
 * K-Means': Ward merges so as to raise it least), the silhouette score (as `elbow`; the seed
 * only draws the silhouette sample above `silhouetteSampleSize` points), sizes, canonical labels
 * and centroids. So `proposeK` proposes a k for Ward as it does for K-Means.
 *
 * Example: points [0], [2], [5], [6], k = 2: clusters {0, 2} and {5, 6}, inertia
 * 1 + 1 + 0.25 + 0.25 = 2.5.
 */
export function wardElbow(points: Points, options: WardElbowOptions = {}): ElbowResult {
  const flat = flattenPoints(points, options.names);
  const { kMin = 1, seed = 0, silhouetteSampleSize = 10_000 } = options;
  const kMax = options.kMax ?? Math.min(10, flat.n);
  checkKRange(kMin, kMax, flat.n);
  const linkage = wardLinkageFlat(flat);
  const runs: ElbowRun[] = [];
  for (let k = kMin; k <= kMax; k++) {
    const cut = cutWard(flat, linkage, k);
    runs.push({ k, inertia: withinSumOfSquares(flat, cut.labels, cut.centroids), sizes: cut.sizes, labels: cut.labels, centroids: cut.centroids });
  }
  return scoredElbow(flat, runs, silhouetteSampleSize, seed);
}

/** How `proposeK` picks k. */
export type ProposeKRule = "silhouette" | "knee";

/** Options of `proposeK`. */
export interface ProposeKOptions {
  /** The rule (default "silhouette"). */
  rule?: ProposeKRule;
  /** The analyst's choice: returned as it is (after checking it was tried), overriding the rule. */
  k?: number;
}

/** The k proposed by `proposeK`, with the reason in words. */
export interface ProposedK {
  k: number;
  rule: ProposeKRule | "analyst";
  reason: string;
}

/**
 * Proposes a number of clusters from an elbow result.
 * - "silhouette" (default): the k >= 2 with the highest silhouette score (smallest k on ties).
 * - "knee": the k whose point on the inertia curve, with k and inertia each rescaled to [0, 1],
 *   lies farthest below the straight line from the first to the last point (Kneedle); needs at
 *   least 3 values of k.
 * `options.k` overrides the rule with the analyst's choice.
 */
export function proposeK(result: ElbowResult, options: ProposeKOptions = {}): ProposedK {
  const { rule = "silhouette" } = options;
  const tried = result.points.map((p) => p.k);
  if (options.k !== undefined) {
    if (!tried.includes(options.k)) {
      throw new UserError(`k = ${options.k} was not tried: choose one of ${tried.join(", ")}.`);
    }
    return { k: options.k, rule: "analyst", reason: `k = ${options.k} chosen by the analyst.` };
  }
  if (rule === "silhouette") {
    let best: ElbowPoint | undefined;
    for (const p of result.points) {
      if (p.silhouette === null) continue;
      if (best === undefined || p.silhouette > (best.silhouette as number)) best = p;
    }
    if (best === undefined) {
      throw new UserError("No k with a silhouette score was tried: include some k between 2 and n - 1.");
    }
    return {
      k: best.k,
      rule,
      reason: `k = ${best.k} has the highest silhouette score (${(best.silhouette as number).toFixed(3)}).`,
    };
  }
  const pts = result.points;
  if (pts.length < 3) {
    throw new UserError(`The knee rule needs at least 3 values of k and ${pts.length} were tried.`);
  }
  const k0 = pts[0].k, k1 = pts[pts.length - 1].k;
  const i0 = pts[0].inertia, i1 = pts[pts.length - 1].inertia;
  const spanI = i0 - i1 || 1;
  let bestK = pts[0].k;
  let bestGap = -Infinity;
  for (const p of pts) {
    const x = (p.k - k0) / (k1 - k0);
    const y = (p.inertia - i1) / spanI; // 1 at the first k, 0 at the last
    const gap = 1 - x - y; // distance below the chord y = 1 - x (up to a constant factor)
    if (gap > bestGap) {
      bestGap = gap;
      bestK = p.k;
    }
  }
  return { k: bestK, rule, reason: `k = ${bestK} is the knee of the inertia curve (Kneedle).` };
}
