/**
 * Greedy k-means++ initialisation (Arthur and Vassilvitskii 2007, as in scikit-learn), on points
 * in the k-means layout (`kmeans-layout.ts`).
 */
import { UserError } from "../errors";
import type { Rng } from "../util/index";
import { squaredDistance as distanceOf, squaredDistance4 as distance4Of, type PreparedPoints } from "./kmeans-layout";

// Module-local bindings: the hot loops below call these millions of times, and a call through
// an imported binding goes through the module object (a getter in CommonJS output) each time.
const squaredDistance = distanceOf;
const squaredDistance4 = distance4Of;

/**
 * `trials` indices drawn with probability proportional to their weight: for each draw r uniform
 * in [0, total), the first index whose cumulative weight exceeds r (binary search), so never a
 * point of weight 0 (one already at a centre). Example: cumulative [1, 1, 4] (weights 1, 0, 3)
 * and r = 2.5 -> index 2.
 */
function drawCandidates(cumulative: Float64Array, total: number, trials: number, rng: Rng, out: Int32Array): void {
  const n = cumulative.length;
  for (let t = 0; t < trials; t++) {
    const r = rng() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid] > r) hi = mid;
      else lo = mid + 1;
    }
    out[t] = lo;
  }
}

/**
 * The potential (resulting inertia) of adding point `candidate` as a centre: the sum over points
 * of min(closest[i], D(i, candidate)^2), each minimum written to `d2` from offset `off`.
 */
function candidatePotential(p: PreparedPoints, candidate: number, closest: Float64Array, d2: Float64Array, off: number): number {
  const { data, n, stride } = p;
  const cand = candidate * stride;
  let potential = 0;
  if (stride === 4) {
    const y0 = data[cand], y1 = data[cand + 1], y2 = data[cand + 2], y3 = data[cand + 3];
    for (let i = 0; i < n; i++) {
      const s = squaredDistance4(y0, y1, y2, y3, data, i * 4);
      const m = s < closest[i] ? s : closest[i];
      d2[off + i] = m;
      potential += m;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const s = squaredDistance(data, i * stride, data, cand, stride);
      const m = s < closest[i] ? s : closest[i];
      d2[off + i] = m;
      potential += m;
    }
  }
  return potential;
}

/**
 * Greedy k-means++: the first centre is a uniformly drawn point; each next centre is the best,
 * by resulting inertia, of 2 + floor(ln k) candidates drawn with probability proportional to
 * D(x)^2, the squared distance from x to the nearest centre chosen so far. Returns k centres
 * (rows of `stride` values). Throws a UserError when fewer than k points are distinct.
 */
export function kmeansPlusPlus(p: PreparedPoints, k: number, rng: Rng): Float64Array {
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
    drawCandidates(cumulative, total, trials, rng, candidates);
    let best = 0;
    let bestPotential = Infinity;
    for (let t = 0; t < trials; t++) {
      const potential = candidatePotential(p, candidates[t], closest, candidateD2, t * n);
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
