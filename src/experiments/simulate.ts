/**
 * A seeded simulator of a campaign with a known lift, for the honesty checks of the analysis
 * (do 95% intervals cover the planted lift 95% of the time? are A/A p-values uniform?).
 *
 * Model, per customer k (all draws from one seeded mulberry32 generator, src/random):
 * - arm: drawn with the arms' shares (a random split, so arm sizes vary as in a real one);
 * - habit m_k = 0.5 + U(0, 1) (mean 1) and basket value v_k = exp(μ + σ Z) (lognormal);
 * - experiment: conversion ~ Bernoulli(baseline m_k + lift[arm]), revenue = conversion x v_k;
 * - pre-period (before any treatment): preConversion ~ Bernoulli(baseline m_k), preRevenue =
 *   preConversion x v_k, which shares m_k and v_k with the experiment: a CUPED covariate.
 * Planted truth (exact, as m_k and v_k are independent): conversion rate baseline + lift[arm];
 * revenue per customer (baseline + lift[arm]) e^(μ + σ²/2); differences against the control
 * lift[arm] and lift[arm] e^(μ + σ²/2).
 */
import pl, { type DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { normal, seededRng } from "../random";
import { checkArmShares, type ArmShare } from "./assign";

/** What to simulate. */
export interface CampaignSpec {
  customers: number;
  arms: ArmShare[];
  /** the control's conversion rate (mean over customers) */
  baseline: number;
  /** absolute conversion lift per arm (arms left out: 0, as the control) */
  lift: Record<string, number>;
  /** the lognormal basket value: ln v ~ N(meanLog, sdLog²) */
  basket: { meanLog: number; sdLog: number };
  seed: number;
}

/** The planted truth of each arm. */
export interface CampaignTruth {
  conversion: Record<string, number>;
  revenue: Record<string, number>;
}

/** The planted conversion rate and revenue per customer of every arm (see the module comment). */
export function campaignTruth(spec: CampaignSpec): CampaignTruth {
  const basketMean = Math.exp(spec.basket.meanLog + spec.basket.sdLog ** 2 / 2);
  const conversion: Record<string, number> = {};
  const revenue: Record<string, number> = {};
  for (const { arm } of spec.arms) {
    conversion[arm] = spec.baseline + (spec.lift[arm] ?? 0);
    revenue[arm] = conversion[arm] * basketMean;
  }
  return { conversion, revenue };
}

function checkSpec(spec: CampaignSpec): void {
  checkArmShares(spec.arms);
  if (!(Number.isInteger(spec.customers) && spec.customers >= 2)) throw new UserError(`A simulated campaign needs a whole number of customers, at least 2, not ${spec.customers}.`);
  for (const { arm } of spec.arms) {
    const lift = spec.lift[arm] ?? 0;
    // rates run from 0.5 baseline + lift to 1.5 baseline + lift: all must be probabilities
    if (!(0.5 * spec.baseline + lift >= 0 && 1.5 * spec.baseline + lift <= 1)) {
      throw new UserError(`Arm "${arm}": the baseline ${spec.baseline} and lift ${lift} give customer rates outside 0..1 (they span 0.5 to 1.5 times the baseline, plus the lift).`);
    }
  }
  for (const arm of Object.keys(spec.lift)) {
    if (!spec.arms.some((a) => a.arm === arm)) throw new UserError(`The lift names an arm "${arm}" that is not among the arms.`);
  }
}

/**
 * One simulated campaign: customerId (S000001...), arm, conversion, revenue, preConversion,
 * preRevenue. Same spec and seed, same table.
 */
export function simulateCampaign(spec: CampaignSpec): DataFrame {
  checkSpec(spec);
  const rng = seededRng(spec.seed);
  const n = spec.customers;
  const arm: string[] = new Array(n);
  const conversion = new Float64Array(n);
  const revenue = new Float64Array(n);
  const preConversion = new Float64Array(n);
  const preRevenue = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const u = rng();
    let cumulative = 0;
    let j = 0;
    while (j < spec.arms.length - 1 && u >= (cumulative += spec.arms[j].share)) j++;
    arm[k] = spec.arms[j].arm;
    const habit = 0.5 + rng();
    const basket = Math.exp(spec.basket.meanLog + spec.basket.sdLog * normal(rng));
    conversion[k] = rng() < spec.baseline * habit + (spec.lift[arm[k]] ?? 0) ? 1 : 0;
    revenue[k] = conversion[k] * basket;
    preConversion[k] = rng() < spec.baseline * habit ? 1 : 0;
    preRevenue[k] = preConversion[k] * basket;
  }
  return pl.DataFrame({
    customerId: Array.from({ length: n }, (_, k) => `S${String(k + 1).padStart(6, "0")}`),
    arm,
    conversion: Array.from(conversion),
    revenue: Array.from(revenue),
    preConversion: Array.from(preConversion),
    preRevenue: Array.from(preRevenue),
  });
}
