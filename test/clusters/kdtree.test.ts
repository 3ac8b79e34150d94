/** The k-d tree: its shape on a hand example, and its queries against brute force. */
import { describe, expect, it } from "vitest";
import { boxDistance2, boxFarthest2, buildKdTree, countWithin, kthNearest2 } from "../../src/clusters/kdtree";
import { flattenPoints } from "../../src/clusters/matrix";
import { seededRng } from "../../src/util/index";

describe("k-d tree", () => {
  it("splits at the median of the widest feature", () => {
    // [0], [1], [2], [10], leaves of at most 2: root 0..3, left leaf [0], [1] (box 0..1), right leaf [2], [10] (box 2..10).
    const t = buildKdTree(flattenPoints([[10], [0], [2], [1]]), 2);
    expect(t.nodes).toBe(3);
    expect([t.start[1], t.end[1], t.lo[1], t.hi[1]]).toEqual([0, 2, 0, 1]);
    expect([t.start[2], t.end[2], t.lo[2], t.hi[2]]).toEqual([2, 4, 2, 10]);
    expect([t.parent[0], t.parent[1], t.parent[2]]).toEqual([-1, 0, 0]);
    // Rows hold the caller's points: index says which.
    expect(Array.from(t.index).map((i) => [[10], [0], [2], [1]][i][0]).slice(0, 2).sort()).toEqual([0, 1]);
    // From 0.5: the left box 0..1 is at 0 (inside) and its farthest corner at 0.5; the right box
    // 2..10 at 1.5 and its farthest corner at 9.5 (squared: 2.25 and 90.25).
    const q = Float64Array.of(0.5);
    expect([boxDistance2(t.lo, t.hi, 1, 1, q, 0), boxFarthest2(t, 1, q, 0)]).toEqual([0, 0.25]);
    expect([boxDistance2(t.lo, t.hi, 2, 1, q, 0), boxFarthest2(t, 2, q, 0)]).toEqual([2.25, 90.25]);
    // Within 1.5 of 0.5: 0 and 1 (0.5 away) and 2 (1.5 away, on the boundary); not 10.
    expect(countWithin(t, q, 0, 1.5 ** 2, Infinity)).toBe(3);
  });

  it("counts the same neighbourhoods and finds the same k-th neighbours as brute force, duplicates included", () => {
    // Integer coordinates in a small range: many equal values, ties and duplicate points.
    const rng = seededRng(11);
    const points = Array.from({ length: 600 }, () => [Math.floor(rng() * 12), Math.floor(rng() * 12), Math.floor(rng() * 4)]);
    const t = buildKdTree(flattenPoints(points), 8);
    const d2 = (a: number[], b: number[]) => a.reduce((s, x, j) => s + (x - b[j]) ** 2, 0);
    const heap = new Float64Array(7);
    for (let r = 0; r < t.n; r++) {
      const p = points[t.index[r]];
      const all = points.map((q) => d2(p, q)).sort((a, b) => a - b);
      for (const r2 of [0, 1, 2, 5]) {
        const within = all.filter((x) => x <= r2).length;
        expect(countWithin(t, t.data, r * 3, r2, Infinity)).toBe(within);
        // With a cap it may stop early (past the cap, whole nodes count at once): only min(count, cap) is exact.
        expect(Math.min(countWithin(t, t.data, r * 3, r2, 3), 3)).toBe(Math.min(within, 3));
      }
      expect(kthNearest2(t, t.data, r * 3, 7, heap)).toBe(all[6]);
      expect(kthNearest2(t, t.data, r * 3, 1, heap)).toBe(0);
    }
  });
});
