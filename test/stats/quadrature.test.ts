// Gauss rules for expectations over a Beta distribution (Golub-Welsch on the Jacobi matrix),
// checked against the Beta moments written out by hand.
import { describe, expect, it } from "vitest";
import { betaQuadrature } from "../../src/stats/index";

const expectation = (a: number, b: number, f: (p: number) => number, n?: number) => {
  const q = betaQuadrature(a, b, n);
  return q.nodes.reduce((s, p, i) => s + q.weights[i] * f(p), 0);
};

describe("betaQuadrature", () => {
  it("one node is the mean a / (a + b), with weight 1", () => {
    const q = betaQuadrature(2, 6, 1);
    expect(q.nodes[0]).toBeCloseTo(0.25, 15); // 2 / 8
    expect(q.weights[0]).toBe(1);
  });
  it("integrates polynomials up to degree 2n - 1 exactly: E[p³] of Beta(2.5, 0.7) with 2 nodes", () => {
    // E[p³] = a (a + 1)(a + 2) / ((a + b)(a + b + 1)(a + b + 2)) = 2.5 · 3.5 · 4.5 / (3.2 · 4.2 · 5.2)
    expect(expectation(2.5, 0.7, (p) => p ** 3, 2)).toBeCloseTo((2.5 * 3.5 * 4.5) / (3.2 * 4.2 * 5.2), 14);
    // weights sum to 1, nodes ascend inside (0, 1)
    const q = betaQuadrature(2.5, 0.7, 8);
    expect(q.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 15);
    for (let i = 1; i < 8; i++) expect(q.nodes[i]).toBeGreaterThan(q.nodes[i - 1]);
    expect(q.nodes[0]).toBeGreaterThan(0);
    expect(q.nodes[7]).toBeLessThan(1);
  });
  it("stays exact for very large parameters (nodes clustered at the mean)", () => {
    const a = 1e8, b = 3e8;
    // mean 1/4, E[p²] = a (a + 1) / ((a + b)(a + b + 1))
    expect(expectation(a, b, (p) => p) / 0.25 - 1).toBeLessThan(1e-14);
    expect(Math.abs(expectation(a, b, (p) => p * p) / ((a * (a + 1)) / ((a + b) * (a + b + 1))) - 1)).toBeLessThan(1e-14);
    // the variance a b / ((a + b)² (a + b + 1)) = 3/16 / (4e8 + 1), from the rule's own mean
    const mean = expectation(a, b, (p) => p);
    expect(expectation(a, b, (p) => (p - mean) ** 2) / (3 / 16 / (4e8 + 1))).toBeCloseTo(1, 6);
  });
  it("refuses parameters that are not a Beta distribution", () => {
    expect(() => betaQuadrature(0, 1)).toThrow(RangeError);
    expect(() => betaQuadrature(1, Infinity)).toThrow(RangeError);
    expect(() => betaQuadrature(1, 1, 0)).toThrow(RangeError);
  });
});
