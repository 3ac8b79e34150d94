/**
 * The product audit on the shipped UCI Online Retail data (no catalogue: no cost, stock or
 * category). Attribution: Chen, D. (2015). Online Retail. UCI Machine Learning Repository (CC BY 4.0).
 */
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { DEFAULT_DATA_FILE } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";
import { productAudit } from "../../src/products/index";

describe("product audit on UCI Online Retail", () => {
  const { sales } = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
  const a = productAudit(sales);
  const p = a.performance;
  const products = sales.filter(pl.col("isProduct"));

  it("accounts for every sales line and every unit of revenue", () => {
    expect(p.height).toBe(products.select(pl.col("stockCode").str.strip()).unique().height);
    expect(Number(p.getColumn("revenue").sum())).toBeCloseTo(Number(products.getColumn("amount").sum()), 2);
    expect(Number(p.getColumn("units").sum())).toBe(Number(products.getColumn("quantity").sum()));
    expect(a.issues.nonProductLines + products.height).toBe(sales.height);
    expect(a.pareto.classes.reduce((s, c) => s + c.products, 0)).toBe(p.height);
    expect(a.quadrants.reduce((s, q) => s + q.products, 0)).toBe(p.height);
  });

  it("gives shares in [0, 1] and a Pareto curve that rises to 1", () => {
    const cum = p.getColumn("cumulativeRevenueShare").toArray() as number[];
    cum.forEach((c, i) => {
      expect(c).toBeGreaterThan(0);
      expect(c).toBeLessThanOrEqual(1 + 1e-12);
      if (i > 0) expect(c).toBeGreaterThanOrEqual(cum[i - 1]);
    });
    expect(cum[cum.length - 1]).toBeCloseTo(1, 12);
    // measured: 824 of 3,907 products make 80.0% of revenue; the top 20% (782) bring 78.8%
    const A = a.pareto.classes[0];
    expect(A.revenueShare).toBeGreaterThanOrEqual(0.8);
    expect(A.revenueShare - p.filter(pl.col("abcClass").eq(pl.lit("A"))).getColumn("revenueShare").min()).toBeLessThan(0.8);
    expect(a.pareto.topRevenueShare).toBeGreaterThan(0.2);
    expect(a.pareto.topRevenueShare).toBeLessThan(1);
  });

  it("says it has no stock levels and still gives velocity over the last 28 days", () => {
    expect([a.hasCatalogue, a.hasStock, a.hasCost, a.hasCategory]).toEqual([false, false, false, false]);
    expect(a.stock.note).toMatch(/no stock levels/);
    expect([a.stock.window.from, a.stock.window.to]).toEqual(["2011-11-12", "2011-12-09"]);
    expect(a.stock.atRisk.height + a.stock.clearance.height).toBe(0);
    expect(a.stock.table.getColumn("daysOfCover").nullCount()).toBe(a.stock.table.height);
    const windowUnits = Number(a.stock.table.getColumn("windowUnits").sum());
    expect(Number(a.stock.table.getColumn("velocity").sum()) * 28).toBeCloseTo(windowUnits, 6);
    const direct = products.filter(pl.col("invoiceDate").gtEq(new Date("2011-11-12T00:00:00Z"))).getColumn("quantity").sum();
    expect(windowUnits).toBe(Number(direct));
    expect(a.issues.noSalesInWindow.count).toBe(a.stock.table.filter(pl.col("windowUnits").eq(0)).height);
  });
});
