/** retail-lab loyalty: the repeat-purchase curve and the loyalty threshold with its interval. */
import { loyaltyReport, loyaltySummary } from "../../cohorts/index";
import { fmtInt, fmtPct, fmtShare, ordinal } from "../../util/index";
import { UserError } from "../../errors";
import type { Command } from "../args";
import { cleanFromOptions, dataOptions } from "../data-options";

/** `0.8` -> 0.8: a share strictly between 0 and 1. */
export function parseLevel(text: string): number {
  const level = /^\s*[0-9.eE+-]+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!(level > 0 && level < 1)) throw new UserError(`--level takes a share strictly between 0 and 1, like 0.8; not "${text}".`);
  return level;
}

/** A level as a percentage without spurious decimals: 0.8 -> "80%", 0.825 -> "82.5%". */
function levelPct(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}

const pct = (x: number | null): string => fmtShare(x, 1, "-");

export const loyaltyCommand: Command = {
  name: "loyalty",
  summary: "the repeat-purchase curve (share placing another order after n orders) and the loyalty threshold",
  options: [
    ...dataOptions({ customers: true, products: false }),
    { name: "level", value: "SHARE", help: "loyalty level, a share between 0 and 1 (default 0.8)" },
    { name: "json", help: "print the figures as JSON" },
  ],
  async run(o) {
    const level = parseLevel(String(o.level ?? "0.8"));
    const { dataset, clean } = await cleanFromOptions(o);
    const report = loyaltyReport(clean.customerLines, { roster: dataset.customers, level });
    if (o.json) {
      console.log(JSON.stringify(loyaltySummary(report), null, 2));
      return;
    }
    const c = report.curve;
    console.log(`${fmtInt(report.customers)} customers, ${fmtInt(report.orders)} orders to ${report.end}; a customer whose n-th order is less than ${c.window} days before the end is left out of step n`);
    console.log(`${"n".padStart(3)}  ${"customers".padStart(9)}  ${"eligible".padStart(8)}  ${"repeaters".padStart(9)}  ${"share".padStart(6)}  95% interval`);
    for (const s of c.steps) {
      const interval = s.lower === null || s.upper === null ? "-" : `${pct(s.lower)} to ${pct(s.upper)}`;
      console.log(`${String(s.n).padStart(3)}  ${fmtInt(s.customers).padStart(9)}  ${fmtInt(s.eligible).padStart(8)}  ${fmtInt(s.repeaters).padStart(9)}  ${pct(s.share).padStart(6)}  ${interval}`);
    }
    const t = report.threshold;
    if (t.step === null) {
      console.log(`loyalty threshold at ${levelPct(t.level)}: not reached (no step with at least ${t.minEligible} eligible customers has a share of ${levelPct(t.level)} or more)`);
    } else {
      console.log(
        `loyalty threshold at ${levelPct(t.level)}: after the ${ordinal(t.step.n)} order, ${pct(t.step.share)} place another ` +
          `(95% interval ${pct(t.step.lower)} to ${pct(t.step.upper)}, ${fmtInt(t.step.eligible)} eligible); ` +
          (t.confidentN === null ? "the interval's lower bound never reaches it" : `95% sure from the ${ordinal(t.confidentN)} order`),
      );
    }
    const one = report.oneTime;
    console.log(`one-time buyers: ${fmtInt(one.oneTime)} of ${fmtInt(one.customers)} (${fmtPct(one.share)})` +
      (one.eligibleShare === null ? "" : `; ${fmtPct(one.eligibleShare)} of the ${fmtInt(one.eligible)} who first ordered at least ${one.window} days before the end`));
    const never = report.neverOrdered;
    console.log(never === null
      ? "never ordered: unknown (no customers table)"
      : `never ordered: ${fmtInt(never.neverOrdered)} of ${fmtInt(never.signups)} customers in the customers table (${fmtPct(never.share)})` +
        (never.buyersNotInRoster ? `; ${fmtInt(never.buyersNotInRoster)} buyers are not in it` : ""));
  },
};
