/**
 * The action each product finding calls for, written from the audit's computed figures (never
 * typed per dataset): the play is a fixed rule per finding, the numbers come from the audit.
 */
import { fmtInt, fmtMoney, fmtPct } from "../util/index";
import type { ProductAudit } from "./audit";

/** One finding and the action it calls for. */
export interface ProductAction {
  finding: string;
  action: string;
}

/** Margin rate below which a product counts as thin-margin in the margin finding (25%). */
export const THIN_MARGIN_RATE = 0.25;

/** `1 product`, `2 products`: a count with its noun. */
function count(n: number, noun: string): string {
  return `${fmtInt(n)} ${noun}${n === 1 ? "" : "s"}`;
}

/** One sentence per finding: Pareto, quadrants, margin, stock risk, clearance (or the lack of stock data). */
export function productActions(a: ProductAudit, currency = "£"): ProductAction[] {
  const out: ProductAction[] = [];
  const p = a.pareto;
  const [A, , C] = p.classes;
  out.push({
    finding: "pareto",
    action:
      `${count(A.products, "product")} (${fmtPct(A.productShare)} of ${fmtInt(p.products)}) ${A.products === 1 ? "makes" : "make"} ${fmtPct(A.revenueShare)} of revenue, and the top ${fmtPct(p.topShare, 0)} ` +
      `bring ${fmtPct(p.topRevenueShare)}: never let an A product run out; the ${count(C.products, "C product")} (${fmtPct(C.revenueShare)} of revenue) are candidates for range pruning.`,
  });
  const stars = a.quadrants.find((q) => q.quadrant === "Stars")!;
  const under = a.quadrants.find((q) => q.quadrant === "Underperformers")!;
  out.push({
    finding: "quadrants",
    action:
      `${count(stars.products, "Star")} (above the ${a.cuts.split === 0.5 ? "median" : `${fmtPct(a.cuts.split, 0)} quantile`} on both revenue and units) bring ${fmtPct(stars.revenueShare)} of revenue: keep them visible and in stock; ` +
      `${count(under.products, "Underperformer")} bring ${fmtPct(under.revenueShare)}: review, discount or delist them.`,
  });
  if (a.hasCost && a.performance.columns.includes("marginRate")) {
    const rates = a.performance.getColumn("marginRate").toArray() as (number | null)[];
    const revenue = a.performance.getColumn("revenue").toArray() as number[];
    const margin = a.performance.getColumn("margin").toArray() as (number | null)[];
    let thin = 0, thinRevenue = 0, costedRevenue = 0, totalMargin = 0;
    rates.forEach((r, i) => {
      if (r === null) return;
      costedRevenue += revenue[i];
      totalMargin += margin[i] ?? 0;
      if (r < THIN_MARGIN_RATE) {
        thin++;
        thinRevenue += revenue[i];
      }
    });
    out.push({
      finding: "margin",
      action:
        `The overall margin rate is ${fmtPct(costedRevenue ? totalMargin / costedRevenue : 0)}; ${count(thin, "product")} earn under ${fmtPct(THIN_MARGIN_RATE, 0)} ` +
        `and bring ${fmtPct(costedRevenue ? thinRevenue / costedRevenue : 0)} of revenue: renegotiate their cost or raise their price before promoting them.`,
    });
  }
  const s = a.stock;
  if (!s.hasStock) {
    out.push({ finding: "stock", action: `${s.note} Add stock levels (a catalogue with stockLevel and unitCost) to see which products will run out and which tie up money.` });
    return out;
  }
  if (s.atRisk.height) {
    const first = s.atRisk.head(1).toRecords()[0] as Record<string, unknown>;
    out.push({
      finding: "at risk",
      action:
        `${count(s.atRisk.height, "top performer")} (class A or Stars) ${s.atRisk.height === 1 ? "has" : "have"} under ${fmtInt(s.atRiskDays)} days of cover, the shortest ${first.stockCode} ` +
        `(${first.description ?? "no description"}) with ${Number(first.daysOfCover).toFixed(1)} days: reorder them now.`,
    });
  } else out.push({ finding: "at risk", action: `No top performer has under ${fmtInt(s.atRiskDays)} days of cover: no urgent reorder.` });
  if (s.clearance.height) {
    const values = (s.clearance.getColumn("stockValue").toArray() as (number | null)[]).map((v) => v ?? 0);
    const total = values.reduce((x, y) => x + y, 0);
    const top10 = values.slice(0, 10).reduce((x, y) => x + y, 0);
    out.push({
      finding: "clearance",
      action:
        `${count(s.clearance.height, "product")} ${s.clearance.height === 1 ? "holds" : "hold"} more than ${fmtInt(s.clearanceDays)} days of stock, worth ${fmtMoney(total, currency)} at cost; ` +
        `the first ${Math.min(10, values.length)} alone hold ${fmtMoney(top10, currency)}: clear them with bundles or markdowns and stop reordering.`,
    });
  } else out.push({ finding: "clearance", action: `No product holds more than ${fmtInt(s.clearanceDays)} days of stock: nothing to clear.` });
  return out;
}
