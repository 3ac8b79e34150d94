import { describe, expect, it } from "vitest";
import { logBeta, logGamma } from "../../src/stats/index";

describe("logGamma", () => {
  it("matches factorials and Γ(1/2) = √π", () => {
    expect(logGamma(1)).toBeCloseTo(0, 14); // 0! = 1
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13); // 4! = 24
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12); // 9! = 362,880
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 14);
    // Γ(1.5) = √π / 2
    expect(logGamma(1.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI) / 2), 14);
  });
  it("stays accurate far out and near zero (values from scipy.special.gammaln)", () => {
    expect(Math.abs(logGamma(100) / 359.13420536957540 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(logGamma(1e-3) / 6.907178885383853 - 1)).toBeLessThan(1e-13);
    expect(Math.abs(logGamma(0.243) / 1.3180435846996699 - 1)).toBeLessThan(1e-13);
  });
  it("refuses x <= 0", () => {
    expect(() => logGamma(0)).toThrow(/x > 0/);
    expect(() => logGamma(NaN)).toThrow(/x > 0/);
  });
  it("logBeta: B(2, 3) = 1! 2! / 4! = 1/12", () => {
    expect(logBeta(2, 3)).toBeCloseTo(Math.log(1 / 12), 14);
  });
});
