/**
 * The distributions against scipy.stats: test/reference/distributions.json, written by
 * test/reference/distributions.py with scipy 1.10.1 and numpy 1.24.2 (Debian's /usr/bin/python3).
 */
import { describe, expect, it } from "vitest";
import {
  chiSquareCdf, chiSquareSf, normalCdf, normalPdf, normalQuantile, normalQuantileUpper, normalSf, regularizedBeta,
  regularizedGamma, studentTCdf, studentTPdf, studentTQuantile, studentTQuantileUpper, studentTSf,
} from "../../src/stats/index";
import reference from "../reference/distributions.json";

type Row = number[];

/** The largest relative error of f over the rows (last column: scipy's value). */
function worstRelativeError(rows: Row[], f: (...args: number[]) => number): { error: number; row: Row; ours: number } {
  let worst = { error: 0, row: [] as Row, ours: 0 };
  for (const row of rows) {
    const expected = row[row.length - 1];
    const ours = f(...row.slice(0, -1));
    // below 1e-300 scipy underflows (it gives 0 for Φ(-38) = 2.885e-316): both tiny counts as agreement
    const error = Math.abs(expected) < 1e-300 && Math.abs(ours) < 1e-300 ? 0 : Math.abs(ours - expected) / Math.abs(expected);
    if (!(error <= worst.error)) worst = { error, row, ours };
  }
  return worst;
}

function expectWithin(rows: Row[], f: (...args: number[]) => number, tolerance: number): void {
  const worst = worstRelativeError(rows, f);
  expect(worst.error, `row ${JSON.stringify(worst.row)}: ours ${worst.ours}`).toBeLessThanOrEqual(tolerance);
}

describe("normal distribution (Cody, AS 241)", () => {
  it("CDF, survival and density equal scipy's to 1e-12 relative, far tails included", () => {
    expectWithin(reference.normal.cdf, normalCdf, 1e-12);
    expectWithin(reference.normal.sf, normalSf, 1e-12);
    expectWithin(reference.normal.pdf, normalPdf, 1e-12);
  });
  it("quantiles equal scipy's ppf and isf to 1e-12 relative, from 1e-300 to 1 - 1e-12", () => {
    expectWithin(reference.normal.ppf, normalQuantile, 1e-12);
    expectWithin(reference.normal.isf, normalQuantileUpper, 1e-12);
  });
  it("hand-checkable values", () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 15);
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/p in \[0, 1\]/);
  });
});

describe("Student t distribution (incomplete beta)", () => {
  it("CDF and survival equal scipy's to 1e-12 relative for df from 1 to 1e6 (Welch's fractional df too)", () => {
    expectWithin(reference.t.cdf, studentTCdf, 1e-12);
    expectWithin(reference.t.sf, studentTSf, 1e-12);
  });
  it("density equals scipy's to 1e-12 up to 1,000 df, 1e-9 above", () => {
    // scipy's t.pdf subtracts gammaln((df+1)/2) - gammaln(df/2), values near 6e6 at df = 1e6, and keeps ~9
    // digits there; ours uses Stirling's error terms (checked once against mpmath at 50 digits: 1e-15).
    expectWithin(reference.t.pdf.filter((r) => r[1] <= 1000.5), studentTPdf, 1e-12);
    expectWithin(reference.t.pdf.filter((r) => r[1] > 1000.5), studentTPdf, 1e-9);
  });
  it("the quantile inverts scipy's CDF to 1e-12 relative (round trip)", () => {
    // (a probability that underflowed to 0, as P(T <= -250) at 1,000 df, has no quantile to give back)
    const invertible = reference.t.roundTrip.filter((r) => r[2] >= 1e-300);
    const lower = invertible.filter((r) => r[0] < 0);
    const upper = invertible.filter((r) => r[0] > 0);
    // rows are [t, df, P(T <= t)] for t < 0 and [t, df, P(T > t)] for t > 0: the quantile must give t back
    expectWithin(lower.map(([t, df, p]) => [p, df, t]), studentTQuantile, 1e-12);
    expectWithin(upper.map(([t, df, q]) => [q, df, t]), studentTQuantileUpper, 1e-12);
  });
  it("the quantile equals scipy's ppf to scipy's own tolerance (cdflib's root search, about 1e-9)", () => {
    expectWithin(reference.t.ppf, studentTQuantile, 1e-8);
  });
  it("hand-checkable values: Cauchy (df 1), df 2 closed form, the normal limit", () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 15); // ½ + atan(1)/π
    expect(studentTSf(2, 2)).toBeCloseTo(0.5 - 1 / Math.sqrt(6), 15); // F(t) = ½ + t / (2 √(2 + t²))
    expect(studentTQuantile(0.75, 1)).toBeCloseTo(1, 14); // tan(π/4)
    expect(studentTQuantile(0.975, Infinity)).toBe(normalQuantile(0.975));
    expect(studentTCdf(0, 7)).toBe(0.5);
    expect(studentTQuantile(0.5, 7)).toBe(0);
    expect(() => studentTCdf(1, 0)).toThrow(/degrees of freedom > 0/);
  });
});

describe("chi-square distribution (incomplete gamma)", () => {
  it("CDF and survival equal scipy's to 1e-12 relative", () => {
    expectWithin(reference.chi2.cdf, chiSquareCdf, 1e-12);
    expectWithin(reference.chi2.sf, chiSquareSf, 1e-12);
  });
  it("hand-checkable values", () => {
    expect(chiSquareSf(2, 2)).toBeCloseTo(Math.exp(-1), 15); // k = 2: P(X > x) = e^(-x/2)
    expect(chiSquareCdf(3.841458820694124, 1)).toBeCloseTo(0.95, 14); // 1.96² is the 95% point of χ²(1)
    expect(chiSquareSf(0, 3)).toBe(1);
  });
});

describe("incomplete beta and gamma", () => {
  it("simple closed forms", () => {
    expect(regularizedBeta(0.3, 1, 1).lower).toBeCloseTo(0.3, 15); // uniform
    expect(regularizedBeta(0.5, 2, 1).lower).toBeCloseTo(0.25, 15); // x^a
    expect(regularizedGamma(1, 1).upper).toBeCloseTo(Math.exp(-1), 15); // Q(1, x) = e^-x
    expect(() => regularizedBeta(0.5, 0, 1)).toThrow(/a, b > 0/);
  });
});
