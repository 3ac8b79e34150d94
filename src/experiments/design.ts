/**
 * Experiment design: how many customers each arm needs to detect a minimum effect, exactly as
 * statsmodels' `NormalIndPower` computes it (two-sided z-test power, solved for the sample size):
 *
 *   power(n1) = Φ(d √m - z) + Φ(-d √m - z),   m = 1 / (1/n1 + 1/n2),  n2 = ratio n1,  z = Φ⁻¹(1 - α/2)
 *
 * with the effect size d = Cohen's h = 2 asin √p1 - 2 asin √p0 for a conversion rate
 * (statsmodels' `proportion_effectsize`) and d = MDE / σ for a mean (σ: the sample standard
 * deviation of the segment's own customers). The root n1 is found to machine precision; the
 * customers needed are the n1 and n2 rounded up.
 *
 * Evan Miller's calculator gives fewer customers for conversion: its published formula
 * n = (z √(2 p0 (1 - p0)) + z_power √(p0 (1 - p0) + p1 (1 - p1)))² / δ² takes the variance
 * under "no effect" at the baseline alone and leaves out the far tail, where Cohen's h uses the
 * arcsine transform whose variance is 1/n whatever the rate. For 5% -> 6% at α 0.05 and 80%
 * power: 7,663 per arm by Miller, 8,143 by Cohen's h (`evanMillerSampleSize` gives his figure).
 * For revenue the z-test ignores that σ is estimated; a t-test design (TTestIndPower) would add
 * about one customer per arm at these sizes.
 */
import { UserError } from "../errors";
import { normalCdf, normalQuantile } from "../stats/index";
import { summarize } from "./compare";

/** What every design needs besides the effect: significance level, power, arm size ratio. */
export interface DesignOptions {
  /** two-sided significance level, 0.05 by default */
  alpha?: number;
  /** probability of detecting the MDE, 0.8 by default */
  power?: number;
  /** treatment arm size / control arm size (statsmodels' `ratio`), 1 by default */
  ratio?: number;
}

/** A sample-size design, for one treatment arm against the control. */
export interface Design {
  metric: "proportion" | "mean";
  /** the control's expected rate or mean */
  baseline: number;
  /** the minimum detectable effect, absolute (in points of rate, or in the metric's units) */
  mde: number;
  /** the standard deviation used (mean designs only) */
  sd: number | null;
  alpha: number;
  power: number;
  ratio: number;
  /** Cohen's h or d = mde / sd */
  effectSize: number;
  /** the exact root n1 of power(n1) = power (what statsmodels' solve_power returns) */
  controlExact: number;
  /** customers in the control arm: controlExact rounded up */
  control: number;
  /** customers in the treatment arm: ratio x controlExact rounded up */
  treatment: number;
  total: number;
  /** the power the rounded-up arms actually have */
  achievedPower: number;
}

function checkProbability(x: number, name: string): void {
  if (!(x > 0 && x < 1)) throw new UserError(`The ${name} must be a number between 0 and 1 (exclusive), not ${x}.`);
}

function checkSd(sd: number): void {
  if (!(sd > 0 && Number.isFinite(sd))) throw new UserError(`The standard deviation must be a positive number, not ${sd}: a metric with no variance needs no experiment.`);
}

function designOptions(options: DesignOptions): Required<DesignOptions> {
  const { alpha = 0.05, power = 0.8, ratio = 1 } = options;
  checkProbability(alpha, "significance level (alpha)");
  checkProbability(power, "power");
  if (!(power > alpha)) throw new UserError(`The power (${power}) must be above the significance level (${alpha}): no sample size gives less.`);
  if (!(ratio > 0 && Number.isFinite(ratio))) throw new UserError(`The arm size ratio must be a positive number, not ${ratio}.`);
  return { alpha, power, ratio };
}

/**
 * Cohen's h, the effect size of a change from rate p0 to p1: 2 asin √p1 - 2 asin √p0
 * (statsmodels' `proportion_effectsize(p1, p0)`). Example: 0.5 -> 0.6: 2 (0.886077 - 0.785398) = 0.201358.
 */
export function cohensH(p1: number, p0: number): number {
  return 2 * Math.asin(Math.sqrt(p1)) - 2 * Math.asin(Math.sqrt(p0));
}

/**
 * The power of the two-sided z-test at effect size d with n1 customers in the control and
 * ratio x n1 in the treatment (statsmodels' `NormalIndPower().power`):
 * Φ(d √m - z) + Φ(-d √m - z), m = n1 n2 / (n1 + n2), z = Φ⁻¹(1 - α/2).
 * Example: d = 0.2, n1 = n2 = 393, α = 0.05: m = 196.5, d √m = 2.8036, power = Φ(0.8436) + Φ(-4.76) = 0.8006.
 */
export function zTestPower(effectSize: number, n1: number, alpha: number, ratio = 1): number {
  const m = 1 / (1 / n1 + 1 / (n1 * ratio));
  const z = normalQuantile(1 - alpha / 2);
  const shift = Math.abs(effectSize) * Math.sqrt(m);
  return normalCdf(shift - z) + normalCdf(-shift - z);
}

/**
 * The control arm size n1 (not rounded) at which the z-test reaches `power`: the root of
 * zTestPower(d, n1) = power, found by bisection between half and all of the one-tail
 * approximation ((z_(1-α/2) + z_power) / d)² (1 + 1/ratio), which the far tail only lowers.
 * Example: d = 0.2, α = 0.05, power 0.8: (1.959964 + 0.841621)² / 0.04 x 2 = 392.4440; the root is 392.4430.
 */
export function controlSizeForPower(effectSize: number, alpha: number, power: number, ratio = 1): number {
  const d = Math.abs(effectSize);
  if (!(d > 0 && Number.isFinite(d))) throw new UserError(`The effect to detect must be a non-zero number, not ${effectSize}.`);
  const oneTail = ((normalQuantile(1 - alpha / 2) + normalQuantile(power)) / d) ** 2 * (1 + 1 / ratio);
  let lo = oneTail / 2;
  let hi = oneTail;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (zTestPower(d, mid, alpha, ratio) < power) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** A design from an effect size: the exact root, the rounded-up arms and the power they have. */
function designFor(
  base: Pick<Design, "metric" | "baseline" | "mde" | "sd" | "effectSize">,
  options: Required<DesignOptions>,
): Design {
  const controlExact = controlSizeForPower(base.effectSize, options.alpha, options.power, options.ratio);
  const control = Math.ceil(controlExact);
  const treatment = Math.ceil(controlExact * options.ratio);
  const m = 1 / (1 / control + 1 / treatment);
  const z = normalQuantile(1 - options.alpha / 2);
  const shift = Math.abs(base.effectSize) * Math.sqrt(m);
  const achievedPower = normalCdf(shift - z) + normalCdf(-shift - z);
  return { ...base, ...options, controlExact, control, treatment, total: control + treatment, achievedPower };
}

/**
 * Customers needed to detect a change of a conversion rate from `baseline` to baseline + mde
 * (mde absolute: 0.01 is one point), by Cohen's h and the z-test power.
 * Example: baseline 0.05, mde 0.01, α 0.05, power 0.8: h = 0.043907, control 8,143, treatment 8,143.
 */
export function proportionDesign(baseline: number, mde: number, options: DesignOptions = {}): Design {
  checkProbability(baseline, "baseline rate");
  if (!(mde !== 0 && Number.isFinite(mde))) throw new UserError(`The minimum detectable effect must be a non-zero number, not ${mde}.`);
  if (!(baseline + mde > 0 && baseline + mde < 1)) {
    throw new UserError(`The baseline rate plus the minimum detectable effect must stay between 0 and 1 (${baseline} + ${mde} = ${baseline + mde}).`);
  }
  const effectSize = cohensH(baseline + mde, baseline);
  return designFor({ metric: "proportion", baseline, mde, sd: null, effectSize }, designOptions(options));
}

/**
 * Customers needed to detect a change `mde` of a mean whose customers have standard deviation
 * `sd`: d = mde / sd in the z-test power. Example: sd 10, mde 2 (d = 0.2): control 393, treatment 393.
 */
export function meanDesign(baseline: number, sd: number, mde: number, options: DesignOptions = {}): Design {
  if (!Number.isFinite(baseline)) throw new UserError(`The baseline mean must be a number, not ${baseline}.`);
  checkSd(sd);
  if (!(mde !== 0 && Number.isFinite(mde))) throw new UserError(`The minimum detectable effect must be a non-zero number, not ${mde}.`);
  return designFor({ metric: "mean", baseline, mde, sd, effectSize: mde / sd }, designOptions(options));
}

/**
 * A revenue design from the segment's own customers: their mean is the baseline and their
 * sample standard deviation the σ (for example each customer's revenue over a past window of
 * the campaign's length). Example: values [0, 0, 10, 30], mde 5: mean 10, sd 14.142, d = 0.354.
 */
export function meanDesignFromValues(values: ArrayLike<number>, mde: number, options: DesignOptions = {}): Design {
  if (values.length < 2) throw new UserError(`A revenue design needs the values of at least two customers, not ${values.length}.`);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i])) throw new UserError(`The customer values must be numbers: value ${i + 1} is ${values[i]}.`);
  }
  const { mean, variance } = summarize(values);
  return meanDesign(mean, Math.sqrt(variance), mde, options);
}

/**
 * Evan Miller's sample size per arm (his calculator's formula, for comparison only):
 * (z_(1-α/2) √(2 p0 (1 - p0)) + z_power √(p0 (1 - p0) + p1 (1 - p1)))² / δ², p1 = p0 + δ.
 * Example: 0.05 -> 0.06, α 0.05, power 0.8: (1.959964 x 0.308221 + 0.841621 x 0.322335)² / 0.0001 = 7,663.0.
 */
export function evanMillerSampleSize(baseline: number, mde: number, alpha = 0.05, power = 0.8): number {
  const p1 = baseline + mde;
  const sdNull = Math.sqrt(2 * baseline * (1 - baseline));
  const sdAlt = Math.sqrt(baseline * (1 - baseline) + p1 * (1 - p1));
  return (normalQuantile(1 - alpha / 2) * sdNull + normalQuantile(power) * sdAlt) ** 2 / (mde * mde);
}

/** One point of the trade-off chart: the MDE and the customers it needs. */
export interface TradeoffPoint {
  mde: number;
  control: number;
  treatment: number;
  total: number;
}

/**
 * The trade-off between the effect one can detect and the customers it takes: a design per MDE
 * (smaller effects need quadratically more customers: halving the MDE about quadruples n).
 * `design` makes one design from an MDE, e.g. `(mde) => proportionDesign(0.05, mde)`.
 */
export function sampleSizeTradeoff(mdes: number[], design: (mde: number) => Design): TradeoffPoint[] {
  return mdes.map((mde) => {
    const d = design(mde);
    return { mde, control: d.control, treatment: d.treatment, total: d.total };
  });
}

/**
 * The smallest effect size |d| the z-test detects with `power` when the control has n1
 * customers and the treatment ratio x n1: the root of zTestPower(d, n1) = power, by bisection
 * between 0 and twice the one-tail approximation (z_(1-α/2) + z_power) / √m, m = n1 n2 / (n1 + n2)
 * (statsmodels' `NormalIndPower().solve_power(nobs1=n1, ...)` for the effect size).
 * Example: 393 per arm, α 0.05, power 0.8: (1.959964 + 0.841621) / √196.5 = 0.1998585; the root is 0.1998582.
 */
export function detectableEffectSize(n1: number, alpha: number, power: number, ratio = 1): number {
  if (!(n1 > 0 && Number.isFinite(n1))) throw new UserError(`An arm needs a positive number of customers, not ${n1}.`);
  const m = 1 / (1 / n1 + 1 / (n1 * ratio));
  let lo = 0;
  let hi = (2 * (normalQuantile(1 - alpha / 2) + normalQuantile(power))) / Math.sqrt(m);
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (zTestPower(mid, n1, alpha, ratio) < power) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The MDE a fixed number of customers can detect: absolute, and the effect size it is. */
export interface DetectableEffect {
  /** the control arm's customers */
  control: number;
  /** the treatment arm's customers (ratio x control) */
  treatment: number;
  effectSize: number;
  /** the smallest absolute rise detectable (points of rate, or the metric's units); null when no rate up to 1 is */
  mde: number | null;
}

/**
 * The smallest rise of a conversion rate from `baseline` that `control` customers (and ratio x
 * that in the treatment) detect: Cohen's h from detectableEffectSize, turned back into a rate,
 * p1 = sin²(asin √p0 + h / 2), mde = p1 - p0 (null when h would take p1 past 1).
 * Example: baseline 0.05, 8,143 per arm: h 0.043907, mde 0.0100 (the design of proportionDesign(0.05, 0.01) read backwards).
 */
export function proportionMde(baseline: number, control: number, options: DesignOptions = {}): DetectableEffect {
  checkProbability(baseline, "baseline rate");
  const o = designOptions(options);
  const h = detectableEffectSize(control, o.alpha, o.power, o.ratio);
  const angle = Math.asin(Math.sqrt(baseline)) + h / 2;
  const mde = angle <= Math.PI / 2 ? Math.sin(angle) ** 2 - baseline : null;
  return { control, treatment: control * o.ratio, effectSize: h, mde };
}

/**
 * The smallest change of a mean with standard deviation `sd` that `control` customers (and
 * ratio x that in the treatment) detect: d x sd. Example: sd 10, 393 per arm: d 0.19986, mde 1.9986.
 */
export function meanMde(sd: number, control: number, options: DesignOptions = {}): DetectableEffect {
  checkSd(sd);
  const o = designOptions(options);
  const d = detectableEffectSize(control, o.alpha, o.power, o.ratio);
  return { control, treatment: control * o.ratio, effectSize: d, mde: d * sd };
}
