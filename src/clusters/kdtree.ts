/**
 * A k-d tree over points (Bentley 1975): the space index of DBSCAN's neighbourhoods, of the
 * k-distance curve and of Ward's nearest-neighbour searches. Each node holds a contiguous range
 * of rows and the bounding box of their points; a node with more than `leafSize` points is split
 * at the median of its widest feature. A query skips every node whose box is farther than the
 * answer can be, so a neighbourhood costs about O(log n + answer) instead of O(n).
 *
 * Example: points [0], [1], [2], [10] with leafSize 2 give a root over all four, split at the
 * median (between 1 and 2): a leaf with [0], [1] (box 0..1) and a leaf with [2], [10] (box
 * 2..10). The points within 1.5 of 0.5: the first leaf's box is at distance 0, so both of its
 * points are checked (both within); the second's box starts at 2, 1.5 away: it is within 1.5, so
 * it is checked too and [2] is found (distance 1.5). Answer [0], [1], [2].
 */
import type { FlatPoints } from "./matrix";

/** The tree: points copied in tree order, nodes in preorder (each parent before its children). */
export interface KdTree {
  n: number;
  dims: number;
  /** Points in tree order: row r (dims values from r * dims) is the caller's point `index[r]`. */
  data: Float64Array;
  /** The caller's point at each row. */
  index: Int32Array;
  /** Number of nodes; node 0 is the root. */
  nodes: number;
  /** Rows of node v: start[v] .. end[v] - 1. */
  start: Int32Array;
  end: Int32Array;
  /** Children of node v; -1 for a leaf. */
  left: Int32Array;
  right: Int32Array;
  /** Parent of node v; -1 for the root. */
  parent: Int32Array;
  /** The leaf holding each row. */
  leafOf: Int32Array;
  /** Bounding box of node v: feature j from lo[v * dims + j] to hi[v * dims + j]. */
  lo: Float64Array;
  hi: Float64Array;
}

/**
 * Reorders index[from..to) so that index[mid] holds the point whose feature j would be there in
 * sorted order, smaller or equal values before it and larger or equal after (Hoare's quickselect,
 * median-of-three pivot: deterministic).
 */
function selectMedian(flat: FlatPoints, index: Int32Array, from: number, to: number, mid: number, j: number): void {
  const { data, dims } = flat;
  const v = (r: number) => data[index[r] * dims + j];
  let lo = from;
  let hi = to - 1;
  while (hi > lo) {
    const m = (lo + hi) >>> 1;
    const a = v(lo), b = v(m), c = v(hi);
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let k = hi;
    while (i <= k) {
      while (v(i) < pivot) i++;
      while (v(k) > pivot) k--;
      if (i <= k) {
        const t = index[i];
        index[i] = index[k];
        index[k] = t;
        i++;
        k--;
      }
    }
    if (mid <= k) hi = k;
    else if (mid >= i) lo = i;
    else return;
  }
}

/**
 * Builds the tree over `flat` (which is not changed). A node with more than `leafSize` points is
 * split at the median of the feature with the widest range; its first half goes left.
 * O(n log n) time, O(n) memory.
 */
export function buildKdTree(flat: FlatPoints, leafSize = 16): KdTree {
  const { n, dims } = flat;
  const index = new Int32Array(n);
  for (let i = 0; i < n; i++) index[i] = i;
  const start: number[] = [], end: number[] = [], left: number[] = [], right: number[] = [], parent: number[] = [];
  const lo: number[] = [], hi: number[] = [];
  const build = (from: number, to: number, up: number): number => {
    const v = start.length;
    start.push(from);
    end.push(to);
    left.push(-1);
    right.push(-1);
    parent.push(up);
    let widest = 0;
    let span = -1;
    for (let j = 0; j < dims; j++) {
      let a = Infinity, b = -Infinity;
      for (let r = from; r < to; r++) {
        const x = flat.data[index[r] * dims + j];
        if (x < a) a = x;
        if (x > b) b = x;
      }
      lo.push(a);
      hi.push(b);
      if (b - a > span) {
        span = b - a;
        widest = j;
      }
    }
    if (to - from > leafSize && span > 0) {
      const mid = (from + to) >>> 1;
      selectMedian(flat, index, from, to, mid, widest);
      left[v] = build(from, mid, v);
      right[v] = build(mid, to, v);
    }
    return v;
  };
  build(0, n, -1);
  const data = new Float64Array(n * dims);
  for (let r = 0; r < n; r++) data.set(flat.data.subarray(index[r] * dims, index[r] * dims + dims), r * dims);
  const nodes = start.length;
  const leafOf = new Int32Array(n);
  for (let v = 0; v < nodes; v++) if (left[v] < 0) for (let r = start[v]; r < end[v]; r++) leafOf[r] = v;
  return {
    n, dims, data, index, nodes, leafOf,
    start: Int32Array.from(start), end: Int32Array.from(end),
    left: Int32Array.from(left), right: Int32Array.from(right), parent: Int32Array.from(parent),
    lo: Float64Array.from(lo), hi: Float64Array.from(hi),
  };
}

/**
 * Squared distance from point q (dims values of `q` from `qo`) to the nearest point of the box
 * of node v: sum over features of the gap below lo or above hi (0 inside). Never more than the
 * squared distance from q to any point in the box, also in floating point (each term is).
 */
export function boxDistance2(lo: Float64Array, hi: Float64Array, v: number, dims: number, q: Float64Array, qo: number): number {
  let s = 0;
  const o = v * dims;
  for (let j = 0; j < dims; j++) {
    const x = q[qo + j];
    const below = lo[o + j] - x;
    const above = x - hi[o + j];
    const d = below > 0 ? below : above > 0 ? above : 0;
    s += d * d;
  }
  return s;
}

/** Squared distance from q to the farthest corner of the box of node v: every point of v is at most this far. */
export function boxFarthest2(t: KdTree, v: number, q: Float64Array, qo: number): number {
  let s = 0;
  const o = v * t.dims;
  for (let j = 0; j < t.dims; j++) {
    const a = q[qo + j] - t.lo[o + j];
    const b = t.hi[o + j] - q[qo + j];
    const d = a > b ? a : b;
    s += d * d;
  }
  return s;
}

/** Squared Euclidean distance between q (from qo) and row r of the tree. */
export function rowDistance2(t: KdTree, r: number, q: Float64Array, qo: number): number {
  let s = 0;
  const o = r * t.dims;
  for (let j = 0; j < t.dims; j++) {
    const d = q[qo + j] - t.data[o + j];
    s += d * d;
  }
  return s;
}

/** A stack of node numbers deep enough for any tree of up to 2^31 points. */
const stack = new Int32Array(256);

/**
 * Number of points whose squared distance to q is <= r2, counting at most up to `cap` (it stops
 * once `cap` are found). A node whose whole box lies within the radius counts all its points
 * without checking them.
 */
export function countWithin(t: KdTree, q: Float64Array, qo: number, r2: number, cap: number): number {
  let count = 0;
  let top = 0;
  stack[top++] = 0;
  while (top > 0) {
    const v = stack[--top];
    if (boxDistance2(t.lo, t.hi, v, t.dims, q, qo) > r2) continue;
    if (boxFarthest2(t, v, q, qo) <= r2) {
      count += t.end[v] - t.start[v];
    } else if (t.left[v] < 0) {
      for (let r = t.start[v]; r < t.end[v]; r++) if (rowDistance2(t, r, q, qo) <= r2) count++;
    } else {
      stack[top++] = t.right[v];
      stack[top++] = t.left[v];
    }
    if (count >= cap) return count;
  }
  return count;
}

/**
 * The squared distance from q to its k-th nearest point of the tree (a point at q itself counts:
 * k = 1 gives 0 when q is a row of the tree), for 1 <= k <= n. A max-heap keeps the k nearest
 * seen so far; nodes farther than the k-th are skipped, the nearer child visited first.
 */
export function kthNearest2(t: KdTree, q: Float64Array, qo: number, k: number, heap: Float64Array): number {
  let size = 0;
  const visit = (v: number): void => {
    if (size === k && boxDistance2(t.lo, t.hi, v, t.dims, q, qo) >= heap[0]) return;
    if (t.left[v] < 0) {
      for (let r = t.start[v]; r < t.end[v]; r++) {
        const d = rowDistance2(t, r, q, qo);
        if (size < k) {
          // Sift up.
          let i = size++;
          while (i > 0) {
            const p = (i - 1) >> 1;
            if (heap[p] >= d) break;
            heap[i] = heap[p];
            i = p;
          }
          heap[i] = d;
        } else if (d < heap[0]) {
          // Replace the largest and sift down.
          let i = 0;
          for (;;) {
            const a = 2 * i + 1;
            if (a >= k) break;
            const c = a + 1 < k && heap[a + 1] > heap[a] ? a + 1 : a;
            if (heap[c] <= d) break;
            heap[i] = heap[c];
            i = c;
          }
          heap[i] = d;
        }
      }
      return;
    }
    const a = t.left[v], b = t.right[v];
    const da = boxDistance2(t.lo, t.hi, a, t.dims, q, qo);
    const db = boxDistance2(t.lo, t.hi, b, t.dims, q, qo);
    if (da <= db) {
      visit(a);
      visit(b);
    } else {
      visit(b);
      visit(a);
    }
  };
  visit(0);
  return heap[0];
}
