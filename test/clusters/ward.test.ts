/**
 * Ward hierarchical clustering: hand-checked merges, ties, a naive O(n^3) Ward written here
 * (Lance-Williams on a full distance matrix, independent of src/clusters/ward.ts) on a sample of
 * the UCI customers, and scikit-learn / scipy references from test/reference/ward_dbscan_uci.py
 * (scikit-learn 1.2.1, scipy 1.10.1, numpy 1.24.2; see the fixture's "versions").
 */
import { createHash } from "crypto";
import { describe, expect, it } from "vitest";
import {
  adjustedRandIndex,
  canonicalClusters,
  cutLinkage,
  cutWard,
  wardClusters,
  wardElbow,
  wardLinkage,
  type WardMerge,
} from "../../src/clusters/index";
import { flattenPoints } from "../../src/clusters/matrix";
import { seededRng } from "../../src/util/index";
import { featuresCsv, sampleRows, uciCustomers } from "../reference/cluster_features";
import reference from "../reference/ward_dbscan_uci.json";
import { userErrorOf } from "./helpers";

/** Merges as [a, b, height, size] rows, heights rounded to 12 significant digits. */
const rows = (merges: readonly WardMerge[]) => merges.map((m) => [m.a, m.b, Number(m.height.toPrecision(12)), m.size]);

/**
 * Naive Ward, O(n^3): keeps the full matrix of Ward distances between current clusters, merges
 * the closest pair (lowest i, then lowest j on ties), and updates the distances to the merged
 * cluster by the Lance-Williams recurrence
 * d(k, i u j) = sqrt(((nk + ni) d(k, i)^2 + (nk + nj) d(k, j)^2 - nk d(i, j)^2) / (nk + ni + nj)),
 * starting from Euclidean distances. Clusters numbered as scipy: n + merge index.
 */
function naiveWard(points: readonly (readonly number[])[]): number[][] {
  const n = points.length;
  const d = points.map((p) => points.map((q) => Math.sqrt(p.reduce((s, x, j) => s + (x - q[j]) ** 2, 0))));
  const size = new Array<number>(n).fill(1);
  const id = points.map((_, i) => i);
  const alive = new Array<boolean>(n).fill(true);
  const out: number[][] = [];
  for (let m = 0; m < n - 1; m++) {
    let bi = -1, bj = -1, best = Infinity;
    for (let i = 0; i < n; i++) {
      if (!alive[i]) continue;
      for (let j = i + 1; j < n; j++) {
        if (alive[j] && d[i][j] < best) {
          best = d[i][j];
          bi = i;
          bj = j;
        }
      }
    }
    const ni = size[bi], nj = size[bj];
    for (let k = 0; k < n; k++) {
      if (!alive[k] || k === bi || k === bj) continue;
      const nk = size[k];
      const v = Math.sqrt(((nk + ni) * d[bi][k] ** 2 + (nk + nj) * d[bj][k] ** 2 - nk * best * best) / (nk + ni + nj));
      d[bj][k] = d[k][bj] = v;
    }
    out.push([Math.min(id[bi], id[bj]), Math.max(id[bi], id[bj]), best, ni + nj]);
    alive[bi] = false;
    size[bj] = ni + nj;
    id[bj] = n + m;
  }
  return out;
}

describe("Ward linkage on small cases checked by hand", () => {
  it("merges 0, 2, 5 at 2 and 4 sqrt(4/3)", () => {
    // {0, 2}: sqrt(2 * 1 * 1 / 2) * 2 = 2; then centroid 1 to 5: sqrt(2 * 2 * 1 / 3) * 4 = 4.618802...
    expect(rows(wardLinkage([[0], [2], [5]]).merges)).toEqual([
      [0, 1, 2, 2],
      [2, 3, Number((4 * Math.sqrt(4 / 3)).toPrecision(12)), 3],
    ]);
  });

  it("gives the Ward distance as sqrt(2 x the increase of the within-cluster sum of squares)", () => {
    // {0, 2} and {5, 6}: ESS 2 + 0.5; merged, mean 3.25: ESS 10.5625 + 1.5625 + 3.0625 + 7.5625 = 22.75;
    // increase 22.75 - 2.5 = 20.25, so height sqrt(40.5) = 6.3640 (= sqrt(2 * 2 * 2 / 4) * |1 - 5.5|).
    const last = wardLinkage([[0], [2], [5], [6]]).merges[2];
    expect(last.height).toBeCloseTo(Math.sqrt(40.5), 12);
    expect(last.size).toBe(4);
  });

  it("breaks a tie in favour of the previous cluster of the chain, as scipy", () => {
    // 0, 1, 2: d(0, 1) = d(1, 2) = 1. The chain starts at 0, whose nearest is 1; 1's nearest is 0
    // or 2 (both at 1): the previous (0) wins, so {0, 1} merge first (scipy gives [[0, 1, 1, 2], ...]);
    // then centroid 0.5 to 2: sqrt(4/3) * 1.5 = sqrt(3).
    expect(rows(wardLinkage([[0], [1], [2]]).merges)).toEqual([
      [0, 1, 1, 2],
      [2, 3, Number(Math.sqrt(3).toPrecision(12)), 3],
    ]);
  });

  it("breaks any other tie by the lowest cluster number, as scipy", () => {
    // 0, 2, -2: the nearest of 0 is 1 or 2 (both at 2): the lower number, 1, so {0, 1} at 2;
    // then centroid 1 to -2: sqrt(4/3) * 3 = 3.4641.
    expect(rows(wardLinkage([[0], [2], [-2]]).merges)).toEqual([
      [0, 1, 2, 2],
      [2, 3, Number((3 * Math.sqrt(4 / 3)).toPrecision(12)), 3],
    ]);
  });

  it("keeps each merge after the merges that formed its clusters when rounding inverts their heights", () => {
    // Equilateral triangle of side 5/7: {0, 1} at 5/7, then its midpoint is (5/7) sqrt(3)/2 from
    // point 2: sqrt(4/3) * (5/7) sqrt(3)/2 = 5/7 in exact arithmetic, one unit in the last place
    // lower in floating point. Sorting by height alone would put the second merge first (and
    // scipy's relabelling would then build another tree); it stays second, its height as computed.
    const merges = wardLinkage([[0, 0], [0.7142857142857143, 0], [0.35714285714285715, 0.6185895741317419]]).merges;
    expect(merges.map((m) => [m.a, m.b, m.size])).toEqual([[0, 1, 2], [2, 3, 3]]);
    expect(merges[1].height).toBeLessThan(merges[0].height);
    merges.forEach((m) => expect(m.height).toBeCloseTo(5 / 7, 12));
  });

  it("merges duplicate points at height 0 first", () => {
    // Two copies of 3 and one of 0: {1, 2} at 0, then 0 to centroid 3: sqrt(2 * 1 * 2 / 3) * 3 = 3.4641.
    expect(rows(wardLinkage([[0], [3], [3]]).merges)).toEqual([
      [1, 2, 0, 2],
      [0, 3, Number((3 * Math.sqrt(4 / 3)).toPrecision(12)), 3],
    ]);
  });

  it("has no merge for a single point, and one cluster at k = 1", () => {
    const r = wardClusters([[4, 2]], { kMin: 1 });
    expect(r.linkage.merges).toEqual([]);
    expect(r.cuts[0]).toMatchObject({ k: 1, labels: [0], sizes: [1], mergedAt: 0, splitAt: null });
  });
});

describe("cutting the tree at k clusters", () => {
  // 0, 2, 5, 6: {2, 3} (5 and 6) at 1 as cluster 4, {0, 1} at 2 as cluster 5, both at 6.364.
  const points = [[0], [2], [5], [6]];
  const result = wardClusters(points, { kMin: 1, kMax: 4 });

  it("undoes the last k - 1 merges", () => {
    expect(rows(result.linkage.merges)).toEqual([
      [2, 3, 1, 2],
      [0, 1, 2, 2],
      [4, 5, Number(Math.sqrt(40.5).toPrecision(12)), 4],
    ]);
    const k2 = cutLinkage(result.linkage, 2);
    expect(k2[0]).toBe(k2[1]);
    expect(k2[2]).toBe(k2[3]);
    expect(k2[0]).not.toBe(k2[2]);
  });

  it("numbers clusters canonically: largest first, then by centroid", () => {
    // k = 2: {0, 2} (centroid 1) and {5, 6} (5.5), equal sizes: the lower centroid is cluster 0.
    // k = 3: {5, 6} (2 points) is cluster 0, then {0} (centroid 0) and {2} (centroid 2).
    expect(result.cuts.map((c) => c.labels)).toEqual([[0, 0, 0, 0], [0, 0, 1, 1], [1, 2, 0, 0], [0, 1, 2, 3]]);
    expect(result.cuts.map((c) => c.sizes)).toEqual([[4], [2, 2], [2, 1, 1], [1, 1, 1, 1]]);
    expect(result.cuts[1].centroids).toEqual([[1], [5.5]]);
  });

  it("says between which heights the cut lies", () => {
    // k = 2 exists from the second merge (2) up to the third (6.364); k = 4 from 0 up to the first (1).
    expect(result.cuts.map((c) => [c.k, c.mergedAt, c.splitAt])).toEqual([
      [1, Math.sqrt(40.5), null],
      [2, 2, Math.sqrt(40.5)],
      [3, 1, 2],
      [4, 0, 1],
    ]);
  });

  it("renumbers any labels as kmeans does (canonicalClusters)", () => {
    // Cluster 3 has 2 points (1 and 5, mean 3): it becomes cluster 0; cluster 7 (point 0) becomes 1.
    expect(canonicalClusters(flattenPoints([[0], [1], [5]]), [7, 3, 3])).toEqual({ labels: [1, 0, 0], sizes: [2, 1], centroids: [[3], [0]] });
    expect(canonicalClusters(flattenPoints([[0], [1], [5]]), [-1, 4, 4]).labels).toEqual([-1, 0, 0]);
  });
});

describe("bad input", () => {
  it("refuses k above the number of customers, k < 1, and kMax < kMin in one sentence each", () => {
    expect(userErrorOf(() => wardClusters([[0], [1], [2]], { kMin: 4 }))).toBe("k = 4 but only 3 customers: choose k <= 3.");
    expect(userErrorOf(() => wardClusters([[0], [1], [2]], { kMin: 0 }))).toBe("k = 0 is not a number of clusters: choose a whole number k >= 1.");
    expect(userErrorOf(() => wardClusters([[0], [1], [2]], { kMin: 3, kMax: 2 }))).toBe("kMin = 3 and kMax = 2: choose kMin <= kMax.");
    expect(userErrorOf(() => wardLinkage([[0], [Number.NaN]]))).toBe(
      "Feature 0 is NaN on row 1: every value must be a finite number (fill or drop that row first).",
    );
  });

  it("refuses to cut a linkage with other points", () => {
    const linkage = wardLinkage([[0], [1], [2]]);
    expect(userErrorOf(() => cutWard(flattenPoints([[0], [1]]), linkage, 2))).toBe(
      "The linkage is over 3 points and 2 points were given: cut it with the points it was built on.",
    );
  });
});

describe("Ward's elbow figures", () => {
  it("give the within-cluster sum of squares and silhouette of each cut", () => {
    // [0], [2], [5], [6]: k = 2 gives {0, 2} (mean 1) and {5, 6} (mean 5.5): 1 + 1 + 0.25 + 0.25 = 2.5;
    // k = 1: mean 3.25, 10.5625 + 1.5625 + 3.0625 + 7.5625 = 22.75.
    const e = wardElbow([[0], [2], [5], [6]], { kMin: 1, kMax: 3 });
    expect(e.points.map((p) => [p.k, p.inertia, p.sizes])).toEqual([[1, 22.75, [4]], [2, 2.5, [2, 2]], [3, 0.5, [2, 1, 1]]]);
    expect(e.points[0].silhouette).toBeNull();
    // k = 2: a(0) = 2, b(0) = (5 + 6) / 2 = 5.5: s = 3.5 / 5.5; a(2) = 2, b(2) = 3.5: 1.5 / 3.5;
    // a(5) = 1, b(5) = 4: 3 / 4; a(6) = 1, b(6) = 5: 4 / 5.
    expect(e.points[1].silhouette).toBeCloseTo((3.5 / 5.5 + 1.5 / 3.5 + 3 / 4 + 4 / 5) / 4, 12);
    expect(e.exactSilhouette).toBe(true);
  });

  it("refuses a k range beyond the customers", () => {
    expect(userErrorOf(() => wardElbow([[0], [1]], { kMin: 1, kMax: 3 }))).toBe("kMax = 3 but only 2 customers: choose kMax <= 2.");
  });
});

describe("Ward on the UCI customers", () => {
  const { features, points } = uciCustomers();
  const result = wardClusters(points, { kMin: 2, kMax: 6 });

  it("reads the features the reference script read (the fixture's input hash)", () => {
    expect(points.length).toBe(reference.input.rows);
    expect(createHash("sha256").update(featuresCsv(features, points)).digest("hex")).toBe(reference.input.sha256);
  });

  it("gives the same merges and heights as a naive O(n^3) Ward on 300 sampled customers", () => {
    const sample = sampleRows(points.length).map((r) => points[r]);
    const ours = wardLinkage(sample).merges;
    const naive = naiveWard(sample);
    expect(ours.map((m) => [m.a, m.b, m.size])).toEqual(naive.map((m) => [m[0], m[1], m[3]]));
    ours.forEach((m, i) => expect(Math.abs(m.height - naive[i][2])).toBeLessThanOrEqual(1e-12 * naive[i][2]));
  });

  it("gives scipy's linkage on the same 300 customers (same rows, heights to 1e-12)", () => {
    const ours = wardLinkage(sampleRows(points.length).map((r) => points[r])).merges;
    const scipy = reference.sample.linkage;
    expect(reference.input.sampleRows).toBe(300);
    expect(ours.map((m) => [m.a, m.b, m.size])).toEqual(scipy.map((z) => [z[0], z[1], z[3]]));
    ours.forEach((m, i) => expect(Math.abs(m.height - scipy[i][2])).toBeLessThanOrEqual(1e-12 * scipy[i][2]));
  });

  it("gives scikit-learn's AgglomerativeClustering(linkage='ward') clusters for k = 2..6", () => {
    expect(result.cuts.map((c) => c.sizes)).toEqual(reference.ward.map((w) => w.sizes));
    // ARI 1: the same partition of all 4,338 customers, whatever the numbering.
    result.cuts.forEach((c, i) => expect(adjustedRandIndex(c.labels, reference.ward[i].labels)).toBe(1));
  });

  it("gives scipy's 20 highest merge heights on all 4,338 customers", () => {
    const top = result.linkage.merges.slice(-20);
    top.forEach((m, i) => expect(Math.abs(m.height - reference.wardTopHeights[i])).toBeLessThanOrEqual(1e-12 * m.height));
    expect(result.linkage.merges.length).toBe(4337);
    expect(result.linkage.merges[4336].size).toBe(4338);
  });

  it("is deterministic, and the order of the customers does not change the clusters", () => {
    expect(wardClusters(points, { kMin: 2, kMax: 6 }).cuts.map((c) => c.labels)).toEqual(result.cuts.map((c) => c.labels));
    const rng = seededRng(5);
    const order = points.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    const shuffled = wardClusters(order.map((i) => points[i]), { kMin: 5 }).cuts[0];
    const back = new Array<number>(points.length);
    order.forEach((i, r) => (back[i] = shuffled.labels[r]));
    expect(back).toEqual(result.cuts[3].labels);
  });

  it("has within-cluster sums of squares that match scipy's merge heights, and scikit-learn's clusters", () => {
    // Standardised features: the total sum of squares is 3 features x 4,338 customers = 13,014; undoing a
    // merge of height h lowers it by h^2 / 2, so at k it is 13,014 - the k - 1 highest scipy heights^2 / 2.
    const e = wardElbow(points, { kMin: 2, kMax: 6 });
    const top = [...reference.wardTopHeights].reverse();
    e.points.forEach((p, i) => {
      const undone = top.slice(0, p.k - 1).reduce((s, h) => s + (h * h) / 2, 0);
      expect(p.inertia).toBeCloseTo(3 * 4338 - undone, 6);
      expect(adjustedRandIndex(p.labels, reference.ward[i].labels)).toBe(1);
    });
  });

  it("has heights that never decrease, and cuts between them", () => {
    const h = result.linkage.merges.map((m) => m.height);
    for (let i = 1; i < h.length; i++) expect(h[i]).toBeGreaterThanOrEqual(h[i - 1]);
    for (const c of result.cuts) expect(c.mergedAt).toBeLessThan(c.splitAt as number);
  });
});
