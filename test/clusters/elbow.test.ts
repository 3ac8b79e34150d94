import { describe, expect, it } from "vitest";
import { elbow, kmeans, proposeK, silhouetteScore, type ElbowResult } from "../../src/clusters";
import { blobs, naiveSilhouette, userErrorOf } from "./helpers";

const points = blobs([[0, 0, 0], [6, 0, 0], [0, 6, 0]], 50, 0.8, 31);

describe("elbow", () => {
  const result = elbow(points, { kMax: 6, restarts: 5, seed: 1 });

  it("runs kmeans for each k with the same seed and restarts, and scores each labeling", () => {
    expect(result.points.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.exactSilhouette).toBe(true);
    expect(result.n).toBe(150);
    for (const p of result.points) {
      const direct = kmeans(points, p.k, { restarts: 5, seed: 1 });
      expect(p.inertia).toBe(direct.inertia);
      expect(p.labels).toEqual(direct.labels);
      expect(p.sizes).toEqual(direct.sizes);
    }
    expect(result.points[0].silhouette).toBeNull();
    for (const p of result.points.slice(1)) {
      expect(Math.abs((p.silhouette as number) - naiveSilhouette(points, p.labels))).toBeLessThan(1e-12);
    }
  });

  it("has the total sum of squares as the inertia of k = 1", () => {
    const mean = [0, 1, 2].map((j) => points.reduce((s, p) => s + p[j], 0) / points.length);
    const total = points.reduce((s, p) => s + p.reduce((t, x, j) => t + (x - mean[j]) ** 2, 0), 0);
    expect(result.points[0].inertia).toBeCloseTo(total, 9);
  });

  it("estimates silhouettes on a sample when asked", () => {
    const sampled = elbow(points, { kMin: 2, kMax: 3, restarts: 2, silhouetteSampleSize: 60 });
    expect(sampled.exactSilhouette).toBe(false);
    const exact = silhouetteScore(points, sampled.points[1].labels);
    expect(Math.abs((sampled.points[1].silhouette as number) - exact)).toBeLessThan(0.1);
    expect(sampled.points[1].silhouette).not.toBe(exact);
  });

  it("rejects impossible ranges of k", () => {
    expect(userErrorOf(() => elbow(points.slice(0, 4), { kMax: 5 }))).toBe("kMax = 5 but only 4 customers: choose kMax <= 4.");
    expect(userErrorOf(() => elbow(points, { kMin: 3, kMax: 2 }))).toMatch(/1 <= kMin <= kMax/);
  });
});

describe("proposeK", () => {
  /** An elbow result with given inertias and silhouettes, k = 1.. */
  const made = (inertias: number[], silhouettes: (number | null)[]): ElbowResult => ({
    points: inertias.map((inertia, i) => ({ k: i + 1, inertia, silhouette: silhouettes[i], sizes: [], labels: [], centroids: [] })),
    exactSilhouette: true,
    n: 100,
  });

  it("picks the highest silhouette by default (smallest k on ties)", () => {
    const r = made([100, 50, 30, 25, 22], [null, 0.41, 0.45, 0.45, 0.3]);
    expect(proposeK(r)).toEqual({ k: 3, rule: "silhouette", reason: "k = 3 has the highest silhouette score (0.450)." });
  });

  it("finds the knee: the point farthest below the chord of the rescaled inertia curve", () => {
    // k 1..5 rescaled to x = 0, .25, .5, .75, 1; inertia 100, 40, 20, 15, 10 to y = 1, 1/3, 1/9, 1/18, 0.
    // Gap below the chord y = 1 - x: 0, .75 - .333 = .417, .5 - .111 = .389, .25 - .056 = .194, 0: k = 2.
    const r = made([100, 40, 20, 15, 10], [null, 0.1, 0.2, 0.3, 0.4]);
    expect(proposeK(r, { rule: "knee" }).k).toBe(2);
  });

  it("on three blobs, both rules propose 3", () => {
    const r = elbow(points, { kMax: 8, restarts: 4 });
    expect(proposeK(r).k).toBe(3);
    expect(proposeK(r, { rule: "knee" }).k).toBe(3);
  });

  it("returns the analyst's k when it was tried", () => {
    const r = made([100, 50, 30], [null, 0.4, 0.5]);
    expect(proposeK(r, { k: 2 })).toEqual({ k: 2, rule: "analyst", reason: "k = 2 chosen by the analyst." });
    expect(userErrorOf(() => proposeK(r, { k: 7 }))).toBe("k = 7 was not tried: choose one of 1, 2, 3.");
    expect(userErrorOf(() => proposeK(made([1], [null])))).toMatch(/No k with a silhouette/);
  });
});
