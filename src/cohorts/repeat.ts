/**
 * The repeat-purchase curve and the loyalty threshold.
 *
 * Definitions (orders as in ./orders: distinct invoices of a customer, in time order):
 * - step n: among customers with at least n orders, the share who placed an (n+1)-th;
 * - right-censoring: a customer whose n-th order falls less than W days (the observation
 *   window, default 90) before the data's end has not had W days to come back, so they are
 *   left out of step n's denominator (`censored`); the denominator is `eligible` = customers
 *   with >= n orders whose n-th order is at least W days before the end; `repeaters` = those of
 *   them with an (n+1)-th order (at any time up to the end); share = repeaters / eligible;
 * - interval: the 95% Wilson score interval of the share (see `wilsonInterval`);
 * - loyalty threshold at a level L (default 0.8): the smallest n whose share reaches L, and
 *   the smallest n whose Wilson lower bound reaches L (the step where we are 95% sure).
 */
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { isoDayOfNumber } from "../util/index";
import { customerHistories, endDayOf, historiesUpTo, type CustomerHistory } from "./orders";

/** The normal quantile of a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/**
 * The Wilson score interval of a binomial share x / n: with p = x / n and z (1.96 for 95%),
 * centre = (p + z^2 / 2n) / (1 + z^2 / n), half width = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n).
 * Null bounds when n = 0; the lower bound is exactly 0 when x = 0 and the upper exactly 1 when x = n.
 */
export function wilsonInterval(successes: number, trials: number, z = Z95): { lower: number | null; upper: number | null } {
  if (trials <= 0) return { lower: null, upper: null };
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom;
  // at p = 0 or 1 a bound is exactly 0 or 1; floating point would leave it a hair inside
  return { lower: successes <= 0 ? 0 : Math.max(0, centre - half), upper: successes >= trials ? 1 : Math.min(1, centre + half) };
}

/** One step of the repeat-purchase curve (see the module comment). */
export interface RepeatStep {
  n: number;
  /** customers with at least n orders */
  customers: number;
  /** of those, whose n-th order is less than W days before the end */
  censored: number;
  /** customers - censored: the denominator */
  eligible: number;
  /** eligible customers with an (n+1)-th order */
  repeaters: number;
  /** repeaters / eligible (null when eligible = 0) */
  share: number | null;
  lower: number | null;
  upper: number | null;
}

/** The repeat-purchase curve: its steps and the window and end it was measured with. */
export interface RepeatCurve {
  /** the observation window W, days */
  window: number;
  /** the data's end, `YYYY-MM-DD` */
  end: string;
  steps: RepeatStep[];
}

/** Options of `repeatPurchaseCurve`. */
export interface RepeatCurveOptions {
  /** observation window W in days (default 90) */
  window?: number;
  /** last step n (default 10) */
  maxOrders?: number;
  /** the data's end (default: the last order day) */
  end?: Date;
}

/** The repeat-purchase curve from customer histories (see the module comment). */
export function repeatCurveOf(all: CustomerHistory[], options: RepeatCurveOptions = {}): RepeatCurve {
  const window = options.window ?? 90;
  const maxOrders = options.maxOrders ?? 10;
  if (!(window >= 0) || !Number.isFinite(window)) throw new UserError(`The observation window must be a number of days >= 0, e.g. 90; got ${window}.`);
  if (!Number.isInteger(maxOrders) || maxOrders < 1) throw new UserError(`The repeat curve needs a whole number of steps (1 or more); got ${maxOrders}.`);
  const endDay = endDayOf(all, options.end);
  const histories = historiesUpTo(all, endDay);
  const steps: RepeatStep[] = [];
  for (let n = 1; n <= maxOrders; n++) {
    let customers = 0, censored = 0, repeaters = 0;
    for (const h of histories) {
      if (h.days.length < n) continue;
      customers++;
      if (endDay - h.days[n - 1] < window) censored++;
      else if (h.days.length > n) repeaters++;
    }
    if (customers === 0) break;
    const eligible = customers - censored;
    steps.push({ n, customers, censored, eligible, repeaters, share: eligible ? repeaters / eligible : null, ...wilsonInterval(repeaters, eligible) });
  }
  return { window, end: isoDayOfNumber(endDay), steps };
}

/** The repeat-purchase curve of the customer purchase lines (see the module comment). */
export function repeatPurchaseCurve(customerLines: DataFrame, options: RepeatCurveOptions = {}): RepeatCurve {
  return repeatCurveOf(customerHistories(customerLines), options);
}

/** The loyalty threshold of a repeat curve at a level (see `loyaltyThreshold`). */
export interface LoyaltyThreshold {
  level: number;
  /** steps with fewer eligible customers were not considered */
  minEligible: number;
  /** the smallest n whose share >= level, or null when no step reaches it */
  n: number | null;
  /** that step (share, interval, counts), or null */
  step: RepeatStep | null;
  /** the smallest n whose Wilson lower bound >= level: from there on we are 95% sure; or null */
  confidentN: number | null;
  confidentStep: RepeatStep | null;
}

/**
 * The loyalty threshold: the smallest order count n at which the share of customers placing
 * another order reaches `level` (default 0.8), and the smallest n whose 95% Wilson lower bound
 * reaches it. Steps with fewer than `minEligible` eligible customers (default 30) are skipped:
 * a share of 2 out of 2 says little.
 */
export function loyaltyThreshold(curve: RepeatCurve, level = 0.8, minEligible = 30): LoyaltyThreshold {
  if (!(level > 0 && level < 1)) throw new UserError(`The loyalty level must be a share between 0 and 1 (exclusive), e.g. 0.8; got ${level}.`);
  const usable = curve.steps.filter((s) => s.eligible >= minEligible && s.share !== null);
  const step = usable.find((s) => (s.share as number) >= level) ?? null;
  const confidentStep = usable.find((s) => s.lower !== null && s.lower >= level) ?? null;
  return { level, minEligible, n: step?.n ?? null, step, confidentN: confidentStep?.n ?? null, confidentStep };
}
