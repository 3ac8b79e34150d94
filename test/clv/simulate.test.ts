// The fits recover parameters planted in customers drawn from the BG/NBD and Gamma-Gamma
// processes (src/clv/simulate.ts), within 3 standard errors each; and P(alive) ranks the
// customers who are in truth still alive above those who dropped out.
import { describe, expect, it } from "vitest";
import { bgnbdPredict, fitBgNbd, fitGammaGamma, repeatSpendData, simulateCustomers, type BgNbdParams, type GammaGammaParams } from "../../src/clv/index";
import { rocAuc } from "../../src/stats/index";

const bgnbd: BgNbdParams = { r: 0.25, alpha: 4, a: 0.8, b: 2.5 };
const gammaGamma: GammaGammaParams = { p: 6, q: 4, v: 15 };
const simulated = simulateCustomers({ customers: 20_000, bgnbd, gammaGamma, minT: 26, maxT: 39, holdout: 39, seed: 2024 });

describe("simulated customers", () => {
  it("are the same for the same seed, and differ for another", () => {
    const a = simulateCustomers({ customers: 200, bgnbd, gammaGamma, minT: 26, maxT: 39, seed: 7 });
    const b = simulateCustomers({ customers: 200, bgnbd, gammaGamma, minT: 26, maxT: 39, seed: 7 });
    const c = simulateCustomers({ customers: 200, bgnbd, gammaGamma, minT: 26, maxT: 39, seed: 8 });
    expect(Array.from(b.recency)).toEqual(Array.from(a.recency));
    expect(Array.from(b.monetary)).toEqual(Array.from(a.monetary));
    expect(Array.from(c.recency)).not.toEqual(Array.from(a.recency));
  });
  it("respect the summary's rules: 0 <= t_x <= T, t_x = 0 without repeat purchases", () => {
    let broken = 0;
    for (let i = 0; i < simulated.T.length; i++) {
      if (!(simulated.recency[i] <= simulated.T[i]) || (simulated.frequency[i] === 0 && simulated.recency[i] !== 0)) broken++;
    }
    expect(broken).toBe(0);
  });
});

describe("recovery of the planted parameters", () => {
  it("BG/NBD: every estimate within 3 standard errors of the truth", () => {
    const fit = fitBgNbd(simulated);
    expect(fit.converged).toBe(true);
    for (const k of ["r", "alpha", "a", "b"] as const) {
      expect(Math.abs(fit.params[k] - bgnbd[k])).toBeLessThan(3 * fit.standardErrors![k]);
    }
  });
  it("Gamma-Gamma: every estimate within 3 standard errors of the truth", () => {
    const fit = fitGammaGamma(repeatSpendData(simulated.frequency, simulated.monetary));
    expect(fit.converged).toBe(true);
    for (const k of ["p", "q", "v"] as const) {
      expect(Math.abs(fit.params[k] - gammaGamma[k])).toBeLessThan(3 * fit.standardErrors![k]);
    }
  });
  it("P(alive) from the fit ranks the customers truly alive at T above those who dropped out", () => {
    const fit = fitBgNbd(simulated);
    const { pAlive, expectedPurchases } = bgnbdPredict(fit.params, simulated, 39);
    const repeat = Array.from(simulated.frequency.keys()).filter((i) => simulated.frequency[i] > 0);
    // among repeat customers (P(alive) is 1 for the others): AUC of P(alive) for the truly alive
    const auc = rocAuc(repeat.map((i) => pAlive[i]), repeat.map((i) => simulated.aliveAtT[i]));
    expect(auc).toBeGreaterThan(0.7); // 0.775 with this seed; chance is 0.5
    // and the holdout purchases it predicts are, in total, those that happened within 3%
    const predicted = expectedPurchases.reduce((s, v) => s + v, 0);
    const actual = simulated.holdoutPurchases.reduce((s, v) => s + v, 0);
    expect(Math.abs(predicted / actual - 1)).toBeLessThan(0.03);
  });
});
