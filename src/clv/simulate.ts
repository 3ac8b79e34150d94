/**
 * Customers drawn from the BG/NBD and Gamma-Gamma processes with known parameters, seeded, to
 * check that the fits recover what was planted.
 *
 * Each customer: λ ~ Gamma(r, α) (rate α), p ~ Beta(a, b), ν ~ Gamma(q, γ); a first purchase at
 * time 0, then purchases at exponential(λ) intervals, and after each repeat purchase the customer
 * drops out with probability p. Observed up to T (drawn uniformly in [minT, maxT], first
 * purchases spread over a window as in the CDNOW cohort) and in a holdout (T, T + holdout].
 * Transaction values are Gamma(p_gg, ν): the mean of x of them is drawn as Gamma(p_gg x, ν x),
 * the sum of k as Gamma(p_gg k, ν).
 *
 * Example: r = 0.25, α = 4 (mean rate 1/16 a week), a = 0.8, b = 2.4 (mean dropout 0.25).
 */
import { seededRng } from "../util/index";
import { betaVariate, exponentialVariate, gammaVariate } from "../stats/index";
import type { BgNbdParams } from "./bgnbd";
import type { RepeatData } from "./data";
import type { GammaGammaParams } from "./gamma-gamma";

/** What to simulate. */
export interface SimulationOptions {
  customers: number;
  bgnbd: BgNbdParams;
  gammaGamma: GammaGammaParams;
  /** calibration length of each customer is uniform in [minT, maxT] */
  minT: number;
  maxT: number;
  /** length of the holdout period after each customer's T; default 0 */
  holdout?: number;
  seed: number;
}

/** Simulated customers: the summary the fits read, what happened next, and the hidden state. */
export interface SimulatedCustomers extends RepeatData {
  /** mean value of the repeat transactions (0 when x = 0) */
  monetary: Float64Array;
  holdoutPurchases: Float64Array;
  holdoutSpend: Float64Array;
  /** 1 when the customer is still alive at T */
  aliveAtT: Uint8Array;
}

/** Draws customers from the processes (see the file comment); same options, same numbers. */
export function simulateCustomers(options: SimulationOptions): SimulatedCustomers {
  const { customers: n, bgnbd, gammaGamma, minT, maxT, seed } = options;
  const holdout = options.holdout ?? 0;
  if (!(Number.isInteger(n) && n > 0)) throw new RangeError(`customers must be a positive whole number, not ${n}`);
  if (!(minT > 0 && maxT >= minT && holdout >= 0)) throw new RangeError(`need 0 < minT <= maxT and holdout >= 0, not ${minT}, ${maxT}, ${holdout}`);
  const rng = seededRng(seed);
  const out: SimulatedCustomers = {
    frequency: new Float64Array(n),
    recency: new Float64Array(n),
    T: new Float64Array(n),
    monetary: new Float64Array(n),
    holdoutPurchases: new Float64Array(n),
    holdoutSpend: new Float64Array(n),
    aliveAtT: new Uint8Array(n),
  };
  for (let i = 0; i < n; i++) {
    const T = minT + (maxT - minT) * rng();
    const lambda = gammaVariate(rng, bgnbd.r, bgnbd.alpha);
    const dropout = betaVariate(rng, bgnbd.a, bgnbd.b);
    // a rate that underflows to 0 (shape r << 1) means no purchase ever; ν is kept positive the same way
    const wait = () => (lambda > 0 ? exponentialVariate(rng, lambda) : Infinity);
    const nu = Math.max(gammaVariate(rng, gammaGamma.q, gammaGamma.v), 1e-300);
    let alive = true;
    let x = 0;
    let last = 0;
    let t = wait();
    while (alive && t <= T) {
      x++;
      last = t;
      if (rng() < dropout) alive = false;
      t += wait();
    }
    out.aliveAtT[i] = alive ? 1 : 0;
    let k = 0;
    while (alive && t <= T + holdout) {
      k++;
      if (rng() < dropout) alive = false;
      t += wait();
    }
    out.frequency[i] = x;
    out.recency[i] = last;
    out.T[i] = T;
    out.monetary[i] = x > 0 ? gammaVariate(rng, gammaGamma.p * x, nu * x) : 0;
    out.holdoutPurchases[i] = k;
    out.holdoutSpend[i] = k > 0 ? gammaVariate(rng, gammaGamma.p * k, nu) : 0;
  }
  return out;
}
