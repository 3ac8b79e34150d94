import { mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import pl from "nodejs-polars";
import { afterAll, describe, expect, it } from "vitest";
import { isUserError } from "../../src/errors";
import {
  generateDataset, generatedFrames, NON_PRODUCT_LINES, plantedDailyUnits, resolveGenerateOptions, writeDataset,
} from "../../src/generate";
import { TRANSACTION_COLUMNS } from "../../src/model";

const dir = mkdtempSync(join(tmpdir(), "retail-gen-tables-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ds = generateDataset({ rows: 30_000, seed: 21 });
writeDataset(dir, ds);
const frames = generatedFrames(ds);
const tx = frames.transactions;
const read = (f: string) => pl.readCSV(readFileSync(join(dir, f)), { inferSchemaLength: 0 });

describe("generated tables", () => {
  it("has the canonical transaction columns and types, in order", () => {
    expect(tx.columns).toEqual([...TRANSACTION_COLUMNS]);
    expect(tx.dtypes.map(String)).toEqual([
      "String", "String", "String", "Float64", "Datetime(ms,)", "Float64", "String", "String",
    ].map((t) => `DataType(${t})`));
    expect(tx.height).toBe(30_000);
  });

  it("writes CSV files whose headers and row counts match the manifest", () => {
    const t = read("transactions.csv");
    expect(t.columns).toEqual([...TRANSACTION_COLUMNS]);
    for (const [file, info] of Object.entries(ds.manifest.files)) expect(read(file).height, file).toBe(info.rows);
    expect(read("customers.csv").columns).toEqual(["customerId", "signupDate", "age", "gender", "country"]);
    expect(read("products.csv").columns).toEqual(["stockCode", "description", "category", "unitCost", "stockLevel"]);
    const dates = t.getColumn("invoiceDate").toArray() as string[];
    expect(dates.every((d) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(d))).toBe(true);
    expect([...dates].sort()).toEqual(dates); // written in time order
    const manifest = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
    expect(manifest.options).toEqual(ds.options);
    expect(manifest.counts.rows).toBe(30_000);
  });

  it("reads back from CSV as the same values as the frames", () => {
    const t = read("transactions.csv");
    expect(t.getColumn("invoice").toArray()).toEqual(tx.getColumn("invoice").toArray());
    expect(t.getColumn("quantity").cast(pl.Float64).toArray()).toEqual(tx.getColumn("quantity").toArray());
    expect(t.getColumn("unitPrice").cast(pl.Float64).toArray()).toEqual(tx.getColumn("unitPrice").toArray());
    expect(t.getColumn("customerId").toArray()).toEqual(tx.getColumn("customerId").toArray());
    const ms = (t.getColumn("invoiceDate").toArray() as string[]).map((d) => Date.parse(d.replace(" ", "T") + "Z"));
    expect(ms).toEqual((tx.getColumn("invoiceDate").toArray() as unknown as Date[]).map((d) => d.getTime()));
  });

  it("keeps keys consistent across tables", () => {
    const codes = new Set(ds.products.stockCode);
    expect(codes.size).toBe(ds.products.stockCode.length);
    expect((tx.getColumn("stockCode").unique().toArray() as string[]).filter((c) => !codes.has(c))).toEqual([]);
    const ids = new Set(ds.customers.customerId);
    expect(ids.size).toBe(ds.customers.customerId.length);
    const used = (tx.getColumn("customerId").dropNulls().unique().toArray() as string[]);
    expect(used.filter((c) => !ids.has(c))).toEqual([]);
    expect(ds.truthCustomers.customerId).toEqual(ds.customers.customerId);
    expect(ds.truthProducts.stockCode).toEqual(ds.products.stockCode.filter((_, i) => ds.products.category[i] !== "Non-product"));
    expect(ds.products.stockCode.filter((_, i) => ds.products.category[i] === "Non-product").sort()).toEqual(Object.keys(NON_PRODUCT_LINES).sort());
  });

  it("has customers who signed up and never ordered, and every customer's planned orders as invoices", () => {
    const invoices = tx.filter(pl.col("customerId").isNotNull().and(pl.col("invoice").str.startsWith("C").not()))
      .groupBy("customerId").agg(pl.col("invoice").nUnique().alias("n"));
    const byId = new Map((invoices.toRecords() as Array<{ customerId: string; n: number }>).map((r) => [r.customerId, r.n]));
    const never = ds.truthCustomers.customerId.filter((_, i) => ds.truthCustomers.archetype[i] === "never_ordered");
    expect(never.length).toBeGreaterThan(0.1 * ds.customers.customerId.length);
    for (const id of never) expect(byId.has(id)).toBe(false);
    ds.truthCustomers.customerId.forEach((id, i) => expect(byId.get(id) ?? 0, id).toBe(ds.truthCustomers.plannedOrders[i]));
  });

  it("signs customers up before their first order", () => {
    const first = tx.filter(pl.col("customerId").isNotNull()).groupBy("customerId").agg(pl.col("invoiceDate").min().alias("first"));
    const signup = new Map(ds.customers.customerId.map((id, i) => [id, ds.customers.signupDate[i]]));
    for (const r of first.toRecords() as unknown as Array<{ customerId: string; first: Date }>) {
      expect(signup.get(r.customerId)! <= r.first.toISOString().slice(0, 10), r.customerId).toBe(true);
    }
  });

  it("returns in C invoices only lines the same customer bought earlier, in full", () => {
    const returns = tx.filter(pl.col("invoice").str.startsWith("C")).withColumns(pl.col("quantity").mul(-1).alias("bought"));
    expect(returns.height).toBeGreaterThan(0);
    expect(returns.filter(pl.col("customerId").isNull().or(pl.col("quantity").gtEq(0))).height).toBe(0);
    const sales = tx.filter(pl.col("invoice").str.startsWith("C").not().and(pl.col("customerId").isNotNull()))
      .select(pl.col("customerId"), pl.col("stockCode"), pl.col("quantity").alias("bought"), pl.col("unitPrice"), pl.col("invoiceDate").alias("soldAt"));
    const matched = returns.join(sales, { on: ["customerId", "stockCode", "bought", "unitPrice"] })
      .filter(pl.col("soldAt").lt(pl.col("invoiceDate")))
      .select("invoice", "stockCode").unique();
    expect(matched.height).toBe(returns.select("invoice", "stockCode").unique().height);
  });

  it("never trades on Saturdays or on Christmas Day, and numbers invoices in time order", () => {
    const wd = tx.select(pl.col("invoiceDate").date.weekday().alias("w")).getColumn("w").unique().toArray() as number[];
    expect(wd).not.toContain(6); // ISO weekday 6 = Saturday
    expect(wd.sort()).toEqual([1, 2, 3, 4, 5, 7]);
    const dates = (tx.getColumn("invoiceDate").toArray() as unknown as Date[]).map((d) => d.toISOString().slice(5, 10));
    expect(dates.filter((d) => d === "12-25" || d === "12-26" || d === "01-01")).toEqual([]);
    const firsts = tx.groupBy("invoice").agg(pl.col("invoiceDate").first().alias("d"))
      .withColumns(pl.col("invoice").str.replace("C", "").cast(pl.Int64).alias("n")).sort("n");
    const d = firsts.getColumn("d").toArray() as unknown as Date[];
    for (let i = 1; i < d.length; i++) expect(d[i].getTime() >= d[i - 1].getTime()).toBe(true);
  });

  it("computes planted daily units with the documented formula", () => {
    const p = { baseDailyUnits: 10, trendPerYear: 0.21, yearlyAmplitude: 0.5, yearlyPeakDay: 1 };
    expect(plantedDailyUnits(p, "2022-01-01", "2022-01-01")).toBe(0); // New Year's Day: closed
    expect(plantedDailyUnits(p, "2022-01-08", "2022-01-01")).toBe(0); // a Saturday
    // Monday 2022-01-03, 2 days in: 10 * 1.21^(2/365.25) * (1 + 0.5 cos(2 pi 2 / 365.25)) * 1.23
    expect(plantedDailyUnits(p, "2022-01-03", "2022-01-01")).toBeCloseTo(10 * 1.21 ** (2 / 365.25) * (1 + 0.5 * Math.cos((2 * Math.PI * 2) / 365.25)) * 1.23, 10);
  });

  it("rejects bad options with a UserError naming the option", () => {
    const bad = [{ rows: 10, seed: 1 }, { rows: 5_000, seed: 1.5 }, { rows: 5_000, seed: 1, start: "2022-02-30" }, { rows: 5_000, seed: 1, days: 10 }];
    for (const o of bad) {
      let err: unknown;
      try {
        resolveGenerateOptions(o);
      } catch (e) {
        err = e;
      }
      expect(isUserError(err), JSON.stringify(o)).toBe(true);
    }
    expect(() => generateDataset({ rows: 2_000, seed: 1, customers: 5_000 })).toThrow(/too many/);
    expect(resolveGenerateOptions({ rows: 1_000_000, seed: 1 })).toMatchObject({ customers: 10_000, products: 4_000, days: 730, end: "2023-12-31" });
  });
});
