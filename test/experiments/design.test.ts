/**
 * Sample sizes against statsmodels' NormalIndPower (test/reference/experiments.json, from
 * test/reference/experiments.py with statsmodels 0.13.5) and by hand.
 */
import { describe, expect, it } from "vitest";
import {
  cohensH, controlSizeForPower, detectableEffectSize, evanMillerSampleSize, meanDesign, meanDesignFromValues, meanMde, proportionDesign, proportionMde,
  sampleSizeTradeoff, zTestPower,
} from "../../src/experiments/index";
import mdeReference from "../reference/experiment_mde.json";
import reference from "../reference/experiments.json";

describe("design against statsmodels", () => {
  it("effect sizes, powers and the solved control size equal statsmodels'", () => {
    for (const r of reference.design) {
      const opts = { alpha: r.alpha, power: r.power, ratio: r.ratio };
      const d = r.metric === "proportion" ? proportionDesign(r.baseline!, r.mde, opts) : meanDesign(0, r.sd!, r.mde, opts);
      expect(Math.abs(d.effectSize - r.effectSize) / Math.abs(r.effectSize)).toBeLessThan(1e-13);
      expect(Math.abs(zTestPower(d.effectSize, 1000, r.alpha, r.ratio) - r.powerAt1000)).toBeLessThan(1e-13);
      // the root of statsmodels' own power function (brentq to 1e-15), and solve_power's answer, which stops
      // its search earlier (up to 5.6e-9 off the root on these cases)
      expect(Math.abs(d.controlExact - r.controlRoot) / r.controlRoot).toBeLessThan(1e-12);
      expect(Math.abs(d.controlExact - r.controlExact) / r.controlExact).toBeLessThan(1e-8);
      expect(d.control).toBe(Math.ceil(r.controlExact));
      expect(d.treatment).toBe(Math.ceil(r.controlExact * r.ratio));
      expect(d.achievedPower).toBeGreaterThanOrEqual(r.power);
    }
  });
});

describe("design by hand", () => {
  it("Cohen's h: 0.5 -> 0.6 is 2 asin √0.6 - 2 asin √0.5", () => {
    expect(cohensH(0.6, 0.5)).toBeCloseTo(2 * (0.8860771237926136 - Math.PI / 4), 14); // asin √0.6 = 0.886077
  });
  it("the z-test power formula: d = 0.2, 393 per arm", () => {
    // m = 393/2 = 196.5, d √m = 2.80357, z = 1.959964: Φ(0.84361) + Φ(-4.76353) = 0.800556 + 0.0000010
    expect(zTestPower(0.2, 393, 0.05)).toBeCloseTo(0.8005559, 6);
  });
  it("the solved size sits just below the one-tail formula ((z + z_power) / d)² (1 + 1/ratio)", () => {
    const oneTail = ((1.959963984540054 + 0.8416212335729143) / 0.2) ** 2 * 2; // 392.4440
    const n = controlSizeForPower(0.2, 0.05, 0.8);
    expect(n).toBeLessThan(oneTail);
    expect(oneTail - n).toBeLessThan(0.01); // the far tail Φ(-4.76) adds only 1e-6 of power
    expect(zTestPower(0.2, n, 0.05)).toBeCloseTo(0.8, 14);
  });
  it("5% -> 6%: 8,143 per arm by Cohen's h, 7,663 by Evan Miller's formula", () => {
    const d = proportionDesign(0.05, 0.01);
    expect([d.control, d.treatment, d.total]).toEqual([8143, 8143, 16286]);
    // (1.959964 √(2 x 0.05 x 0.95) + 0.841621 √(0.05 x 0.95 + 0.06 x 0.94))² / 0.01² = 7,663.0003
    expect(evanMillerSampleSize(0.05, 0.01)).toBeCloseTo(7663.0003, 3);
  });
  it("a revenue design takes the segment's own variance", () => {
    // values 0, 0, 10, 30: mean 10, sample variance (100 + 100 + 0 + 400) / 3 = 200, sd 14.1421
    const d = meanDesignFromValues([0, 0, 10, 30], 5);
    expect(d.baseline).toBe(10);
    expect(d.sd).toBeCloseTo(Math.sqrt(200), 12);
    expect(d.effectSize).toBeCloseTo(5 / Math.sqrt(200), 12);
    expect(meanDesign(0, 10, 2).control).toBe(393); // d = 0.2: root 392.443 rounded up
  });
  it("the trade-off: halving the MDE about quadruples the customers", () => {
    const points = sampleSizeTradeoff([0.02, 0.01, 0.005], (mde) => proportionDesign(0.05, mde));
    expect(points.map((p) => p.mde)).toEqual([0.02, 0.01, 0.005]);
    expect(points[1].control).toBe(8143);
    expect(points[2].control / points[1].control).toBeGreaterThan(3.5);
    expect(points[2].control / points[1].control).toBeLessThan(4.5);
    expect(points.every((p) => p.total === p.control + p.treatment)).toBe(true);
  });
});

describe("design: bad input, one sentence each", () => {
  it("refuses impossible rates, a zero effect, power below alpha, no variance", () => {
    expect(() => proportionDesign(1.2, 0.01)).toThrow("The baseline rate must be a number between 0 and 1 (exclusive), not 1.2.");
    expect(() => proportionDesign(0.95, 0.1)).toThrow(/must stay between 0 and 1/);
    expect(() => proportionDesign(0.05, 0)).toThrow("The minimum detectable effect must be a non-zero number, not 0.");
    expect(() => proportionDesign(0.05, 0.01, { power: 0.01 })).toThrow(/must be above the significance level/);
    expect(() => meanDesign(3, 0, 1)).toThrow(/standard deviation must be a positive number, not 0/);
    expect(() => meanDesignFromValues([5], 1)).toThrow(/at least two customers, not 1/);
    expect(() => meanDesignFromValues([1, NaN], 1)).toThrow("The customer values must be numbers: value 2 is NaN.");
  });
});

describe("the effect a fixed number of customers detects", () => {
  // test/reference/experiment_mde.json: statsmodels 0.13.5 NormalIndPower.solve_power(nobs1=n1) and the root of its
  // power function (brentq to 1e-15), written by test/reference/experiment_mde.py
  it("the effect size is the root of statsmodels' power function; the MDE the rate Cohen's h reaches", () => {
    for (const r of mdeReference.mde) {
      const d = detectableEffectSize(r.n1, r.alpha, r.power, r.ratio);
      expect(Math.abs(d - r.root) / r.root).toBeLessThan(1e-12);
      expect(Math.abs(d - r.solved) / r.solved).toBeLessThan(1e-5); // solve_power stops its search earlier
      const m = proportionMde(r.baseline, r.n1, { alpha: r.alpha, power: r.power, ratio: r.ratio });
      expect(Math.abs(m.mde! - r.mde)).toBeLessThan(1e-12);
      expect(m.treatment).toBe(r.n1 * r.ratio);
    }
  });
  it("by hand: 393 per arm sits just under the one-tail formula, and reads back as the design", () => {
    // one tail: (1.959964 + 0.841621) / √(393 / 2) = 2.801585 / 14.017846 = 0.199859; the far tail adds 1e-6 of power
    const d = detectableEffectSize(393, 0.05, 0.8);
    expect(Math.abs(d - (1.959963984540054 + 0.8416212335729143) / Math.sqrt(196.5))).toBeLessThan(1e-5);
    expect(zTestPower(d, 393, 0.05)).toBeCloseTo(0.8, 14);
    expect(meanMde(10, 393).mde).toBeCloseTo(10 * d, 14); // d x sd
    // 5% -> 6% needs 8,142.6 per arm (8,143 rounded up): 8,143 detect just under one point
    const m = proportionMde(0.05, 8143);
    expect(m.mde!).toBeLessThan(0.01);
    expect(m.mde!).toBeGreaterThan(0.00999);
    expect(proportionDesign(0.05, m.mde!).controlExact).toBeCloseTo(8143, 6);
  });
  it("no rise up to 100% is detectable from a rate near 1 with few customers", () => {
    // 10 per arm: h = 2.8016 / √5 = 1.253; asin √0.9 = 1.249 + 0.627 > π/2
    expect(proportionMde(0.9, 10).mde).toBeNull();
    expect(() => detectableEffectSize(0, 0.05, 0.8)).toThrow("An arm needs a positive number of customers, not 0.");
  });
});
