// Gamma, beta and exponential draws: their sample means and variances against the
// distributions' (seeded, so the same numbers every run; tolerances are 5 standard errors).
import { describe, expect, it } from "vitest";
import { seededRng } from "../../src/util/index";
import { betaVariate, exponentialVariate, gammaVariate } from "../../src/stats/index";

function moments(draw: () => number, n: number) {
  let s = 0, ss = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    s += v;
    ss += v * v;
  }
  const mean = s / n;
  return { mean, variance: ss / n - mean * mean };
}

describe("random variates", () => {
  const n = 200_000;
  it("Gamma(k, θ) has mean k/θ and variance k/θ², for k above and below 1", () => {
    for (const [k, rate] of [[2, 4], [0.25, 4], [6.25, 0.5]]) {
      const rng = seededRng(11);
      const m = moments(() => gammaVariate(rng, k, rate), n);
      const sd = Math.sqrt(k) / rate;
      expect(Math.abs(m.mean - k / rate)).toBeLessThan((5 * sd) / Math.sqrt(n));
      expect(m.variance / (k / rate ** 2)).toBeGreaterThan(0.97);
      expect(m.variance / (k / rate ** 2)).toBeLessThan(1.03);
    }
  });
  it("Beta(a, b) has mean a / (a + b); exponential(λ) has mean 1/λ", () => {
    const rng = seededRng(5);
    const beta = moments(() => betaVariate(rng, 0.8, 2.4), n);
    // variance ab / ((a + b)² (a + b + 1)) = 1.92 / (10.24 · 4.2) = 0.04464
    expect(Math.abs(beta.mean - 0.25)).toBeLessThan((5 * Math.sqrt(0.04464)) / Math.sqrt(n));
    const exp = moments(() => exponentialVariate(rng, 2), n);
    expect(Math.abs(exp.mean - 0.5)).toBeLessThan((5 * 0.5) / Math.sqrt(n));
  });
  it("stays in range for tiny shapes (no underflow to NaN)", () => {
    const rng = seededRng(3);
    for (let i = 0; i < 1000; i++) {
      const b = betaVariate(rng, 0.01, 0.01);
      expect(b >= 0 && b <= 1).toBe(true);
    }
    expect(() => gammaVariate(rng, 0, 1)).toThrow(/shape/);
  });
});
