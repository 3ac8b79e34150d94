// The CLV models on UCI Online Retail (data/online_retail.csv.gz, cleaned by the README's rules)
// against the scipy reference (test/fixtures/clv/reference.json, test/reference/clv_reference.py):
// the Gamma-Gamma maximum is interior there, and the BG/NBD runs to its no-dropout boundary at
// a mid-year calibration end, which the fit reports instead of returning a spurious optimum.
import { describe, expect, it } from "vitest";
import {
  calibrationSummaryOf,
  customerValue,
  fitBgNbd,
  fitGammaGamma,
  purchaseOccasions,
  repeatSpendData,
  summaryArrays,
} from "../../src/clv/index";
import { cleanTransactions } from "../../src/clean/clean";
import { DEFAULT_DATA_FILE } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";
import { CLV_REFERENCE, rel } from "./cdnow";

const reference = CLV_REFERENCE;
const { customerLines } = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
const occasions = purchaseOccasions(customerLines);

describe("UCI Online Retail, calibration to the last day (2011-12-09, days)", () => {
  const want = reference.uci["2011-12-09"];
  const data = summaryArrays(calibrationSummaryOf(occasions, { calibrationEnd: "2011-12-09", unit: "day" }));
  it("has the reference's customers", () => {
    expect(reference.uci.customerLines).toBe(customerLines.height); // 392,692
    expect(data.frequency.length).toBe(want.customers); // 4,338
    expect(data.frequency.filter((x) => x > 0).length).toBe(want.repeaters); // 2,790
  });
  it("Gamma-Gamma: an interior maximum p = 2.11, q = 3.44, gamma = 479.6, as scipy finds from a moment start", () => {
    const fit = fitGammaGamma(repeatSpendData(data.frequency, data.monetary));
    expect(fit.converged).toBe(true);
    expect(fit.fallback).toBe(false);
    for (const k of ["p", "q", "v"] as const) expect(rel(fit.params[k], want.gammaGamma[k])).toBeLessThan(1e-6);
    expect(Math.abs(fit.logLik - want.gammaGammaLogLik)).toBeLessThan(1e-6);
    // the ridge p -> ∞ that Nelder-Mead from (1, 1, 1) follows ends lower: it is not the maximum
    expect(want.nelderMeadFromOnes.params.p).toBeGreaterThan(1e5);
    expect(want.nelderMeadFromOnes.logLik).toBeLessThan(fit.logLik - 800);
    expect(rel(fit.spendFrequencyCorrelation, want.spendFrequencyCorrelation)).toBeLessThan(1e-12);
  });
  it("BG/NBD: converged at least as high as the best of scipy's three L-BFGS-B runs, above the NBD", () => {
    const fit = fitBgNbd(data);
    expect(fit.converged).toBe(true);
    expect(fit.logLik).toBeGreaterThanOrEqual(want.bgnbdLogLik - 1e-7);
    expect(fit.logLik).toBeGreaterThan(want.nbdLogLik);
    expect(rel(fit.params.r, want.bgnbdBest.r)).toBeLessThan(1e-4);
    expect(rel(fit.params.alpha, want.bgnbdBest.alpha)).toBeLessThan(1e-4);
    expect(rel(fit.nbdLogLik, want.nbdLogLik)).toBeLessThan(1e-12);
  });
});

describe("UCI Online Retail, calibration to 2011-06-30 (weeks)", () => {
  const want = reference.uci["2011-06-30"];
  const data = summaryArrays(calibrationSummaryOf(occasions, { calibrationEnd: "2011-06-30", unit: "week" }));
  const fit = fitBgNbd(data);
  it("BG/NBD runs to the no-dropout boundary: flagged, no standard errors, one sentence", () => {
    expect(fit.customers).toBe(want.customers);
    expect(fit.converged).toBe(false);
    expect(fit.standardErrors).toBeNull();
    expect(fit.message).toMatch(
      /^The BG\/NBD fit runs to the boundary of the parameter space where no customer drops out \(a \/ \(a \+ b\) -> 0; it stopped at a = .+, b = .+\): the NBD model without dropout fits as well \(log-likelihood -15,325.46 against -15,325.46\), so these data do not show customers leaving and P\(alive\) is not determined\.$/,
    );
    // the mean dropout probability where it stopped is tiny
    expect(fit.params.a / (fit.params.a + fit.params.b)).toBeLessThan(1e-4);
  });
  it("where it stopped and where scipy stopped, the likelihood is below the NBD's supremum (evaluated exactly with mpmath)", () => {
    expect(rel(fit.nbdLogLik, want.nbdLogLik)).toBeLessThan(1e-12);
    expect(fit.logLik).toBeLessThanOrEqual(want.nbdLogLik + 1e-7);
    for (const run of want.bgnbdStarts) expect(run.logLikExact).toBeLessThanOrEqual(want.nbdLogLik + 1e-7);
  });
  it("the Gamma-Gamma maximum is interior here too", () => {
    const gg = fitGammaGamma(repeatSpendData(data.frequency, data.monetary));
    expect(gg.converged).toBe(true);
    for (const k of ["p", "q", "v"] as const) expect(rel(gg.params[k], want.gammaGamma[k])).toBeLessThan(1e-6);
  });
});

describe("customerValue on UCI Online Retail", () => {
  it("scores every customer with finite values even when the BG/NBD is on its boundary", () => {
    const r = customerValue(customerLines, { calibrationEnd: "2011-09-09", holdoutEnd: "2011-12-09", unit: "day" });
    expect(r.bgnbd.converged).toBe(false);
    for (const name of ["pAlive", "expectedPurchases", "expectedSpend", "clv"]) {
      expect((r.perCustomer.getColumn(name).toArray() as number[]).every(Number.isFinite)).toBe(true);
    }
    expect(r.validation!.byFrequency.height).toBe(8);
  });
});
