import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { generateDataset, generatedFrames, RATES } from "../../src/generate";

const ds = generateDataset({ rows: 100_000, seed: 4 });
const tx = generatedFrames(ds).transactions;
const counts = ds.manifest.counts;
const isC = pl.col("invoice").str.startsWith("C");

describe("planted dirt", () => {
  it("counts every kind of row in the data exactly as the manifest says", () => {
    expect(tx.height).toBe(counts.rows);
    expect(tx.height - tx.unique().height).toBe(counts.duplicateRows);
    expect(tx.filter(isC).height).toBe(counts.cancellationLines);
    expect(tx.filter(isC).select("invoice").unique().height).toBe(counts.cancellationInvoices);
    expect(tx.filter(isC.not().and(pl.col("quantity").ltEq(0))).height).toBe(counts.adjustmentLines);
    expect(tx.filter(pl.col("unitPrice").eq(0).and(pl.col("quantity").gt(0))).height).toBe(counts.zeroPriceLines);
    expect(tx.filter(pl.col("customerId").isNull()).height).toBe(counts.missingCustomerRows);
    const codes = tx.groupBy("stockCode").agg(pl.len().alias("n")).toRecords() as Array<{ stockCode: string; n: number }>;
    const byCode = Object.fromEntries(codes.map((r) => [r.stockCode, r.n]));
    for (const [code, n] of Object.entries(counts.nonProductLines)) expect(byCode[code] ?? 0, code).toBe(n);
  });

  it("plants the dirt at the documented rates", () => {
    const r = ds.manifest.rates.realised;
    expect(r.missingCustomer).toBeGreaterThanOrEqual(0.2);
    expect(r.missingCustomer).toBeLessThanOrEqual(0.25);
    expect(r.anonymousOfProductSaleLines).toBeCloseTo(RATES.anonymousLineShare, 2);
    expect(r.duplicate).toBeCloseTo(RATES.duplicateRows, 4);
    expect(r.adjustment).toBeCloseTo(RATES.adjustmentRows, 4);
    expect(r.zeroPrice).toBeCloseTo(RATES.zeroPriceRows, 4);
    expect(r.cancellation).toBeGreaterThan(0.01);
    expect(r.cancellation).toBeLessThan(0.03);
    expect(r.nonProduct).toBeGreaterThan(0.002);
    expect(r.nonProduct).toBeLessThan(0.02);
    // Returns hit ~8% of registered invoices (a few fall after the window's end and are dropped).
    expect(r.cancelledShareOfSaleInvoices).toBeGreaterThan(RATES.cancelInvoice - 0.015);
    expect(r.cancelledShareOfSaleInvoices).toBeLessThan(RATES.cancelInvoice + 0.01);
  });

  it("duplicates only product sale lines", () => {
    const dup = tx.filter(pl.struct(tx.columns.map((c) => pl.col(c))).isDuplicated());
    expect(dup.height).toBeGreaterThan(counts.duplicateRows); // originals and copies
    expect(dup.filter(isC.or(pl.col("quantity").ltEq(0)).or(pl.col("unitPrice").ltEq(0))).height).toBe(0);
    expect(dup.filter(pl.col("stockCode").isIn(["POST", "C2", "DOT", "M", "BANK CHARGES"])).height).toBe(0);
  });

  it("writes stock adjustments and free lines without customer or description", () => {
    const adj = tx.filter(isC.not().and(pl.col("quantity").ltEq(0)));
    expect(adj.filter(pl.col("customerId").isNotNull().or(pl.col("description").isNotNull()).or(pl.col("unitPrice").neq(0))).height).toBe(0);
    const free = tx.filter(pl.col("unitPrice").eq(0).and(pl.col("quantity").gt(0)));
    const onCustomer = free.filter(pl.col("customerId").isNotNull()).height;
    expect(onCustomer / free.height).toBeCloseTo(RATES.zeroPriceOnCustomerInvoice, 1);
  });

  it("writes postage for foreign registered customers and DOT only on anonymous invoices", () => {
    const post = tx.filter(pl.col("stockCode").isIn(["POST", "C2"]));
    expect(post.height).toBeGreaterThan(0);
    expect(post.filter(pl.col("country").eq(pl.lit("United Kingdom"))).height).toBe(0);
    const dot = tx.filter(pl.col("stockCode").eq(pl.lit("DOT")));
    expect(dot.height).toBeGreaterThan(0);
    expect(dot.filter(pl.col("customerId").isNotNull()).height).toBe(0);
  });

  it("writes a few descriptions with stray spaces, consistently per product", () => {
    const d = tx.filter(pl.col("description").isNotNull()).select("stockCode", "description").unique();
    const stray = d.filter(pl.col("description").str.contains("(^ | $|  )"));
    expect(stray.height).toBeGreaterThan(0);
    expect(stray.height / d.height).toBeLessThan(0.1);
    expect(d.select("stockCode").unique().height).toBe(d.height); // one spelling per code
  });
});
