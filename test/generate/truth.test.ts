import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  ARCHETYPE_PLANS, generateDataset, generatedFrames, OVERSTOCKED_ABOVE_DAYS, plantedDailyUnits, UNDERSTOCKED_BELOW_DAYS,
  type Archetype,
} from "../../src/generate";
import { adjustedRandIndex, cleanSales, kmeansLabels, rfmOf, standardised, type Rfm } from "./helpers";

const ds = generateDataset({ rows: 100_000, seed: 9 });
const frames = generatedFrames(ds);
const clean = cleanSales(frames.transactions);
const rfm = rfmOf(clean);
const archetypeOf = new Map(ds.truthCustomers.customerId.map((id, i) => [id, ds.truthCustomers.archetype[i] as Archetype]));
const byArchetype = new Map<Archetype, Rfm[]>();
for (const r of rfm) {
  const a = archetypeOf.get(r.customerId)!;
  byArchetype.set(a, [...(byArchetype.get(a) ?? []), r]);
}
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const meanOf = (a: Archetype, k: "recency" | "frequency" | "monetary") => mean(byArchetype.get(a)!.map((r) => r[k]));
const dates = ds.plan.calendar.date;
const start = ds.options.start;
const truthRows = frames.truthProducts.toRecords() as Array<{
  stockCode: string; performanceClass: string; baseDailyUnits: number; trendPerYear: number; yearlyAmplitude: number;
  yearlyPeakDay: number; meanQuantity: number; packSize: number; currentDailyUnits: number; stockLevel: number;
  daysOfCover: number; stockSituation: string;
}>;

describe("planted customer archetypes", () => {
  it("orders only for archetypes that order, and all of them appear", () => {
    expect(byArchetype.has("never_ordered")).toBe(false);
    for (const a of ["champion", "loyal", "at_risk", "new", "hibernating"] as Archetype[]) {
      expect(byArchetype.get(a)?.length ?? 0, a).toBeGreaterThan(50);
    }
  });

  it("shows the planted recency, frequency and spend ordering", () => {
    expect(meanOf("champion", "recency")).toBeLessThan(meanOf("hibernating", "recency"));
    expect(meanOf("champion", "frequency")).toBeGreaterThan(meanOf("hibernating", "frequency"));
    expect(meanOf("champion", "frequency")).toBeGreaterThan(2 * meanOf("loyal", "frequency"));
    expect(meanOf("champion", "monetary")).toBeGreaterThan(3 * meanOf("loyal", "monetary"));
    expect(meanOf("at_risk", "recency")).toBeGreaterThan(0.3 * ds.options.days);
    expect(Math.max(...byArchetype.get("loyal")!.map((r) => r.recency))).toBeLessThan(0.3 * ds.options.days);
    expect(Math.max(...byArchetype.get("new")!.map((r) => r.recency))).toBeLessThanOrEqual(76);
    expect(Math.min(...byArchetype.get("hibernating")!.map((r) => r.recency))).toBeGreaterThan(0.7 * ds.options.days - 1);
    expect(meanOf("new", "frequency")).toBeLessThan(2);
    expect(meanOf("hibernating", "monetary")).toBeLessThan(meanOf("loyal", "monetary") / 5);
  });

  it("is recovered by k-means on log1p(recency, frequency, monetary) (adjusted Rand index > 0.85)", () => {
    const points = standardised(rfm.map((r) => [Math.log1p(r.recency), Math.log1p(r.frequency), Math.log1p(r.monetary)]));
    const labels = kmeansLabels(points, 5, 1);
    expect(adjustedRandIndex(labels, rfm.map((r) => archetypeOf.get(r.customerId)))).toBeGreaterThan(0.85);
  });

  it("matches the planted repeat probability of one-off archetypes", () => {
    for (const a of ["new", "hibernating"] as Archetype[]) {
      const rs = byArchetype.get(a)!;
      const share = rs.filter((r) => r.frequency >= 2).length / rs.length;
      const q = ARCHETYPE_PLANS[a].repeatProbability;
      expect(Math.abs(share - q), a).toBeLessThan(3 * Math.sqrt((q * (1 - q)) / rs.length) + 0.01);
    }
    for (const a of ["champion", "loyal", "at_risk"] as Archetype[]) {
      expect(Math.min(...byArchetype.get(a)!.map((r) => r.frequency))).toBeGreaterThanOrEqual(ARCHETYPE_PLANS[a].minOrders);
    }
  });

  it("has mean basket values in line with the planted ones", () => {
    const planted = new Map(ds.truthCustomers.customerId.map((id, i) => [id, ds.truthCustomers.meanBasketValue[i]]));
    for (const a of ["champion", "loyal", "at_risk"] as Archetype[]) {
      const rs = byArchetype.get(a)!;
      const realised = rs.reduce((s, r) => s + r.monetary, 0) / rs.reduce((s, r) => s + r.frequency, 0);
      const expected = rs.reduce((s, r) => s + planted.get(r.customerId)! * r.frequency, 0) / rs.reduce((s, r) => s + r.frequency, 0);
      // Postage and fee lines add a little on top of the planted product value.
      expect(realised / expected, a).toBeGreaterThan(0.9);
      expect(realised / expected, a).toBeLessThan(1.15);
    }
  });
});

describe("planted product demand", () => {
  // Expected units per product and day, from the truth table alone.
  const expectedDaily = truthRows.map((p) => dates.map((d) => plantedDailyUnits(p, d, start)));
  const units = new Map((clean.groupBy("stockCode").agg(pl.col("quantity").sum().alias("u")).toRecords() as Array<{ stockCode: string; u: number }>)
    .map((r) => [r.stockCode, r.u]));
  const row = new Map(truthRows.map((p, i) => [p.stockCode, i]));
  const expectedUnits = (p: (typeof truthRows)[number], from = 0, to = dates.length) =>
    expectedDaily[row.get(p.stockCode)!].slice(from, to).reduce((s, x) => s + x, 0);

  it("sells each product its planted daily units, up to sampling noise", () => {
    // z = (realised - expected) / sd, with sd from Poisson lines and the quantity distribution.
    const zs: number[] = [];
    for (let i = 0; i < truthRows.length; i++) {
      const p = truthRows[i];
      const e = expectedUnits(p);
      const lines = e / p.meanQuantity;
      if (lines < 100) continue;
      const extra = ds.plan.products.extraPacks[i];
      const q2 = p.packSize ** 2 * (extra + (1 + extra) ** 2);
      zs.push(((units.get(p.stockCode) ?? 0) - e) / Math.sqrt(lines * q2));
    }
    expect(zs.length).toBeGreaterThan(100);
    expect(Math.abs(mean(zs))).toBeLessThan(0.2);
    const sd = Math.sqrt(mean(zs.map((z) => z * z)));
    expect(sd).toBeGreaterThan(0.8);
    expect(sd).toBeLessThan(1.25);
    let total = 0;
    let realised = 0;
    for (const p of truthRows) {
      total += expectedUnits(p);
      realised += units.get(p.stockCode) ?? 0;
    }
    expect(realised / total).toBeGreaterThan(0.97);
    expect(realised / total).toBeLessThan(1.03);
  });

  it("grows stars and shrinks underperformers as planted", () => {
    const firstYear = clean.filter(pl.col("invoiceDate").lt(new Date(Date.UTC(2023, 0, 1))));
    const secondYear = clean.filter(pl.col("invoiceDate").gtEq(new Date(Date.UTC(2023, 0, 1))));
    const sumBy = (df: typeof clean) => new Map((df.groupBy("stockCode").agg(pl.col("quantity").sum().alias("u")).toRecords() as Array<{ stockCode: string; u: number }>).map((r) => [r.stockCode, r.u]));
    const [y1, y2] = [sumBy(firstYear), sumBy(secondYear)];
    for (const cls of ["star", "underperformer", "steady"]) {
      const ps = truthRows.filter((p) => p.performanceClass === cls);
      const realised = ps.reduce((s, p) => s + (y2.get(p.stockCode) ?? 0), 0) / ps.reduce((s, p) => s + (y1.get(p.stockCode) ?? 0), 0);
      const planted = ps.reduce((s, p) => s + expectedUnits(p, 365), 0) / ps.reduce((s, p) => s + expectedUnits(p, 0, 365), 0);
      expect(realised / planted, cls).toBeGreaterThan(0.93);
      expect(realised / planted, cls).toBeLessThan(1.07);
    }
    const ratio = (cls: string) => {
      const ps = truthRows.filter((p) => p.performanceClass === cls);
      return ps.reduce((s, p) => s + (y2.get(p.stockCode) ?? 0), 0) / ps.reduce((s, p) => s + (y1.get(p.stockCode) ?? 0), 0);
    };
    expect(ratio("star")).toBeGreaterThan(1.15);
    expect(ratio("underperformer")).toBeLessThan(0.8);
  });

  it("has weekly seasonality with a closed Saturday and a Q4 peak", () => {
    const products = clean.filter(pl.col("stockCode").isIn(truthRows.map((p) => p.stockCode)));
    const wd = products.withColumns(pl.col("invoiceDate").date.weekday().alias("w")).groupBy("w").agg(pl.len().alias("n")).toRecords() as Array<{ w: number; n: number }>;
    const total = wd.reduce((s, r) => s + r.n, 0);
    // Expected lines per ISO weekday: planted units / mean quantity, summed over products and days.
    const expected = new Array<number>(8).fill(0);
    dates.forEach((d, t) => {
      const w = ((new Date(d).getUTCDay() + 6) % 7) + 1;
      truthRows.forEach((p, i) => (expected[w] += expectedDaily[i][t] / p.meanQuantity));
    });
    const expectedTotal = expected.reduce((s, x) => s + x, 0);
    for (const r of wd) {
      const ratio = r.n / total / (expected[r.w] / expectedTotal);
      expect(ratio, `weekday ${r.w}`).toBeGreaterThan(0.92); // invoices cluster lines: ~3% noise at 100k rows
      expect(ratio, `weekday ${r.w}`).toBeLessThan(1.08);
    }
    // The profile itself: Thursday busiest, Sunday quietest of the open days.
    expect(expected[4]).toBeGreaterThan(expected[7] * 1.4);
    expect(wd.find((r) => r.w === 6)).toBeUndefined();
    const m = clean.withColumns(pl.col("invoiceDate").date.month().alias("m")).groupBy("m").agg(pl.col("quantity").mul(pl.col("unitPrice")).sum().alias("v"))
      .sort("m").getColumn("v").toArray() as number[];
    const q = [0, 1, 2, 3].map((k) => m[3 * k] + m[3 * k + 1] + m[3 * k + 2]);
    expect(q[3]).toBeGreaterThan(1.3 * q[1]);
  });

  it("plants understocked top sellers and overstocked slow movers, consistent with the stock levels", () => {
    const under = truthRows.filter((p) => p.stockSituation === "understocked");
    const over = truthRows.filter((p) => p.stockSituation === "overstocked");
    expect(under.length).toBeGreaterThan(0);
    expect(over.length).toBeGreaterThan(0);
    expect(under.filter((p) => p.performanceClass === "star").length / under.length).toBeGreaterThan(0.8);
    expect(over.filter((p) => p.performanceClass === "slow_mover").length / over.length).toBeGreaterThan(0.8);
    for (const p of truthRows) {
      expect(p.daysOfCover).toBeCloseTo(p.stockLevel / p.currentDailyUnits, 1);
      if (p.stockSituation === "understocked") expect(p.daysOfCover).toBeLessThan(UNDERSTOCKED_BELOW_DAYS);
      if (p.stockSituation === "overstocked") expect(p.daysOfCover).toBeGreaterThan(OVERSTOCKED_ABOVE_DAYS);
    }
    const stock = new Map(ds.products.stockCode.map((c, i) => [c, ds.products.stockLevel[i]]));
    for (const p of truthRows) expect(stock.get(p.stockCode)).toBe(p.stockLevel);
    // Stars sell far more than slow movers.
    const med = (cls: string) => {
      const xs = truthRows.filter((p) => p.performanceClass === cls).map((p) => p.baseDailyUnits).sort((a, b) => a - b);
      return xs[xs.length >> 1];
    };
    expect(med("star")).toBeGreaterThan(20 * med("slow_mover"));
  });

  it("prices above unit cost, with thin margins for underperformers", () => {
    const margin = (cls: string) => mean(truthRows.filter((p) => p.performanceClass === cls).map((p) => {
      const i = ds.truthProducts.stockCode.indexOf(p.stockCode);
      return 1 - ds.truthProducts.unitCost[i] / ds.truthProducts.price[i];
    }));
    for (let i = 0; i < ds.truthProducts.price.length; i++) expect(ds.truthProducts.unitCost[i]).toBeLessThan(ds.truthProducts.price[i]);
    expect(margin("underperformer")).toBeLessThan(0.3);
    expect(margin("star")).toBeGreaterThan(0.45);
  });
});
