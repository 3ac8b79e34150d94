import { describe, expect, it } from "vitest";
import { pca2, pcaComponents, symmetricEigen } from "../../src/clusters";
import { blobs, userErrorOf } from "./helpers";

describe("symmetricEigen", () => {
  it("diagonalises [[2, 1], [1, 2]]: eigenvalues 3 and 1, eigenvectors (1, 1) and (1, -1) over sqrt 2", () => {
    const { values, vectors } = symmetricEigen([[2, 1], [1, 2]]);
    const order = values[0] > values[1] ? [0, 1] : [1, 0];
    expect(values[order[0]]).toBeCloseTo(3, 14);
    expect(values[order[1]]).toBeCloseTo(1, 14);
    const v = vectors[order[0]];
    expect(Math.abs(v[0])).toBeCloseTo(Math.SQRT1_2, 14);
    expect(v[0] * v[1]).toBeGreaterThan(0);
  });
});

describe("pcaComponents", () => {
  it("finds the direction of points on the line y = 2x", () => {
    // Points (t, 2t): the first axis is (1, 2) / sqrt 5 with all the variance.
    const pts = [-2, -1, 0, 1, 2].map((t) => [t, 2 * t]);
    const r = pca2(pts);
    expect(r.components[0][0]).toBeCloseTo(1 / Math.sqrt(5), 12);
    expect(r.components[0][1]).toBeCloseTo(2 / Math.sqrt(5), 12);
    // Variance along it: sum of (t * sqrt 5)^2 / (n - 1) = 5 * 10 / 4.
    expect(r.explainedVariance[0]).toBeCloseTo(12.5, 12);
    expect(r.explainedVarianceRatio[0]).toBeCloseTo(1, 12);
    expect(r.scores.map((s) => s[0])).toEqual([-2, -1, 0, 1, 2].map((t) => expect.closeTo(t * Math.sqrt(5), 12)));
  });

  it("gives orthonormal axes, centred scores whose variances are the explained variances", () => {
    const pts = blobs([[0, 0, 0], [3, 1, 0], [1, 4, 2]], 80, 1, 12);
    const r = pcaComponents(pts, 3);
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        const dot = r.components[a].reduce((s, x, j) => s + x * r.components[b][j], 0);
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 12);
      }
      const col = r.scores.map((s) => s[a]);
      const mean = col.reduce((s, x) => s + x, 0) / col.length;
      expect(mean).toBeCloseTo(0, 12);
      expect(col.reduce((s, x) => s + x * x, 0) / (col.length - 1)).toBeCloseTo(r.explainedVariance[a], 10);
      // Oriented: the largest loading is positive.
      const big = r.components[a].reduce((m, x) => (Math.abs(x) > Math.abs(m) ? x : m), 0);
      expect(big).toBeGreaterThan(0);
    }
    expect(r.explainedVariance[0]).toBeGreaterThanOrEqual(r.explainedVariance[1]);
    expect(r.explainedVariance[1]).toBeGreaterThanOrEqual(r.explainedVariance[2]);
    expect(r.explainedVarianceRatio.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
  });

  it("rejects impossible requests", () => {
    expect(userErrorOf(() => pcaComponents([[1, 2], [3, 4]], 3))).toMatch(/3 components asked of 2 features/);
    expect(userErrorOf(() => pca2([[1, 2]]))).toMatch(/at least 2 points/);
  });
});
