import { describe, expect, it } from "vitest";
import { silhouetteSample, silhouetteSamples, silhouetteScore, silhouetteScores } from "../../src/clusters";
import { sampleIndices, seededRng } from "../../src/util/index";
import { blobs, naiveSilhouette, userErrorOf } from "./helpers";

describe("silhouetteScore", () => {
  it("matches a score computed by hand on 4 points", () => {
    // Points 0, 1, 4, 5 on a line, clusters {0, 1} and {4, 5}. a = 1 for every point;
    // b(0) = (4 + 5) / 2 = 4.5, b(1) = (3 + 4) / 2 = 3.5, b(4) = 3.5, b(5) = 4.5.
    // s = 3.5 / 4.5 = 7/9 for 0 and 5, 2.5 / 3.5 = 5/7 for 1 and 4; mean = (7/9 + 5/7) / 2 = 47/63.
    const points = [[0], [1], [4], [5]];
    expect(silhouetteSamples(points, [0, 0, 1, 1])).toEqual([7 / 9, 5 / 7, 5 / 7, 7 / 9].map((x) => expect.closeTo(x, 14)));
    expect(silhouetteScore(points, [0, 0, 1, 1])).toBeCloseTo(47 / 63, 14);
  });

  it("scores 0 for a point alone in its cluster", () => {
    // Points 0, 1, 10: {0, 1} and {10}. s(0) = (10 - 1) / 10, s(1) = (9 - 1) / 9, s(10) = 0.
    expect(silhouetteScore([[0], [1], [10]], [5, 5, 7])).toBeCloseTo((0.9 + 8 / 9 + 0) / 3, 14);
  });

  it("equals a straightforward O(n^2) implementation in 2, 3 and 5 dimensions", () => {
    for (const dims of [2, 3, 5]) {
      const centres = [0, 1, 2].map((c) => Array.from({ length: dims }, (_, j) => (c * 2 + j) % 3));
      const points = blobs(centres, 41, 0.9, dims); // n = 123, odd
      const rng = seededRng(dims);
      const labels = points.map((_, i) => (rng() < 0.2 ? 3 : Math.floor(i / 41)));
      expect(Math.abs(silhouetteScore(points, labels) - naiveSilhouette(points, labels))).toBeLessThan(1e-12);
    }
  });

  it("scores several labelings at once, each as silhouetteScore", () => {
    const points = blobs([[0, 0, 0], [3, 3, 3], [0, 4, 1]], 30, 1, 3);
    const rng = seededRng(9);
    const labelings = [2, 3, 4, 6].map((k) => points.map(() => Math.floor(rng() * k)));
    const together = silhouetteScores(points, labelings);
    labelings.forEach((l, i) => expect(Math.abs(together[i] - naiveSilhouette(points, l))).toBeLessThan(1e-12));
  });

  it("needs between 2 and n - 1 clusters and one label per point", () => {
    expect(userErrorOf(() => silhouetteScore([[0], [1], [2]], [0, 0, 0]))).toMatch(/between 2 and 2 clusters .* have 1/);
    expect(userErrorOf(() => silhouetteScore([[0], [1], [2]], [0, 1, 2]))).toMatch(/have 3/);
    expect(userErrorOf(() => silhouetteScore([[0], [1], [2]], [0, 1]))).toMatch(/2 labels for 3 points/);
  });
});

describe("silhouetteSample", () => {
  const points = blobs([[0, 0, 0], [4, 0, 0], [0, 4, 0]], 400, 1.2, 17);
  const labels = points.map((_, i) => Math.floor(i / 400));

  it("equals the exact score when the sample holds every point", () => {
    expect(silhouetteSample(points, labels, { sampleSize: 5000 })).toBe(silhouetteScore(points, labels));
  });

  it("is the exact score of the seeded sample, and close to the full score", () => {
    const a = silhouetteSample(points, labels, { sampleSize: 300, seed: 4 });
    const idx = sampleIndices(points.length, 300, seededRng(4));
    expect(a).toBeCloseTo(naiveSilhouette(idx.map((i) => points[i]), idx.map((i) => labels[i])), 12);
    expect(silhouetteSample(points, labels, { sampleSize: 300, seed: 5 })).not.toBe(a);
    expect(Math.abs(a - silhouetteScore(points, labels))).toBeLessThan(0.05);
  });
});
