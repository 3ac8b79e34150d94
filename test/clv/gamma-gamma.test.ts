// The Gamma-Gamma spend model: the published CDNOW fit, scipy's fit of the same likelihood,
// its expected spend, the boundary p -> ∞ on data built to reach it, and its refusals.
// Fixture: test/fixtures/clv/reference.json from test/reference/clv_reference.py (scipy 1.10).
import { describe, expect, it } from "vitest";
import {
  calibrationSummary,
  expectedSpend,
  fitGammaGamma,
  fitNoWithinCustomerVariation,
  gammaGammaLogLikelihood,
  gammaGammaLogLikelihoodDerivatives,
  pearsonCorrelation,
  repeatSpendData,
  summaryArrays,
  type GammaGammaFit,
} from "../../src/clv/index";
import { userErrorOf } from "../clusters/helpers";
import { normal, seededRng } from "../../src/util/index";
import { numericalHessian } from "../../src/stats/index";
import { cdnowClean, CLV_REFERENCE, rel } from "./cdnow";

const reference = CLV_REFERENCE;

describe("Gamma-Gamma on the CDNOW sample", () => {
  const data = summaryArrays(calibrationSummary(cdnowClean().customerLines, { calibrationEnd: "1997-09-30" }));
  const spend = repeatSpendData(data.frequency, data.monetary);
  const fit = fitGammaGamma(spend);
  it("reproduces p = 6.25, q = 3.74, gamma = 15.44 on the 946 repeat customers (mean value of their repeat purchase days)", () => {
    expect(fit.customers).toBe(946);
    expect(fit.converged).toBe(true);
    expect(fit.fallback).toBe(false);
    expect(fit.params.p.toFixed(2)).toBe("6.25");
    expect(fit.params.q.toFixed(2)).toBe("3.74");
    expect(fit.params.v.toFixed(2)).toBe("15.44");
    // the paper's mean of the average repeat purchase: $35.08
    expect(fit.meanRepeatSpend.toFixed(2)).toBe("35.08");
  });
  it("the paper's monetary values are the mean value of repeat purchase *days*, not of lines", () => {
    // 400 lines share a customer-day with another; taking each line as a transaction gives 959
    // repeaters and p = 6.20, q = 3.82, gamma = 15.59 (scipy), not the published figures
    const perLine = reference.raw.gammaGammaPerLine;
    expect(perLine.linesSharingADay).toBe(400);
    expect(perLine.customers).toBe(959);
    expect(perLine.params.p.toFixed(2)).not.toBe("6.25");
    expect(perLine.params.v.toFixed(2)).not.toBe("15.44");
  });
  it("agrees with scipy: parameters, log-likelihood, standard errors, the spend-frequency correlation", () => {
    const want = reference.raw;
    for (const k of ["p", "q", "v"] as const) {
      expect(rel(fit.params[k], want.gammaGamma[k])).toBeLessThan(1e-6);
      expect(rel(fit.standardErrors![k], want.gammaGammaSe[k])).toBeLessThan(1e-4);
    }
    expect(Math.abs(fit.logLik - want.gammaGammaLogLik)).toBeLessThan(1e-7);
    expect(rel(fit.spendFrequencyCorrelation, want.spendFrequencyCorrelation)).toBeLessThan(1e-12); // 0.114: weak, as the model assumes
    expect(rel(fit.meanRepeatSpend, want.meanRepeatSpend)).toBeLessThan(1e-13);
  });
  it("its analytic Hessian matches central differences of its gradient", () => {
    const at = (p: ArrayLike<number>) => ({ p: p[0], q: p[1], v: p[2] });
    const x = [fit.params.p, fit.params.q, fit.params.v];
    const d = gammaGammaLogLikelihoodDerivatives(fit.params, spend);
    const numeric = numericalHessian((p) => gammaGammaLogLikelihoodDerivatives(at(p), spend).gradient, x, 1e-6);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(Math.abs(d.hessian[i][j] - numeric[i][j])).toBeLessThan(1e-5 * (1 + Math.abs(numeric[i][j])));
    const h = 1e-6;
    const g = gammaGammaLogLikelihoodDerivatives({ p: 3, q: 2, v: 20 }, spend).gradient[0];
    const diff = (gammaGammaLogLikelihood({ p: 3 + h, q: 2, v: 20 }, spend) - gammaGammaLogLikelihood({ p: 3 - h, q: 2, v: 20 }, spend)) / (2 * h);
    expect(Math.abs(diff - g)).toBeLessThan(1e-5 * Math.abs(g));
  });
  it("expected spend: the doc comment's example, and scipy's value for the sample customers", () => {
    const published = { ...fit, params: { p: 6.25, q: 3.74, v: 15.44 }, fallback: false } as GammaGammaFit;
    const e = expectedSpend(published, Float64Array.of(2, 0), Float64Array.of(30, 0));
    expect(e[0]).toBeCloseTo((6.25 * (15.44 + 60)) / (12.5 + 2.74), 12); // 30.94
    expect(e[1]).toBeCloseTo((6.25 * 15.44) / 2.74, 12); // 35.22, the population mean
    const atScipy = { ...fit, params: reference.raw.gammaGamma, fallback: false } as GammaGammaFit;
    for (const c of reference.raw.customersSample) {
      const mine = expectedSpend(atScipy, Float64Array.of(c.frequency), Float64Array.of(c.monetary))[0];
      expect(rel(mine, c.expectedSpend)).toBeLessThan(1e-13);
    }
  });
});

describe("Gamma-Gamma on its boundary", () => {
  // spend that varies *more* between customers the more often they bought: the model can only
  // shrink that spread by making each purchase exactly the customer's mean (p -> ∞)
  const rng = seededRng(7);
  const frequency = Float64Array.from({ length: 400 }, () => 1 + Math.floor(rng() * 10));
  const monetary = Float64Array.from(frequency, (x) => Math.exp(3 + 0.08 * x * normal(rng)));
  const fit = fitGammaGamma({ frequency, monetary });
  it("is flagged, not converged, with a sentence and no standard errors", () => {
    expect(fit.converged).toBe(false);
    expect(fit.standardErrors).toBeNull();
    expect(fit.fallback).toBe(true);
    expect(fit.params.p).toBeGreaterThan(1e5);
    expect(fit.message).toMatch(/^The Gamma-Gamma fit runs to the boundary of the parameter space where spend does not vary within a customer \(p -> ∞; it stopped at p = /);
    expect(fit.warning).toMatch(/predictions use each customer's own mean repeat spend/);
    // the limit model reaches at least the likelihood where the fit stopped
    expect(fitNoWithinCustomerVariation({ frequency, monetary }).logLik).toBeGreaterThanOrEqual(fit.logLik - 1e-9 * Math.abs(fit.logLik));
  });
  it("falls back to the customer's own mean, and the repeaters' mean for customers without repeat purchases", () => {
    const e = expectedSpend(fit, Float64Array.of(3, 0), Float64Array.of(42.5, 0));
    expect(e[0]).toBe(42.5);
    expect(e[1]).toBeCloseTo(monetary.reduce((s, v) => s + v, 0) / monetary.length, 12);
  });
  it("the limit model is an inverse-gamma fit: at its maximum s / q = n / Σ(1/m)", () => {
    // the score for s, q/s - 1/m summed, is 0: with m = (1, 2, 4, 8), n / Σ(1/m) = 4 / 1.875
    const v = fitNoWithinCustomerVariation({ frequency: Float64Array.of(1, 1, 2, 3), monetary: Float64Array.of(1, 2, 4, 8) });
    expect(v.converged).toBe(true);
    expect(v.params.s / v.params.q).toBeCloseTo(4 / 1.875, 10);
  });
});

describe("Gamma-Gamma refusals and helpers", () => {
  it("needs 30 repeat customers and positive spend", () => {
    const few = { frequency: new Float64Array(10).fill(2), monetary: new Float64Array(10).fill(5) };
    expect(userErrorOf(() => fitGammaGamma(few))).toBe(
      "The Gamma-Gamma model needs at least 30 customers with repeat purchases in the calibration period, and there are 10: choose a later calibration end or use more data.",
    );
    expect(() => repeatSpendData(Float64Array.of(0, 2), Float64Array.of(0, -4))).toThrow(/row 2 has frequency 2 and monetary -4/);
  });
  it("Pearson correlation: +1, -1, and 0 for a constant column", () => {
    expect(pearsonCorrelation([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 15);
    expect(pearsonCorrelation([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 15);
    expect(pearsonCorrelation([1, 2, 3], [5, 5, 5])).toBe(0);
  });
});
