/**
 * The action each loyalty finding calls for, written from the computed figures (never typed
 * per dataset): the play is a fixed rule per finding, the numbers come from the report.
 */
import type { Recommendation } from "../model";
import { fmtInt, fmtShare, ordinal } from "../util/index";
import type { LoyaltyReport } from "./loyalty";

const pct = (x: number | null): string => fmtShare(x);

/** Month-1 (and month-3) retention of the cohorts, when observed. */
function retentionFinding(r: LoyaltyReport): Recommendation | null {
  const m1 = r.averageRetention.find((a) => a.offset === 1);
  if (!m1 || m1.retention === null) return null;
  const m3 = r.averageRetention.find((a) => a.offset === 3);
  return {
    subject: "retention",
    finding:
      `On average ${pct(m1.retention)} of a monthly cohort buys again the next month` +
      (m3 && m3.retention !== null ? ` and ${pct(m3.retention)} in the third month` : "") +
      ` (${fmtInt(m1.cohorts)} cohorts observed)`,
    action: "run a post-purchase sequence in the first weeks, when the return habit forms.",
  };
}

/** The share of first-time buyers who placed a second order, when anyone was eligible. */
function secondOrderFinding(r: LoyaltyReport): Recommendation | null {
  const s1 = r.curve.steps[0];
  if (!s1 || s1.share === null) return null;
  return {
    subject: "second order",
    finding:
      `${pct(s1.share)} of first-time buyers with at least ${r.curve.window} days to come back placed a second order ` +
      `(95% interval ${pct(s1.lower)}-${pct(s1.upper)}, ${fmtInt(s1.eligible)} customers; ${fmtInt(s1.censored)} too recent to count)`,
    action: "the second order is the one to win, so send a second-purchase incentive after the first.",
  };
}

/** The order after which customers are loyal, or the best step when none reaches the level. */
function thresholdFinding(r: LoyaltyReport): Recommendation {
  const t = r.threshold;
  if (t.n !== null && t.step) {
    return {
      subject: "loyalty threshold",
      finding:
        `After their ${ordinal(t.n)} order, ${pct(t.step.share)} of customers order again (95% interval ${pct(t.step.lower)}-${pct(t.step.upper)}): ` +
        `the first step to reach ${pct(t.level)}` +
        (t.confidentN !== null ? `; the first step whose interval lies above it is the ${ordinal(t.confidentN)} order` : "; no step's interval lies wholly above it yet"),
      action: `treat a customer's ${ordinal(t.n)} order as the point they become loyal, and aim retention spend at getting customers there.`,
    };
  }
  const candidates = r.curve.steps.filter((s) => s.eligible >= t.minEligible && s.share !== null);
  const best = candidates.reduce<(typeof candidates)[number] | null>((b, s) => (!b || (s.share as number) > (b.share as number) ? s : b), null);
  return {
    subject: "loyalty threshold",
    finding: `No order count reaches a ${pct(t.level)} chance of another order` + (best ? ` (best: ${pct(best.share)} after ${fmtInt(best.n)} orders)` : ""),
    action: "loyalty is not yet a habit here; work on the repeat rate before rewarding tenure.",
  };
}

/** The median and quartiles of the time between purchases, when any customer bought twice. */
function gapsFinding(r: LoyaltyReport): Recommendation | null {
  const { median, q1, q3, gaps } = r.gaps;
  if (median === null || q1 === null || q3 === null) return null;
  return {
    subject: "time between purchases",
    finding: `Half of repeat purchases come within ${fmtInt(median)} days of the previous one (quartiles ${fmtInt(q1)}-${fmtInt(q3)} days, ${fmtInt(gaps.length)} gaps)`,
    action: `time reminders a little before day ${fmtInt(median)}, and treat silence beyond ${fmtInt(q3)} days as a churn warning.`,
  };
}

/** The share of customers who ordered once (and of those who had time to return). */
function oneTimeFinding(r: LoyaltyReport): Recommendation {
  const o = r.oneTime;
  return {
    subject: "one-time buyers",
    finding:
      `${pct(o.share)} of customers (${fmtInt(o.oneTime)} of ${fmtInt(o.customers)}) ordered once` +
      (o.eligibleShare !== null ? `; among those who had ${o.window} days to return, ${pct(o.eligibleShare)}` : ""),
    action: "a welcome series with a time-limited second-order offer targets exactly them.",
  };
}

/** The share of sign-ups who never ordered, when there is a roster. */
function neverOrderedFinding(r: LoyaltyReport): Recommendation | null {
  const n = r.neverOrdered;
  if (!n) return null;
  return {
    subject: "never ordered",
    finding: `${pct(n.share)} of sign-ups (${fmtInt(n.neverOrdered)} of ${fmtInt(n.signups)}) never ordered`,
    action: "an activation email with a first-order incentive is the cheapest growth available.",
  };
}

/**
 * One recommendation per loyalty finding the report supports: retention, second order, loyalty
 * threshold, time between purchases, one-time buyers, never-ordered sign-ups (in that order).
 */
export function loyaltyActions(r: LoyaltyReport): Recommendation[] {
  const all = [retentionFinding(r), secondOrderFinding(r), thresholdFinding(r), gapsFinding(r), oneTimeFinding(r), neverOrderedFinding(r)];
  return all.filter((x): x is Recommendation => x !== null);
}
