/**
 * The action each loyalty finding calls for, written from the computed figures (never typed
 * per dataset): the play is a fixed rule per finding, the numbers come from the report.
 */
import { fmtInt, fmtShare, ordinal } from "../util/index";
import type { LoyaltyReport } from "./loyalty";

/** One finding and the action it calls for. */
export interface LoyaltyAction {
  finding: string;
  action: string;
}

const pct = (x: number | null): string => fmtShare(x);

/** One sentence per loyalty finding (retention, second order, threshold, gaps, one-time buyers, never-ordered). */
export function loyaltyActions(r: LoyaltyReport): LoyaltyAction[] {
  const out: LoyaltyAction[] = [];
  const m1 = r.averageRetention.find((a) => a.offset === 1);
  if (m1 && m1.retention !== null) {
    const m3 = r.averageRetention.find((a) => a.offset === 3);
    out.push({
      finding: "retention",
      action:
        `On average ${pct(m1.retention)} of a monthly cohort buys again the next month` +
        (m3 && m3.retention !== null ? ` and ${pct(m3.retention)} in the third month` : "") +
        ` (${fmtInt(m1.cohorts)} cohorts observed): run a post-purchase sequence in the first weeks, when the return habit forms.`,
    });
  }
  const s1 = r.curve.steps[0];
  if (s1 && s1.share !== null) {
    out.push({
      finding: "second order",
      action:
        `${pct(s1.share)} of first-time buyers with at least ${r.curve.window} days to come back placed a second order ` +
        `(95% interval ${pct(s1.lower)}-${pct(s1.upper)}, ${fmtInt(s1.eligible)} customers; ${fmtInt(s1.censored)} too recent to count): ` +
        `the second order is the one to win, so send a second-purchase incentive after the first.`,
    });
  }
  const t = r.threshold;
  if (t.n !== null && t.step) {
    out.push({
      finding: "loyalty threshold",
      action:
        `After their ${ordinal(t.n)} order, ${pct(t.step.share)} of customers order again (95% interval ${pct(t.step.lower)}-${pct(t.step.upper)}): ` +
        `the first step to reach ${pct(t.level)}` +
        (t.confidentN !== null ? `; the first step whose interval lies above it is the ${ordinal(t.confidentN)} order` : "; no step's interval lies wholly above it yet") +
        `: treat a customer's ${ordinal(t.n)} order as the point they become loyal, and aim retention spend at getting customers there.`,
    });
  } else {
    const best = r.curve.steps.filter((s) => s.eligible >= t.minEligible && s.share !== null).reduce<typeof r.curve.steps[number] | null>((b, s) => (!b || (s.share as number) > (b.share as number) ? s : b), null);
    out.push({
      finding: "loyalty threshold",
      action:
        `No order count reaches a ${pct(t.level)} chance of another order` +
        (best ? ` (best: ${pct(best.share)} after ${fmtInt(best.n)} orders)` : "") +
        `: loyalty is not yet a habit here; work on the repeat rate before rewarding tenure.`,
    });
  }
  if (r.gaps.median !== null) {
    out.push({
      finding: "time between purchases",
      action:
        `Half of repeat purchases come within ${fmtInt(r.gaps.median)} days of the previous one (quartiles ${fmtInt(r.gaps.q1 as number)}-${fmtInt(r.gaps.q3 as number)} days, ` +
        `${fmtInt(r.gaps.gaps.length)} gaps): time reminders a little before day ${fmtInt(r.gaps.median)}, and treat silence beyond ${fmtInt(r.gaps.q3 as number)} days as a churn warning.`,
    });
  }
  out.push({
    finding: "one-time buyers",
    action:
      `${pct(r.oneTime.share)} of customers (${fmtInt(r.oneTime.oneTime)} of ${fmtInt(r.oneTime.customers)}) ordered once` +
      (r.oneTime.eligibleShare !== null ? `; among those who had ${r.oneTime.window} days to return, ${pct(r.oneTime.eligibleShare)}` : "") +
      `: a welcome series with a time-limited second-order offer targets exactly them.`,
  });
  if (r.neverOrdered) {
    out.push({
      finding: "never ordered",
      action:
        `${pct(r.neverOrdered.share)} of sign-ups (${fmtInt(r.neverOrdered.neverOrdered)} of ${fmtInt(r.neverOrdered.signups)}) never ordered: ` +
        `an activation email with a first-order incentive is the cheapest growth available.`,
    });
  }
  return out;
}
