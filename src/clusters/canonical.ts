/**
 * Canonical cluster numbers, the same convention as `kmeans`: clusters renumbered by descending
 * size, then by centroid in ascending lexicographic order, so that equal partitions get equal
 * labels whatever produced them. Used by Ward and DBSCAN; noise (label -1) stays -1.
 */
import type { FlatPoints } from "./matrix";

/** Clusters in canonical order (`canonicalClusters`). */
export interface CanonicalClusters {
  /** Cluster of each point, 0..m-1 in the canonical order; -1 for noise. */
  labels: number[];
  /** Number of points in each cluster, largest first (noise not counted). */
  sizes: number[];
  /** Mean of each cluster's points (m rows, one value per feature), in the canonical order. */
  centroids: number[][];
}

/**
 * The clusters 0..m-1 in canonical order: by descending size, then by centroid in ascending
 * lexicographic order (`centroid(c, j)` is coordinate j of cluster c's centroid), then by index.
 * Example: sizes [1, 2, 2] with centroids [[0], [5], [3]] -> [2, 1, 0].
 */
export function canonicalOrder(sizes: readonly number[], centroid: (cluster: number, j: number) => number, dims: number): number[] {
  return sizes
    .map((_, c) => c)
    .sort((a, b) => {
      if (sizes[a] !== sizes[b]) return sizes[b] - sizes[a];
      for (let j = 0; j < dims; j++) {
        const d = centroid(a, j) - centroid(b, j);
        if (d !== 0) return d;
      }
      return a - b;
    });
}

/**
 * Renumbers clusters: by descending size, then by centroid (the mean of the cluster's points)
 * in ascending lexicographic order, then by the first point of each cluster (only for two
 * clusters of equal size and equal centroid). `labels` may use any non-negative numbers as
 * cluster ids, and -1 for noise, which is kept as -1.
 *
 * Example: points [[0], [1], [5]] with labels [7, 3, 3] -> labels [1, 0, 0], sizes [2, 1],
 * centroids [[3], [0]] (cluster 3 has 2 points, mean (1 + 5) / 2 = 3, so it becomes cluster 0).
 */
export function canonicalClusters(flat: FlatPoints, labels: ArrayLike<number>): CanonicalClusters {
  const { data, n, dims } = flat;
  const slot = new Map<number, number>();
  const sums: number[][] = [];
  const sizes: number[] = [];
  const dense = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (l === -1) {
      dense[i] = -1;
      continue;
    }
    let s = slot.get(l);
    if (s === undefined) {
      s = sizes.length;
      slot.set(l, s);
      sums.push(new Array<number>(dims).fill(0));
      sizes.push(0);
    }
    dense[i] = s;
    sizes[s]++;
    for (let j = 0; j < dims; j++) sums[s][j] += data[i * dims + j];
  }
  const centroids = sums.map((row, s) => row.map((x) => x / sizes[s]));
  // Slots are numbered by first appearance, so the index tie-break is the first-point one.
  const order = canonicalOrder(sizes, (s, j) => centroids[s][j], dims);
  const renumber = new Int32Array(sizes.length);
  order.forEach((s, c) => (renumber[s] = c));
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = dense[i] < 0 ? -1 : renumber[dense[i]];
  return { labels: out, sizes: order.map((s) => sizes[s]), centroids: order.map((s) => centroids[s]) };
}
