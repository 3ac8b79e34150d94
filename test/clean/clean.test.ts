import { createHash } from "crypto";
import { readFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions, duplicateRows, reportRows } from "../../src/clean/clean";
import { isNonProductCode } from "../../src/clean/nonProduct";
import { loadDataset } from "../../src/data/load";
import { DEFAULT_DATA_FILE } from "../../src/data/default";
import { REPO_DATA } from "../helpers";

function table(rows: [string, string, number, number, string | null][]) {
  return pl.DataFrame({
    invoice: rows.map((r) => r[0]),
    stockCode: rows.map((r) => r[1]),
    description: rows.map(() => "  A   THING "),
    quantity: rows.map((r) => r[2]),
    invoiceDate: rows.map(() => new Date("2011-01-01T10:00:00Z")),
    unitPrice: rows.map((r) => r[3]),
    customerId: rows.map((r) => r[4]),
    country: rows.map(() => "UK"),
  });
}

describe("duplicateRows", () => {
  it("names every exact copy of an earlier row, whatever the order, with 0 and -0 alike, NaN like NaN, empty like empty", () => {
    const df = pl.DataFrame({
      q: [1, 0, 2, -0, NaN, 1, NaN, null, null, 1],
      s: ["a", "x", "b", "x", "n", "a", "n", null, null, "b"],
    });
    // row 3 copies row 1 (0 = -0), 5 copies 0, 6 copies 4 (NaN = NaN), 8 copies 7 (both empty); row 9 (1, "b") is new
    expect(duplicateRows(df).toArray()).toEqual([3, 5, 6, 8]);
    expect(duplicateRows(df.head(3)).toArray()).toEqual([]);
  });
});

describe("cleanTransactions", () => {
  // one row per rule, plus two good lines; the duplicate is row 2 (a copy of row 1)
  const t = table([
    ["1", "A", 2, 1.5, "7"], // customer line
    ["1", "A", 2, 1.5, "7"], // duplicate of the row above
    ["C2", "A", -1, 1.5, "7"], // cancellation
    ["3", "A", 0, 1.5, "7"], // quantity <= 0
    ["C4", "A", 0, 0, "7"], // cancellation wins over quantity and price: first rule met
    ["5", "A", 1, 0, "7"], // price <= 0
    ["6", "POST", 1, 18, null], // missing customer, non-product
    ["7", "22633", 3, 2, "8"], // customer line
  ]);
  const c = cleanTransactions(t);
  it("counts each row under the first rule it meets, adding up to the input", () => {
    expect(c.report).toEqual({
      input: 8, duplicate: 1, cancellation: 2, non_positive_quantity: 1, non_positive_price: 1, missing_customer: 1,
      customer_lines: 2, customers: 2, sales_lines: 3,
    });
    expect(reportRows(c.report).reduce((s, r) => s + r.rows, 0)).toBe(8);
  });
  it("keeps the tables aside rather than dropping them", () => {
    expect(c.returns.getColumn("invoice").toArray()).toEqual(["C2", "C4"]);
    expect(c.adjustments.getColumn("invoice").toArray()).toEqual(["3"]);
    expect(c.nonPositivePrice.getColumn("invoice").toArray()).toEqual(["5"]);
    expect(c.sales.getColumn("invoice").toArray()).toEqual(["1", "6", "7"]);
  });
  it("adds amount, flags non-product codes and tidies descriptions", () => {
    expect(c.sales.getColumn("amount").toArray()).toEqual([3, 18, 6]);
    expect(c.sales.getColumn("isProduct").toArray()).toEqual([true, false, true]);
    expect(c.sales.getColumn("description").get(0)).toBe("A THING");
  });
  it("tidies every description JavaScript's \\s would change, and only those", () => {
    const texts = ["A\u00a0THING", "\ufeffA THING", "A\tTHING", "A  THING", " A", "A ", "A THING", "A\u2009B", "   ", "A B C"];
    const d = cleanTransactions(table(texts.map((_, i) => [String(i), "A", 1, 1, "7"] as [string, string, number, number, string])).withColumns(pl.Series("description", texts)));
    // each is tidied as String.prototype.replace(/\s+/g, " ").trim() does; "   " becomes empty, so null
    expect(d.customerLines.getColumn("description").toArray()).toEqual(["A THING", "A THING", "A THING", "A THING", "A", "A", "A THING", "A B", null, "A B C"]);
  });
  it("refuses an empty table", () => {
    expect(() => cleanTransactions(t.head(0))).toThrow(/no rows/);
  });
});

describe("cleanTransactions with columns", () => {
  // rows 1 and 2 differ only in the description, which the tables leave out: not copies of each other
  const t = table([
    ["1", "A", 2, 1.5, "7"],
    ["1", "A", 2, 1.5, "7"],
    ["C2", "A", -1, 1.5, "7"],
    ["6", "POST", 1, 18, null],
  ]).withColumns(pl.Series("description", ["one", "two", "x", "y"]));
  const narrow = cleanTransactions(t, { columns: ["customerId", "amount"] });
  it("keeps only the columns asked for, in that order, while the rules still read all of them", () => {
    expect(narrow.sales.columns).toEqual(["customerId", "amount"]);
    expect(narrow.returns.columns).toEqual(["customerId", "amount"]);
    // no duplicate: the descriptions differ; amounts 2 x 1.5 = 3 twice, then 1 x 18
    expect(narrow.report).toEqual(cleanTransactions(t).report);
    expect(narrow.report.duplicate).toBe(0);
    expect(narrow.sales.getColumn("amount").toArray()).toEqual([3, 3, 18]);
    expect(narrow.customerLines.getColumn("customerId").toArray()).toEqual(["7", "7"]);
  });
  it("gives the same rows as the full tables' columns", () => {
    const full = cleanTransactions(t);
    for (const name of ["sales", "customerLines", "returns", "adjustments", "nonPositivePrice"] as const) {
      expect(narrow[name].toRecords()).toEqual(full[name].select("customerId", "amount").toRecords());
    }
  });
  it("counts the customers when the tables leave customerId out", () => {
    expect(cleanTransactions(t, { columns: ["invoice"] }).report.customers).toBe(1);
  });
  it("refuses a column the tables cannot keep, naming those they can", () => {
    expect(() => cleanTransactions(t, { columns: ["customerId", "basket"] })).toThrow(/no column "basket" to keep; the tables can keep invoice, .*amount, isProduct/);
  });
});

describe("isNonProductCode", () => {
  it("flags postage, fees and vouchers, not products", () => {
    for (const c of ["POST", "DOT", "M", "m", "BANK CHARGES", "AMAZONFEE", "gift_0001_20", "ADJUST"]) expect(isNonProductCode(c)).toBe(true);
    for (const c of ["85123A", "22633", "DCGS0003"]) expect(isNonProductCode(c)).toBe(false);
  });
});

describe("the UCI Online Retail figures", () => {
  it("ships the published file unchanged (sha256 given in data/README.md)", () => {
    const sha = createHash("sha256").update(readFileSync(DEFAULT_DATA_FILE)).digest("hex");
    expect(readFileSync(join(REPO_DATA, "README.md"), "utf8")).toContain(sha);
  });

  it("reproduces the published cleaning figures on the shipped file", () => {
    const { report } = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions);
    expect(report).toMatchObject({
      input: 541909, duplicate: 5268, cancellation: 9251, non_positive_quantity: 1336, non_positive_price: 1176,
      missing_customer: 132186, customer_lines: 392692, customers: 4338,
    });
  });
});
