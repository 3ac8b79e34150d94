/**
 * Push-down against the in-memory path on the same data: the UCI file as a typed snake_case
 * table (and a generated dataset), in a real PostgreSQL. The cleaning report, the RFM table (byte
 * for byte as the CLI writes it from the CSV), customer features and the daily series agree.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { beforeAll, describe, expect, it } from "vitest";
import { cleanTransactions, type CleanData } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import { customerFeatures } from "../../src/features/index";
import { toCsv } from "../../src/io/csv";
import { rfmTable } from "../../src/rfm/index";
import { dailyProductUnits, dailyRevenue } from "../../src/series/index";
import {
  databaseCleaningReport, databaseCustomerFeatures, databaseDailyProductUnits, databaseDailyRevenue, databaseDataset, databaseRfm,
} from "../../src/warehouse/database";
import { cli } from "../cli/run";
import { tempDir } from "../helpers";
import { HAVE_POSTGRES, loadGenerated, query, UCI_FILE, uciTransactions, useTestDatabase } from "./db";

describe.skipIf(!HAVE_POSTGRES)("push-down on the UCI table equals the in-memory path", () => {
  const db = useTestDatabase({ uci: true });
  const uci = () => ({ url: db.url, table: "transactions" });
  let clean: CleanData;
  beforeAll(() => {
    clean = cleanTransactions(uciTransactions());
  });

  it("counts the cleaning rules as cleanTransactions does (the published UCI figures)", async () => {
    const report = await databaseCleaningReport(uci());
    expect(report).toEqual(clean.report);
    expect(report).toMatchObject({
      input: 541909, duplicate: 5268, cancellation: 9251, non_positive_quantity: 1336, non_positive_price: 1176,
      missing_customer: 132186, customer_lines: 392692, customers: 4338,
    });
  });

  it("writes the same RFM bytes as `retail-lab rfm` on the CSV, with an explicit mapping of the snake_case names", async () => {
    const out = join(tempDir(), "rfm.csv");
    const r = cli(["rfm", "--input", UCI_FILE, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const mapping = { transactions: { columns: {
      invoice: "invoice_no", stockCode: "stock_code", description: "description", quantity: "quantity", invoiceDate: "invoice_date",
      unitPrice: "unit_price", customerId: "customer_id", country: "country",
    } } };
    const pushed = toCsv(await databaseRfm({ ...uci(), mapping }));
    expect(pushed.split("\n")).toHaveLength(4338 + 2); // header, 4,338 customers, final newline
    expect(pushed).toBe(readFileSync(out, "utf8"));
  });

  it("scores with other bins as rfmTable does, and reading every row into memory gives the same table", async () => {
    expect(toCsv(await databaseRfm(uci(), { bins: 3 }))).toBe(toCsv(rfmTable(clean.customerLines, clean.sales, { bins: 3 })));
    const dataset = await databaseDataset(uci());
    const again = cleanTransactions(dataset.transactions);
    expect(again.report).toEqual(clean.report);
    expect(toCsv(rfmTable(again.customerLines, again.sales))).toBe(toCsv(rfmTable(clean.customerLines, clean.sales)));
  });

  it("computes the customer features: every column equal, q4Share (a ratio of unrounded sums) to the last bits", async () => {
    const pushed = await databaseCustomerFeatures(uci());
    const memory = customerFeatures(clean.customerLines, clean.returns);
    expect(pushed.columns).toEqual(memory.columns);
    expect(pushed.dtypes.map(String)).toEqual(memory.dtypes.map(String));
    for (const c of memory.columns.filter((c) => c !== "q4Share")) expect(pushed.getColumn(c).toArray(), c).toEqual(memory.getColumn(c).toArray());
    // the database sums exactly and rounds once; polars adds doubles in its own order: 1e-15 is a few units in the last place
    const a = pushed.getColumn("q4Share").toArray() as number[];
    const b = memory.getColumn("q4Share").toArray() as number[];
    a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(b[i]))));
  });

  it("builds the daily series: units per product and day equal, revenue per day to the last bits", async () => {
    const units = await databaseDailyProductUnits(uci());
    const memoryUnits = dailyProductUnits(clean.sales);
    expect(units.height).toBe(memoryUnits.height);
    expect(units.frameEqual(memoryUnits)).toBe(true);
    const revenue = await databaseDailyRevenue(uci());
    const memoryRevenue = dailyRevenue(clean.sales);
    expect(revenue.getColumn("date").toArray()).toEqual(memoryRevenue.getColumn("date").toArray());
    const a = revenue.getColumn("revenue").toArray() as number[];
    const b = memoryRevenue.getColumn("revenue").toArray() as number[];
    expect(a).toHaveLength(374); // 2010-12-01 to 2011-12-09, closed days included as 0
    a.forEach((x, i) => expect(Math.abs(x - b[i])).toBeLessThanOrEqual(1e-15 * Math.max(1, Math.abs(b[i]))));
  });
});

describe.skipIf(!HAVE_POSTGRES)("push-down on a generated dataset (duplicates, returns, adjustments, free items, anonymous lines)", () => {
  const db = useTestDatabase();
  let file = "";
  beforeAll(async () => {
    file = await loadGenerated(db, "generated", 30_000, 11);
  });

  it("gives the report and the RFM bytes of the CSV path", async () => {
    const clean = cleanTransactions(loadDataset({ transactions: file }).transactions);
    expect(clean.report.duplicate).toBeGreaterThan(0);
    expect(clean.report.cancellation).toBeGreaterThan(0);
    const spec = { url: db.url, table: "generated" };
    expect(await databaseCleaningReport(spec)).toEqual(clean.report);
    expect(toCsv(await databaseRfm(spec))).toBe(toCsv(rfmTable(clean.customerLines, clean.sales)));
  });

  it("rounds monetary exactly as polars' round(2) does, half-cent ties included", async () => {
    await query(db.url, `CREATE TABLE ties (invoice_no text, stock_code text, quantity integer, invoice_date timestamp, unit_price numeric, customer_id text)`);
    await query(db.url, `INSERT INTO ties VALUES
      ('1', 'A', 1, '2011-01-01 10:00', 1.015, 'c1'), ('2', 'A', 1, '2011-01-01 10:00', 0.125, 'c2'), ('3', 'A', 1, '2011-01-01 10:00', 0.135, 'c3'),
      ('4', 'A', 2, '2011-01-01 10:00', 1.3375, 'c4'), ('5', 'A', 1, '2011-01-01 10:00', 0.1, 'c5'), ('5', 'B', 1, '2011-01-01 10:00', 0.1, 'c5'),
      ('5', 'C', 1, '2011-01-01 10:00', 0.1, 'c5'), ('6', 'A', 1, '2011-01-01 10:00', 1.005, 'c6')`);
    const spec = { url: db.url, table: "ties" };
    const monetary = (await databaseRfm(spec)).getColumn("monetary").toArray();
    // cents = rint(sum x 100) / 100 with the sum as a double (ties to even):
    // c1 1.015 -> 101.49999999999999 -> 1.01   c2 0.125 -> 12.5 -> 0.12   c3 0.135 -> 13.5 -> 0.14
    // c4 2 x 1.3375 = 2.675 -> 267.5 -> 2.68   c5 0.1 + 0.1 + 0.1 -> 30.000000000000004 -> 0.3   c6 1.005 -> 100.49999999999999 -> 1
    expect(monetary).toEqual([1.01, 0.12, 0.14, 2.68, 0.3, 1]);
    const clean = cleanTransactions((await databaseDataset(spec)).transactions);
    expect(rfmTable(clean.customerLines, clean.sales).getColumn("monetary").toArray()).toEqual(monetary);
  });
});
