/**
 * The memory layout k-means runs on: points copied once in Morton (Z-curve) order, so that
 * consecutive points are near each other and mostly share their nearest centre (the CPU then
 * predicts the branches of the nearest-centre search), and padded to 4 values when they have at
 * most 4 features (an unrolled distance). Labels computed in this order go back to the caller's
 * order through `order`.
 */
import { columnMoments, type FlatPoints } from "./matrix";

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

/** Squared Euclidean distance between row ai of a and row bi of b (offsets, `stride` values each). */
export function squaredDistance(a: Float64Array, ai: number, b: Float64Array, bi: number, stride: number): number {
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

/**
 * The squared distance from the point (x0, x1, x2, x3) to row `bi` of `b` (4 values a row): the
 * same sum as `squaredDistance` with stride 4, with the point's values loaded once by the caller.
 */
export function squaredDistance4(x0: number, x1: number, x2: number, x3: number, b: Float64Array, bi: number): number {
  const d0 = x0 - b[bi], d1 = x1 - b[bi + 1], d2 = x2 - b[bi + 2], d3 = x3 - b[bi + 3];
  return d0 * d0 + d1 * d1 + d2 * d2 + d3 * d3;
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
