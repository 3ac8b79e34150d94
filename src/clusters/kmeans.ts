/**
 * K-Means clustering: several restarts from seeded k-means++ initialisations (`kmeans-init.ts`),
 * each run by Lloyd's algorithm to convergence (`kmeans-lloyd.ts`) on points copied once into a
 * cache-friendly layout (`kmeans-layout.ts`); the lowest inertia wins and its clusters are
 * numbered canonically (`canonical.ts`). None of the layout changes what is computed: labels are
 * returned in the caller's order.
 *
 * ml-kmeans is not used: it has no restarts and reports no inertia, draws its initial centres
 * with its own generator rather than src/util/random.ts, and works on arrays of arrays (slower).
 */
import { UserError } from "../errors";
import { seededRng } from "../util/index";
import { canonicalOrder } from "./canonical";
import { kmeansPlusPlus } from "./kmeans-init";
import { prepareKMeans, type PreparedPoints } from "./kmeans-layout";
import { lloyd, type Run } from "./kmeans-lloyd";
import { flattenPoints, type MatrixNames, type Points } from "./matrix";

/** Options of `kmeans`. */
export interface KMeansOptions {
  /** Seed of src/util/random.ts's generator; same seed, same result. Default 0. */
  seed?: number;
  /** Number of k-means++ initialisations, each run to convergence; the lowest inertia wins. Default 10. */
  restarts?: number;
  /** Lloyd iterations per restart at most. Default 300. */
  maxIterations?: number;
  /**
   * Convergence threshold, relative as in scikit-learn: a restart stops when the sum over
   * centroids of their squared movement in one iteration is <= tolerance * (mean of the
   * per-feature variances). It also stops when no label changes. Default 1e-4.
   */
  tolerance?: number;
  /**
   * Initial centroids (k rows, one value per feature) instead of k-means++: a single run from
   * them (restarts is ignored), e.g. to reproduce an earlier segmentation.
   */
  init?: readonly (readonly number[])[];
  /** Names for error messages. */
  names?: MatrixNames;
}

/** The result of `kmeans`. Cluster 0 is the largest (see `kmeans` for the canonical order). */
export interface KMeansResult {
  k: number;
  /** Cluster of each point, 0..k-1, in the order of the points. */
  labels: number[];
  /** Centroid of each cluster (k rows, one value per feature). */
  centroids: number[][];
  /** Number of points in each cluster. */
  sizes: number[];
  /** Sum over points of the squared Euclidean distance to their centroid. */
  inertia: number;
  /** Lloyd iterations (assignment steps) of the winning restart. */
  iterations: number;
  /** Whether the winning restart converged (no label changed, or within tolerance) before maxIterations. */
  converged: boolean;
  /** Final inertia of every restart, in the order they were run. */
  restartInertias: number[];
}




/**
 * The winning run as a result: clusters renumbered canonically (`canonicalOrder` on the run's
 * centres: by descending size, then centroid, so equal partitions get equal labels whatever the
 * initialisation) and labels back in the caller's point order.
 */
function relabel(p: PreparedPoints, run: Run, k: number, restartInertias: number[]): KMeansResult {
  const { dims, stride, order: pointOrder } = p;
  const sizes = new Array<number>(k).fill(0);
  for (let r = 0; r < run.labels.length; r++) sizes[run.labels[r]]++;
  const clusterOrder = canonicalOrder(sizes, (c, j) => run.centers[c * stride + j], dims);
  const newLabel = new Int32Array(k);
  clusterOrder.forEach((old, c) => (newLabel[old] = c));
  const labels = new Array<number>(p.n);
  for (let r = 0; r < p.n; r++) labels[pointOrder[r]] = newLabel[run.labels[r]];
  return {
    k,
    labels,
    centroids: clusterOrder.map((old) => Array.from(run.centers.subarray(old * stride, old * stride + dims))),
    sizes: clusterOrder.map((old) => sizes[old]),
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    restartInertias,
  };
}

/** Throws a UserError unless k is a whole number with 1 <= k <= n. */
export function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserError(`k = ${k} is not a number of clusters: choose a whole number k >= 1.`);
  }
  if (k > n) {
    throw new UserError(`k = ${k} but only ${n} customers: choose k <= ${n}.`);
  }
}

/** Given initial centroids as padded rows; throws a UserError unless they are k finite rows of dims values. */
function initialCentroids(init: readonly (readonly number[])[], k: number, p: PreparedPoints): Float64Array {
  if (init.length !== k) {
    throw new UserError(`${init.length} initial centroids were given for k = ${k}: give exactly k.`);
  }
  const centers = new Float64Array(k * p.stride);
  init.forEach((row, c) => {
    if (row.length !== p.dims || !row.every((x) => Number.isFinite(x))) {
      throw new UserError(`Initial centroid ${c} must be ${p.dims} finite numbers, one per feature.`);
    }
    row.forEach((x, j) => (centers[c * p.stride + j] = x));
  });
  return centers;
}

/** `kmeans` on prepared points (`elbow` prepares once for every k). */
export function kmeansPrepared(p: PreparedPoints, k: number, options: KMeansOptions = {}): KMeansResult {
  const { seed = 0, restarts = 10, maxIterations = 300, tolerance = 1e-4 } = options;
  checkK(k, p.n);
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new UserError(`restarts = ${restarts}: choose a whole number of restarts >= 1.`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new UserError(`maxIterations = ${maxIterations}: choose a whole number >= 1.`);
  }
  if (!(tolerance >= 0)) {
    throw new UserError(`tolerance = ${tolerance}: choose a number >= 0.`);
  }
  const absTolerance = tolerance * p.meanVariance;
  if (options.init !== undefined) {
    const run = lloyd(p, initialCentroids(options.init, k, p), k, maxIterations, absTolerance);
    return relabel(p, run, k, [run.inertia]);
  }
  const seeds = seededRng(seed);
  let best: Run | undefined;
  const inertias: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const rng = seededRng(Math.floor(seeds() * 4294967296));
    const run = lloyd(p, kmeansPlusPlus(p, k, rng), k, maxIterations, absTolerance);
    inertias.push(run.inertia);
    if (best === undefined || run.inertia < best.inertia) best = run;
  }
  return relabel(p, best as Run, k, inertias);
}

/**
 * K-Means: partitions the points into k clusters minimising the inertia, the sum over points of
 * the squared Euclidean distance to the centroid (mean) of their cluster. Each of `restarts` runs
 * starts from a seeded greedy k-means++ initialisation and applies Lloyd iterations; the run with
 * the lowest inertia is kept (the first on ties). Clusters are then renumbered by descending
 * size, then ascending centroid, so the same seed gives the same labels, and equal partitions the
 * same numbering. With `init`, one run starts from the given centroids instead. Throws a
 * UserError when k < 1, k > number of points, fewer than k distinct points, or a value is NaN or
 * infinite.
 */
export function kmeans(points: Points, k: number, options: KMeansOptions = {}): KMeansResult {
  const flat = flattenPoints(points, options.names);
  checkK(k, flat.n);
  return kmeansPrepared(prepareKMeans(flat), k, options);
}
