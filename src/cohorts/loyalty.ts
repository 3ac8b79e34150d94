/**
 * Loyalty figures besides the curve: time between purchases, one-time buyers, sign-ups who
 * never ordered, and the whole loyalty report in one call.
 */
import pl, { type DataFrame } from "nodejs-polars";
import { DAY_MS, isoDayOfNumber, quantile } from "../util/index";
import { customerHistories, endDayOf, historiesUpTo, type CustomerHistory } from "./orders";
import { cohortRetentionOf, averageRetention, type CohortRetention, type CohortRetentionOptions } from "./retention";
import { loyaltyThreshold, repeatCurveOf, type LoyaltyThreshold, type RepeatCurve } from "./repeat";

/** Time between purchases (see `timeBetweenPurchases`). */
export interface PurchaseGaps {
  /** every gap, days, in customer then time order */
  gaps: number[];
  /** customers with at least two distinct purchase days (the ones with a gap) */
  customers: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  mean: number | null;
}

/**
 * Days between consecutive distinct purchase days of each customer (two invoices on one day
 * are one purchase day), pooled over customers: every gap, and their median, quartiles (linear
 * interpolation, numpy's default) and mean. Nulls when no customer bought on two days.
 */
export function purchaseGapsOf(histories: CustomerHistory[]): PurchaseGaps {
  const gaps: number[] = [];
  let customers = 0;
  for (const h of histories) {
    const days = [...new Set(h.days)];
    if (days.length > 1) customers++;
    for (let i = 1; i < days.length; i++) gaps.push(days[i] - days[i - 1]);
  }
  const q = (p: number) => (gaps.length ? quantile(gaps, p) : null);
  return { gaps, customers, median: q(0.5), q1: q(0.25), q3: q(0.75), mean: gaps.length ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null };
}

/** Time between purchases of the customer purchase lines (see `purchaseGapsOf`). */
export function timeBetweenPurchases(customerLines: DataFrame): PurchaseGaps {
  return purchaseGapsOf(customerHistories(customerLines));
}

/** One-time buyers (see `oneTimeBuyersOf`). */
export interface OneTimeBuyers {
  /** customers with at least one order */
  customers: number;
  /** customers with exactly one order */
  oneTime: number;
  /** oneTime / customers */
  share: number;
  /** customers whose first order is at least `window` days before the end (had the chance to return) */
  eligible: number;
  eligibleOneTime: number;
  /** eligibleOneTime / eligible (null when none is eligible) */
  eligibleShare: number | null;
  window: number;
}

/**
 * Share of customers with exactly one order (orders = invoices), among all buyers, and among
 * those whose first order is at least `window` days (default 90) before the end: the raw share
 * counts recent first-time buyers who have not had time to come back.
 */
export function oneTimeBuyersOf(all: CustomerHistory[], window = 90, end?: Date): OneTimeBuyers {
  const endDay = endDayOf(all, end);
  const histories = historiesUpTo(all, endDay);
  let oneTime = 0, eligible = 0, eligibleOneTime = 0;
  for (const h of histories) {
    const one = h.days.length === 1;
    if (one) oneTime++;
    if (endDay - h.days[0] >= window) {
      eligible++;
      if (one) eligibleOneTime++;
    }
  }
  return {
    customers: histories.length, oneTime, share: histories.length ? oneTime / histories.length : 0,
    eligible, eligibleOneTime, eligibleShare: eligible ? eligibleOneTime / eligible : null, window,
  };
}

/** Sign-ups who never ordered (see `neverOrdered`). */
export interface NeverOrdered {
  /** distinct customer IDs of the roster */
  signups: number;
  /** roster customers without any order */
  neverOrdered: number;
  /** neverOrdered / signups */
  share: number;
  /** customers with orders who are missing from the roster (counted, not added) */
  buyersNotInRoster: number;
}

/**
 * Customers of a roster (a customers DataFrame with `customerId`) who have no order in the
 * customer purchase lines; null when no roster is given (the figure needs one).
 */
export function neverOrdered(customerLines: DataFrame, roster?: DataFrame): NeverOrdered | null {
  if (!roster || !roster.columns.includes("customerId")) return null;
  const ids = new Set((roster.getColumn("customerId").toArray() as (string | null)[]).filter((x): x is string => x !== null && String(x).trim() !== "").map((x) => String(x).trim()));
  const buyers = new Set((customerLines.filter(pl.col("customerId").isNotNull()).getColumn("customerId").unique().toArray() as string[]).map((x) => String(x).trim()));
  let never = 0;
  for (const id of ids) if (!buyers.has(id)) never++;
  let outside = 0;
  for (const id of buyers) if (!ids.has(id)) outside++;
  return { signups: ids.size, neverOrdered: never, share: ids.size ? never / ids.size : 0, buyersNotInRoster: outside };
}

/** Options of `loyaltyReport`. */
export interface LoyaltyOptions extends CohortRetentionOptions {
  /** the customers table (for sign-ups who never ordered) */
  roster?: DataFrame;
  /** loyalty level (default 0.8) */
  level?: number;
  /** observation window W, days (default 90) */
  window?: number;
  /** last step of the repeat curve (default 10) */
  maxOrders?: number;
  /** steps with fewer eligible customers are not used for the threshold (default 30) */
  minEligible?: number;
}

/** Everything the loyalty notebook shows. */
export interface LoyaltyReport {
  end: string;
  customers: number;
  orders: number;
  retention: CohortRetention;
  averageRetention: ReturnType<typeof averageRetention>;
  curve: RepeatCurve;
  threshold: LoyaltyThreshold;
  gaps: PurchaseGaps;
  oneTime: OneTimeBuyers;
  /** null without a roster */
  neverOrdered: NeverOrdered | null;
}

/** Cohorts, repeat curve, loyalty threshold, gaps, one-time buyers and never-ordered sign-ups in one call. */
export function loyaltyReport(customerLines: DataFrame, options: LoyaltyOptions = {}): LoyaltyReport {
  const all = customerHistories(customerLines);
  const endDay = endDayOf(all, options.end);
  const end = new Date(endDay * DAY_MS);
  const histories = historiesUpTo(all, endDay);
  const window = options.window ?? 90;
  const retention = cohortRetentionOf(histories, { end, includePartialMonth: options.includePartialMonth });
  const curve = repeatCurveOf(histories, { window, end, maxOrders: options.maxOrders });
  return {
    end: isoDayOfNumber(endDay),
    customers: histories.length,
    orders: histories.reduce((s, h) => s + h.days.length, 0),
    retention,
    averageRetention: averageRetention(retention),
    curve,
    threshold: loyaltyThreshold(curve, options.level ?? 0.8, options.minEligible ?? 30),
    gaps: purchaseGapsOf(histories),
    oneTime: oneTimeBuyersOf(histories, window, end),
    neverOrdered: neverOrdered(customerLines, options.roster),
  };
}

/**
 * The report as plain JSON-ready figures (no per-gap list, no matrices): end, counts, the
 * threshold, the curve's steps, gap quartiles, one-time buyers, never-ordered sign-ups and the
 * mean retention per month offset. For the CLI's `--json` and for logs.
 */
export function loyaltySummary(r: LoyaltyReport) {
  const { gaps, ...gapFigures } = r.gaps;
  return {
    end: r.end,
    customers: r.customers,
    orders: r.orders,
    window: r.curve.window,
    threshold: {
      level: r.threshold.level,
      minEligible: r.threshold.minEligible,
      n: r.threshold.n,
      share: r.threshold.step?.share ?? null,
      lower: r.threshold.step?.lower ?? null,
      upper: r.threshold.step?.upper ?? null,
      eligible: r.threshold.step?.eligible ?? null,
      confidentN: r.threshold.confidentN,
    },
    curve: r.curve.steps,
    timeBetweenPurchases: { ...gapFigures, gaps: gaps.length },
    oneTime: r.oneTime,
    neverOrdered: r.neverOrdered,
    retention: { cohorts: r.retention.cohorts.length, lastObservedMonth: r.retention.lastObservedMonth, partialMonth: r.retention.partialMonth, average: r.averageRetention },
  };
}
