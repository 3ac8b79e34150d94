/**
 * Lloyd's algorithm on points in the k-means layout (`kmeans-layout.ts`): assignment steps that
 * skip points whose centre cannot have changed (Hamerly's bounds) and update steps that move each
 * centre to the mean of its points, until the labels settle.
 */
import { squaredDistance as distanceOf, squaredDistance4 as distance4Of, type PreparedPoints } from "./kmeans-layout";

// Module-local bindings: the hot loops below call these millions of times, and a call through
// an imported binding goes through the module object (a getter in CommonJS output) each time.
const squaredDistance = distanceOf;
const squaredDistance4 = distance4Of;

/** One Lloyd run on prepared points (labels in prepared order, not yet relabelled). */
export interface Run {
  labels: Int32Array;
  centers: Float64Array;
  inertia: number;
  iterations: number;
  converged: boolean;
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
  // with 4 values a row, the point's values are loaded once (squaredDistance4)
  const x0 = data[off], x1 = data[off + 1], x2 = data[off + 2], x3 = data[off + 3];
  for (let c = 0; c < k; c++) {
    const s = stride === 4 ? squaredDistance4(x0, x1, x2, x3, centers, c * 4) : squaredDistance(data, off, centers, c * stride, stride);
    if (s < bestD) {
      second = bestD;
      bestD = s;
      best = c;
    } else if (s < second) {
      second = s;
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
export function lloyd(p: PreparedPoints, centers: Float64Array, k: number, maxIterations: number, absTolerance: number): Run {
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
