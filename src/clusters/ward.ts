/**
 * Ward hierarchical clustering: the merge tree (linkage) of Ward's minimum-variance criterion,
 * exact, as scipy's `linkage(X, "ward")` and scikit-learn's `AgglomerativeClustering(linkage=
 * "ward")` build it, and its cut into k clusters.
 *
 * Ward distance between clusters A and B (sizes |A|, |B|, centroids a, b), as scipy and
 * scikit-learn define it (the height of their merge in the linkage):
 *
 *   d(A, B) = sqrt(2 |A| |B| / (|A| + |B|)) * ||a - b||
 *
 * It equals the Euclidean distance for two single points, and d(A, B)^2 / 2 is the increase of
 * the within-cluster sum of squares when A and B merge: ESS(A u B) - ESS(A) - ESS(B) =
 * |A| |B| / (|A| + |B|) ||a - b||^2. scipy computes the same number by the Lance-Williams
 * recurrence d(I, A u B)^2 = ((|I| + |A|) d(I, A)^2 + (|I| + |B|) d(I, B)^2 - |I| d(A, B)^2)
 * / (|I| + |A| + |B|), starting from Euclidean distances; here it is computed from centroids
 * and sizes. Hand example on a line: points 0, 2, 5. The closest pair {0, 2} merges at
 * d = sqrt(2 * 1 * 1 / 2) * 2 = 2; then {0, 2} (centroid 1) and {5} merge at
 * sqrt(2 * 2 * 1 / 3) * |1 - 5| = 4 sqrt(4/3) = 4.6188; by the recurrence,
 * sqrt((2 * 5^2 + 2 * 3^2 - 1 * 2^2) / 3) = sqrt(64 / 3) = 4.6188 too.
 *
 * Algorithm: the nearest-neighbour chain (Murtagh 1983; Müllner 2011), exact for Ward because
 * Ward's distance is reducible. Follow nearest neighbours from a cluster until two clusters are
 * each other's nearest, merge them, continue from the rest of the chain. Memory O(n): only the
 * centroids and sizes of the current clusters are kept, never the n^2 / 2 pairwise distances
 * (scipy and scikit-learn keep them: 8 bytes a pair, 40 GB for 100,000 points). Each nearest
 * neighbour is searched in a k-d tree of the current centroids, skipping nodes that cannot hold
 * a nearer cluster (a lower bound from the node's box and the smallest cluster in it), instead
 * of scanning every current cluster (O(n) a search, O(n^2) in all). The search is exact, not
 * approximate; bench/hclust.ts measures how far it goes (10,000 and 100,000 customers).
 *
 * Ties (two candidate clusters at exactly the same distance) are broken as scipy's nn_chain
 * breaks them: the previous cluster of the chain when it is one of the nearest, else the cluster
 * with the lowest number (a merged cluster takes the larger number of the two merged, the chain
 * starts from the lowest-numbered cluster); merges are then sorted by height, stable. So on the
 * same points both give the same tree, except where two heights are equal to within rounding:
 * our distances come from centroids, scipy's from the recurrence, so they differ in the last
 * bits (about 1e-15 relative), and two merges whose heights are that close may be made in the
 * other order. A cut at k clusters differs only if k falls between two such merges.
 */
import { UserError } from "../errors";
import { disjointSets, find, union } from "../util/index";
import { checkK } from "./kmeans";
import { canonicalClusters } from "./canonical";
import { boxDistance2, buildKdTree, type KdTree } from "./kdtree";
import { flattenPoints, type FlatPoints, type MatrixNames, type Points } from "./matrix";

/**
 * One merge of the linkage, in scipy's linkage-matrix convention: clusters 0..n-1 are the points,
 * cluster n + i is the one formed by merge i; a < b.
 */
export interface WardMerge {
  /** The smaller-numbered of the two clusters merged. */
  a: number;
  /** The larger-numbered of the two clusters merged. */
  b: number;
  /** Ward distance between them (see the top of this file), as scipy's Z[i, 2]. */
  height: number;
  /** Number of points in the merged cluster, as scipy's Z[i, 3]. */
  size: number;
}

/** The merge tree: n - 1 merges in order of height (lowest first). */
export interface WardLinkage {
  /** Number of points. */
  n: number;
  merges: WardMerge[];
}

/** The working state of the nearest-neighbour chain, over the rows of a k-d tree. */
interface ChainState {
  t: KdTree;
  dims: number;
  /** Centroid of the cluster held by each row (the row's own point at the start). */
  centroid: Float64Array;
  /** Size of the cluster held by each row; 0 once it has merged into another row. */
  size: Float64Array;
  /** Node boxes: they contain the centroids of the node's rows (grown as centroids move). */
  lo: Float64Array;
  hi: Float64Array;
  /** Number of rows of each node holding a cluster. */
  active: Int32Array;
  /** Smallest cluster size among each node's rows (Infinity when none holds one). */
  minSize: Float64Array;
  /** Current search: the best row found, its squared distance, the chain's previous row. */
  bestRow: number;
  bestD: number;
  prevRow: number;
}

/**
 * Squared Ward distance between the clusters of rows a and b: 2 |A| |B| / (|A| + |B|) times the
 * squared distance between centroids. Symmetric to the last bit (d(a, b) === d(b, a)), which the
 * chain relies on to recognise mutual nearest neighbours.
 */
function wardDistance2(st: ChainState, a: number, b: number): number {
  const sa = st.size[a], sb = st.size[b];
  const c = st.centroid;
  let s = 0;
  for (let j = 0, oa = a * st.dims, ob = b * st.dims; j < st.dims; j++) {
    const d = c[oa + j] - c[ob + j];
    s += d * d;
  }
  return ((2 * sa * sb) / (sa + sb)) * s;
}

/**
 * A lower bound of the squared Ward distance from row a's cluster to any cluster of node v:
 * the weight 2 |A| m / (|A| + m) grows with m, so the node's smallest size m gives the smallest
 * weight, and no centroid of the node is nearer than its box. Lowered by 1e-12 (relative) so
 * that rounding never makes the bound exceed a true distance.
 */
function lowerBound(st: ChainState, v: number, a: number): number {
  const sa = st.size[a], m = st.minSize[v];
  return ((2 * sa * m) / (sa + m)) * boxDistance2(st.lo, st.hi, v, st.dims, st.centroid, a * st.dims) * (1 - 1e-12);
}

/**
 * Whether the cluster of row r beats the best so far as the nearest of row a: nearer, or as near
 * with a lower number, unless the best is the chain's previous cluster (which wins ties).
 */
function offer(st: ChainState, r: number, d: number): void {
  if (d < st.bestD || (d === st.bestD && st.bestRow !== st.prevRow && st.t.index[r] < st.t.index[st.bestRow])) {
    st.bestD = d;
    st.bestRow = r;
  }
}

/** Searches node v (lower bound `bound`) for a cluster nearer to row a than the best so far. */
function searchNode(st: ChainState, v: number, a: number, bound: number): void {
  if (st.active[v] === 0) return;
  if (bound > st.bestD || (bound === st.bestD && st.bestRow === st.prevRow)) return;
  const t = st.t;
  if (t.left[v] < 0) {
    for (let r = t.start[v]; r < t.end[v]; r++) {
      if (r !== a && st.size[r] > 0) offer(st, r, wardDistance2(st, a, r));
    }
    return;
  }
  const l = t.left[v], r = t.right[v];
  const bl = st.active[l] > 0 ? lowerBound(st, l, a) : Infinity;
  const br = st.active[r] > 0 ? lowerBound(st, r, a) : Infinity;
  if (bl <= br) {
    searchNode(st, l, a, bl);
    searchNode(st, r, a, br);
  } else {
    searchNode(st, r, a, br);
    searchNode(st, l, a, bl);
  }
}

/** The row of the nearest cluster to row a (ties as scipy: see the top of this file); sets st.bestD. */
function nearestCluster(st: ChainState, a: number, prev: number): number {
  st.prevRow = prev;
  st.bestRow = prev;
  st.bestD = prev >= 0 ? wardDistance2(st, a, prev) : Infinity;
  searchNode(st, 0, a, 0);
  return st.bestRow;
}

/** Recomputes the active count and smallest size of leaf v and of its ancestors. */
function refreshCounts(st: ChainState, leaf: number): void {
  const t = st.t;
  let active = 0;
  let m = Infinity;
  for (let r = t.start[leaf]; r < t.end[leaf]; r++) {
    const s = st.size[r];
    if (s > 0) {
      active++;
      if (s < m) m = s;
    }
  }
  st.active[leaf] = active;
  st.minSize[leaf] = m;
  for (let v = t.parent[leaf]; v >= 0; v = t.parent[v]) {
    const l = t.left[v], r = t.right[v];
    st.active[v] = st.active[l] + st.active[r];
    st.minSize[v] = Math.min(st.minSize[l], st.minSize[r]);
  }
}

/** Grows the boxes from row r's leaf up until one already holds row r's centroid. */
function growBoxes(st: ChainState, r: number): void {
  const { t, dims, centroid, lo, hi } = st;
  for (let v = t.leafOf[r]; v >= 0; v = t.parent[v]) {
    let grew = false;
    for (let j = 0; j < dims; j++) {
      const x = centroid[r * dims + j];
      if (x < lo[v * dims + j]) {
        lo[v * dims + j] = x;
        grew = true;
      }
      if (x > hi[v * dims + j]) {
        hi[v * dims + j] = x;
        grew = true;
      }
    }
    if (!grew) return;
  }
}

/** Shrinks every box to the centroids its rows hold now (children before parents: reverse preorder). */
function refitBoxes(st: ChainState): void {
  const { t, dims, centroid, lo, hi } = st;
  for (let v = t.nodes - 1; v >= 0; v--) {
    for (let j = 0; j < dims; j++) {
      lo[v * dims + j] = Infinity;
      hi[v * dims + j] = -Infinity;
    }
    if (t.left[v] < 0) {
      for (let r = t.start[v]; r < t.end[v]; r++) {
        if (st.size[r] === 0) continue;
        for (let j = 0; j < dims; j++) {
          const x = centroid[r * dims + j];
          if (x < lo[v * dims + j]) lo[v * dims + j] = x;
          if (x > hi[v * dims + j]) hi[v * dims + j] = x;
        }
      }
    } else {
      for (const c of [t.left[v], t.right[v]]) {
        for (let j = 0; j < dims; j++) {
          if (lo[c * dims + j] < lo[v * dims + j]) lo[v * dims + j] = lo[c * dims + j];
          if (hi[c * dims + j] > hi[v * dims + j]) hi[v * dims + j] = hi[c * dims + j];
        }
      }
    }
  }
}

/** Merges the cluster of row x into row y: y's centroid becomes the size-weighted mean, x empties. */
function mergeRows(st: ChainState, x: number, y: number): void {
  const nx = st.size[x], ny = st.size[y];
  const { dims, centroid } = st;
  for (let j = 0; j < dims; j++) {
    centroid[y * dims + j] = (nx * centroid[x * dims + j] + ny * centroid[y * dims + j]) / (nx + ny);
  }
  st.size[y] = nx + ny;
  st.size[x] = 0;
  refreshCounts(st, st.t.leafOf[x]);
  refreshCounts(st, st.t.leafOf[y]);
  growBoxes(st, y);
}

/** A merge as the chain finds it: the two point numbers standing for the clusters, and the height. */
interface RawMerge {
  x: number;
  y: number;
  height: number;
}

/** The merges of the nearest-neighbour chain, in the order found (not sorted by height). */
function nnChain(flat: FlatPoints): RawMerge[] {
  const { n, dims } = flat;
  const t = buildKdTree(flat, 16);
  const st: ChainState = {
    t, dims,
    centroid: Float64Array.from(t.data),
    size: new Float64Array(n).fill(1),
    lo: Float64Array.from(t.lo),
    hi: Float64Array.from(t.hi),
    active: new Int32Array(t.nodes),
    minSize: new Float64Array(t.nodes),
    bestRow: -1, bestD: Infinity, prevRow: -1,
  };
  for (let v = t.nodes - 1; v >= 0; v--) {
    st.active[v] = t.left[v] < 0 ? t.end[v] - t.start[v] : st.active[t.left[v]] + st.active[t.right[v]];
    st.minSize[v] = 1;
  }
  const rowOf = new Int32Array(n);
  for (let r = 0; r < n; r++) rowOf[t.index[r]] = r;
  const merges: RawMerge[] = [];
  const chain = new Int32Array(n);
  let length = 0;
  let first = 0; // lowest point number that may still hold a cluster
  let refitAt = n / 2;
  for (let m = 0; m < n - 1; m++) {
    if (length === 0) {
      while (st.size[rowOf[first]] === 0) first++;
      chain[length++] = rowOf[first];
    }
    let x: number, y: number;
    for (;;) {
      x = chain[length - 1];
      const prev = length > 1 ? chain[length - 2] : -1;
      y = nearestCluster(st, x, prev);
      if (length > 1 && y === prev) break;
      chain[length++] = y;
    }
    length -= 2;
    const height = Math.sqrt(st.bestD);
    // As scipy: the cluster with the larger number carries on, holding the merged cluster.
    if (t.index[x] > t.index[y]) [x, y] = [y, x];
    merges.push({ x: t.index[x], y: t.index[y], height });
    mergeRows(st, x, y);
    if (st.active[0] <= refitAt && st.active[0] > 1) {
      refitBoxes(st);
      refitAt = st.active[0] / 2;
    }
  }
  return merges;
}

/**
 * The linkage from the chain's merges: sorted by height (stable, as scipy), each merge numbered
 * n + i and its clusters named by their current numbers. The sort key of a merge is the largest
 * height at or below it, so that a merge always comes after the merges that formed its two
 * clusters even when rounding makes its height a hair lower than a child's (then scipy's
 * relabelling would build a different tree); on a monotone tree the key is the height itself.
 */
function sortedLinkage(n: number, raw: readonly RawMerge[]): WardLinkage {
  const key = new Float64Array(raw.length);
  const formedBy = new Int32Array(n).fill(-1);
  raw.forEach((m, i) => {
    const kx = formedBy[m.x] >= 0 ? key[formedBy[m.x]] : 0;
    const ky = formedBy[m.y] >= 0 ? key[formedBy[m.y]] : 0;
    key[i] = Math.max(m.height, kx, ky);
    formedBy[m.y] = i;
  });
  const order = raw.map((_, i) => i).sort((a, b) => key[a] - key[b]);
  // cluster[p]: the current number of the cluster holding point p, for the points that stand for clusters.
  const cluster = new Int32Array(n);
  for (let p = 0; p < n; p++) cluster[p] = p;
  const sizes = new Float64Array(2 * n);
  sizes.fill(1, 0, n);
  const merges = order.map((i, row) => {
    const { x, y, height } = raw[i];
    const a = Math.min(cluster[x], cluster[y]);
    const b = Math.max(cluster[x], cluster[y]);
    sizes[n + row] = sizes[a] + sizes[b];
    cluster[y] = n + row; // x no longer stands for a cluster
    return { a, b, height, size: sizes[n + row] };
  });
  return { n, merges };
}

/** `wardLinkage` on flattened points. */
export function wardLinkageFlat(flat: FlatPoints): WardLinkage {
  return sortedLinkage(flat.n, nnChain(flat));
}

/**
 * The Ward linkage of the points: n - 1 merges, lowest first, each {a, b, height, size} as a row
 * of scipy's linkage matrix (clusters 0..n-1 are the points, n + i the cluster of merge i,
 * a < b; height is the Ward distance defined at the top of this file). Exact; O(n) memory.
 *
 * Example: points [0], [2], [5] -> merges {a: 0, b: 1, height: 2, size: 2} and
 * {a: 2, b: 3, height: 4.6188, size: 3} (4 sqrt(4/3), see the top of this file).
 */
export function wardLinkage(points: Points, names?: MatrixNames): WardLinkage {
  return wardLinkageFlat(flattenPoints(points, names));
}

/**
 * The cluster of each point when the linkage is cut at k clusters: the partition after the first
 * n - k merges, i.e. with the last k - 1 (highest) merges undone, as scikit-learn's
 * AgglomerativeClustering(n_clusters=k) cuts it. Clusters are named by one of their points (not
 * canonical: see `cutWard`). Throws a UserError unless 1 <= k <= n.
 *
 * Example: points [0], [2], [5] (merges above) cut at k = 2: the first merge is kept, so the
 * clusters are {0, 2} and {5}: labels[0] === labels[1], labels[2] different.
 */
export function cutLinkage(linkage: WardLinkage, k: number): number[] {
  const { n, merges } = linkage;
  checkK(k, n);
  // member[c]: one point of cluster c, joined with the other points of c in `sets`.
  const member = new Int32Array(2 * n);
  for (let p = 0; p < n; p++) member[p] = p;
  const sets = disjointSets(n);
  for (let i = 0; i < n - k; i++) {
    union(sets, member[merges[i].a], member[merges[i].b]);
    member[n + i] = member[merges[i].a];
  }
  return Array.from({ length: n }, (_, p) => find(sets, p));
}

/** Ward clusters at one k (`cutWard`). */
export interface WardCut {
  k: number;
  /** Cluster of each point, 0..k-1, numbered canonically as `kmeans` does (largest first). */
  labels: number[];
  /** Number of points in each cluster, largest first. */
  sizes: number[];
  /** Mean of each cluster's points, in the order of the cluster numbers. */
  centroids: number[][];
  /** Height of the last merge kept (0 when k = n): the k clusters exist above this height. */
  mergedAt: number;
  /** Height of the first merge undone, which would join two of the k clusters (null when k = 1). */
  splitAt: number | null;
}

/**
 * The linkage cut at k clusters (`cutLinkage`), relabelled canonically: by descending size, then
 * by centroid (ascending, lexicographic), as K-Means clusters are. `flat` holds the points the
 * linkage was built on.
 */
export function cutWard(flat: FlatPoints, linkage: WardLinkage, k: number): WardCut {
  if (linkage.n !== flat.n) {
    throw new UserError(`The linkage is over ${linkage.n} points and ${flat.n} points were given: cut it with the points it was built on.`);
  }
  const { labels, sizes, centroids } = canonicalClusters(flat, cutLinkage(linkage, k));
  const n = linkage.n;
  return {
    k,
    labels,
    sizes,
    centroids,
    mergedAt: k < n ? linkage.merges[n - k - 1].height : 0,
    splitAt: k > 1 ? linkage.merges[n - k].height : null,
  };
}

/** Options of `wardClusters`. */
export interface WardOptions {
  /** Smallest number of clusters. Default 2 (or 1 when there is a single point). */
  kMin?: number;
  /** Largest number of clusters. Default kMin. */
  kMax?: number;
  /** Names for error messages. */
  names?: MatrixNames;
}

/** Ward clusters for a range of k, from one linkage. */
export interface WardResult {
  n: number;
  linkage: WardLinkage;
  /** One cut per k, ascending. */
  cuts: WardCut[];
}

/**
 * Ward hierarchical clustering of the points: the linkage (`wardLinkage`), built once, cut at
 * every k from kMin to kMax (`cutWard`, canonical labels). Deterministic: no random start, and
 * the same points give the same tree and labels. Throws a UserError for k < 1, k above the
 * number of points, or a NaN or infinite value.
 *
 * Example: points [0], [2], [5], [6] with k = 2: merges {5, 6} at 1, {0, 2} at 2, then both at
 * sqrt(2 * 2 * 2 / 4) * |1 - 5.5| = 6.364; cut at 2: {0, 2} and {5, 6}, equal sizes, so the
 * cluster with the lower centroid (1 < 5.5) is cluster 0: labels [0, 0, 1, 1].
 */
export function wardClusters(points: Points, options: WardOptions = {}): WardResult {
  const flat = flattenPoints(points, options.names);
  const kMin = options.kMin ?? Math.min(2, flat.n);
  const kMax = options.kMax ?? kMin;
  checkK(kMin, flat.n);
  checkK(kMax, flat.n);
  if (kMax < kMin) throw new UserError(`kMin = ${kMin} and kMax = ${kMax}: choose kMin <= kMax.`);
  const linkage = wardLinkageFlat(flat);
  const cuts: WardCut[] = [];
  for (let k = kMin; k <= kMax; k++) cuts.push(cutWard(flat, linkage, k));
  return { n: flat.n, linkage, cuts };
}
