/**
 * The analysis against an independent computation: test/reference/experiments.json, written by
 * test/reference/experiments.py with scipy 1.10.1, statsmodels 0.13.5, numpy 1.24.2 and pandas 1.5.3
 * (Debian's /usr/bin/python3): statsmodels' Wald interval and pooled z-test, scipy's Welch t-test,
 * statsmodels' Welch interval, numpy's covariance for CUPED's θ, scipy's chi-square, statsmodels' Holm.
 * Two experiments: Hillstrom's (64,000 customers, three equal arms) and a generated one with
 * unequal arms (60/30/10) and heavy-tailed revenue (test/fixtures/experiments/heavy_tailed.csv).
 */
import { describe, expect, it } from "vitest";
import { analyzeExperiment, type Comparison, type ExperimentResult } from "../../src/experiments/index";
import reference from "../reference/experiments.json";
import { closeness, readHeavyTailed, readHillstrom } from "./helpers";

type RefComparison = (typeof reference)["hillstrom"]["comparisons"][number];
interface Reference {
  comparisons: RefComparison[];
  srm: { chi2: number; df: number; p: number };
}

const FIGURES = ["treatment", "control", "diff", "se", "statistic", "df", "relativeLift"] as const;
const CUPED_FIGURES = ["theta", "diff", "se", "df", "varianceReduction"] as const;

/** The worst disagreement of every figure of every comparison with the reference (0 = identical). */
function disagreements(ours: ExperimentResult, ref: Reference): { figures: number; pValues: number; where: string } {
  let figures = 0;
  let pValues = 0;
  let where = "";
  const note = (e: number, label: string, isP: boolean) => {
    if (isP ? e > pValues : e > figures) where = label;
    if (isP) pValues = Math.max(pValues, e);
    else figures = Math.max(figures, e);
  };
  expect(ours.comparisons).toHaveLength(ref.comparisons.length);
  for (const r of ref.comparisons) {
    const c = ours.comparisons.find((x) => x.arm === r.arm && x.metric === r.metric) as Comparison;
    expect(c, `${r.arm} ${r.metric}`).toBeDefined();
    expect([c.kind, c.nTreatment, c.nControl]).toEqual([r.kind, r.nTreatment, r.nControl]);
    for (const f of FIGURES) {
      if (r[f] === null) expect(c[f]).toBeNull();
      else note(closeness(c[f] as number, r[f] as number), `${r.arm} ${r.metric} ${f}`, false);
    }
    c.ci95.forEach((v, i) => note(closeness(v, r.ci95[i]), `${r.arm} ${r.metric} ci95`, false));
    note(Math.abs(c.p - r.p) / r.p, `${r.arm} ${r.metric} p`, true);
    note(Math.abs(c.pHolm - r.pHolm) / r.pHolm, `${r.arm} ${r.metric} pHolm`, true);
    const cu = c.cuped!;
    for (const f of CUPED_FIGURES) note(closeness(cu[f], r.cuped[f]), `${r.arm} ${r.metric} cuped.${f}`, false);
    cu.ci95.forEach((v, i) => note(closeness(v, r.cuped.ci95[i]), `${r.arm} ${r.metric} cuped.ci95`, false));
    note(Math.abs(cu.p - r.cuped.p) / r.cuped.p, `${r.arm} ${r.metric} cuped.p`, true);
    note(Math.abs(cu.pHolm - r.cuped.pHolm) / r.cuped.pHolm, `${r.arm} ${r.metric} cuped.pHolm`, true);
  }
  return { figures, pValues, where };
}

/** Every figure to 1e-9 (absolute below 1, relative above), p-values to 1e-9 relative, the SRM check to 1e-12. */
function expectAgreement(ours: ExperimentResult, ref: Reference): void {
  const d = disagreements(ours, ref);
  expect(d.figures, d.where).toBeLessThan(1e-9);
  expect(d.pValues, d.where).toBeLessThan(1e-9);
  expect(closeness(ours.srm.chi2, ref.srm.chi2)).toBeLessThan(1e-12);
  expect(Math.abs(ours.srm.p - ref.srm.p)).toBeLessThan(1e-12);
  expect(ours.srm.df).toBe(ref.srm.df);
}

describe("Hillstrom's e-mail experiment against scipy/statsmodels", () => {
  const hillstrom = readHillstrom();
  const result = analyzeExperiment(hillstrom, {
    armColumn: "segment",
    control: "No E-Mail",
    metrics: ["visit", "conversion", "spend"],
    covariate: "history",
    bootstrap: false,
  });

  it("reads the 64,000 customers and counts the arms as the reference does", () => {
    expect(hillstrom.height).toBe(64_000);
    expect(result.arms).toEqual(reference.hillstrom.arms);
    expect(Object.keys(result.arms)).toEqual(["No E-Mail", "Mens E-Mail", "Womens E-Mail"]); // control first
    expect(result.metrics).toEqual([
      { column: "visit", kind: "proportion" },
      { column: "conversion", kind: "proportion" },
      { column: "spend", kind: "mean" },
    ]);
  });

  it("every arm x metric figure equals the reference to 1e-9 (differences, intervals), p-values to 1e-9 relative; SRM against equal thirds", () => {
    expectAgreement(result, reference.hillstrom);
    expect(result.srm.mismatch).toBe(false);
  });

  it("reproduces the published arm means (Hillstrom 2008)", () => {
    const mean = (arm: string, metric: string) =>
      arm === "No E-Mail" ? result.comparisons.find((c) => c.metric === metric)!.control : result.comparisons.find((c) => c.arm === arm && c.metric === metric)!.treatment;
    const arms = ["Mens E-Mail", "Womens E-Mail", "No E-Mail"];
    expect(arms.map((a) => (mean(a, "visit") * 100).toFixed(2))).toEqual(["18.28", "15.14", "10.62"]);
    expect(arms.map((a) => (mean(a, "conversion") * 100).toFixed(2))).toEqual(["1.25", "0.88", "0.57"]);
    expect(arms.map((a) => mean(a, "spend").toFixed(2))).toEqual(["1.42", "1.08", "0.65"]);
  });
});

describe("unequal arms and heavy-tailed revenue against scipy/statsmodels", () => {
  const table = readHeavyTailed();
  const result = analyzeExperiment(table, {
    armColumn: "arm",
    control: "control",
    metrics: ["conversion", "orders", "revenue"],
    covariate: "preRevenue",
    shares: [
      { arm: "control", share: 0.6 },
      { arm: "offer A", share: 0.3 },
      { arm: "offer B", share: 0.1 },
    ],
    bootstrap: false,
  });

  it("every figure equals the reference to 1e-9, p-values to 1e-9 relative; SRM against the design's 60/30/10", () => {
    expect(result.arms).toEqual(reference.heavyTailed.arms);
    expectAgreement(result, reference.heavyTailed);
    expect(result.srm.expected.control).toBeCloseTo(3000, 9); // 5,000 x 0.6
  });

  it("CUPED can cost variance in one comparison when θ is fitted over all arms (the reference agrees)", () => {
    const vr = result.comparisons.map((c) => c.cuped!.varianceReduction);
    expect(Math.min(...vr)).toBeLessThan(0);
    expect(Math.max(...vr)).toBeGreaterThan(0.1);
  });
});
