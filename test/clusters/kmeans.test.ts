import { describe, expect, it } from "vitest";
import { kmeans } from "../../src/clusters";
import { seededRng } from "../../src/util/index";
import { blobs, dist, userErrorOf } from "./helpers";

describe("kmeans", () => {
  it("separates two obvious blobs, with centroids at their means and the inertia by hand", () => {
    // Blob 1: (0,0), (0,2), (2,0), (2,2) -> mean (1,1), each point at squared distance 2.
    // Blob 2: (10,10), (10,12), (12,11) -> mean (32/3, 11); squared distances 4/9+1, 4/9+1, 16/9.
    const points = [[0, 0], [10, 10], [0, 2], [2, 0], [10, 12], [2, 2], [12, 11]];
    const r = kmeans(points, 2, { seed: 1, restarts: 3 });
    expect(r.labels).toEqual([0, 1, 0, 0, 1, 0, 1]); // the larger cluster is 0
    expect(r.sizes).toEqual([4, 3]);
    expect(r.centroids[0]).toEqual([1, 1]);
    expect(r.centroids[1][0]).toBeCloseTo(32 / 3, 12);
    expect(r.centroids[1][1]).toBeCloseTo(11, 12);
    expect(r.inertia).toBeCloseTo(4 * 2 + 2 * (4 / 9 + 1) + 16 / 9, 10);
    expect(r.converged).toBe(true);
  });

  it("with k = 1 puts the centroid at the mean and the inertia at the total sum of squares", () => {
    const points = [[1, 2, 3], [3, 2, 1], [2, 5, 2]]; // mean (2, 3, 2)
    const r = kmeans(points, 1);
    expect(r.labels).toEqual([0, 0, 0]);
    expect(r.centroids[0].map((x) => Math.round(x * 1e12) / 1e12)).toEqual([2, 3, 2]);
    expect(r.inertia).toBeCloseTo(1 + 1 + 1 + 1 + 1 + 1 + 0 + 4 + 0, 10);
    expect(kmeans([[3, 4]], 1)).toMatchObject({ labels: [0], centroids: [[3, 4]], inertia: 0, sizes: [1] });
  });

  it("finds the best split of 1-D points, checked against every contiguous split", () => {
    const xs = [0.1, 0.4, 0.45, 2.1, 2.3, 2.35, 5, 5.2, 9.9, 10];
    const ss = (v: number[]) => {
      const m = v.reduce((s, x) => s + x, 0) / v.length;
      return v.reduce((s, x) => s + (x - m) ** 2, 0);
    };
    let best = Infinity; // optimal 3-means in 1-D: clusters are intervals of the sorted values
    for (let i = 1; i < xs.length; i++) {
      for (let j = i + 1; j < xs.length; j++) best = Math.min(best, ss(xs.slice(0, i)) + ss(xs.slice(i, j)) + ss(xs.slice(j)));
    }
    const r = kmeans(xs.map((x) => [x]), 3, { seed: 3, restarts: 10 });
    expect(r.inertia).toBeCloseTo(best, 10);
  });

  it.each([3, 6])("assigns every point to its nearest centroid, and each centroid is its cluster's mean (%i features)", (dims) => {
    const centres = [[0, 0, 0], [3, 0, 0], [0, 3, 1], [2, 2, 2]].map((c) => [...c, ...c].slice(0, dims));
    const points = blobs(centres, 60, 1.2, 5);
    const r = kmeans(points, 4, { seed: 11 });
    points.forEach((p, i) => {
      const own = dist(p, r.centroids[r.labels[i]]);
      for (const c of r.centroids) expect(own).toBeLessThanOrEqual(dist(p, c) + 1e-12);
    });
    r.centroids.forEach((c, k) => {
      const members = points.filter((_, i) => r.labels[i] === k);
      expect(members.length).toBe(r.sizes[k]);
      expect(c).toHaveLength(dims);
      c.forEach((x, j) => expect(x).toBeCloseTo(members.reduce((s, p) => s + p[j], 0) / members.length, 9));
    });
    const inertia = points.reduce((s, p, i) => s + dist(p, r.centroids[r.labels[i]]) ** 2, 0);
    expect(r.inertia).toBeCloseTo(inertia, 8);
  });

  it("keeps the restart with the lowest inertia", () => {
    const points = blobs([[0, 0], [4, 0], [0, 4], [4, 4], [2, 2]], 40, 1.5, 8);
    const r = kmeans(points, 5, { seed: 2, restarts: 8 });
    expect(r.restartInertias).toHaveLength(8);
    expect(r.inertia).toBe(Math.min(...r.restartInertias));
    const single = kmeans(points, 5, { seed: 2, restarts: 1 });
    expect(single.restartInertias).toEqual([r.restartInertias[0]]); // restart r uses the same seed whatever the count
  });

  it("gives identical results for the same seed, and canonical labels (largest cluster first)", () => {
    const points = blobs([[0, 0, 0], [5, 5, 5], [0, 5, 0]], 50, 1, 21).concat(blobs([[9, 0, 9]], 20, 1, 22));
    const a = kmeans(points, 4, { seed: 7 });
    const b = kmeans(points, 4, { seed: 7 });
    expect(b).toEqual(a);
    for (let c = 1; c < a.sizes.length; c++) expect(a.sizes[c]).toBeLessThanOrEqual(a.sizes[c - 1]);
    expect(a.sizes[3]).toBe(20);
    // The same partition from another seed gets the same numbering.
    expect(kmeans(points, 4, { seed: 99 }).labels).toEqual(a.labels);
  });

  it("never returns an empty cluster or a NaN centroid", () => {
    const rng = seededRng(4);
    for (let t = 0; t < 30; t++) {
      const points = Array.from({ length: 25 }, () => [Math.floor(rng() * 6), Math.floor(rng() * 6)]);
      const distinct = new Set(points.map((p) => p.join(","))).size;
      const r = kmeans(points, Math.min(12, distinct), { seed: t, restarts: 2 });
      for (const c of r.centroids) for (const x of c) expect(Number.isFinite(x)).toBe(true);
      for (const s of r.sizes) expect(s).toBeGreaterThan(0);
      expect(r.sizes.reduce((s, x) => s + x, 0)).toBe(25);
    }
  });

  it("rejects impossible k and bad values with a sentence naming the problem", () => {
    const three = [[1, 1], [2, 2], [3, 3]];
    expect(userErrorOf(() => kmeans(three, 5))).toBe("k = 5 but only 3 customers: choose k <= 3.");
    expect(userErrorOf(() => kmeans(three, 0))).toMatch(/k = 0 .*k >= 1/);
    expect(userErrorOf(() => kmeans(three, 1.5))).toMatch(/whole number/);
    expect(userErrorOf(() => kmeans([[1, 1], [1, 1], [2, 2]], 3))).toMatch(/only 2 distinct/);
    expect(userErrorOf(() => kmeans([[1, 1], [NaN, 2]], 1, { names: { featureNames: ["recency", "frequency"], rowIds: ["c1", "c2"] } }))).toBe(
      'Feature "recency" is NaN on row 1 (c2): every value must be a finite number (fill or drop that row first).',
    );
    expect(userErrorOf(() => kmeans([[1, 1], [2, Infinity]], 1))).toMatch(/Feature 1 is Infinity on row 1/);
    expect(userErrorOf(() => kmeans(three, 2, { restarts: 0 }))).toMatch(/restarts = 0/);
  });
});

describe("kmeans empty clusters", () => {
  it("moves an empty cluster to the point farthest from its centroid (worked by hand)", () => {
    // Start: centroids 0, 1, 100. Step 1: 0 -> c0; 1, 10, 11 -> c1; c2 is empty and takes the
    // farthest point, 11 (81 < 100 from c1 = 1). Centroids 0, 5.5, 11. Step 2: 0, 1 -> c0;
    // 10, 11 -> c2; c1 is empty and takes point 1 (squared distance 1, tied with point 10,
    // lower index). Centroids 0, 1, 10.5. Step 3: nothing changes.
    const r = kmeans([[0], [1], [10], [11]], 3, { init: [[0], [1], [100]] });
    expect(r.centroids).toEqual([[10.5], [0], [1]]); // renumbered: largest first, then by centroid
    expect(r.labels).toEqual([1, 2, 0, 0]);
    expect(r.inertia).toBe(0.5);
    expect(r.iterations).toBe(3);
  });

  it("checks the initial centroids", () => {
    expect(userErrorOf(() => kmeans([[0], [1]], 2, { init: [[0]] }))).toMatch(/1 initial centroids were given for k = 2/);
    expect(userErrorOf(() => kmeans([[0], [1]], 1, { init: [[NaN]] }))).toMatch(/Initial centroid 0/);
  });
});
