/**
 * Sampling helpers for the generator, on top of `src/util/random` (all randomness flows from seeded
 * generators, so a seed fixes every draw).
 */
import { normal, type Rng } from "../util/index";

/** A 32-bit integer hash (murmur3 finaliser). */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A 32-bit seed for sub-stream `stream` of a user seed (any safe integer): independent streams
 * per component, so that changing how one component draws leaves the others unchanged.
 */
export function derivedSeed(seed: number, stream: number): number {
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  return mix32(mix32(lo ^ mix32(hi + 0x9e3779b9)) ^ Math.imul(stream + 1, 0x27d4eb2d));
}

/** A uniform 32-bit unsigned integer. */
export function uint32(rng: Rng): number {
  return Math.floor(rng() * 4294967296) >>> 0;
}

/** A uniform number in [lo, hi). */
export function uniform(rng: Rng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng();
}

/** A uniform integer in lo..hi (inclusive). */
export function uniformInt(rng: Rng, lo: number, hi: number): number {
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A log-normal draw with the given median and log-scale sigma. */
export function logNormal(rng: Rng, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(rng));
}

/** An index drawn with probability proportional to `weights` (linear scan; for short lists). */
export function weightedIndex(rng: Rng, weights: ArrayLike<number>, total?: number): number {
  let t = total;
  if (t === undefined) {
    t = 0;
    for (let i = 0; i < weights.length; i++) t += weights[i];
  }
  let u = rng() * t;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  return weights.length - 1;
}

/** Prefix sums: out[0] = 0, out[i + 1] = w[0] + ... + w[i]. */
export function prefixSums(w: ArrayLike<number>): Float64Array {
  const out = new Float64Array(w.length + 1);
  for (let i = 0; i < w.length; i++) out[i + 1] = out[i] + w[i];
  return out;
}

/**
 * The index i with prefix[i] <= u < prefix[i + 1] (prefix from `prefixSums`); zero-width
 * entries are never returned for u inside [prefix[0], prefix[n]).
 */
export function searchPrefix(prefix: Float64Array, u: number): number {
  let lo = 0;
  let hi = prefix.length - 1; // smallest k with prefix[k] > u lies in (lo, hi]
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (prefix[mid] > u) hi = mid;
    else lo = mid;
  }
  return lo;
}

/** An index in [from, to] (inclusive) drawn proportionally to the weights behind `prefix`. */
export function drawFromPrefix(rng: Rng, prefix: Float64Array, from: number, to: number): number {
  return indexAtFraction(prefix, from, to, rng());
}

/**
 * The index in [from, to] where the cumulative weight behind `prefix` reaches `fraction` (0..1)
 * of the weight of [from, to]: a uniform `fraction` draws an index proportionally to the weights.
 */
export function indexAtFraction(prefix: Float64Array, from: number, to: number, fraction: number): number {
  const a = prefix[from];
  const b = prefix[to + 1];
  let i = Math.min(Math.max(searchPrefix(prefix, a + (b - a) * fraction), from), to);
  while (i > from && prefix[i + 1] === prefix[i]) i--; // u rounded onto the upper edge
  return i;
}

/** Walker/Vose alias table for O(1) draws from a fixed discrete distribution. */
export interface AliasTable {
  prob: Float64Array;
  alias: Int32Array;
}

/** Build an alias table for `weights` (non-negative, not all zero). */
export function aliasTable(weights: ArrayLike<number>): AliasTable {
  const n = weights.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i];
  const scaled = new Float64Array(n);
  const small = new Int32Array(n);
  const large = new Int32Array(n);
  let ns = 0;
  let nl = 0;
  for (let i = 0; i < n; i++) {
    scaled[i] = (weights[i] * n) / total;
    if (scaled[i] < 1) small[ns++] = i;
    else large[nl++] = i;
  }
  while (ns > 0 && nl > 0) {
    const s = small[--ns];
    const l = large[--nl];
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    if (scaled[l] < 1) small[ns++] = l;
    else large[nl++] = l;
  }
  while (nl > 0) {
    const l = large[--nl];
    prob[l] = 1;
    alias[l] = l;
  }
  while (ns > 0) {
    const s = small[--ns];
    prob[s] = 1;
    alias[s] = s;
  }
  return { prob, alias };
}

/** One draw from an alias table. */
export function drawAlias(rng: Rng, table: AliasTable): number {
  const n = table.prob.length;
  const i = Math.floor(rng() * n);
  return rng() < table.prob[i] ? i : table.alias[i];
}

/**
 * Counts per category summing exactly to `total`, proportional to `shares` (largest remainder;
 * ties go to the earlier category).
 */
export function apportion(total: number, shares: number[]): number[] {
  const sum = shares.reduce((a, b) => a + b, 0);
  const exact = shares.map((s) => (total * s) / sum);
  const counts = exact.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i]).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k++, left--) counts[order[k % order.length][1]]++;
  return counts;
}

/** Shuffle an array in place (Fisher-Yates) and return it. */
export function shuffleInPlace<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = xs[i];
    xs[i] = xs[j];
    xs[j] = t;
  }
  return xs;
}

/** A growable Int32 column (amortised doubling), for plans whose size is known only at the end. */
export class IntColumn {
  data: Int32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Int32Array(Math.max(16, capacity));
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  /** The filled part (a view, no copy). */
  values(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}
