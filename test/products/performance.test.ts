import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  abcClassOf, categorySummary, descendingRanks, paretoCurve, paretoSummary, productAudit, productPerformance, productSales,
  quadrantOf, readCatalogue,
} from "../../src/products/index";
import { cleanOf, type Line } from "./helpers";

// Four products and a postage line:
//   P1: 10 x 2 (A, inv 1) + 5 x 2 (B, inv 2) -> revenue 30, units 15, orders 2, customers 2
//   P2: 1 x 50 (A, inv 1)                    -> revenue 50, units 1,  orders 1, customers 1
//   P3: 100 x 0.1 (anonymous, inv 3)         -> revenue 10, units 100, orders 1, customers 0
//   P4: 2 x 1 (B, inv 2)                     -> revenue 2,  units 2,  orders 1, customers 1
//   POST 1 x 15 (A, inv 1): not a product, left out. Total product revenue 92.
const LINES: Line[] = [
  ["1", "P1", 10, 2, "2024-01-02", "A"],
  ["2", "P1", 5, 2, "2024-01-05", "B"],
  ["1", "P2", 1, 50, "2024-01-02", "A"],
  ["3", "P3", 100, 0.1, "2024-01-03", null],
  ["2", "P4", 2, 1, "2024-01-05", "B"],
  ["1", "POST", 1, 15, "2024-01-02", "A"],
];
const sales = cleanOf(LINES).sales;

type Row = Record<string, unknown>;
const byCode = (rows: Row[]) => Object.fromEntries(rows.map((r) => [String(r.stockCode), r]));

describe("productSales", () => {
  it("sums revenue and units and counts orders and customers per product, non-products left out", () => {
    const t = byCode(productSales(sales).toRecords() as Row[]);
    expect(Object.keys(t).sort()).toEqual(["P1", "P2", "P3", "P4"]);
    expect([t.P1.revenue, t.P1.units, t.P1.orders, t.P1.customers]).toEqual([30, 15, 2, 2]);
    expect([t.P2.revenue, t.P2.units, t.P2.orders, t.P2.customers]).toEqual([50, 1, 1, 1]);
    expect(t.P3.revenue).toBeCloseTo(10, 10);
    expect([t.P3.units, t.P3.orders, t.P3.customers]).toEqual([100, 1, 0]);
    expect([t.P4.revenue, t.P4.units]).toEqual([2, 2]);
    // last sale day of the table is 2024-01-05: P1 and P4 sold that day, P2 3 days before, P3 2 days before
    expect([t.P1.daysSinceLastSale, t.P2.daysSinceLastSale, t.P3.daysSinceLastSale]).toEqual([0, 3, 2]);
  });
});

describe("ranks and quadrants", () => {
  it("ranks highest first, ties by code", () => {
    expect(descendingRanks([5, 9, 5], ["b", "a", "a2"])).toEqual([3, 1, 2]);
  });
  it("names the four quadrants", () => {
    expect([quadrantOf(true, true), quadrantOf(true, false), quadrantOf(false, true), quadrantOf(false, false)]).toEqual([
      "Stars", "High value, low volume", "High volume, low value", "Underperformers",
    ]);
  });
  it("splits at the medians of revenue and units", () => {
    // revenue median (2, 10, 30, 50) = 20; units median (1, 2, 15, 100) = 8.5
    // P1 30 > 20, 15 > 8.5: Stars; P2 50, 1: high value low volume; P3 10, 100: high volume low value; P4 2, 2: Underperformers
    const t = byCode(productPerformance(sales).toRecords() as Row[]);
    expect([t.P1.quadrant, t.P2.quadrant, t.P3.quadrant, t.P4.quadrant]).toEqual([
      "Stars", "High value, low volume", "High volume, low value", "Underperformers",
    ]);
    // revenue ranks P2 1, P1 2, P3 3, P4 4; units ranks P3 1, P1 2, P4 3, P2 4; gap = units rank - revenue rank
    expect([t.P1.revenueRank, t.P2.revenueRank, t.P3.revenueRank, t.P4.revenueRank]).toEqual([2, 1, 3, 4]);
    expect([t.P1.unitsRank, t.P2.unitsRank, t.P3.unitsRank, t.P4.unitsRank]).toEqual([2, 4, 1, 3]);
    expect([t.P1.rankGap, t.P2.rankGap, t.P3.rankGap, t.P4.rankGap]).toEqual([0, 3, -2, -1]);
  });
  it("a higher split leaves fewer products high", () => {
    // split 0.75: revenue cut h = 2.25 -> 30 + 0.25 x 20 = 35; units cut 15 + 0.25 x 85 = 36.25
    // P2 (50, 1): high value low volume; P3 (10, 100): high volume low value; P1 (30, 15) now low on both
    const t = byCode(productPerformance(sales, { split: 0.75 }).toRecords() as Row[]);
    expect([t.P1.quadrant, t.P2.quadrant, t.P3.quadrant]).toEqual(["Underperformers", "High value, low volume", "High volume, low value"]);
  });
  it("refuses a split outside (0, 1)", () => {
    expect(() => productPerformance(sales, { split: 1 })).toThrow(/between 0 and 1/);
  });
});

describe("Pareto and ABC", () => {
  it("classes by the revenue share of the products above", () => {
    expect([abcClassOf(0), abcClassOf(0.7999), abcClassOf(0.8), abcClassOf(0.9499), abcClassOf(0.95)]).toEqual(["A", "A", "B", "B", "C"]);
  });
  it("A = first 80% of revenue (crossing product included), B next 15%, C last 5%", () => {
    // order P2 50, P1 30, P3 10, P4 2 of 92; shares before: 0, 50/92 = .543, 80/92 = .870, 90/92 = .978
    const perf = productPerformance(sales);
    const t = byCode(perf.toRecords() as Row[]);
    expect([t.P2.abcClass, t.P1.abcClass, t.P3.abcClass, t.P4.abcClass]).toEqual(["A", "A", "B", "C"]);
    expect(t.P1.cumulativeRevenueShare).toBeCloseTo(80 / 92, 12);
    expect(t.P4.cumulativeRevenueShare).toBeCloseTo(1, 12);
    expect(t.P3.revenueShare).toBeCloseTo(10 / 92, 12);
    const p = paretoSummary(perf);
    // top 20% of 4 products = ceil(0.8) = 1 product (P2): 50 / 92
    expect(p.topProducts).toBe(1);
    expect(p.topRevenueShare).toBeCloseTo(50 / 92, 12);
    expect(p.classes.map((c) => c.products)).toEqual([2, 1, 1]);
    expect(p.classes[0].revenueShare).toBeCloseTo(80 / 92, 12);
    const curve = paretoCurve(perf);
    expect(curve.productShare).toEqual([0, 0.25, 0.5, 0.75, 1]);
    [0, 50 / 92, 80 / 92, 90 / 92, 1].forEach((v, i) => expect(curve.revenueShare[i]).toBeCloseTo(v, 12));
  });
});

describe("margins and the catalogue", () => {
  const catalogue = pl.DataFrame({
    stockCode: ["P1", "P2", "P3", "P1", "POST", " ", "P9"],
    description: ["one", "two", "three", "dup", "postage", "blank", "nine"],
    category: ["Kitchen", "Kitchen", "Garden", "Toys", null, null, "Garden"],
    unitCost: [1, 30, null, 99, null, 1, 2],
    stockLevel: [10, 5, 7, 1, null, 1, 3],
  });
  it("reads a catalogue, leaving out and counting blank, repeated and non-product codes", () => {
    const c = readCatalogue(catalogue);
    expect([...c.entries.keys()].sort()).toEqual(["P1", "P2", "P3", "P9"]);
    expect(c.entries.get("P1")?.unitCost).toBe(1); // first row wins over the duplicate's 99
    expect([c.rows, c.blankCodeRows, c.duplicateRows, c.nonProductRows]).toEqual([7, 1, 1, 1]);
    expect([c.hasCost, c.hasStock, c.hasCategory]).toEqual([true, true, true]);
  });
  it("margin = revenue - units x unit cost; margin rate = margin / revenue; null without a cost", () => {
    // P1: 30 - 15 x 1 = 15, rate 0.5; P2: 50 - 1 x 30 = 20, rate 0.4; P3 no cost; P4 not catalogued
    const t = byCode(productPerformance(sales, { catalogue }).toRecords() as Row[]);
    expect([t.P1.margin, t.P1.marginRate, t.P2.margin, t.P2.marginRate]).toEqual([15, 0.5, 20, 0.4]);
    expect([t.P3.margin, t.P4.margin, t.P4.unitCost]).toEqual([null, null, null]);
    expect([t.P1.category, t.P3.category, t.P4.category]).toEqual(["Kitchen", "Garden", null]);
  });
  it("reports catalogue and sales mismatches in the audit", () => {
    const a = productAudit(sales, { catalogue });
    expect(a.issues.inCatalogueNotSold).toEqual({ count: 1, codes: ["P9"] });
    expect(a.issues.soldNotInCatalogue).toEqual({ count: 1, codes: ["P4"] });
    expect(a.issues.missingCost).toEqual({ count: 1, codes: ["P3"] });
    expect([a.issues.catalogueRows, a.issues.catalogueBlankCodes, a.issues.catalogueDuplicates, a.issues.catalogueNonProducts]).toEqual([7, 1, 1, 1]);
    expect(a.issues.nonProductLines).toBe(1);
    expect(a.issues.nonProductRevenue).toBe(15);
    expect([a.hasCatalogue, a.hasCost, a.hasStock, a.hasCategory]).toEqual([true, true, true, true]);
  });
  it("sums categories, with uncatalogued products apart", () => {
    const cats = byCode(
      (categorySummary(productPerformance(sales, { catalogue })) as pl.DataFrame).toRecords().map((r) => ({ ...r, stockCode: r.category })) as Row[],
    );
    // Kitchen: P1 + P2 = 80 revenue, 16 units, margin 35 over costed revenue 80 -> 0.4375; both are A, P1 a Star
    expect([cats.Kitchen.products, cats.Kitchen.revenue, cats.Kitchen.units, cats.Kitchen.margin, cats.Kitchen.marginRate]).toEqual([2, 80, 16, 35, 0.4375]);
    expect([cats.Kitchen.stars, cats.Kitchen.aProducts]).toEqual([1, 2]);
    expect(cats.Kitchen.revenueShare).toBeCloseTo(80 / 92, 12);
    // Garden: P3 only (P9 never sold), no cost -> margin 0 over costed revenue 0 -> rate null
    expect(cats.Garden.products).toBe(1);
    expect([cats.Garden.margin, cats.Garden.marginRate]).toEqual([null, null]);
    expect(cats.Uncategorised.revenue).toBe(2);
  });
  it("has no category view without categories", () => {
    expect(categorySummary(productPerformance(sales))).toBeNull();
    expect(productAudit(sales).categories).toBeNull();
  });
});
