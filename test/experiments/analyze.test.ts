import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  analyzeExperiment, bootstrapDiffInterval, cupedAdjust, cupedFit, holmAdjust, segmentBreakdown, srmCheck, summarize, twoProportions, welch,
} from "../../src/experiments/index";
import { readHillstrom } from "./helpers";

/** Every number in a value (deeply); the analysis must never give NaN or an infinity. */
function numbersIn(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (value !== null && typeof value === "object") return Object.values(value).flatMap(numbersIn);
  return [];
}

describe("the formulas by hand", () => {
  it("two proportions: 30/100 vs 20/100", () => {
    const t = twoProportions(30, 100, 20, 100);
    expect(t.diff).toBeCloseTo(0.1, 15);
    // unpooled se √(0.3 x 0.7 / 100 + 0.2 x 0.8 / 100) = √0.0037 = 0.0608276
    expect(t.se).toBeCloseTo(Math.sqrt(0.0037), 15);
    expect(t.ci95[0]).toBeCloseTo(0.1 - 1.959963984540054 * Math.sqrt(0.0037), 14);
    // pooled 0.25: z = 0.1 / √(0.25 x 0.75 x 0.02) = 1.6329932, two-sided p = 0.1024704 (scipy: 2 * norm.sf(1.6329932))
    expect(t.statistic).toBeCloseTo(0.1 / Math.sqrt(0.00375), 14);
    expect(t.p).toBeCloseTo(0.10247043485974941, 13); // statsmodels proportions_ztest([30, 20], [100, 100])
    expect(t.df).toBeNull();
  });
  it("Welch: T = [1, 2, 3, 4], C = [1, 1, 2]", () => {
    const t = welch(summarize([1, 2, 3, 4]), summarize([1, 1, 2]));
    // means 2.5 and 4/3; variances 5/3 and 1/3; se² = 5/12 + 1/9 = 19/36
    expect(t.diff).toBeCloseTo(2.5 - 4 / 3, 15);
    expect(t.se).toBeCloseTo(Math.sqrt(19 / 36), 15);
    // df = (19/36)² / ((5/12)²/3 + (1/9)²/2) = 0.278549 / 0.064043 = 4.349398
    expect(t.df).toBeCloseTo((19 / 36) ** 2 / ((5 / 12) ** 2 / 3 + (1 / 9) ** 2 / 2), 12);
    expect(t.p).toBeCloseTo(0.17784298133091742, 13); // scipy.stats.ttest_ind([1,2,3,4], [1,1,2], equal_var=False).pvalue
  });
  it("Holm: [0.01, 0.04, 0.03] -> [0.03, 0.06, 0.06]", () => {
    // sorted 0.01, 0.03, 0.04: 3 x 0.01 = 0.03; 2 x 0.03 = 0.06; max(0.06, 1 x 0.04) = 0.06
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    [0.03, 0.06, 0.06].forEach((v, i) => expect(adjusted[i]).toBeCloseTo(v, 15));
    expect(holmAdjust([0.6, 0.7])).toEqual([1, 1]); // clipped at 1: 2 x 0.6 = 1.2
  });
  it("SRM: 520/480 against 50/50", () => {
    const s = srmCheck({ a: 520, b: 480 }, [{ arm: "a", share: 0.5 }, { arm: "b", share: 0.5 }]);
    expect(s.chi2).toBeCloseTo(1.6, 14); // (20² + 20²) / 500
    expect(s.p).toBeCloseTo(0.20590321073206466, 13); // P(χ²(1) > 1.6) = 2 P(Z > √1.6)
    expect(s.mismatch).toBe(false);
    expect(srmCheck({ a: 600, b: 400 }, [{ arm: "a", share: 0.5 }, { arm: "b", share: 0.5 }]).mismatch).toBe(true); // chi2 40
  });
  it("CUPED: θ = cov / var, Y' = Y - θ (X - x̄)", () => {
    const fit = cupedFit([2, 4, 7], [1, 2, 3]);
    expect(fit.theta).toBeCloseTo(2.5, 15); // Σ(x - 2)(y - 13/3) = 5, Σ(x - 2)² = 2
    expect(fit.meanX).toBe(2);
    expect(Array.from(cupedAdjust([2, 4, 7], [1, 2, 3], fit))).toEqual([4.5, 4, 4.5]);
  });
  it("the bootstrap: deterministic for a seed, inside the range the resamples can reach", () => {
    const a = bootstrapDiffInterval([5, 5], [1, 3], 500, 7);
    expect(bootstrapDiffInterval([5, 5], [1, 3], 500, 7)).toEqual(a);
    expect(a[0]).toBeGreaterThanOrEqual(2); // 5 - mean of two draws from {1, 3}: 2, 3 or 4
    expect(a[1]).toBeLessThanOrEqual(4);
    expect(bootstrapDiffInterval([5, 5], [1, 3], 500, 8)).not.toEqual(bootstrapDiffInterval([5, 5, 6], [1, 3], 500, 8));
  });
});

describe("analyzeExperiment", () => {
  const small = pl.DataFrame({
    arm: ["A", "A", "A", "A", "B", "B", "B", "B"],
    converted: [0, 1, 0, 0, 1, 1, 0, 1],
    revenue: [0, 12, 0, 0, 30, 8, 0, 50],
    pre: [1, 10, 0, 2, 20, 5, 1, 40],
  });

  it("a hand-checkable experiment: rates 0.25 and 0.75", () => {
    const r = analyzeExperiment(small, { armColumn: "arm", control: "A", metrics: ["converted", "revenue"], covariate: "pre", bootstrap: { resamples: 200, seed: 3 } });
    expect(r.arms).toEqual({ A: 4, B: 4 });
    const conv = r.comparisons.find((c) => c.metric === "converted")!;
    expect(conv.kind).toBe("proportion"); // found from its 0/1 values
    expect([conv.treatment, conv.control, conv.diff]).toEqual([0.75, 0.25, 0.5]);
    // Wald: 0.5 ± 1.959964 √(0.1875/4 + 0.1875/4) = 0.5 ± 0.600092
    expect(conv.ci95[0]).toBeCloseTo(0.5 - 1.959963984540054 * Math.sqrt(0.09375), 14);
    expect(conv.relativeLift).toBeCloseTo(2, 15); // 0.5 / 0.25
    const rev = r.comparisons.find((c) => c.metric === "revenue")!;
    expect(rev.kind).toBe("mean");
    expect(rev.diff).toBe(22 - 3); // means 88/4 and 12/4
    expect(rev.bootstrap95).toHaveLength(2);
    expect(rev.cuped!.covariate).toBe("pre");
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
  });
  it("Holm over the treatment arms of one metric; one arm leaves p as it is", () => {
    const hillstrom = readHillstrom();
    const r = analyzeExperiment(hillstrom, { armColumn: "segment", control: "No E-Mail", metrics: ["visit"], bootstrap: false });
    const [mens, womens] = r.comparisons;
    expect(holmAdjust([mens.p, womens.p])).toEqual([mens.pHolm, womens.pHolm]);
    const one = analyzeExperiment(hillstrom, { armColumn: "segment", control: "No E-Mail", arms: ["Womens E-Mail"], metrics: ["visit"], bootstrap: false });
    expect(one.comparisons[0].pHolm).toBe(one.comparisons[0].p);
    expect(one.arms["Mens E-Mail"]).toBe(21_307); // counted (and in the SRM check) though not compared
  });
  it("the bootstrap interval on Hillstrom's spend sits close to Welch's (20,000 customers per arm)", () => {
    const r = analyzeExperiment(readHillstrom(), { armColumn: "segment", control: "No E-Mail", metrics: ["spend"], bootstrap: { resamples: 1000, seed: 11 } });
    for (const c of r.comparisons) {
      const width = c.ci95[1] - c.ci95[0];
      // percentile bootstrap and Welch estimate the same sampling spread: ends within 10% of the width
      expect(Math.abs(c.bootstrap95![0] - c.ci95[0])).toBeLessThan(0.1 * width);
      expect(Math.abs(c.bootstrap95![1] - c.ci95[1])).toBeLessThan(0.1 * width);
    }
    expect(r.bootstrap).toEqual({ method: "percentile bootstrap, each arm resampled with replacement at its own size", resamples: 1000, seed: 11 });
  });
  it("zero variance: both arms constant at one value give diff 0, interval [0, 0], p = 1; relative lift of a zero control is null", () => {
    const flat = pl.DataFrame({ arm: ["A", "A", "B", "B"], y: [0, 0, 0, 0], z: [2.5, 2.5, 2.5, 2.5], w: [0, 0, 1, 0] });
    const r = analyzeExperiment(flat, { armColumn: "arm", control: "A", metrics: ["y", { column: "z", kind: "mean" }, "w"], bootstrap: false });
    for (const c of r.comparisons.slice(0, 2)) expect([c.diff, c.ci95, c.p]).toEqual([0, [0, 0], 1]);
    expect(r.comparisons[0].relativeLift).toBeNull(); // control rate 0
    expect(r.comparisons[2].relativeLift).toBeNull();
    expect(numbersIn(r).every(Number.isFinite)).toBe(true);
  });
  it("per-segment breakdowns carry the multiple-comparisons warning and list skipped segments", () => {
    const hillstrom = readHillstrom();
    const b = segmentBreakdown(hillstrom, { armColumn: "segment", control: "No E-Mail", metrics: ["visit", "conversion", "spend"], bootstrap: false }, "channel");
    expect(b.segments.map((s) => s.segment)).toEqual(["Multichannel", "Phone", "Web"]);
    expect(b.tests).toBe(18); // 3 channels x 2 arms x 3 metrics
    expect(b.warning).toBe(
      "3 segments x their comparisons make 18 tests: at the 5% level about 0.9 of them would look significant by chance alone even if the campaign did nothing anywhere. " +
        "The p-values are not adjusted across segments: treat a segment's result as a hypothesis for its own test, not as a finding.",
    );
    const tiny = pl.DataFrame({ arm: ["A", "A", "B", "B", "A", "B", "B"], y: [1, 2, 3, 4, 5, 6, 7], g: ["x", "x", "x", "x", "y", "y", "y"] });
    const s = segmentBreakdown(tiny, { armColumn: "arm", control: "A", metrics: ["y"], bootstrap: false }, "g");
    expect(s.segments[1].result).toBeNull();
    expect(s.segments[1].skipped).toBe('g y: the arm "A" has 1 customer there, and a comparison needs at least two in every arm.');
    expect(s.tests).toBe(1);
  });
});

describe("analysis: bad input, one sentence each", () => {
  const df = pl.DataFrame({
    arm: ["A", "A", "B", "B", "C"],
    y: [1, 0, 1, 1, 0],
    spend: [1.5, 0, 2, 3, 0],
    label: ["a", "b", "c", "d", "e"],
    flat: [7, 7, 7, 7, 7],
  });
  const run = (options: Partial<Parameters<typeof analyzeExperiment>[1]>) => () =>
    analyzeExperiment(df, { armColumn: "arm", control: "A", arms: ["B"], metrics: ["y"], bootstrap: false, ...options });

  it("an arm or control not in the data", () => {
    expect(run({ control: "Z" })).toThrow('The control arm "Z" is not in column arm (arms found: A, B, C).');
    expect(run({ arms: ["D"] })).toThrow('The arm "D" is not in column arm (arms found: A, B, C).');
    expect(run({ arms: ["B", "B"] })).toThrow('The arm "B" is listed twice among the arms to compare.');
    expect(run({ armColumn: "group" })).toThrow('There is no arm column "group" (columns: arm, y, spend, label, flat).');
  });
  it("a metric column that is not numeric, or missing", () => {
    expect(run({ metrics: ["label"] })).toThrow('The metric column "label" holds String, not numbers.');
    expect(run({ metrics: ["sales"] })).toThrow('There is no metric column "sales" (columns: arm, y, spend, label, flat).');
  });
  it("a binary metric with values other than 0/1", () => {
    expect(run({ metrics: [{ column: "spend", kind: "proportion" }] })).toThrow('The binary metric "spend" has 1.5 at row 1: a proportion takes only 0 and 1.');
  });
  it("an arm with fewer than two customers", () => {
    expect(run({ arms: ["C"] })).toThrow('The arm "C" has 1 customer: a comparison needs at least two in every arm.');
  });
  it("a covariate with no variance", () => {
    expect(run({ covariate: "flat" })).toThrow('The covariate "flat" has the same value (7) for every customer: it has no variance to adjust with.');
  });
  it("shares that do not add up, or that do not match the arms", () => {
    expect(run({ shares: [{ arm: "A", share: 0.5 }, { arm: "B", share: 0.3 }, { arm: "C", share: 0.1 }] })).toThrow(
      "The arm shares must add up to 100%, not 90% (A 50%, B 30%, C 10%).",
    );
    expect(run({ shares: [{ arm: "A", share: 0.5 }, { arm: "B", share: 0.5 }] })).toThrow('The arm "C" of column arm is not in the design\'s shares (A, B).');
  });
  it("missing values, arms constant at different values", () => {
    const gap = pl.DataFrame({ arm: ["A", "A", "B", "B"], y: [1, null, 0, 1] });
    expect(() => analyzeExperiment(gap, { armColumn: "arm", control: "A", metrics: ["y"] })).toThrow('The metric column "y" has no value at row 2: every customer needs a number.');
    const split = pl.DataFrame({ arm: ["A", "A", "B", "B"], y: [2, 2, 5, 5] });
    expect(() => analyzeExperiment(split, { armColumn: "arm", control: "A", metrics: ["y"], bootstrap: false })).toThrow(
      'The metric "y" is constant in both arms ("B" 5, "A" 2): there is no variance to test the difference against.',
    );
  });
});
