/** Silhouette: how much closer each point is to its own cluster than to the next nearest one. */
import { UserError } from "../errors";
import { sampleIndices, seededRng } from "../util/index";
import { flattenPoints, type FlatPoints, type MatrixNames, type Points } from "./matrix";

/** Labels renumbered 0..m-1 in order of first appearance, with the size of each. */
interface DenseLabels {
  labels: Int32Array;
  sizes: number[];
}

function denseLabels(labels: readonly number[], n: number): DenseLabels {
  if (labels.length !== n) {
    throw new UserError(`There are ${labels.length} labels for ${n} points: give one label per point.`);
  }
  const ids = new Map<number, number>();
  const dense = new Int32Array(n);
  const sizes: number[] = [];
  for (let i = 0; i < n; i++) {
    let id = ids.get(labels[i]);
    if (id === undefined) {
      id = ids.size;
      ids.set(labels[i], id);
      sizes.push(0);
    }
    dense[i] = id;
    sizes[id]++;
  }
  if (sizes.length < 2 || sizes.length > n - 1) {
    throw new UserError(
      `The silhouette needs between 2 and ${n - 1} clusters for ${n} points, and these labels have ${sizes.length}.`,
    );
  }
  return { labels: dense, sizes };
}

/**
 * Silhouette value of every point for several labelings of the same points (definitions as in
 * `silhouetteSamples`). Exact, O(n^2) distances, organised for speed: points with the same
 * cluster under every labeling form a group (a few hundred groups for k = 2..10 on a few
 * thousand customers), so for each point i the distances to all points are summed per group
 * (one addition per pair), then spread from the groups to the clusters of each labeling.
 */
function silhouetteSamplesFlat(flat: FlatPoints, labelings: DenseLabels[]): Float64Array[] {
  const { data, n, dims } = flat;
  const L = labelings.length;
  const offsets: number[] = [];
  let K = 0;
  for (const l of labelings) {
    offsets.push(K);
    K += l.sizes.length;
  }
  // group[j]: the group of point j; groupSlots[g * L + l]: column of group g's cluster under
  // labeling l in the per-point sums (offsets[l] + cluster).
  const group = new Int32Array(n);
  let groups = 1;
  for (let l = 0; l < L; l++) {
    const ids = new Map<number, number>();
    const lab = labelings[l].labels;
    const m = labelings[l].sizes.length;
    for (let j = 0; j < n; j++) {
      const key = group[j] * m + lab[j];
      let g = ids.get(key);
      if (g === undefined) {
        g = ids.size;
        ids.set(key, g);
      }
      group[j] = g;
    }
    groups = ids.size;
  }
  const groupSlots = new Int32Array(groups * L);
  for (let j = 0; j < n; j++) {
    for (let l = 0; l < L; l++) groupSlots[group[j] * L + l] = offsets[l] + labelings[l].labels[j];
  }
  // sums[i * K + slot]: sum of distances from point i to the points of that cluster.
  const sums = new Float64Array(n * K);
  // Two accumulators (even and odd j) so consecutive additions to one group do not wait on each other.
  const acc = new Float64Array(2 * groups);
  const tail = n - (n % 2);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    const xi = i * dims;
    if (dims === 3) {
      const x0 = data[xi], x1 = data[xi + 1], x2 = data[xi + 2];
      for (let j = 0; j < tail; j += 2) {
        const a0 = x0 - data[j * 3], a1 = x1 - data[j * 3 + 1], a2 = x2 - data[j * 3 + 2];
        acc[group[j]] += Math.sqrt(a0 * a0 + a1 * a1 + a2 * a2);
        const b0 = x0 - data[j * 3 + 3], b1 = x1 - data[j * 3 + 4], b2 = x2 - data[j * 3 + 5];
        acc[groups + group[j + 1]] += Math.sqrt(b0 * b0 + b1 * b1 + b2 * b2);
      }
    } else {
      for (let j = 0; j < tail; j += 2) {
        let s = 0;
        let t = 0;
        for (let d = 0; d < dims; d++) {
          const a = data[xi + d] - data[j * dims + d];
          const b = data[xi + d] - data[(j + 1) * dims + d];
          s += a * a;
          t += b * b;
        }
        acc[group[j]] += Math.sqrt(s);
        acc[groups + group[j + 1]] += Math.sqrt(t);
      }
    }
    if (tail < n) {
      let s = 0;
      for (let d = 0; d < dims; d++) {
        const a = data[xi + d] - data[tail * dims + d];
        s += a * a;
      }
      acc[group[tail]] += Math.sqrt(s);
    }
    const row = i * K;
    for (let g = 0; g < groups; g++) {
      const v = acc[g] + acc[groups + g];
      for (let l = 0; l < L; l++) sums[row + groupSlots[g * L + l]] += v;
    }
  }
  return labelings.map((lab, l) => {
    const out = new Float64Array(n);
    const m = lab.sizes.length;
    for (let i = 0; i < n; i++) {
      const own = lab.labels[i];
      const ownSize = lab.sizes[own];
      if (ownSize === 1) continue; // singleton cluster: silhouette 0
      const row = i * K + offsets[l];
      const a = sums[row + own] / (ownSize - 1);
      let b = Infinity;
      for (let c = 0; c < m; c++) {
        if (c === own) continue;
        const mean = sums[row + c] / lab.sizes[c];
        if (mean < b) b = mean;
      }
      const denominator = Math.max(a, b);
      out[i] = denominator > 0 ? (b - a) / denominator : 0;
    }
    return out;
  });
}

function mean(values: Float64Array): number {
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

/**
 * Silhouette value of each point (scikit-learn's silhouette_samples, Euclidean distance):
 * s(i) = (b - a) / max(a, b), where a is the mean distance from i to the other points of its
 * cluster and b the smallest mean distance from i to the points of another cluster; s(i) = 0 when
 * i is alone in its cluster (and when a = b = 0). Needs 2 <= number of clusters <= n - 1.
 * Exact, O(n^2) distances.
 */
export function silhouetteSamples(points: Points, labels: readonly number[], names?: MatrixNames): number[] {
  const flat = flattenPoints(points, names);
  return Array.from(silhouetteSamplesFlat(flat, [denseLabels(labels, flat.n)])[0]);
}

/**
 * Silhouette score: the mean over all points of their silhouette value (see `silhouetteSamples`),
 * as scikit-learn's silhouette_score. From -1 (wrong clusters) to 1 (compact, well separated).
 */
export function silhouetteScore(points: Points, labels: readonly number[], names?: MatrixNames): number {
  const flat = flattenPoints(points, names);
  return mean(silhouetteSamplesFlat(flat, [denseLabels(labels, flat.n)])[0]);
}

/**
 * Exact silhouette scores of several labelings of the same points (each as `silhouetteScore`),
 * computing each pairwise distance once: cheaper than one call per labeling.
 */
export function silhouetteScores(points: Points, labelings: readonly (readonly number[])[]): number[] {
  return silhouetteScoresFlat(flattenPoints(points), labelings);
}

/** `silhouetteScores` on flattened points. */
export function silhouetteScoresFlat(flat: FlatPoints, labelings: readonly (readonly number[])[]): number[] {
  if (labelings.length === 0) return [];
  const dense = labelings.map((l) => denseLabels(l, flat.n));
  return silhouetteSamplesFlat(flat, dense).map(mean);
}

/** Options of `silhouetteSample`. */
export interface SilhouetteSampleOptions {
  /** Number of points drawn without replacement. Default 5000. */
  sampleSize?: number;
  /** Seed of the draw. Default 0. */
  seed?: number;
}

/**
 * Estimated silhouette score for large n: the exact silhouette score (as `silhouetteScore`) of a
 * seeded sample of `sampleSize` points drawn without replacement, distances taken within the
 * sample only, as scikit-learn's silhouette_score(..., sample_size, random_state). Equals the
 * exact score when sampleSize >= n. O(sampleSize^2).
 */
export function silhouetteSample(
  points: Points,
  labels: readonly number[],
  options: SilhouetteSampleOptions = {},
): number {
  const flat = flattenPoints(points);
  return silhouetteSampleFlat(flat, [labels], options)[0];
}

/** `silhouetteSample` of several labelings on flattened points, sharing one sample of points. */
export function silhouetteSampleFlat(
  flat: FlatPoints,
  labelings: readonly (readonly number[])[],
  options: SilhouetteSampleOptions = {},
): number[] {
  const { sampleSize = 5000, seed = 0 } = options;
  if (!Number.isInteger(sampleSize) || sampleSize < 3) {
    throw new UserError(`sampleSize = ${sampleSize}: choose a whole number of points >= 3.`);
  }
  for (const l of labelings) {
    if (l.length !== flat.n) {
      throw new UserError(`There are ${l.length} labels for ${flat.n} points: give one label per point.`);
    }
  }
  if (sampleSize >= flat.n) return silhouetteScoresFlat(flat, labelings);
  const idx = sampleIndices(flat.n, sampleSize, seededRng(seed));
  const { dims } = flat;
  const data = new Float64Array(idx.length * dims);
  idx.forEach((p, i) => data.set(flat.data.subarray(p * dims, p * dims + dims), i * dims));
  const sample = { data, n: idx.length, dims };
  return silhouetteScoresFlat(
    sample,
    labelings.map((l) => idx.map((p) => l[p])),
  );
}
