/**
 * The action a marketing team takes for each segment, written from the segment's computed
 * figures (never typed per dataset): the play is a fixed rule per segment name, the numbers
 * come from the summary.
 */
import type { DataFrame } from "nodejs-polars";
import type { Recommendation } from "../model";
import { fmtInt, fmtMoney, fmtPct } from "../util/index";

/** The play for each default segment. */
export const SEGMENT_PLAYS: Record<string, string> = {
  Champions: "reward them: early access, loyalty perks, ask for reviews and referrals",
  "Loyal Customers": "upsell higher-value ranges and enrol them in the loyalty programme",
  "Potential Loyalists": "offer membership or a second-purchase incentive to make the habit stick",
  "New Customers": "onboard them well: a welcome series and a first-repeat offer",
  Promising: "build the relationship with recommendations based on their first baskets",
  "Need Attention": "send time-limited, personalised offers before they drift",
  "About To Sleep": "reconnect with popular products and a modest discount",
  "At Risk": "win them back with personal outreach and a strong return offer",
  "Can't Lose Them": "call or write personally; understand why they stopped and make it right",
  Hibernating: "include in low-cost seasonal campaigns only; do not spend heavily",
};

/** One recommendation per segment of a `segmentSummary`: its size, value and recency, then its play. */
export function segmentActions(summary: DataFrame, currency = "£"): Recommendation[] {
  return (summary.toRecords() as Record<string, unknown>[]).map((r) => {
    const segment = String(r.segment);
    const play = SEGMENT_PLAYS[segment] ?? "review this segment's definition";
    const finding =
      `${fmtInt(Number(r.customers))} customers (${fmtPct(Number(r.customerShare))}) bringing ${fmtPct(Number(r.revenueShare))} of revenue; ` +
      `on average ${Number(r.meanFrequency).toFixed(1)} orders, ${fmtMoney(Number(r.meanMonetary), currency)} spent, last order ${fmtInt(Number(r.meanRecency))} days ago`;
    return { subject: segment, finding, action: `${play}.` };
  });
}
