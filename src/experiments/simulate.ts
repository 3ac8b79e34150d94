/**
 * A seeded simulator of a campaign with a known lift, for the honesty checks of the analysis
 * (do 95% intervals cover the planted lift 95% of the time? are A/A p-values uniform?).
 *
 * Model, per customer k (all draws from one seeded mulberry32 generator, src/util/random, its seed mixed
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
import { normal, seededRng } from "../util/index";
import { analyzeData, type ExperimentResult } from "./analyze";
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

/**
 * The analysis of one simulated campaign, as the honesty checks run it: conversion and revenue
 * against the first arm (the control), CUPED on preRevenue, the bootstrap off unless asked.
 */
export function analyzeCampaign(spec: CampaignSpec, bootstrap: false | { resamples: number; seed: number } = false): ExperimentResult {
  const d = simulateCampaignData(spec);
  return analyzeData(
    {
      labels: d.arm,
      metrics: [
        { spec: { column: "conversion" }, values: d.conversion },
        { spec: { column: "revenue" }, values: d.revenue },
      ],
      covariate: { column: "preRevenue", values: d.preRevenue },
    },
    { armColumn: "arm", control: spec.arms[0].arm, metrics: [], shares: spec.arms, bootstrap },
  );
}

/** How often one kind of 95% interval covered its planted difference over the replications. */
export interface CoverageRow {
  arm: string;
  metric: string;
  /** "Wald" (conversion), "Welch" (revenue), or "CUPED" (Welch on the adjusted revenue) */
  interval: string;
  /** the planted difference with the control */
  planted: number;
  replications: number;
  covered: number;
  /** covered / replications */
  coverage: number;
}

/**
 * The honesty check of the intervals: `replications` campaigns of `spec` with seeds firstSeed,
 * firstSeed + 1, ... (mixed by campaignSeed), each analysed by analyzeCampaign; per treatment
 * arm, metric and interval, the number of 95% intervals holding the planted difference
 * (campaignTruth). An exact method covers 95% up to binomial noise, sd √(0.95 x 0.05 / R).
 * Example: 3 replications where the Wald interval held the truth twice: covered 2, coverage 0.667.
 */
export function intervalCoverage(spec: CampaignSpec, replications: number, firstSeed = 0): CoverageRow[] {
  if (!(Number.isInteger(replications) && replications >= 1)) throw new UserError(`The replications must be a whole number above 0, not ${replications}.`);
  const truth = campaignTruth(spec);
  const control = spec.arms[0].arm;
  const rows = new Map<string, CoverageRow>();
  const count = (arm: string, metric: string, interval: string, planted: number, ci: [number, number]) => {
    const key = `${arm}\0${metric}\0${interval}`;
    const row = rows.get(key) ?? { arm, metric, interval, planted, replications, covered: 0, coverage: 0 };
    if (ci[0] <= planted && planted <= ci[1]) row.covered++;
    rows.set(key, row);
  };
  for (let r = 0; r < replications; r++) {
    for (const c of analyzeCampaign({ ...spec, seed: firstSeed + r }).comparisons) {
      const planted = c.metric === "conversion" ? truth.conversion[c.arm] - truth.conversion[control] : truth.revenue[c.arm] - truth.revenue[control];
      count(c.arm, c.metric, c.kind === "proportion" ? "Wald" : "Welch", planted, c.ci95);
      if (c.metric === "revenue" && c.cuped) count(c.arm, c.metric, "CUPED", planted, c.cuped.ci95);
    }
  }
  return [...rows.values()].map((row) => ({ ...row, coverage: row.covered / replications }));
}

/** The p-values of one comparison over replications. */
export interface ReplicatedPValues {
  arm: string;
  metric: string;
  /** "pooled z" (conversion), "Welch" (revenue), "CUPED" (Welch on the adjusted revenue) */
  test: string;
  p: number[];
}

/**
 * The p-values of every comparison over `replications` campaigns of `spec` (seeds firstSeed...),
 * for the A/A check: with no lift planted they should be uniform on [0, 1] (about 5% below 0.05).
 */
export function replicatedPValues(spec: CampaignSpec, replications: number, firstSeed = 0): ReplicatedPValues[] {
  if (!(Number.isInteger(replications) && replications >= 1)) throw new UserError(`The replications must be a whole number above 0, not ${replications}.`);
  const rows = new Map<string, ReplicatedPValues>();
  const add = (arm: string, metric: string, test: string, p: number) => {
    const key = `${arm}\0${metric}\0${test}`;
    const row = rows.get(key) ?? { arm, metric, test, p: [] };
    row.p.push(p);
    rows.set(key, row);
  };
  for (let r = 0; r < replications; r++) {
    for (const c of analyzeCampaign({ ...spec, seed: firstSeed + r }).comparisons) {
      add(c.arm, c.metric, c.kind === "proportion" ? "pooled z" : "Welch", c.p);
      if (c.metric === "revenue" && c.cuped) add(c.arm, c.metric, "CUPED", c.cuped.p);
    }
  }
  return [...rows.values()];
}

/**
 * The Kolmogorov-Smirnov distance of values in [0, 1] from the uniform distribution:
 * max over the sorted values x_(i) (i from 1) of max(i/n - x_(i), x_(i) - (i-1)/n).
 * Example: [0.1, 0.6]: max(0.5 - 0.1, 0.1 - 0, 1 - 0.6, 0.6 - 0.5) = 0.4.
 */
export function uniformKsDistance(values: ArrayLike<number>): number {
  const x = Float64Array.from(values).sort();
  const n = x.length;
  let d = 0;
  for (let i = 0; i < n; i++) d = Math.max(d, (i + 1) / n - x[i], x[i] - i / n);
  return d;
}

/**
 * Kolmogorov's limit: P(√n D > 1.628) = 1% for n continuous uniform values, so D < 1.628 / √n
 * at the 1% level (the A/A check's bound; the upper 1% point of the Kolmogorov distribution, 1.62762).
 */
export const KS_LIMIT_1PCT = 1.628;
