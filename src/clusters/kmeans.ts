/**
 * K-Means clustering: k-means++ initialisation (seeded), Lloyd iterations, several restarts
 * keeping the lowest inertia, clusters relabelled canonically. Written over Float64Array.
 *
 * ml-kmeans is not used: it has no restarts and reports no inertia, draws its initial centres
 * with its own generator rather than src/random.ts, and works on arrays of arrays (slower).
 */
import { UserError } from "../errors";
import { seededRng, type Rng } from "../random";
import { flattenPoints, type FlatPoints, type MatrixNames, type Points } from "./matrix";

/** Options of `kmeans`. */
export interface KMeansOptions {
  /** Seed of src/random.ts's generator; same seed, same result. Default 0. */
  seed?: number;
  /** Number of k-means++ initialisations, each run to convergence; the lowest inertia wins. Default 10. */
  restarts?: number;
  /** Lloyd iterations per restart at most. Default 300. */
  maxIterations?: number;
  /**
   * Convergence threshold, relative as in scikit-learn: a restart stops when the sum over
   * centroids of their squared movement in one iteration is <= tolerance * (mean of the per-feature
   * variances). It also stops when no label changes. Default 1e-4.
   */
  tolerance?: number;
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
  /** Lloyd iterations of the winning restart. */
  iterations: number;
  /** Whether the winning restart met the tolerance before maxIterations. */
  converged: boolean;
  /** Final inertia of every restart, in the order they were run. */
  restartInertias: number[];
}

/** One k-means run on flat points (labels and centroids not yet relabelled). */
interface Run {
  labels: Int32Array;
  centroids: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/**
 * Greedy k-means++ (Arthur and Vassilvitskii 2007, as in scikit-learn): the first centre is a
 * uniformly drawn point; each next centre is the best, by resulting inertia, of 2 + floor(ln k)
 * candidates drawn with probability proportional to D(x)^2, the squared distance from x to the
 * nearest centre chosen so far. Throws a UserError when fewer than k points are distinct.
 */
export function kmeansPlusPlusFlat(flat: FlatPoints, k: number, rng: Rng): Float64Array {
  const { data, n, dims } = flat;
  const centers = new Float64Array(k * dims);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidateD2 = new Float64Array(n * trials);
  const candidates = new Int32Array(trials);

  const first = Math.min(n - 1, Math.floor(rng() * n));
  centers.set(data.subarray(first * dims, first * dims + dims), 0);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dims; j++) {
      const d = data[i * dims + j] - data[first * dims + j];
      s += d * d;
    }
    closest[i] = s;
  }
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += closest[i];
      cumulative[i] = total;
    }
    if (!(total > 0)) {
      throw new UserError(
        `k = ${k} but the points have only ${c} distinct values: choose k <= ${c}.`,
      );
    }
    for (let t = 0; t < trials; t++) {
      // First index whose cumulative weight exceeds r: never a point already at a centre.
      const r = rng() * total;
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (cumulative[mid] > r) hi = mid;
        else lo = mid + 1;
      }
      candidates[t] = lo;
    }
    let best = -1;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const cand = candidates[t];
      let potential = 0;
      const off = t * n;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < dims; j++) {
          const d = data[i * dims + j] - data[cand * dims + j];
          s += d * d;
        }
        const m = s < closest[i] ? s : closest[i];
        candidateD2[off + i] = m;
        potential += m;
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        best = t;
      }
    }
    const chosen = candidates[best];
    centers.set(data.subarray(chosen * dims, chosen * dims + dims), c * dims);
    closest.set(candidateD2.subarray(best * n, best * n + n));
  }
  return centers;
}

/**
 * Assigns each point to its nearest centre (lowest index on ties), writing labels and squared
 * distances; returns the inertia (sum of the squared distances).
 */
function assign(
  flat: FlatPoints,
  centers: Float64Array,
  k: number,
  labels: Int32Array,
  d2: Float64Array,
): number {
  const { data, n, dims } = flat;
  let inertia = 0;
  if (dims === 3) {
    for (let i = 0; i < n; i++) {
      const x0 = data[i * 3], x1 = data[i * 3 + 1], x2 = data[i * 3 + 2];
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < k; c++) {
        const a = x0 - centers[c * 3], b = x1 - centers[c * 3 + 1], e = x2 - centers[c * 3 + 2];
        const s = a * a + b * b + e * e;
        if (s < bestD) {
          bestD = s;
          best = c;
        }
      }
      labels[i] = best;
      d2[i] = bestD;
      inertia += bestD;
    }
    return inertia;
  }
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let j = 0; j < dims; j++) {
        const d = data[i * dims + j] - centers[c * dims + j];
        s += d * d;
      }
      if (s < bestD) {
        bestD = s;
        best = c;
      }
    }
    labels[i] = best;
    d2[i] = bestD;
    inertia += bestD;
  }
  return inertia;
}

/**
 * Moves each centre to the mean of its points. An empty cluster takes the point farthest from
 * its own centre (among clusters that keep at least one point), as scikit-learn does, so no
 * centroid is ever NaN. Returns the sum of squared centre movements.
 */
function updateCenters(
  flat: FlatPoints,
  labels: Int32Array,
  d2: Float64Array,
  k: number,
  centers: Float64Array,
  sums: Float64Array,
  counts: Float64Array,
): number {
  const { data, n, dims } = flat;
  sums.fill(0);
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i];
    counts[c]++;
    for (let j = 0; j < dims; j++) sums[c * dims + j] += data[i * dims + j];
  }
  let empty = 0;
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty++;
  if (empty > 0) {
    // Farthest points first; ties broken by index so the result is deterministic.
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d2[b] - d2[a] || a - b);
    let next = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] !== 0) continue;
      while (next < n && (counts[labels[order[next]]] <= 1 || d2[order[next]] === 0)) next++;
      if (next >= n) break; // nothing to move: the centre stays where it was
      const p = order[next++];
      const old = labels[p];
      counts[old]--;
      for (let j = 0; j < dims; j++) sums[old * dims + j] -= data[p * dims + j];
      labels[p] = c;
      d2[p] = 0;
      counts[c] = 1;
      for (let j = 0; j < dims; j++) sums[c * dims + j] = data[p * dims + j];
    }
  }
  let shift = 0;
  for (let c = 0; c < k; c++) {
    if (counts[c] === 0) continue;
    for (let j = 0; j < dims; j++) {
      const v = sums[c * dims + j] / counts[c];
      const d = v - centers[c * dims + j];
      shift += d * d;
      centers[c * dims + j] = v;
    }
  }
  return shift;
}

/** Mean over features of the population variance of each feature. */
function meanVariance(flat: FlatPoints): number {
  const { data, n, dims } = flat;
  let total = 0;
  for (let j = 0; j < dims; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += data[i * dims + j];
    const mean = s / n;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const d = data[i * dims + j] - mean;
      ss += d * d;
    }
    total += ss / n;
  }
  return total / dims;
}

/**
 * Lloyd's algorithm from the given centres: alternately assign points to their nearest centre and
 * move centres to the mean of their points, until no label changes, the squared centre movement
 * is <= absTolerance, or maxIterations. Labels and inertia are then those of the final centres.
 */
function lloyd(
  flat: FlatPoints,
  centers: Float64Array,
  k: number,
  maxIterations: number,
  absTolerance: number,
): Run {
  const { n, dims } = flat;
  const labels = new Int32Array(n);
  const previous = new Int32Array(n).fill(-1);
  const d2 = new Float64Array(n);
  const sums = new Float64Array(k * dims);
  const counts = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  let labelsFinal = false;
  while (iterations < maxIterations) {
    assign(flat, centers, k, labels, d2);
    iterations++;
    let same = true;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== previous[i]) {
        same = false;
        break;
      }
    }
    if (same) {
      // Centres are already the means of these labels: strict convergence.
      converged = true;
      labelsFinal = true;
      break;
    }
    const shift = updateCenters(flat, labels, d2, k, centers, sums, counts);
    previous.set(labels); // after updateCenters, which may move points into empty clusters
    if (shift <= absTolerance) {
      converged = true;
      break;
    }
  }
  let inertia: number;
  if (labelsFinal) {
    inertia = 0;
    for (let i = 0; i < n; i++) inertia += d2[i];
  } else {
    inertia = assign(flat, centers, k, labels, d2);
  }
  return { labels, centroids: centers, inertia, iterations, converged };
}

/**
 * Renumbers clusters canonically: by descending size, then by centroid coordinates in ascending
 * lexicographic order, so equal partitions get equal labels whatever the initialisation.
 */
function relabel(run: Run, k: number, dims: number, restartInertias: number[]): KMeansResult {
  const sizes = new Array<number>(k).fill(0);
  for (let i = 0; i < run.labels.length; i++) sizes[run.labels[i]]++;
  const order = Array.from({ length: k }, (_, c) => c).sort((a, b) => {
    if (sizes[a] !== sizes[b]) return sizes[b] - sizes[a];
    for (let j = 0; j < dims; j++) {
      const d = run.centroids[a * dims + j] - run.centroids[b * dims + j];
      if (d !== 0) return d;
    }
    return a - b;
  });
  const newLabel = new Int32Array(k);
  order.forEach((old, c) => (newLabel[old] = c));
  const labels = new Array<number>(run.labels.length);
  for (let i = 0; i < run.labels.length; i++) labels[i] = newLabel[run.labels[i]];
  return {
    k,
    labels,
    centroids: order.map((old) => Array.from(run.centroids.subarray(old * dims, old * dims + dims))),
    sizes: order.map((old) => sizes[old]),
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    restartInertias,
  };
}

/** Checks k and the restart options; throws a UserError with the fix. */
export function checkK(k: number, n: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new UserError(`k = ${k} is not a number of clusters: choose a whole number k >= 1.`);
  }
  if (k > n) {
    throw new UserError(`k = ${k} but only ${n} customers: choose k <= ${n}.`);
  }
}

/** `kmeans` on points already flattened (used by `elbow` to flatten once). */
export function kmeansFlat(flat: FlatPoints, k: number, options: KMeansOptions = {}): KMeansResult {
  const { seed = 0, restarts = 10, maxIterations = 300, tolerance = 1e-4 } = options;
  checkK(k, flat.n);
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new UserError(`restarts = ${restarts}: choose a whole number of restarts >= 1.`);
  }
  if (!Number.isInteger(maxIterations) || maxIterations < 1) {
    throw new UserError(`maxIterations = ${maxIterations}: choose a whole number >= 1.`);
  }
  if (!(tolerance >= 0)) {
    throw new UserError(`tolerance = ${tolerance}: choose a number >= 0.`);
  }
  const absTolerance = tolerance * meanVariance(flat);
  const seeds = seededRng(seed);
  let best: Run | undefined;
  const inertias: number[] = [];
  for (let r = 0; r < restarts; r++) {
    const rng = seededRng(Math.floor(seeds() * 4294967296));
    const centers = kmeansPlusPlusFlat(flat, k, rng);
    const run = lloyd(flat, centers, k, maxIterations, absTolerance);
    inertias.push(run.inertia);
    if (best === undefined || run.inertia < best.inertia) best = run;
  }
  return relabel(best as Run, k, flat.dims, inertias);
}

/**
 * K-Means: partitions the points into k clusters minimising the inertia, the sum over points of
 * the squared Euclidean distance to the centroid (mean) of their cluster. Each of `restarts` runs
 * starts from a seeded greedy k-means++ initialisation and applies Lloyd iterations; the run with
 * the lowest inertia is kept (the first on ties). Clusters are then renumbered by descending
 * size, then ascending centroid, so the same seed gives the same labels, and equal partitions the
 * same numbering. Throws a UserError when k < 1, k > number of points, or fewer than k distinct
 * points, and when a value is NaN or infinite.
 */
export function kmeans(points: Points, k: number, options: KMeansOptions = {}): KMeansResult {
  const flat = flattenPoints(points, options.names);
  return kmeansFlat(flat, k, options);
}
