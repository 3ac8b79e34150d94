import { normal, seededRng } from "../../src/util/index";
import { isUserError } from "../../src/errors";

/** Gaussian blobs: `perBlob` points around each centre with standard deviation `sd`, blob after blob. */
export function blobs(centres: number[][], perBlob: number, sd: number, seed: number): number[][] {
  const rng = seededRng(seed);
  const out: number[][] = [];
  for (const c of centres) {
    for (let i = 0; i < perBlob; i++) out.push(c.map((x) => x + sd * normal(rng)));
  }
  return out;
}

/** The message of the UserError thrown by f (fails the test when f throws something else or nothing). */
export function userErrorOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (isUserError(e)) return e.message;
    throw e;
  }
  throw new Error("expected a UserError, but nothing was thrown");
}

/** Euclidean distance. */
export function dist(a: readonly number[], b: readonly number[]): number {
  return Math.sqrt(a.reduce((s, x, j) => s + (x - b[j]) ** 2, 0));
}

/**
 * Straightforward silhouette score (scikit-learn's definition), written independently of
 * src/clusters/silhouette.ts: for each point, mean distance to every cluster, then
 * (b - a) / max(a, b), 0 for a point alone in its cluster; the mean over points.
 */
export function naiveSilhouette(points: number[][], labels: number[]): number {
  const clusters = [...new Set(labels)];
  let total = 0;
  for (let i = 0; i < points.length; i++) {
    const sums = new Map<number, number>(clusters.map((c) => [c, 0]));
    const sizes = new Map<number, number>(clusters.map((c) => [c, 0]));
    for (let j = 0; j < points.length; j++) {
      sizes.set(labels[j], (sizes.get(labels[j]) as number) + 1);
      if (j !== i) sums.set(labels[j], (sums.get(labels[j]) as number) + dist(points[i], points[j]));
    }
    const own = labels[i];
    const ownSize = sizes.get(own) as number;
    if (ownSize === 1) continue;
    const a = (sums.get(own) as number) / (ownSize - 1);
    const b = Math.min(...clusters.filter((c) => c !== own).map((c) => (sums.get(c) as number) / (sizes.get(c) as number)));
    total += Math.max(a, b) > 0 ? (b - a) / Math.max(a, b) : 0;
  }
  return total / points.length;
}
