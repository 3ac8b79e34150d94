/**
 * DBSCAN and the k-distance curve: hand-checked cases, a brute-force DBSCAN written here
 * (O(n^2), scikit-learn's order of growing clusters, independent of the k-d tree), and
 * scikit-learn references from test/reference/ward_dbscan_uci.py (scikit-learn 1.2.1; see the
 * fixture's "versions") on the UCI customers.
 */
import { describe, expect, it } from "vitest";
import { adjustedRandIndex, dbscan, kDistanceCurve, kDistances, proposeEps } from "../../src/clusters/index";
import { seededRng } from "../../src/util/index";
import { uciCustomers } from "../reference/cluster_features";
import reference from "../reference/ward_dbscan_uci.json";
import { userErrorOf } from "./helpers";

const d2 = (a: readonly number[], b: readonly number[]) => a.reduce((s, x, j) => s + (x - b[j]) ** 2, 0);

/**
 * Brute-force DBSCAN as scikit-learn runs it: neighbourhoods by scanning every point (squared
 * distance <= eps^2, the point itself included), core points with >= minSamples of them, then
 * clusters grown from each unlabelled core point in row order, a point keeping the first cluster
 * that reaches it. Labels in scikit-learn's numbering (order of the first core point), -1 noise.
 */
function bruteDbscan(points: readonly (readonly number[])[], eps: number, minSamples: number): { labels: number[]; core: boolean[] } {
  const n = points.length;
  const r2 = eps * eps;
  const neighbourhoods: number[][] = points.map((p) => {
    const within: number[] = [];
    for (let j = 0; j < n; j++) if (d2(p, points[j]) <= r2) within.push(j);
    return within;
  });
  const neighbours = (i: number) => neighbourhoods[i];
  const core = points.map((_, i) => neighbours(i).length >= minSamples);
  const labels = new Array<number>(n).fill(-1);
  let next = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    labels[i] = next;
    const queue = [i];
    while (queue.length > 0) {
      const p = queue.pop() as number;
      if (!core[p]) continue;
      for (const q of neighbours(p)) {
        if (labels[q] === -1) {
          labels[q] = next;
          queue.push(q);
        }
      }
    }
    next++;
  }
  return { labels, core };
}

describe("DBSCAN on small cases checked by hand", () => {
  it("finds core points, a cluster and noise", () => {
    // eps 1.5: neighbourhoods (itself included) {0, 1}, {0, 1, 2}, {1, 2}, {10}: only 1 has 3 points;
    // 0 and 2 are within 1.5 of it (border), 10 is alone (noise).
    const r = dbscan([[0], [1], [2], [10]], { eps: 1.5, minSamples: 3 });
    expect(r.labels).toEqual([0, 0, 0, -1]);
    expect(r.core).toEqual([false, true, false, false]);
    expect([r.clusters, r.noise, r.sizes, r.centroids]).toEqual([1, 1, [3], [[1]]]);
  });

  it("counts the point itself: minSamples 1 makes every point a core point", () => {
    // eps 0.5: nobody has a neighbour, yet each point alone reaches minSamples = 1: 4 clusters of 1,
    // numbered by centroid (equal sizes): 0, 1, 2, 10.
    const r = dbscan([[10], [0], [2], [1]], { eps: 0.5, minSamples: 1 });
    expect(r.labels).toEqual([3, 0, 2, 1]);
    expect(r.noise).toBe(0);
  });

  it("includes points at exactly eps", () => {
    // 0 and 2 at distance exactly 2 = eps: each has 2 points within eps, both core.
    expect(dbscan([[0], [2]], { eps: 2, minSamples: 2 }).labels).toEqual([0, 0]);
    expect(userErrorOf(() => dbscan([[0], [2]], { eps: 1.999, minSamples: 2 }))).toContain("finds no core point");
  });

  it("gives a border point between two clusters to the cluster whose first core point comes first, as scikit-learn", () => {
    // A = -1.0..-1.3 and B = 1.0..1.3 (4 points each), the border point 0, eps 1, minSamples 4:
    // -1.0 has A and 0 within 1 (5 points: core), 0 has only -1, 0, 1 (3: border), A and B are 2 apart.
    const A = [[-1.0], [-1.1], [-1.2], [-1.3]];
    const B = [[1.0], [1.1], [1.2], [1.3]];
    // B first: scikit-learn grows B first, 0 joins it; B has 5 points, so it is cluster 0.
    const bFirst = dbscan([...B, [0], ...A], { eps: 1, minSamples: 4 });
    expect(bFirst.labels).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(bFirst.sizes).toEqual([5, 4]);
    expect(bFirst.centroids[0][0]).toBeCloseTo((1.0 + 1.1 + 1.2 + 1.3 + 0) / 5, 12);
    // A first: 0 joins A.
    const aFirst = dbscan([...A, [0], ...B], { eps: 1, minSamples: 4 });
    expect(aFirst.labels).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(aFirst.centroids[0][0]).toBeCloseTo((-1.0 - 1.1 - 1.2 - 1.3 + 0) / 5, 12);
    expect(bruteDbscan([...A, [0], ...B], 1, 4).labels).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
  });
});

describe("DBSCAN against brute force on dense data with ties", () => {
  it("gives the same core points, clusters and noise on integer points with many duplicates", () => {
    // 800 points on a 10 x 10 x 3 integer grid (many exact duplicates, many points exactly at eps)
    // plus 40 scattered ones: dense regions where the k-d tree's shortcuts do most of the work.
    const rng = seededRng(23);
    const points = [
      ...Array.from({ length: 800 }, () => [Math.floor(rng() * 10), Math.floor(rng() * 10), Math.floor(rng() * 3)]),
      ...Array.from({ length: 40 }, () => [rng() * 40, rng() * 40, rng() * 40]),
    ];
    for (const [eps, minSamples] of [[1, 4], [1, 12], [1.5, 20], [2, 40], [0.5, 3], [4, 5]]) {
      const r = dbscan(points, { eps, minSamples });
      const brute = bruteDbscan(points, eps, minSamples);
      expect(r.core).toEqual(brute.core);
      expect(r.labels.map((l) => l < 0)).toEqual(brute.labels.map((l) => l < 0));
      expect(adjustedRandIndex(r.labels, brute.labels)).toBe(1);
    }
  });
});

describe("k-distances", () => {
  it("are the distance to the k-th nearest point, the point itself first", () => {
    // k = 2: nearest other point of 0, 1, 2, 10 at 1, 1, 1, 8; k = 1: the point itself, 0.
    expect(kDistances([[0], [1], [2], [10]], 2)).toEqual([1, 1, 1, 8]);
    expect(kDistances([[0], [1], [2], [10]], 1)).toEqual([0, 0, 0, 0]);
    // From (0, 0): itself at 0, (3, 0) at 3, (3, 4) at 5 (3-4-5 triangle), (30, 40) at 50: the 3rd is 5.
    expect(kDistances([[0, 0], [3, 0], [3, 4], [30, 40]], 3)[0]).toBe(5);
  });

  it("make the sorted curve of a k-distance chart, thinned on request", () => {
    expect(kDistanceCurve([1, 8, 1, 1], 2)).toEqual({ k: 2, n: 4, rank: [1, 2, 3, 4], distance: [1, 1, 1, 8] });
    expect(kDistanceCurve([1, 8, 1, 1], 2, 2)).toEqual({ k: 2, n: 4, rank: [1, 4], distance: [1, 8] });
  });

  it("propose eps at the knee of the curve", () => {
    // Sorted [1, 1, 1, 8]: rescaled (0, 0), (1/3, 0), (2/3, 0), (1, 1); gaps below y = x: 0, 1/3, 2/3, 0.
    const p = proposeEps([1, 8, 1, 1], 2);
    expect([p.eps, p.minSamples, p.coreShare]).toEqual([1, 2, 0.75]);
    expect(p.reason).toBe("eps = 1.00 is the knee of the 2-distance curve (Kneedle): 75.0% of customers have 2 points within it and are core points.");
  });
});

describe("bad input", () => {
  const points = [[0], [1], [2], [10]];
  it("refuses eps <= 0, minSamples < 1 and a k out of range in one sentence each", () => {
    expect(userErrorOf(() => dbscan(points, { eps: 0, minSamples: 3 }))).toBe(
      "eps = 0 is not a neighbourhood radius: choose a number > 0 (in standard deviations of the prepared features; the k-distance curve helps).",
    );
    expect(userErrorOf(() => dbscan(points, { eps: -0.5, minSamples: 3 }))).toContain("eps = -0.5 is not a neighbourhood radius");
    expect(userErrorOf(() => dbscan(points, { eps: Number.NaN, minSamples: 3 }))).toContain("eps = NaN is not a neighbourhood radius");
    expect(userErrorOf(() => dbscan(points, { eps: 1, minSamples: 0 }))).toBe(
      "minSamples = 0 is not a number of points: choose a whole number >= 1 (a point counts itself, so 1 makes every point a core point).",
    );
    expect(userErrorOf(() => dbscan(points, { eps: 1, minSamples: 2.5 }))).toContain("minSamples = 2.5 is not a number of points");
    expect(userErrorOf(() => kDistances(points, 5))).toBe("k = 5 but only 4 customers: choose k <= 4.");
    expect(userErrorOf(() => kDistances(points, 0))).toContain("k = 0 is not a number of neighbours");
    expect(userErrorOf(() => proposeEps([1, 2], 2))).toBe("There are 2 k-distances: proposing eps needs at least 3 customers.");
    // [0, 0, 0, 0, 5]: gaps 0, 1/4, 2/4, 3/4, 0: the knee is the fourth point, at distance 0.
    expect(userErrorOf(() => proposeEps([0, 0, 5, 0, 0], 3))).toBe(
      "The knee of the 3-distance curve is at 0 (many customers have 2 exact copies): choose eps > 0 by hand.",
    );
  });

  it("refuses a setting where every point is noise, saying the smallest eps that gives a cluster", () => {
    // minSamples 3: the 3rd nearest (itself first) of 0, 1, 2, 10 is at 2, 1, 2, 9: the smallest is 1.
    expect(userErrorOf(() => dbscan(points, { eps: 0.5, minSamples: 3 }))).toBe(
      "DBSCAN with eps = 0.5 and minSamples = 3 finds no core point, so all 4 customers would be noise: raise eps to at least 1.000 (the smallest 3-distance) or lower minSamples.",
    );
    expect(userErrorOf(() => dbscan(points, { eps: 100, minSamples: 5 }))).toBe(
      "DBSCAN with eps = 100 and minSamples = 5 finds no core point, so all 4 customers would be noise: minSamples is above the number of customers; choose minSamples <= 4.",
    );
  });
});

describe("DBSCAN on the UCI customers", () => {
  const { points } = uciCustomers();

  it("gives scikit-learn's clusters, noise and core points for every setting of the fixture", () => {
    for (const s of reference.dbscan) {
      const r = dbscan(points, { eps: s.eps, minSamples: s.minSamples });
      expect([s.eps, s.minSamples, r.clusters, r.noise, r.core.filter(Boolean).length]).toEqual([s.eps, s.minSamples, s.clusters, s.noise, s.core]);
      expect(r.sizes).toEqual(s.sizes);
      // The same partition, noise included: ARI 1 and the same points as noise.
      expect(adjustedRandIndex(r.labels, s.labels)).toBe(1);
      expect(r.labels.map((l) => l < 0)).toEqual(s.labels.map((l) => l < 0));
    }
  });

  it("gives the brute-force DBSCAN's labels and core points", () => {
    for (const [eps, minSamples] of [[0.3, 10], [0.15, 3], [0.5, 5]]) {
      const r = dbscan(points, { eps, minSamples });
      const brute = bruteDbscan(points, eps, minSamples);
      expect(r.core).toEqual(brute.core);
      expect(r.labels.map((l) => l < 0)).toEqual(brute.labels.map((l) => l < 0));
      expect(adjustedRandIndex(r.labels, brute.labels)).toBe(1);
    }
  });

  it("is deterministic", () => {
    const a = dbscan(points, { eps: 0.3, minSamples: 10 });
    expect(dbscan(points, { eps: 0.3, minSamples: 10 })).toEqual(a);
    // Canonical numbering: largest first.
    expect(a.sizes).toEqual([...a.sizes].sort((x, y) => y - x));
  });

  it("gives scikit-learn's 10-distances, and a point is core exactly when its k-distance <= eps", () => {
    const kd = kDistances(points, 10);
    const sorted = [...kd].sort((a, b) => a - b);
    reference.kDistance10.ranks.forEach((rank, i) => expect(Math.abs(sorted[rank] - reference.kDistance10.distances[i])).toBeLessThan(1e-12));
    // Brute force on the first 200 customers.
    for (let i = 0; i < 200; i++) {
      const all = points.map((q) => Math.sqrt(d2(points[i], q))).sort((a, b) => a - b);
      expect(kd[i]).toBe(all[9]);
    }
    const r = dbscan(points, { eps: 0.3, minSamples: 10 });
    expect(r.core).toEqual(kd.map((d) => d <= 0.3));
  });
});
