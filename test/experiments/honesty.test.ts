/**
 * The honesty-check helpers the notebook runs (intervalCoverage, replicatedPValues,
 * uniformKsDistance): the counting is checked against the analysis of each replication one by
 * one; the calibration itself (1,000 replications) is simulate.test.ts's.
 */
import { describe, expect, it } from "vitest";
import {
  KS_LIMIT_1PCT, analyzeCampaign, campaignTruth, intervalCoverage, replicatedPValues, uniformKsDistance, type CampaignSpec,
} from "../../src/experiments/index";

const spec: CampaignSpec = {
  customers: 2000,
  arms: [{ arm: "control", share: 0.5 }, { arm: "offer A", share: 0.3 }, { arm: "offer B", share: 0.2 }],
  baseline: 0.1,
  lift: { "offer A": 0.02 },
  basket: { meanLog: 3, sdLog: 1 },
  seed: 0,
};

describe("the Kolmogorov-Smirnov distance from the uniform", () => {
  it("by hand", () => {
    expect(uniformKsDistance([0.1, 0.6])).toBeCloseTo(0.4, 15); // max(0.5 - 0.1, 0.1, 1 - 0.6, 0.6 - 0.5)
    expect(uniformKsDistance([0.6, 0.1])).toBeCloseTo(0.4, 15); // order does not matter
    expect(uniformKsDistance([0.5])).toBe(0.5); // max(1 - 0.5, 0.5 - 0)
    expect(uniformKsDistance([0.125, 0.375, 0.625, 0.875])).toBeCloseTo(0.125, 15); // every step misses by 1/8
    expect(KS_LIMIT_1PCT / Math.sqrt(1000)).toBeCloseTo(0.0515, 4);
  });
});

describe("coverage and p-values over replications", () => {
  const R = 5;
  const results = Array.from({ length: R }, (_, r) => analyzeCampaign({ ...spec, seed: 700 + r }));
  const truth = campaignTruth(spec);

  it("counts, per arm, metric and interval, the replications whose interval holds the planted difference", () => {
    const rows = intervalCoverage(spec, R, 700);
    expect(rows.map((r) => `${r.arm} ${r.metric} ${r.interval}`)).toEqual([
      "offer A conversion Wald", "offer A revenue Welch", "offer A revenue CUPED", "offer B conversion Wald", "offer B revenue Welch", "offer B revenue CUPED",
    ]);
    const wald = rows[0];
    expect(wald.planted).toBeCloseTo(0.02, 15); // 0.12 - 0.10
    expect(rows[4].planted).toBe(0); // offer B has no lift
    const held = results.filter((res) => {
      const c = res.comparisons.find((x) => x.arm === "offer A" && x.metric === "conversion")!;
      return c.ci95[0] <= wald.planted && wald.planted <= c.ci95[1];
    }).length;
    expect([wald.covered, wald.replications, wald.coverage]).toEqual([held, R, held / R]);
    const cupedHeld = results.filter((res) => {
      const c = res.comparisons.find((x) => x.arm === "offer A" && x.metric === "revenue")!.cuped!;
      const planted = truth.revenue["offer A"] - truth.revenue.control;
      return c.ci95[0] <= planted && planted <= c.ci95[1];
    }).length;
    expect(rows[2].covered).toBe(cupedHeld);
  });

  it("collects each comparison's p-values in replication order", () => {
    const p = replicatedPValues(spec, R, 700);
    expect(p.map((r) => `${r.arm} ${r.metric} ${r.test}`)).toEqual([
      "offer A conversion pooled z", "offer A revenue Welch", "offer A revenue CUPED", "offer B conversion pooled z", "offer B revenue Welch", "offer B revenue CUPED",
    ]);
    expect(p[1].p).toEqual(results.map((res) => res.comparisons.find((x) => x.arm === "offer A" && x.metric === "revenue")!.p));
    expect(p[5].p).toEqual(results.map((res) => res.comparisons.find((x) => x.arm === "offer B" && x.metric === "revenue")!.cuped!.p));
  });

  it("the analysis checks the counts against the design's shares, not equal ones", () => {
    expect(results[0].srm.shares).toEqual({ control: 0.5, "offer A": 0.3, "offer B": 0.2 });
  });

  it("refuses no replications", () => {
    expect(() => intervalCoverage(spec, 0)).toThrow("The replications must be a whole number above 0, not 0.");
    expect(() => replicatedPValues(spec, 1.5)).toThrow("The replications must be a whole number above 0, not 1.5.");
  });
});
