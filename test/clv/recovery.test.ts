// The planted-behaviour check of notebook 07, with the notebook's options: customers drawn with
// the published CDNOW parameters as the truth (src/clv/simulate.ts), both fits recovering them
// within their standard errors, and the planted churners (dropped out before their calibration
// end) ranked high by 1 - P(alive).
import { describe, expect, it } from "vitest";
import { plantedRecovery, simulateCustomers, type SimulationOptions } from "../../src/clv/index";

// notebooks/07-customer-value-and-churn.ipynb, section "Planted behaviour": the same options
const OPTIONS: SimulationOptions = {
  customers: 20_000,
  bgnbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, v: 15.44 },
  minT: 26,
  maxT: 39,
  holdout: 39,
  seed: 7,
};
const result = plantedRecovery(OPTIONS);

describe("planted behaviour (notebook 07's simulation)", () => {
  it("both fits converge and every estimate is within 3 standard errors of what was planted", () => {
    expect(result.bgnbd.converged).toBe(true);
    expect(result.gammaGamma.converged).toBe(true);
    expect(result.parameters.map((p) => p.parameter)).toEqual(["r", "alpha", "a", "b", "p", "q", "v"]);
    for (const p of result.parameters) {
      expect(p.z).not.toBeNull();
      // z recomputed by hand from the row
      expect(p.z).toBeCloseTo((p.estimate - p.planted) / p.standardError!, 12);
      expect(Math.abs(p.z!)).toBeLessThan(3);
    }
    expect(result.maxAbsZ).toBe(Math.max(...result.parameters.map((p) => Math.abs(p.z!))));
  });
  it("counts the planted churners from the simulation's hidden state", () => {
    const sim = simulateCustomers(OPTIONS);
    expect(result.customers).toBe(20_000);
    expect(result.churners).toBe(sim.aliveAtT.reduce((s, v) => s + (1 - v), 0));
    expect(result.repeaters).toBe(sim.frequency.reduce((s, x) => s + (x > 0 ? 1 : 0), 0));
    // only customers with a repeat purchase can have dropped out (a dropout follows a purchase)
    for (let i = 0; i < sim.frequency.length; i++) if (sim.frequency[i] === 0) expect(sim.aliveAtT[i]).toBe(1);
  });
  it("ranks the planted churners high: AUC of 1 - P(alive) well above chance", () => {
    expect(result.churnerAuc).toBeGreaterThan(0.8); // chance is 0.5
  });
  it("predicts the holdout purchases in total within 3%", () => {
    expect(result.holdoutActual).toBeGreaterThan(0);
    expect(Math.abs(result.holdoutPredicted / result.holdoutActual - 1)).toBeLessThan(0.03);
  });
});
