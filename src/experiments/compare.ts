/**
 * The comparisons of one treatment arm with the control, from per-arm summaries, plus the
 * multiple-testing and sample-ratio checks. Definitions (exactly, so results match scipy and
 * statsmodels; the 95% multiplier is z = Φ⁻¹(0.975) = 1.959964 or the Welch t quantile):
 *
 * - two proportions: rates p = x / n; diff = pT - pC; unpooled Wald interval
 *   diff ± z √(pT(1-pT)/nT + pC(1-pC)/nC); pooled z-test z = diff / √(p̄(1-p̄)(1/nT + 1/nC)),
 *   p̄ = (xT + xC)/(nT + nC), two-sided p = 2 P(Z > |z|) (statsmodels' proportions_ztest);
 * - two means (Welch): diff = ȳT - ȳC, se = √(sT²/nT + sC²/nC) with sample variances,
 *   df = se⁴ / ((sT²/nT)²/(nT-1) + (sC²/nC)²/(nC-1)) (Welch-Satterthwaite), interval
 *   diff ± t(0.975, df) se, t = diff / se, p = 2 P(T_df > |t|) (scipy's ttest_ind(equal_var=False));
 * - zero variance: when both arms are constant at the same value the difference is 0, its
 *   interval [0, 0] and p = 1 (nothing distinguishes the arms); constant at different values
 *   is refused by the analysis (no variance to measure a difference against).
 */
import { UserError } from "../errors";
import { chiSquareSf, normalQuantileUpper, normalSf, studentTQuantileUpper, studentTSf } from "../stats/index";
import type { ArmShare } from "./assign";

/** Size, mean and sample variance (n - 1) of one arm's values. */
export interface ArmSummary {
  n: number;
  mean: number;
  variance: number;
}

/** Size, mean and sample variance of values, mean first then squared deviations. Example: [1, 2, 6]: n 3, mean 3, variance 7. */
export function summarize(values: ArrayLike<number>): ArmSummary {
  const n = values.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += values[i];
  const mean = total / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += (values[i] - mean) ** 2;
  return { n, mean, variance: n > 1 ? squares / (n - 1) : 0 };
}

/** A difference with its standard error, 95% interval, test statistic and two-sided p-value. */
export interface DiffTest {
  diff: number;
  se: number;
  ci95: [number, number];
  /** z (proportions, pooled) or t (Welch) */
  statistic: number;
  /** Welch-Satterthwaite degrees of freedom; null for the z-test */
  df: number | null;
  p: number;
}

/** Φ⁻¹(0.975): the 95% multiplier of the normal intervals. */
const Z95 = normalQuantileUpper(0.025);

/**
 * Two proportions from successes x and sizes n (see the module comment for the formulas).
 * Example: 30/100 vs 20/100: diff 0.1, se √(0.0021 + 0.0016) = 0.060828, interval 0.1 ± 0.119221;
 * p̄ 0.25, z = 0.1 / √(0.25 x 0.75 x 0.02) = 1.632993, p = 0.102470.
 */
export function twoProportions(xT: number, nT: number, xC: number, nC: number): DiffTest {
  const pT = xT / nT;
  const pC = xC / nC;
  const diff = pT - pC;
  const se = Math.sqrt((pT * (1 - pT)) / nT + (pC * (1 - pC)) / nC);
  const pooled = (xT + xC) / (nT + nC);
  const se0 = Math.sqrt(pooled * (1 - pooled) * (1 / nT + 1 / nC));
  // se0 = 0 only when every customer of both arms has the same value: diff = 0 exactly
  const z = se0 === 0 ? 0 : diff / se0;
  return { diff, se, ci95: [diff - Z95 * se, diff + Z95 * se], statistic: z, df: null, p: se0 === 0 ? 1 : 2 * normalSf(Math.abs(z)) };
}

/**
 * Welch's comparison of two means from their summaries (see the module comment).
 * Example: T = [1, 2, 3, 4] (mean 2.5, s² 1.6667), C = [1, 1, 2] (mean 1.3333, s² 0.3333):
 * diff 1.1667, se √(0.41667 + 0.11111) = 0.72648, df = 0.27855 / (0.057870 + 0.0061728) = 4.3494.
 */
export function welch(t: ArmSummary, c: ArmSummary): DiffTest {
  const diff = t.mean - c.mean;
  const vt = t.variance / t.n;
  const vc = c.variance / c.n;
  const se = Math.sqrt(vt + vc);
  if (se === 0) {
    if (diff !== 0) throw new UserError(`Both arms are constant (${t.mean} and ${c.mean}): there is no variance to test their difference against.`);
    return { diff: 0, se: 0, ci95: [0, 0], statistic: 0, df: t.n + c.n - 2, p: 1 };
  }
  const df = (vt + vc) ** 2 / ((vt * vt) / (t.n - 1) + (vc * vc) / (c.n - 1));
  const q = studentTQuantileUpper(0.025, df);
  const statistic = diff / se;
  return { diff, se, ci95: [diff - q * se, diff + q * se], statistic, df, p: 2 * studentTSf(Math.abs(statistic), df) };
}

/**
 * Holm's step-down adjustment of p-values (statsmodels' multipletests(method="holm")): sorted
 * ascending, the k-th smallest (k from 1) becomes max over j <= k of min(1, (m - j + 1) p_(j)).
 * Returned in the input order. Example: [0.01, 0.04, 0.03] -> [0.03, 0.06, 0.06].
 */
export function holmAdjust(pValues: number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b]);
  const adjusted: number[] = new Array(m);
  let running = 0;
  order.forEach((i, j) => {
    running = Math.max(running, Math.min(1, (m - j) * pValues[i]));
    adjusted[i] = running;
  });
  return adjusted;
}

/** The sample-ratio-mismatch check. */
export interface SrmCheck {
  /** Σ (observed - expected)² / expected */
  chi2: number;
  df: number;
  p: number;
  /** p below 0.001, the usual alarm level of experiment platforms: the split did not go as designed */
  mismatch: boolean;
  shares: Record<string, number>;
  expected: Record<string, number>;
}

/** The SRM alarm level: a p-value below this says the arm counts do not fit the design. */
export const SRM_ALARM = 0.001;

/**
 * Chi-square goodness of fit of the arm counts to the design shares (scipy's chisquare with
 * f_exp = N x share), df = arms - 1. Example: counts 520/480 for 50/50: chi2 = (20² + 20²)/500 = 1.6, p = 0.2059.
 */
export function srmCheck(counts: Record<string, number>, shares: ArmShare[]): SrmCheck {
  const total = shares.reduce((s, a) => s + (counts[a.arm] ?? 0), 0);
  let chi2 = 0;
  const expected: Record<string, number> = {};
  const shareOf: Record<string, number> = {};
  for (const { arm, share } of shares) {
    const e = total * share;
    expected[arm] = e;
    shareOf[arm] = share;
    chi2 += ((counts[arm] ?? 0) - e) ** 2 / e;
  }
  const df = shares.length - 1;
  const p = chiSquareSf(chi2, df);
  return { chi2, df, p, mismatch: p < SRM_ALARM, shares: shareOf, expected };
}
