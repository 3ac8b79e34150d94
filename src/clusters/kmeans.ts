/**
 * K-Means clustering: k-means++ initialisation (seeded), Lloyd iterations, several restarts
 * keeping the lowest inertia, clusters relabelled canonically. Written over Float64Array.
 *
 * ml-kmeans is not used: it has no restarts and reports no inertia, draws its initial centres
 * with its own generator rather than src/random.ts, and works on arrays of arrays (slower).
 *
 * Speed: points are copied once in Morton (Z-curve) order, so that consecutive points are near
 * each other and mostly share their nearest centre (the CPU then predicts the branches of the
 * nearest-centre search), and padded to 4 values when they have at most 4 features (an unrolled
 * distance); the assignment step skips points whose centre cannot have changed (Hamerly's
 * bounds). None of this changes what is computed: labels are returned in the caller's order.
 */
import { UserError } from "../errors";
import { seededRng, type Rng } from "../util/index";
import { columnMoments, flattenPoints, type FlatPoints, type MatrixNames, type Points } from "./matrix";

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
 * Points ready for k-means: row r of `data` (stride values, zero-padded) is the caller's point
 * `order[r]`. Built once by `prepareKMeans` and reused for every k and restart.
 */
export interface PreparedPoints {
  data: Float64Array;
  n: number;
  dims: number;
  stride: number;
  order: Int32Array;
  /** Mean over features of their population variance (scale of the tolerance). */
  meanVariance: number;
}

/** One k-means run on prepared points (labels in prepared order, not yet relabelled). */
interface Run {
  labels: Int32Array;
  centers: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
}

/** Squared Euclidean distance between row ai of a and row bi of b (offsets, `stride` values each). */
function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, stride: number): number {
  if (stride === 4) {
    const d0 = a[ai] - b[bi], d1 = a[ai + 1] - b[bi + 1], d2 = a[ai + 2] - b[bi + 2], d3 = a[ai + 3] - b[bi + 3];
    return d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
  }
  let s = 0;
  for (let j = 0; j < stride; j++) {
    const d = a[ai + j] - b[bi + j];
    s += d * d;
  }
  return s;
}

/** Mean over features of the population variance of each feature. */
function meanVariance(flat: FlatPoints): number {
  const { variances } = columnMoments(flat);
  return variances.reduce((a, v) => a + v, 0) / flat.dims;
}

/**
 * Morton (Z-order) rank of each point: each of the first up to 30 features is scaled to
 * floor(30 / features) bits over its range and the bits are interleaved into one code. Returns
 * the point indices sorted by code, ties by index (a stable radix sort, 10 bits a pass).
 */
function mortonOrder(flat: FlatPoints): Int32Array {
  const { data, n, dims } = flat;
  const used = Math.min(dims, 30);
  const bits = Math.floor(30 / used);
  const levels = 2 ** bits;
  const lo = new Float64Array(used).fill(Infinity);
  const hi = new Float64Array(used).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < used; j++) {
      const v = data[i * dims + j];
      if (v < lo[j]) lo[j] = v;
      if (v > hi[j]) hi[j] = v;
    }
  }
  const cells = new Int32Array(used);
  let codes = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < used; j++) {
      const span = hi[j] - lo[j];
      cells[j] = span > 0 ? Math.min(levels - 1, Math.floor(((data[i * dims + j] - lo[j]) / span) * levels)) : 0;
    }
    let code = 0;
    for (let b = bits - 1; b >= 0; b--) {
      for (let j = 0; j < used; j++) code = code * 2 + ((cells[j] >> b) & 1);
    }
    codes[i] = code;
  }
  let order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  let nextCodes = new Uint32Array(n);
  let nextOrder = new Int32Array(n);
  const count = new Int32Array(1024);
  for (let shift = 0; shift < 30; shift += 10) {
    count.fill(0);
    for (let i = 0; i < n; i++) count[(codes[i] >>> shift) & 1023]++;
    for (let b = 0, start = 0; b < 1024; b++) {
      const c = count[b];
      count[b] = start;
      start += c;
    }
    for (let i = 0; i < n; i++) {
      const to = count[(codes[i] >>> shift) & 1023]++;
      nextCodes[to] = codes[i];
      nextOrder[to] = order[i];
    }
    [codes, nextCodes] = [nextCodes, codes];
    [order, nextOrder] = [nextOrder, order];
  }
  return order;
}

/** Copies points in Morton order, padded to 4 values when they have at most 4 features. */
export function prepareKMeans(flat: FlatPoints): PreparedPoints {
  const { n, dims } = flat;
  const stride = dims <= 4 ? 4 : dims;
  const order = mortonOrder(flat);
  const data = new Float64Array(n * stride);
  for (let r = 0; r < n; r++) {
    const i = order[r];
    for (let j = 0; j < dims; j++) data[r * stride + j] = flat.data[i * dims + j];
  }
  return { data, n, dims, stride, order, meanVariance: meanVariance(flat) };
}

/**
 * Greedy k-means++ (Arthur and Vassilvitskii 2007, as in scikit-learn): the first centre is a
 * uniformly drawn point; each next centre is the best, by resulting inertia, of 2 + floor(ln k)
 * candidates drawn with probability proportional to D(x)^2, the squared distance from x to the
 * nearest centre chosen so far. Returns k centres (rows of `stride` values). Throws a UserError
 * when fewer than k points are distinct.
 */
function kmeansPlusPlus(p: PreparedPoints, k: number, rng: Rng): Float64Array {
  const { data, n, stride } = p;
  const centers = new Float64Array(k * stride);
  const trials = 2 + Math.floor(Math.log(k));
  const closest = new Float64Array(n);
  const cumulative = new Float64Array(n);
  const candidateD2 = new Float64Array(n * trials);
  const candidates = new Int32Array(trials);

  const first = Math.min(n - 1, Math.floor(rng() * n));
  centers.set(data.subarray(first * stride, first * stride + stride), 0);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(data, i * stride, data, first * stride, stride);
  for (let c = 1; c < k; c++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += closest[i];
      cumulative[i] = total;
    }
    if (!(total > 0)) {
      throw new UserError(`k = ${k} but the points have only ${c} distinct values: choose k <= ${c}.`);
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
    let best = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const cand = candidates[t] * stride;
      const off = t * n;
      let potential = 0;
      if (stride === 4) {
        // The same sums as squaredDistance, with the candidate's values loaded once.
        const y0 = data[cand], y1 = data[cand + 1], y2 = data[cand + 2], y3 = data[cand + 3];
        for (let i = 0; i < n; i++) {
          const d0 = data[i * 4] - y0, d1 = data[i * 4 + 1] - y1, d2 = data[i * 4 + 2] - y2, d3 = data[i * 4 + 3] - y3;
          const s = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
          const m = s < closest[i] ? s : closest[i];
          candidateD2[off + i] = m;
          potential += m;
        }
      } else {
        for (let i = 0; i < n; i++) {
          const s = squaredDistance(data, i * stride, data, cand, stride);
          const m = s < closest[i] ? s : closest[i];
          candidateD2[off + i] = m;
          potential += m;
        }
      }
      if (potential < bestPotential) {
        bestPotential = potential;
        best = t;
      }
    }
    const chosen = candidates[best] * stride;
    centers.set(data.subarray(chosen, chosen + stride), c * stride);
    closest.set(candidateD2.subarray(best * n, best * n + n));
  }
  return centers;
}

/** Working arrays of one Lloyd run. */
interface LloydState {
  /** Cluster of each point; -1 before the first assignment. */
  labels: Int32Array;
  /** Sum of the points of each cluster (k rows of `stride` values), kept up to date as labels change. */
  sums: Float64Array;
  /** Number of points of each cluster. */
  counts: Float64Array;
  /** Hamerly's upper bound on the distance from each point to its own centre. */
  upper: Float64Array;
  /** Hamerly's lower bound on the distance from each point to every other centre. */
  lower: Float64Array;
  /** Distance each centre moved in the last update step. */
  moved: Float64Array;
  /** Half the distance from each centre to its nearest other centre. */
  halfGap: Float64Array;
}

/**
 * Nearest centre of point i by scanning every centre (lowest index on ties); sets the point's
 * bounds to the distances to the nearest and second nearest centre and returns the nearest.
 */
function scanPoint(p: PreparedPoints, centers: Float64Array, k: number, i: number, st: LloydState): number {
  const { data, stride } = p;
  const off = i * stride;
  let best = 0;
  let bestD = Infinity;
  let second = Infinity;
  if (stride === 4) {
    // The same sums as squaredDistance, with the point's values loaded once.
    const x0 = data[off], x1 = data[off + 1], x2 = data[off + 2], x3 = data[off + 3];
    for (let c = 0; c < k; c++) {
      const d0 = x0 - centers[c * 4], d1 = x1 - centers[c * 4 + 1];
      const d2 = x2 - centers[c * 4 + 2], d3 = x3 - centers[c * 4 + 3];
      const s = d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
      if (s < bestD) {
        second = bestD;
        bestD = s;
        best = c;
      } else if (s < second) {
        second = s;
      }
    }
  } else {
    for (let c = 0; c < k; c++) {
      const s = squaredDistance(data, off, centers, c * stride, stride);
      if (s < bestD) {
        second = bestD;
        bestD = s;
        best = c;
      } else if (s < second) {
        second = s;
      }
    }
  }
  st.upper[i] = Math.sqrt(bestD);
  st.lower[i] = Math.sqrt(second);
  return best;
}

/** Moves point i to cluster `to` (from its current cluster, if any), keeping sums and counts. */
function movePoint(p: PreparedPoints, i: number, to: number, st: LloydState): void {
  const { data, stride } = p;
  const from = st.labels[i];
  st.labels[i] = to;
  st.counts[to]++;
  for (let j = 0; j < stride; j++) st.sums[to * stride + j] += data[i * stride + j];
  if (from >= 0) {
    st.counts[from]--;
    for (let j = 0; j < stride; j++) st.sums[from * stride + j] -= data[i * stride + j];
  }
}

/**
 * Assignment step: each point to its nearest centre (lowest index on ties), keeping the
 * per-cluster sums and counts up to date. Uses Hamerly's (2010) bounds to skip most distance
 * computations once the centres settle: after the centres moved, a point's upper bound grows by
 * its centre's movement and its lower bound shrinks by the largest movement of another centre;
 * when the upper bound is below both the lower bound and half the distance from its centre to
 * the nearest other centre, no other centre can be nearer. A relative margin of 1e-12 keeps
 * rounding from skipping a point that a full scan would move. Returns the number of labels changed.
 */
function assignStep(p: PreparedPoints, centers: Float64Array, k: number, st: LloydState): number {
  const { data, n, stride } = p;
  const { labels, upper, lower, moved, halfGap } = st;
  let changes = 0;
  if (labels[0] < 0) {
    for (let i = 0; i < n; i++) {
      movePoint(p, i, scanPoint(p, centers, k, i, st), st);
      changes++;
    }
    return changes;
  }
  for (let c = 0; c < k; c++) {
    let nearest = Infinity;
    for (let o = 0; o < k; o++) {
      if (o === c) continue;
      const s = squaredDistance(centers, c * stride, centers, o * stride, stride);
      if (s < nearest) nearest = s;
    }
    halfGap[c] = 0.5 * Math.sqrt(nearest);
  }
  let fastest = 0;
  for (let c = 1; c < k; c++) if (moved[c] > moved[fastest]) fastest = c;
  let secondFastest = 0;
  for (let c = 0; c < k; c++) if (c !== fastest && moved[c] > secondFastest) secondFastest = moved[c];
  const largest = moved[fastest];
  const margin = 1 - 1e-12;
  for (let i = 0; i < n; i++) {
    const a = labels[i];
    const u = upper[i] + moved[a];
    const l = lower[i] - (a === fastest ? secondFastest : largest);
    upper[i] = u;
    lower[i] = l;
    const bound = (halfGap[a] > l ? halfGap[a] : l) * margin;
    if (u < bound) continue;
    const exact = Math.sqrt(squaredDistance(data, i * stride, centers, a * stride, stride));
    upper[i] = exact;
    if (exact < bound) continue;
    const b = scanPoint(p, centers, k, i, st);
    if (b !== a) {
      movePoint(p, i, b, st);
      changes++;
    }
  }
  return changes;
}

/**
 * Update step: moves each centre to the mean of its points and records how far it moved. An
 * empty cluster first takes the point farthest from its own centre (among clusters that keep at
 * least one point), as scikit-learn does, so no centroid is ever NaN. Returns the sum of squared
 * centre movements.
 */
function updateCenters(p: PreparedPoints, centers: Float64Array, k: number, st: LloydState): number {
  const { data, n, stride } = p;
  const { labels, sums, counts } = st;
  let empty = 0;
  for (let c = 0; c < k; c++) if (counts[c] === 0) empty++;
  if (empty > 0) {
    // Exact distances to the current centres; farthest first, ties by index (deterministic).
    const d2 = new Float64Array(n);
    for (let i = 0; i < n; i++) d2[i] = squaredDistance(data, i * stride, centers, labels[i] * stride, stride);
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => d2[b] - d2[a] || a - b);
    let next = 0;
    for (let c = 0; c < k; c++) {
      if (counts[c] !== 0) continue;
      while (next < n && (counts[labels[order[next]]] <= 1 || d2[order[next]] === 0)) next++;
      if (next >= n) break; // nothing to move: the centre stays where it was
      const i = order[next++];
      movePoint(p, i, c, st);
      st.upper[i] = Infinity; // bounds unknown: the next assignment scans this point
      st.lower[i] = 0;
    }
  }
  let shift = 0;
  for (let c = 0; c < k; c++) {
    let moved = 0;
    if (counts[c] !== 0) {
      for (let j = 0; j < stride; j++) {
        const v = sums[c * stride + j] / counts[c];
        const d = v - centers[c * stride + j];
        moved += d * d;
        centers[c * stride + j] = v;
      }
    }
    st.moved[c] = Math.sqrt(moved);
    shift += moved;
  }
  return shift;
}

/**
 * Lloyd's algorithm from the given centres: alternately assign points to their nearest centre and
 * move centres to the mean of their points, until no label changes, the sum of squared centre
 * movements is <= absTolerance, or maxIterations assignment steps. The labels and inertia
 * returned are those of the final centres.
 */
function lloyd(p: PreparedPoints, centers: Float64Array, k: number, maxIterations: number, absTolerance: number): Run {
  const { data, n, stride } = p;
  const st: LloydState = {
    labels: new Int32Array(n).fill(-1),
    sums: new Float64Array(k * stride),
    counts: new Float64Array(k),
    upper: new Float64Array(n),
    lower: new Float64Array(n),
    moved: new Float64Array(k),
    halfGap: new Float64Array(k),
  };
  let iterations = 0;
  let converged = false;
  let labelsFinal = false;
  for (;;) {
    const changes = assignStep(p, centers, k, st);
    iterations++;
    if (changes === 0) {
      // The centres are the means of these very labels: strict convergence.
      converged = true;
      labelsFinal = true;
      break;
    }
    const shift = updateCenters(p, centers, k, st);
    if (shift <= absTolerance) {
      converged = true;
      break;
    }
    if (iterations >= maxIterations) break;
  }
  if (!labelsFinal) assignStep(p, centers, k, st);
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += squaredDistance(data, i * stride, centers, st.labels[i] * stride, stride);
  return { labels: st.labels, centers, inertia, iterations, converged };
}

/**
 * Renumbers clusters canonically: by descending size, then by centroid coordinates in ascending
 * lexicographic order, so equal partitions get equal labels whatever the initialisation; labels
 * go back to the caller's point order.
 */
function relabel(p: PreparedPoints, run: Run, k: number, restartInertias: number[]): KMeansResult {
  const { dims, stride, order: pointOrder } = p;
  const sizes = new Array<number>(k).fill(0);
  for (let r = 0; r < run.labels.length; r++) sizes[run.labels[r]]++;
  const clusterOrder = Array.from({ length: k }, (_, c) => c).sort((a, b) => {
    if (sizes[a] !== sizes[b]) return sizes[b] - sizes[a];
    for (let j = 0; j < dims; j++) {
      const d = run.centers[a * stride + j] - run.centers[b * stride + j];
      if (d !== 0) return d;
    }
    return a - b;
  });
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
