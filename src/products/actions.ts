/**
 * The action each product finding calls for, written from the audit's computed figures (never
 * typed per dataset): the play is a fixed rule per finding, the numbers come from the audit.
 */
import type { Recommendation } from "../model";
import { fmtInt, fmtMoney, fmtPct, nullableNumbers, numbers, sum } from "../util/index";
import type { ProductAudit } from "./audit";

/** Margin rate below which a product counts as thin-margin in the margin finding (25%). */
export const THIN_MARGIN_RATE = 0.25;

/** `1 product`, `2 products`: a count with its noun. */
function count(n: number, noun: string): string {
  return `${fmtInt(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** How concentrated revenue is: class A, the top share, class C. */
function paretoFinding(a: ProductAudit): Recommendation {
  const p = a.pareto;
  const [A, , C] = p.classes;
  return {
    subject: "pareto",
    finding:
      `${count(A.products, "product")} (${fmtPct(A.productShare)} of ${fmtInt(p.products)}) ${A.products === 1 ? "makes" : "make"} ${fmtPct(A.revenueShare)} of revenue, and the top ${fmtPct(p.topShare, 0)} ` +
      `bring ${fmtPct(p.topRevenueShare)}`,
    action: `never let an A product run out; the ${count(C.products, "C product")} (${fmtPct(C.revenueShare)} of revenue) are candidates for range pruning.`,
  };
}

/** The Stars and the Underperformers, and what their revenue is. */
function quadrantFinding(a: ProductAudit): Recommendation {
  const share = (name: string) => a.quadrants.find((q) => q.quadrant === name) ?? { products: 0, revenueShare: 0 };
  const stars = share("Stars"), under = share("Underperformers");
  const cut = a.cuts.split === 0.5 ? "median" : `${fmtPct(a.cuts.split, 0)} quantile`;
  return {
    subject: "quadrants",
    finding: `${count(stars.products, "Star")} (above the ${cut} on both revenue and units) bring ${fmtPct(stars.revenueShare)} of revenue`,
    action: `keep them visible and in stock; ${count(under.products, "Underperformer")} bring ${fmtPct(under.revenueShare)}: review, discount or delist them.`,
  };
}

/** The overall margin rate and the thin-margin products, when the catalogue has costs. */
function marginFinding(a: ProductAudit): Recommendation | null {
  if (!a.hasCost || !a.performance.columns.includes("marginRate")) return null;
  const rates = nullableNumbers(a.performance, "marginRate");
  const revenue = numbers(a.performance, "revenue");
  const margin = nullableNumbers(a.performance, "margin");
  const costed = rates.map((r, i) => (r === null ? -1 : i)).filter((i) => i >= 0);
  const thin = costed.filter((i) => (rates[i] as number) < THIN_MARGIN_RATE);
  const costedRevenue = sum(costed.map((i) => revenue[i]));
  const totalMargin = sum(costed.map((i) => margin[i] ?? 0));
  const thinRevenue = sum(thin.map((i) => revenue[i]));
  return {
    subject: "margin",
    finding:
      `The overall margin rate is ${fmtPct(costedRevenue ? totalMargin / costedRevenue : 0)}; ${count(thin.length, "product")} earn under ${fmtPct(THIN_MARGIN_RATE, 0)} ` +
      `and bring ${fmtPct(costedRevenue ? thinRevenue / costedRevenue : 0)} of revenue`,
    action: "renegotiate their cost or raise their price before promoting them.",
  };
}

/** The top performers about to run out. */
function atRiskFinding(a: ProductAudit): Recommendation {
  const s = a.stock;
  if (!s.atRisk.height) return { subject: "at risk", finding: `No top performer has under ${fmtInt(s.atRiskDays)} days of cover`, action: "no urgent reorder." };
  const first = s.atRisk.head(1).toRecords()[0] as Record<string, unknown>;
  return {
    subject: "at risk",
    finding:
      `${count(s.atRisk.height, "top performer")} (class A or Stars) ${s.atRisk.height === 1 ? "has" : "have"} under ${fmtInt(s.atRiskDays)} days of cover, the shortest ${first.stockCode} ` +
      `(${first.description ?? "no description"}) with ${Number(first.daysOfCover).toFixed(1)} days`,
    action: "reorder them now.",
  };
}

/** The slow movers holding more than a year of stock, and what it is worth. */
function clearanceFinding(a: ProductAudit, currency: string): Recommendation {
  const s = a.stock;
  if (!s.clearance.height) return { subject: "clearance", finding: `No product holds more than ${fmtInt(s.clearanceDays)} days of stock`, action: "nothing to clear." };
  const values = nullableNumbers(s.clearance, "stockValue").map((v) => v ?? 0);
  return {
    subject: "clearance",
    finding:
      `${count(s.clearance.height, "product")} ${s.clearance.height === 1 ? "holds" : "hold"} more than ${fmtInt(s.clearanceDays)} days of stock, worth ${fmtMoney(sum(values), currency)} at cost; ` +
      `the first ${Math.min(10, values.length)} alone hold ${fmtMoney(sum(values.slice(0, 10)), currency)}`,
    action: "clear them with bundles or markdowns and stop reordering.",
  };
}

/**
 * One recommendation per finding of the audit: Pareto, quadrants, margin (with costs), then the
 * at-risk and clearance lists (with stock levels) or the lack of stock data.
 */
export function productActions(a: ProductAudit, currency = "£"): Recommendation[] {
  const out = [paretoFinding(a), quadrantFinding(a), marginFinding(a)].filter((x): x is Recommendation => x !== null);
  if (!a.stock.hasStock) {
    out.push({ subject: "stock", finding: a.stock.note, action: "Add stock levels (a catalogue with stockLevel and unitCost) to see which products will run out and which tie up money." });
    return out;
  }
  return [...out, atRiskFinding(a), clearanceFinding(a, currency)];
}
