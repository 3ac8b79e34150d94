// The BG/NBD model on the CDNOW sample: the published fit to its printed digits, the raw sample
// with the project's cleaning against an independent scipy fit, its predictions against the
// published formula evaluated with scipy.special.hyp2f1, and its refusals. The fixture
// test/fixtures/clv/reference.json is written by test/reference/clv_reference.py (Python 3.11,
// numpy 1.24, scipy 1.10, pandas 1.5, mpmath 1.2; versions inside the file).
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  bgnbdExpectedIfAlive,
  bgnbdExpectedIfAliveMany,
  bgnbdExpectedPurchases,
  bgnbdLogLikelihood,
  bgnbdLogLikelihoodDerivatives,
  bgnbdNoPurchaseProbability,
  bgnbdPAlive,
  bgnbdPredict,
  calibrationSummary,
  fitBgNbd,
  summaryArrays,
  type BgNbdParams,
} from "../../src/clv/index";
import { logBeta, numericalHessian } from "../../src/stats/index";
import { CDNOW_SUMMARY, cdnowClean, CLV_REFERENCE, rel } from "./cdnow";
import { userErrorOf } from "../clusters/helpers";

const reference = CLV_REFERENCE;
const published = summaryArrays(pl.readCSV(CDNOW_SUMMARY));

describe("BG/NBD on the published CDNOW summary (2,357 customers, weeks)", () => {
  const fit = fitBgNbd(published);
  it("reproduces r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, log-likelihood -9582.4 (Fader, Hardie & Lee 2005)", () => {
    expect(fit.converged).toBe(true);
    expect(fit.params.r.toFixed(3)).toBe("0.243");
    expect(fit.params.alpha.toFixed(3)).toBe("4.414");
    expect(fit.params.a.toFixed(3)).toBe("0.793");
    expect(fit.params.b.toFixed(3)).toBe("2.426");
    expect(fit.logLik.toFixed(1)).toBe("-9582.4");
    expect(fit.customers).toBe(2357);
    expect(fit.repeaters).toBe(946);
  });
  it("agrees with the scipy fit and its standard errors", () => {
    const want = reference.summary;
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(rel(fit.params[k], want.bgnbd[k])).toBeLessThan(1e-6);
      // scipy's SEs come from a central-difference Hessian of the log-likelihood (h = 1e-4 relative)
      expect(rel(fit.standardErrors![k], want.se[k])).toBeLessThan(1e-4);
    }
    expect(Math.abs(fit.logLik - want.logLik)).toBeLessThan(1e-7);
  });
  it("its analytic gradient vanishes at the optimum and its Hessian matches central differences of the gradient", () => {
    const names = ["r", "alpha", "a", "b"] as const;
    const at = (p: ArrayLike<number>): BgNbdParams => ({ r: p[0], alpha: p[1], a: p[2], b: p[3] });
    const x = names.map((k) => fit.params[k]);
    const d = bgnbdLogLikelihoodDerivatives(fit.params, published);
    for (let i = 0; i < 4; i++) expect(Math.abs(d.gradient[i])).toBeLessThan(1e-6);
    const numeric = numericalHessian((p) => bgnbdLogLikelihoodDerivatives(at(p), published).gradient, x, 1e-6);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(Math.abs(d.hessian[i][j] - numeric[i][j])).toBeLessThan(1e-5 * (1 + Math.abs(numeric[i][j])));
    // the gradient is the derivative of the value: a central difference in alpha
    const h = 1e-5;
    const up = bgnbdLogLikelihood({ ...fit.params, alpha: fit.params.alpha + h, r: 0.3 }, published);
    const down = bgnbdLogLikelihood({ ...fit.params, alpha: fit.params.alpha - h, r: 0.3 }, published);
    const g = bgnbdLogLikelihoodDerivatives({ ...fit.params, r: 0.3 }, published).gradient[1];
    expect(Math.abs((up - down) / (2 * h) - g)).toBeLessThan(1e-5 * Math.abs(g));
  });
});

describe("BG/NBD on the raw CDNOW sample, cleaned (2,349 customers)", () => {
  const clean = cdnowClean();
  const summary = calibrationSummary(clean.customerLines, { calibrationEnd: "1997-09-30", unit: "week" });
  const data = summaryArrays(summary);
  const want = reference.raw;
  it("has the counts of the cleaning and of the scipy reference", () => {
    // 6,919 lines, 8 of value 0 set aside (each the only line of its customer): 2,357 - 8 customers
    expect(clean.report.input).toBe(want.lines);
    expect(clean.report.non_positive_price).toBe(want.zeroValueLines);
    expect(summary.height).toBe(2349);
    expect(want.customers).toBe(2349);
    const sum = (a: Float64Array) => a.reduce((s, v) => s + v, 0);
    expect(sum(data.frequency)).toBe(want.sums.frequency);
    expect(rel(sum(data.recency), want.sums.recency)).toBeLessThan(1e-13);
    expect(rel(sum(data.T), want.sums.T)).toBeLessThan(1e-13);
    expect(rel(sum(data.monetary), want.sums.monetary)).toBeLessThan(1e-13);
  });
  it("fits slightly different parameters than the published summary, matching scipy", () => {
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(rel(fit.params[k], want.bgnbd[k])).toBeLessThan(1e-6);
      expect(rel(fit.standardErrors![k], want.bgnbdSe[k])).toBeLessThan(1e-4);
    }
    expect(Math.abs(fit.logLik - want.bgnbdLogLik)).toBeLessThan(1e-7);
    // r = 0.2439, alpha = 4.4224, a = 0.7925, b = 2.4229, log-likelihood -9578.2: the published file rounds t_x and T to 0.01 week
    expect(fit.params.r.toFixed(4)).toBe("0.2439");
    expect(fit.logLik.toFixed(1)).toBe("-9578.2");
  });
  it("P(alive) and expected purchases equal the published formula (scipy hyp2f1) at scipy's parameters", () => {
    const p = want.bgnbd as BgNbdParams;
    for (const c of want.customersSample) {
      expect(rel(bgnbdPAlive(p, c.frequency, c.recency, c.T), c.pAlive)).toBeLessThan(1e-12);
      expect(rel(bgnbdExpectedPurchases(p, 10, c.frequency, c.recency, c.T), c.expected10)).toBeLessThan(1e-11);
      expect(rel(bgnbdExpectedPurchases(p, 52, c.frequency, c.recency, c.T), c.expected52)).toBeLessThan(1e-11);
    }
  });
});

describe("BG/NBD predictions", () => {
  const p: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
  it("P(alive) of the doc comment's example, and 1 without repeat purchases", () => {
    // odds 0.793 / 3.426 · (43.274 / 34.844)^2.243 = 0.3763
    expect(bgnbdPAlive(p, 2, 30.43, 38.86)).toBeCloseTo(1 / (1 + (0.793 / 3.426) * (43.274 / 34.844) ** 2.243), 14);
    expect(bgnbdPAlive(p, 0, 0, 38.86)).toBe(1);
  });
  it("expected purchases start at the posterior mean rate times t and grow with t", () => {
    const t = 1e-6;
    // (r + x) / (alpha + T) t for t -> 0
    expect(bgnbdExpectedIfAlive(p, t, 3, 20) / t).toBeCloseTo((0.243 + 3) / (4.414 + 20), 6);
    let previous = 0;
    for (const horizon of [1, 5, 20, 50, 200, 1000]) {
      const e = bgnbdExpectedPurchases(p, horizon, 3, 15, 20);
      expect(e).toBeGreaterThan(previous);
      previous = e;
    }
    expect(bgnbdExpectedIfAlive(p, 0, 3, 20)).toBe(0);
  });
  it("is continuous where the series changes form (s = 1/2) and exact as a -> 1, where (a + b + x - 1) / (a - 1) has a pole", () => {
    const T = 20;
    const t = 0.5 * (p.alpha + T); // s = 1/2 exactly
    const below = bgnbdExpectedIfAlive(p, t * (1 - 1e-9), 4, T);
    const above = bgnbdExpectedIfAlive(p, t * (1 + 1e-9), 4, T);
    expect(rel(below, above)).toBeLessThan(1e-8);
    const at1 = bgnbdExpectedIfAlive({ ...p, a: 1 }, 30, 4, T);
    const near = bgnbdExpectedIfAlive({ ...p, a: 1 + 1e-7 }, 30, 4, T);
    expect(Number.isFinite(at1)).toBe(true);
    expect(rel(at1, near)).toBeLessThan(1e-6);
    // c = a + b + x - 1 = 0 (a + b = 1, x = 0): finite too
    expect(Number.isFinite(bgnbdExpectedIfAlive({ r: 0.5, alpha: 2, a: 0.4, b: 0.6 }, 10, 0, 5))).toBe(true);
  });
  it("several periods at once equal each period alone (the CLV's month ends)", () => {
    const periods = Float64Array.from({ length: 12 }, (_, m) => ((m + 1) * 30) / 7);
    const out = new Float64Array(12);
    bgnbdExpectedIfAliveMany(p, periods, 2, 30, out);
    periods.forEach((t, j) => expect(out[j]).toBe(bgnbdExpectedIfAlive(p, t, 2, 30)));
  });
  it("P(no purchase in h) = 1 - P(alive)(1 - ((alpha + T) / (alpha + T + h))^(r + x))", () => {
    // P(alive) = 1 (x = 0), r + x = 1, alpha + T = h = 10: 1 - (1 - 1/2)
    expect(bgnbdNoPurchaseProbability({ r: 1, alpha: 4, a: 1, b: 1 }, 10, 0, 0, 6)).toBeCloseTo(0.5, 15);
  });
  it("for large a, integrates over the dropout probability by quadrature: continuous with the series at a = 100", () => {
    const periods = [1, 20, 60, 300];
    const quadrature = new Float64Array(4), series = new Float64Array(4);
    for (const [b, x] of [[290, 3], [0.5, 0], [1e6, 2]]) {
      bgnbdExpectedIfAliveMany({ r: 3.6, alpha: 13, a: 100, b }, periods, x, 17, quadrature);
      bgnbdExpectedIfAliveMany({ r: 3.6, alpha: 13, a: 100 * (1 - 1e-12), b }, periods, x, 17, series);
      periods.forEach((_, j) => expect(rel(quadrature[j], series[j])).toBeLessThan(1e-9));
    }
  });
  it("at the boundary a, b -> ∞ (every customer the same dropout p) tends to (1 - (1 + pt/A)^-k) / p, and does not fail", () => {
    // a fit that ran to b = 1e8 with a = 3.46e7 (a shop of regular buyers): the far series would need ~1e7 terms
    const params: BgNbdParams = { r: 3.655, alpha: 13.29, a: 3.456e7, b: 1e8 };
    const x = 2, T = 10, t = 52;
    const p = params.a / (params.a + params.b + x), k = params.r + x, A = params.alpha + T;
    // E[(1 - e^{-λpt}) / p] over λ ~ Gamma(k, A), p at its mean: the Beta's spread is O(1e-8)
    expect(rel(bgnbdExpectedIfAlive(params, t, x, T), (1 - (1 + (p * t) / A) ** -k) / p)).toBeLessThan(1e-7);
  });
  it("with r much above a + b (every customer buying at one rate) equals the integral over p done by Simpson's rule", () => {
    // r = 100, a + b = 3.2: the far series alternates with terms up to e^(97.8 · 2.55); the quadrature replaces it
    const params: BgNbdParams = { r: 100, alpha: 1000, a: 0.8, b: 2.4 };
    const x = 2, T = 20, t = 2600, k = params.r + x, A = params.alpha + T, b1 = params.b + x;
    const g = (p: number) => (p === 0 ? (k * t) / A : (1 - (1 + (p * t) / A) ** -k) / p);
    // E[g(p)], p ~ Beta(0.8, 4.4), with u = p^0.8 (p^(a-1) dp = du / a): ∫ g(u^(1/a)) (1 - u^(1/a))^(b'-1) du / (a B(a, b'))
    const N = 2_000_000, h = 1 / N; // Simpson converges as h^1.25 here (u^(1/a) near 0): 1e-8 at 2e4 points, 3e-13 at 2e6
    let simpson = 0;
    for (let i = 0; i <= N; i++) {
      const p = (i * h) ** (1 / params.a);
      simpson += (i === 0 || i === N ? 1 : i % 2 ? 4 : 2) * g(p) * (1 - p) ** (b1 - 1);
    }
    simpson *= h / 3 / (params.a * Math.exp(logBeta(params.a, b1)));
    expect(rel(bgnbdExpectedIfAlive(params, t, x, T), simpson)).toBeLessThan(1e-11);
    // and r -> ∞ with r / alpha fixed stays finite, approaching the same rate's limit
    expect(Number.isFinite(bgnbdExpectedIfAlive({ r: 1e8, alpha: 1e9, a: 0.8, b: 2.4 }, 520, 2, 20))).toBe(true);
  });
  it("never returns NaN, even far from the data", () => {
    const extreme: BgNbdParams = { r: 1e-6, alpha: 1e6, a: 50, b: 1e-3 };
    const data = { frequency: Float64Array.of(0, 1, 500), recency: Float64Array.of(0, 1e-9, 3000), T: Float64Array.of(0, 5000, 3000) };
    for (const prm of [p, extreme]) {
      const out = bgnbdPredict(prm, data, 1e4);
      for (const v of [...out.pAlive, ...out.expectedPurchases]) expect(Number.isFinite(v)).toBe(true);
    }
  });
});

describe("BG/NBD refusals", () => {
  it("fewer than 30 repeat customers", () => {
    const n = 100;
    const data = { frequency: new Float64Array(n), recency: new Float64Array(n), T: new Float64Array(n).fill(10) };
    for (let i = 0; i < 12; i++) {
      data.frequency[i] = 1;
      data.recency[i] = 5;
    }
    expect(userErrorOf(() => fitBgNbd(data))).toBe(
      "The BG/NBD model needs at least 30 customers with repeat purchases in the calibration period, and there are 12: choose a later calibration end or use more data.",
    );
  });
  it("malformed summary rows", () => {
    const one = (x: number, tx: number, T: number) => ({ frequency: Float64Array.of(x), recency: Float64Array.of(tx), T: Float64Array.of(T) });
    expect(userErrorOf(() => fitBgNbd(one(1.5, 1, 2)))).toMatch(/row 1 has frequency 1.5/);
    expect(userErrorOf(() => fitBgNbd(one(1, 3, 2)))).toMatch(/row 1 has recency 3 with T 2: recency must lie between 0 and T/);
    expect(userErrorOf(() => fitBgNbd(one(0, 1, 2)))).toMatch(/frequency 0 and recency 1/);
    expect(userErrorOf(() => fitBgNbd(one(1, 1, NaN)))).toMatch(/has T NaN/);
  });
});
