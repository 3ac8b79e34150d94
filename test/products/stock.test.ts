import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { daysOfCoverOf, productAudit, productAuditTable, productActions, readCatalogue, salesVelocity, velocityWindow } from "../../src/products/index";
import { cleanOf, type Line } from "./helpers";

// Data ends 2024-01-31; a 7-day velocity window is 2024-01-25..2024-01-31.
//   A1: 7 units on 01-31 and 7 on 01-10 at 10 -> revenue 140, window units 7 -> velocity 1/day; stock 5 -> 5 days
//   B1: 14 units on 01-25 at 1 -> revenue 14, velocity 2/day; stock 1000 -> 500 days; cost 0.5 -> value 500
//   C1: 1 unit on 01-01 at 3 -> velocity 0; stock 4 -> Infinity; cost 1 -> value 4
//   D1: 2 units on 01-24 (a day before the window) at 2 -> velocity 0; stock missing -> null
//   E1: 1 unit on 01-30 at 1 -> velocity 1/7; stock -3 -> null (reported)
//   F1: catalogue only: stock 10, cost 3 -> velocity 0, Infinity, value 30
// Revenue 140, 14, 4, 3, 1 (total 162): medians 4 (revenue) and 2 (units: 14, 14, 2, 1, 1)
//   -> A1 and B1 Stars, D1, C1, E1 Underperformers; ABC: A1 A (before 0), B1 B (before .864), others C.
const LINES: Line[] = [
  ["1", "A1", 7, 10, "2024-01-31", "x"],
  ["2", "A1", 7, 10, "2024-01-10", "y"],
  ["3", "B1", 14, 1, "2024-01-25", "x"],
  ["4", "C1", 1, 3, "2024-01-01", "y"],
  ["5", "D1", 2, 2, "2024-01-24", null],
  ["6", "E1", 1, 1, "2024-01-30", "z"],
];
const sales = cleanOf(LINES).sales;
const catalogue = pl.DataFrame({
  stockCode: ["A1", "B1", "C1", "D1", "E1", "F1"],
  unitCost: [4, 0.5, 1, 1, 0.5, 3],
  stockLevel: [5, 1000, 4, null, -3, 10],
  category: ["K", "K", "G", "G", "G", "G"],
});
type Row = Record<string, unknown>;
const byCode = (df: pl.DataFrame) => Object.fromEntries((df.toRecords() as Row[]).map((r) => [String(r.stockCode), r]));
const codes = (df: pl.DataFrame) => df.getColumn("stockCode").toArray() as string[];

describe("velocity and days of cover", () => {
  it("takes the last N calendar days ending on the last sale day", () => {
    const w = velocityWindow(sales, 7);
    expect([w.from, w.to, w.days]).toEqual(["2024-01-25", "2024-01-31", 7]);
    const v = byCode(salesVelocity(sales, w));
    // zero days count: A1 sold 7 units on one day of the 7 -> 1/day
    expect(Object.keys(v).sort()).toEqual(["A1", "B1", "E1"]);
    expect([v.A1.windowUnits, v.A1.velocity, v.B1.velocity, v.E1.velocity]).toEqual([7, 1, 2, 1 / 7]);
  });
  it("days of cover = stock / rate, with the documented edge cases", () => {
    expect(daysOfCoverOf(10, 2)).toBe(5);
    expect(daysOfCoverOf(0, 0)).toBe(0); // nothing in stock: no cover, even without sales
    expect(daysOfCoverOf(3, 0)).toBe(Infinity); // never runs out at the current rate
    expect(daysOfCoverOf(null, 2)).toBeNull();
    expect(daysOfCoverOf(-1, 2)).toBeNull();
  });
  it("refuses a window of no days", () => {
    expect(() => velocityWindow(sales, 0)).toThrow(/whole number of days/);
  });
});

describe("stock alignment", () => {
  const a = productAudit(sales, { catalogue, velocityDays: 7 });
  const t = byCode(a.stock.table);
  it("computes cover from stock and velocity for sold and catalogue-only products", () => {
    expect(a.hasStock).toBe(true);
    expect([t.A1.daysOfCover, t.B1.daysOfCover, t.C1.daysOfCover, t.D1.daysOfCover, t.E1.daysOfCover, t.F1.daysOfCover]).toEqual([
      5, 500, Infinity, null, null, Infinity,
    ]);
    expect([t.A1.abcClass, t.B1.abcClass, t.C1.abcClass, t.A1.quadrant, t.B1.quadrant, t.D1.quadrant]).toEqual(["A", "B", "C", "Stars", "Stars", "Underperformers"]);
    expect([t.F1.inSales, t.F1.inCatalogue, t.F1.abcClass, t.F1.revenue]).toEqual([false, true, null, 0]);
    expect([t.B1.stockValue, t.C1.stockValue, t.F1.stockValue, t.D1.stockValue]).toEqual([500, 4, 30, null]);
  });
  it("lists top performers under 14 days of cover as at risk", () => {
    // A1 (class A, 5 days) only: B1 is a Star but has 500 days
    expect(codes(a.stock.atRisk)).toEqual(["A1"]);
  });
  it("lists products over 365 days of cover by stock value, with the excess over a year", () => {
    // B1 500, F1 30, C1 4; B1 excess = 1000 - 2 x 365 = 270 units, x 0.5 = 135
    expect(codes(a.stock.clearance)).toEqual(["B1", "F1", "C1"]);
    const c = byCode(a.stock.clearance);
    expect([c.B1.excessUnits, c.B1.excessValue, c.C1.excessUnits]).toEqual([270, 135, 4]);
  });
  it("counts missing and negative stock and products without sales in the window", () => {
    expect(a.issues.missingStock).toEqual({ count: 1, codes: ["D1"] });
    expect(a.issues.negativeStock).toEqual({ count: 1, codes: ["E1"] });
    expect(a.issues.noSalesInWindow).toEqual({ count: 3, codes: ["C1", "D1", "F1"] });
    expect(a.issues.inCatalogueNotSold.codes).toEqual(["F1"]);
  });
  it("uses a forecast where given and reports the entries it cannot use", () => {
    // B1 forecast 10/day -> 1000 / 10 = 100 days: leaves the clearance list
    const f = productAudit(sales, { catalogue, velocityDays: 7, forecastDailyUnits: { B1: 10, C1: -1, ZZZ: 3 } });
    const ft = byCode(f.stock.table);
    expect([ft.B1.demandRate, ft.B1.demandSource, ft.B1.daysOfCover, ft.B1.velocity]).toEqual([10, "forecast", 100, 2]);
    expect([ft.C1.demandSource, ft.C1.daysOfCover]).toEqual(["velocity", Infinity]);
    expect(codes(f.stock.clearance)).toEqual(["F1", "C1"]);
    expect(f.stock.forecastProducts).toBe(1);
    expect(f.issues.forecastUnknown.codes).toEqual(["ZZZ"]);
    expect(f.issues.forecastInvalid.codes).toEqual(["C1"]);
    // a Map works the same
    const m = productAudit(sales, { catalogue, velocityDays: 7, forecastDailyUnits: new Map([["A1", 0.5]]) });
    expect(byCode(m.stock.table).A1.daysOfCover).toBe(10);
  });
  it("changes thresholds on request", () => {
    // at-risk under 600 days: A1 (5) and B1 (500, a Star); clearance over 3 days: B1, F1, A1 (5 days, value 20), C1
    const b = productAudit(sales, { catalogue, velocityDays: 7, atRiskDays: 600, clearanceDays: 3 });
    expect(codes(b.stock.atRisk)).toEqual(["A1", "B1"]);
    expect(codes(b.stock.clearance)).toEqual(["B1", "F1", "A1", "C1"]);
  });
});

describe("the audit as one table", () => {
  it("has a row per sold or catalogued product with the list flags", () => {
    const a = productAudit(sales, { catalogue, velocityDays: 7 });
    const t = byCode(productAuditTable(a));
    expect(Object.keys(t)).toEqual(["A1", "B1", "D1", "C1", "E1", "F1"]); // by revenue 140, 14, 4, 3, 1, 0
    expect([t.A1.atRisk, t.A1.clearance, t.B1.clearance, t.F1.clearance, t.D1.clearance]).toEqual([true, false, true, true, false]);
    expect([t.A1.units, t.A1.orders, t.A1.abcClass, t.A1.daysOfCover, t.A1.margin]).toEqual([14, 2, "A", 5, 84]);
    expect([t.F1.units, t.F1.revenue, t.F1.daysOfCover]).toEqual([null, 0, Infinity]);
  });
  it("refuses a catalogue without a stockCode column", () => {
    expect(() => readCatalogue(catalogue.rename({ stockCode: "sku" }))).toThrow(/no stockCode column/);
  });
});

describe("without stock levels", () => {
  it("says so and still gives velocity", () => {
    for (const a of [productAudit(sales, { velocityDays: 7 }), productAudit(sales, { velocityDays: 7, catalogue: catalogue.drop("stockLevel") })]) {
      expect(a.hasStock).toBe(false);
      expect(a.stock.note).toMatch(/no stock levels/);
      expect(a.stock.atRisk.height).toBe(0);
      expect(a.stock.clearance.height).toBe(0);
      const t = byCode(a.stock.table);
      expect([t.A1.velocity, t.B1.velocity, t.A1.daysOfCover]).toEqual([1, 2, null]);
      expect(a.issues.missingStock.count).toBe(0); // not a per-product problem: the whole column is absent
      expect(productActions(a).find((x) => x.subject === "stock")?.finding).toMatch(/no stock levels/);
    }
  });
});

describe("actions", () => {
  it("writes the figures of the audit into the sentences", () => {
    const a = productAudit(sales, { catalogue, velocityDays: 7 });
    const text = Object.fromEntries(productActions(a).map((x) => [x.subject, x.finding]));
    // 1 A product of 5 (20.0%) makes 140 / 162 = 86.4% of revenue
    expect(text.pareto).toMatch(/^1 product \(20\.0% of 5\) makes 86\.4% of revenue/);
    expect(text["at risk"]).toMatch(/^1 top performer \(class A or Stars\) has under 14 days .* A1 \(ITEM A1\) with 5\.0 days/);
    // clearance: 3 products worth 500 + 30 + 4 = £534
    expect(text.clearance).toMatch(/^3 products hold more than 365 days of stock, worth £534 at cost/);
    // margin: A1 140 - 14 x 4 = 84, B1 14 - 14 x 0.5 = 7, C1 3 - 1 = 2, D1 4 - 2 = 2, E1 1 - 0.5 = 0.5: 95.5 of 162 = 59.0%;
    // under 25%: none of them (B1 7 / 14 = 50%)
    expect(text.margin).toMatch(/^The overall margin rate is 59\.0%; 0 products earn under 25%/);
  });
});
