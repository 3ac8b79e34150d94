/**
 * A seeded simulator of a campaign with a known lift, for the honesty checks of the analysis
 * (do 95% intervals cover the planted lift 95% of the time? are A/A p-values uniform?).
 *
 * Model, per customer k (all draws from one seeded mulberry32 generator, src/random, its seed mixed
 * by campaignSeed):
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
import { checkArmShares, hashUnit, type ArmShare } from "./assign";

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
 * The generator's seed for a campaign seed: SHA-256-mixed (hashUnit), so consecutive seeds give
 * independent campaigns. mulberry32 streams of consecutive seeds are not independent enough for
 * replication studies: over 8 sets of 1,000 replications with seeds r, r + 1, ... the coverage varied
 * 1.6 times more than binomial noise allows; with mixed seeds it varied as binomial noise does.
 */
export function campaignSeed(seed: number): number {
  return Math.floor(hashUnit("campaign", String(seed)) * 2 ** 32);
}

/** One simulated campaign as plain arrays, one entry per customer (customer k is the k-th). */
export interface CampaignData {
  arm: string[];
  conversion: Float64Array;
  revenue: Float64Array;
  preConversion: Float64Array;
  preRevenue: Float64Array;
}

/** One simulated campaign as arrays (see the module comment). Same spec and seed, same numbers. */
export function simulateCampaignData(spec: CampaignSpec): CampaignData {
  checkSpec(spec);
  const rng = seededRng(campaignSeed(spec.seed));
  const n = spec.customers;
  const bounds = spec.arms.map((_, j) => spec.arms.slice(0, j + 1).reduce((t, a) => t + a.share, 0));
  const lifts = spec.arms.map((a) => spec.lift[a.arm] ?? 0);
  const data: CampaignData = {
    arm: new Array(n),
    conversion: new Float64Array(n),
    revenue: new Float64Array(n),
    preConversion: new Float64Array(n),
    preRevenue: new Float64Array(n),
  };
  const last = spec.arms.length - 1;
  for (let k = 0; k < n; k++) {
    const u = rng();
    let j = 0;
    while (j < last && u >= bounds[j]) j++;
    data.arm[k] = spec.arms[j].arm;
    const habit = 0.5 + rng();
    const basket = Math.exp(spec.basket.meanLog + spec.basket.sdLog * normal(rng));
    data.conversion[k] = rng() < spec.baseline * habit + lifts[j] ? 1 : 0;
    data.revenue[k] = data.conversion[k] * basket;
    data.preConversion[k] = rng() < spec.baseline * habit ? 1 : 0;
    data.preRevenue[k] = data.preConversion[k] * basket;
  }
  return data;
}

/**
 * One simulated campaign as a table: customerId (S000001...), arm, conversion, revenue,
 * preConversion, preRevenue, ready for analyzeExperiment.
 */
export function simulateCampaign(spec: CampaignSpec): DataFrame {
  const d = simulateCampaignData(spec);
  return pl.DataFrame({
    customerId: Array.from({ length: spec.customers }, (_, k) => `S${String(k + 1).padStart(6, "0")}`),
    arm: d.arm,
    conversion: pl.Series("conversion", d.conversion),
    revenue: pl.Series("revenue", d.revenue),
    preConversion: pl.Series("preConversion", d.preConversion),
    preRevenue: pl.Series("preRevenue", d.preRevenue),
  });
}
