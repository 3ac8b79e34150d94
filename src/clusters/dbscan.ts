/**
 * DBSCAN (Ester, Kriegel, Sander and Xu 1996), as scikit-learn's `DBSCAN(eps, min_samples)`,
 * and the k-distance curve that helps choose eps.
 *
 * Definitions (Euclidean distance on the prepared features):
 * - the neighbourhood of a point is every point within distance eps of it (distance <= eps),
 *   the point itself included;
 * - a core point has at least minSamples points in its neighbourhood (itself counted, as in
 *   scikit-learn: minSamples = 1 makes every point core);
 * - two core points within eps of each other are in the same cluster, and so, transitively, is
 *   every chain of such core points;
 * - a border point is a non-core point within eps of a core point: it joins a cluster of such a
 *   core point. When it touches several clusters it joins the one scikit-learn gives it: the
 *   cluster whose lowest-numbered core point comes first (scikit-learn grows clusters from core
 *   points in the order of the rows, and a border point keeps the first cluster that reaches it);
 * - every other point is noise, label -1.
 * Clusters are then numbered canonically, as K-Means clusters are: by descending size, then by
 * centroid (ascending, lexicographic). Nothing is random: the same points in the same order give
 * the same labels.
 *
 * Neighbourhoods are searched in a k-d tree (`kdtree.ts`) and never stored (scikit-learn stores
 * every neighbourhood): a core point needs only minSamples neighbours found, and a part of the
 * tree whose core points are already known to share a cluster counts as one candidate, so the
 * work stays near n log n even where dense regions give each point thousands of neighbours.
 */
import { UserError } from "../errors";
import { disjointSets, find, fmtInt, union, type DisjointSets } from "../util/index";
import { canonicalClusters } from "./canonical";
import { boxDistance2, boxFarthest2, buildKdTree, countWithin, kthNearest2, rowDistance2, type KdTree } from "./kdtree";
import { flattenPoints, type FlatPoints, type MatrixNames, type Points } from "./matrix";

/** Options of `dbscan`. */
export interface DbscanOptions {
  /** Neighbourhood radius, in the units of the points (standard deviations after `clusterPoints`); > 0. */
  eps: number;
  /** Points a neighbourhood needs, the point itself included, for a core point; a whole number >= 1. */
  minSamples: number;
  /** Names for error messages. */
  names?: MatrixNames;
}

/** The result of `dbscan`. */
export interface DbscanResult {
  eps: number;
  minSamples: number;
  /** Cluster of each point, 0..clusters-1 (largest first), -1 for noise, in the order of the points. */
  labels: number[];
  /** Whether each point is a core point. */
  core: boolean[];
  /** Number of clusters (noise not counted). */
  clusters: number;
  /** Number of noise points. */
  noise: number;
  /** Number of points of each cluster, largest first. */
  sizes: number[];
  /** Mean of each cluster's points, in the order of the cluster numbers. */
  centroids: number[][];
}

/** Throws a UserError unless eps is a finite number > 0 and minSamples a whole number >= 1. */
function checkDbscanOptions(eps: number, minSamples: number): void {
  if (typeof eps !== "number" || !Number.isFinite(eps) || eps <= 0) {
    throw new UserError(
      `eps = ${String(eps)} is not a neighbourhood radius: choose a number > 0 (in standard deviations of the prepared features; the k-distance curve helps).`,
    );
  }
  if (typeof minSamples !== "number" || !Number.isInteger(minSamples) || minSamples < 1) {
    throw new UserError(
      `minSamples = ${String(minSamples)} is not a number of points: choose a whole number >= 1 (a point counts itself, so 1 makes every point a core point).`,
    );
  }
}

/** Whether each row of the tree is a core point: at least minSamples rows within sqrt(r2), itself included. */
function coreRows(t: KdTree, r2: number, minSamples: number): Uint8Array {
  const core = new Uint8Array(t.n);
  for (let r = 0; r < t.n; r++) core[r] = countWithin(t, t.data, r * t.dims, r2, minSamples) >= minSamples ? 1 : 0;
  return core;
}

/** The core rows under each node of the tree: how many, and one of them (-1 when none). */
interface NodeCores {
  count: Int32Array;
  some: Int32Array;
}

function nodeCores(t: KdTree, core: Uint8Array): NodeCores {
  const count = new Int32Array(t.nodes);
  const some = new Int32Array(t.nodes).fill(-1);
  for (let v = t.nodes - 1; v >= 0; v--) {
    if (t.left[v] < 0) {
      for (let r = t.end[v] - 1; r >= t.start[v]; r--) {
        if (core[r]) {
          count[v]++;
          some[v] = r;
        }
      }
    } else {
      count[v] = count[t.left[v]] + count[t.right[v]];
      some[v] = some[t.left[v]] >= 0 ? some[t.left[v]] : some[t.right[v]];
    }
  }
  return { count, some };
}

/**
 * The state of the clustering passes. A node is `united` once all its core rows are known to be
 * in one cluster: it was wholly within eps of a core row (so each of its core rows was joined to
 * that row), or all its core rows were found joined after a search went through it. Later
 * searches treat a united node as one candidate, not one per point, and skip it at once when it
 * is already in the searching row's cluster, which keeps the work near linear however many
 * neighbours the dense regions have.
 */
interface ClusterPass {
  t: KdTree;
  core: Uint8Array;
  cores: NodeCores;
  united: Uint8Array;
  sets: DisjointSets;
  r2: number;
  /** Root of the set of the core row being joined (`joinCores`). */
  root: number;
}

/** Whether node v holds a core row within eps of row r (stops at the first found). */
function coreWithin(p: ClusterPass, v: number, r: number): boolean {
  const { t } = p;
  const qo = r * t.dims;
  if (p.cores.count[v] === 0 || boxDistance2(t.lo, t.hi, v, t.dims, t.data, qo) > p.r2) return false;
  if (boxFarthest2(t, v, t.data, qo) <= p.r2) return true;
  if (t.left[v] < 0) {
    for (let s = t.start[v]; s < t.end[v]; s++) if (p.core[s] && rowDistance2(t, s, t.data, qo) <= p.r2) return true;
    return false;
  }
  return coreWithin(p, t.left[v], r) || coreWithin(p, t.right[v], r);
}

/**
 * Joins core row r with every core row of node v within eps of it. `p.root` is the root of r's
 * set, kept current: every union here goes through it.
 */
function joinCores(p: ClusterPass, v: number, r: number): void {
  const { t, core, cores, sets } = p;
  if (cores.count[v] === 0) return;
  if (p.united[v] === 1 && find(sets, cores.some[v]) === p.root) return;
  const qo = r * t.dims;
  if (boxDistance2(t.lo, t.hi, v, t.dims, t.data, qo) > p.r2) return;
  if (p.united[v] === 1) {
    if (coreWithin(p, v, r)) p.root = union(sets, p.root, cores.some[v]);
    return;
  }
  if (boxFarthest2(t, v, t.data, qo) <= p.r2) {
    for (let s = t.start[v]; s < t.end[v]; s++) if (core[s]) p.root = union(sets, p.root, s);
    p.united[v] = 1;
    return;
  }
  if (t.left[v] < 0) {
    // United when every core row ends in one set (judged as the scan goes: it may miss a set
    // joined later in the same scan, which only delays the marking to a later search).
    let first = -1;
    let one = true;
    for (let s = t.start[v]; s < t.end[v]; s++) {
      if (!core[s]) continue;
      let rs = find(sets, s);
      if (rs !== p.root && rowDistance2(t, s, t.data, qo) <= p.r2) rs = p.root = union(sets, p.root, rs);
      if (first < 0) first = rs;
      else if (rs !== first) one = false;
    }
    if (one) p.united[v] = 1;
    return;
  }
  const a = t.left[v], b = t.right[v];
  joinCores(p, a, r);
  joinCores(p, b, r);
  // Both halves united (or without core rows), in the same set: so is the node.
  const aDone = cores.count[a] === 0 || p.united[a] === 1;
  const bDone = cores.count[b] === 0 || p.united[b] === 1;
  if (aDone && bDone && (cores.count[a] === 0 || cores.count[b] === 0 || find(sets, cores.some[a]) === find(sets, cores.some[b]))) {
    p.united[v] = 1;
  }
}

/** The lowest cluster name (`seed`) among the core rows of node v within eps of row r, or `best`. */
function nearestClusterName(p: ClusterPass, v: number, r: number, seed: Int32Array, best: number): number {
  const { t, core, cores, sets } = p;
  const qo = r * t.dims;
  if (cores.count[v] === 0 || boxDistance2(t.lo, t.hi, v, t.dims, t.data, qo) > p.r2) return best;
  if (p.united[v]) {
    const c = seed[find(sets, cores.some[v])];
    return c < best && coreWithin(p, v, r) ? c : best;
  }
  if (t.left[v] < 0) {
    for (let s = t.start[v]; s < t.end[v]; s++) {
      if (core[s] && rowDistance2(t, s, t.data, qo) <= p.r2) best = Math.min(best, seed[find(sets, s)]);
    }
    return best;
  }
  best = nearestClusterName(p, t.left[v], r, seed, best);
  return nearestClusterName(p, t.right[v], r, seed, best);
}

/**
 * The cluster of each row, named by the lowest point number among its core points (scikit-learn's
 * cluster order), or -1 for noise: core rows within eps are joined; a border row takes the
 * cluster with the lowest name among its core neighbours.
 */
function clusterRows(t: KdTree, core: Uint8Array, r2: number): Int32Array {
  const { n, index } = t;
  const p: ClusterPass = { t, core, cores: nodeCores(t, core), united: new Uint8Array(t.nodes), sets: disjointSets(n), r2, root: -1 };
  for (let r = 0; r < n; r++) {
    if (!core[r]) continue;
    p.root = find(p.sets, r);
    joinCores(p, 0, r);
  }
  const seed = new Int32Array(n).fill(n);
  for (let r = 0; r < n; r++) {
    if (!core[r]) continue;
    const root = find(p.sets, r);
    if (index[r] < seed[root]) seed[root] = index[r];
  }
  const cluster = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
    if (core[r]) cluster[r] = seed[find(p.sets, r)];
    else {
      const best = nearestClusterName(p, 0, r, seed, n);
      if (best < n) cluster[r] = best;
    }
  }
  return cluster;
}

/** The sentence for a DBSCAN run in which no point is a core point (every point would be noise). */
function allNoiseMessage(flat: FlatPoints, t: KdTree, eps: number, minSamples: number): string {
  const what = `DBSCAN with eps = ${eps} and minSamples = ${minSamples} finds no core point, so all ${fmtInt(flat.n)} customers would be noise`;
  if (minSamples > flat.n) return `${what}: minSamples is above the number of customers; choose minSamples <= ${fmtInt(flat.n)}.`;
  const smallest = kDistancesOf(t, minSamples).reduce((a, b) => Math.min(a, b), Infinity);
  // Rounded up to 4 significant digits, so that the eps printed does give a core point.
  const step = 10 ** (Math.floor(Math.log10(smallest)) - 3);
  return `${what}: raise eps to at least ${(Math.ceil(smallest / step) * step).toPrecision(4)} (the smallest ${minSamples}-distance) or lower minSamples.`;
}

/** `dbscan` on flattened points. */
export function dbscanFlat(flat: FlatPoints, eps: number, minSamples: number): DbscanResult {
  checkDbscanOptions(eps, minSamples);
  const t = buildKdTree(flat);
  const r2 = eps * eps;
  const core = coreRows(t, r2, minSamples);
  if (!core.includes(1)) throw new UserError(allNoiseMessage(flat, t, eps, minSamples));
  const byRow = clusterRows(t, core, r2);
  const raw = new Int32Array(flat.n);
  const isCore = new Array<boolean>(flat.n);
  for (let r = 0; r < flat.n; r++) {
    raw[t.index[r]] = byRow[r];
    isCore[t.index[r]] = core[r] === 1;
  }
  const { labels, sizes, centroids } = canonicalClusters(flat, raw);
  const noise = labels.reduce((s, l) => s + (l < 0 ? 1 : 0), 0);
  return { eps, minSamples, labels, core: isCore, clusters: sizes.length, noise, sizes, centroids };
}

/**
 * DBSCAN clusters of the points (definitions at the top of this file). Throws a UserError when
 * eps is not a number > 0, minSamples not a whole number >= 1, a value is NaN or infinite, or no
 * point is a core point (all would be noise: the message says the smallest eps that gives one).
 *
 * Example: points [0], [1], [2], [10] with eps = 1.5, minSamples = 3: the neighbourhoods (itself
 * included) are {0, 1}, {0, 1, 2}, {1, 2}, {10}, so only 1 is core (3 points); 0 and 2 are
 * within 1.5 of it: one cluster {0, 1, 2} (label 0), and 10 is noise (-1): labels [0, 0, 0, -1].
 */
export function dbscan(points: Points, options: DbscanOptions): DbscanResult {
  checkDbscanOptions(options.eps, options.minSamples);
  return dbscanFlat(flattenPoints(points, options.names), options.eps, options.minSamples);
}

/** The k-distance of every row of the tree, by the caller's point order. */
function kDistancesOf(t: KdTree, k: number): number[] {
  const heap = new Float64Array(k);
  const out = new Array<number>(t.n);
  for (let r = 0; r < t.n; r++) out[t.index[r]] = Math.sqrt(kthNearest2(t, t.data, r * t.dims, k, heap));
  return out;
}

/** Throws a UserError unless k is a whole number from 1 to n. */
function checkNeighbours(k: number, n: number): void {
  if (typeof k !== "number" || !Number.isInteger(k) || k < 1) {
    throw new UserError(`k = ${String(k)} is not a number of neighbours: choose a whole number >= 1 (a point counts itself).`);
  }
  if (k > n) throw new UserError(`k = ${k} but only ${fmtInt(n)} customers: choose k <= ${fmtInt(n)}.`);
}

/**
 * The k-distance of each point: the distance to its k-th nearest point, the point itself counted
 * as the first (so k = 1 gives 0), as scikit-learn's NearestNeighbors(n_neighbors=k).kneighbors
 * on the fitted points. With k = minSamples, a point is a core point of DBSCAN exactly when its
 * k-distance is <= eps, so the share of core points at eps is the share of k-distances <= eps.
 * In the order of the points; found in a k-d tree.
 *
 * Example: points [0], [1], [2], [10] with k = 2: nearest other points at 1, 1, 1 and 8:
 * k-distances [1, 1, 1, 8].
 */
export function kDistances(points: Points, k: number, names?: MatrixNames): number[] {
  const flat = flattenPoints(points, names);
  checkNeighbours(k, flat.n);
  return kDistancesOf(buildKdTree(flat), k);
}

/** A k-distance curve: k-distances sorted ascending, with their rank (the data of a k-distance chart). */
export interface KDistanceCurve {
  k: number;
  /** Number of points. */
  n: number;
  /** Rank of each value shown, 1..n (all of them, or evenly spaced when thinned). */
  rank: number[];
  /** The k-distance at that rank, ascending. */
  distance: number[];
}

/**
 * The k-distances sorted ascending with their ranks 1..n: the k-distance chart, whose bend marks
 * the eps above which points stop being dense. With `maxPoints`, only that many evenly spaced ranks
 * are kept (the first and the last always), for charts of many customers.
 *
 * Example: k-distances [1, 8, 1, 1] -> ranks [1, 2, 3, 4], distances [1, 1, 1, 8]; with
 * maxPoints 2: ranks [1, 4], distances [1, 8].
 */
export function kDistanceCurve(distances: readonly number[], k: number, maxPoints = Infinity): KDistanceCurve {
  const sorted = Float64Array.from(distances).sort();
  const n = sorted.length;
  const shown = Math.min(n, Math.max(2, Math.floor(maxPoints)));
  const rank: number[] = [];
  const distance: number[] = [];
  for (let i = 0; i < shown; i++) {
    const at = shown === n ? i : Math.round((i * (n - 1)) / (shown - 1));
    rank.push(at + 1);
    distance.push(sorted[at]);
  }
  return { k, n, rank, distance };
}

/** An eps proposed from a k-distance curve (`proposeEps`), with the reason in words. */
export interface ProposedEps {
  eps: number;
  /** The minSamples the curve was computed for (its k). */
  minSamples: number;
  /** Share of the points whose k-distance is <= eps: the share of core points at this eps. */
  coreShare: number;
  reason: string;
}

/**
 * Proposes eps at the knee of the k-distance curve (Kneedle, as `proposeK`'s "knee" rule): with
 * ranks and distances each rescaled to [0, 1], the point of the ascending curve farthest below
 * the straight line from its first to its last point; eps is the k-distance there. Points left of
 * the knee sit in dense regions, the steep part to its right are the sparse ones. Use it with
 * minSamples = k (the k of `kDistances`); a common choice is k = 2 x the number of features
 * (Sander et al. 1998; Schubert et al. 2017). Throws a UserError for fewer than 3 points, or when
 * the k-distance at the knee is 0 (so many customers have k - 1 exact copies that no radius > 0
 * can be read from the curve).
 *
 * Example: k-distances [1, 8, 1, 1] sorted [1, 1, 1, 8]: rescaled ranks 0, 1/3, 2/3, 1 and
 * distances 0, 0, 0, 1; the gaps below the line y = x are 0, 1/3, 2/3, 0: the knee is the third
 * point, eps = 1, where 3 of the 4 points are core (k-distance <= 1).
 */
export function proposeEps(distances: readonly number[], k: number): ProposedEps {
  const sorted = Float64Array.from(distances).sort();
  const n = sorted.length;
  if (n < 3) throw new UserError(`There are ${n} k-distances: proposing eps needs at least 3 customers.`);
  const first = sorted[0];
  const span = sorted[n - 1] - first;
  let best = 0;
  let bestGap = -Infinity;
  for (let i = 0; i < n; i++) {
    const gap = i / (n - 1) - (span > 0 ? (sorted[i] - first) / span : 0);
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  const eps = sorted[best];
  if (!(eps > 0)) {
    throw new UserError(`The knee of the ${k}-distance curve is at 0 (many customers have ${k - 1} exact copies): choose eps > 0 by hand.`);
  }
  let core = best + 1;
  while (core < n && sorted[core] <= eps) core++;
  const coreShare = core / n;
  return {
    eps,
    minSamples: k,
    coreShare,
    reason: `eps = ${eps.toPrecision(3)} is the knee of the ${k}-distance curve (Kneedle): ${(coreShare * 100).toFixed(1)}% of customers have ${k} points within it and are core points.`,
  };
}
