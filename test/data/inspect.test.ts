/** `inspectFile` on the shipped CDNOW sample and Kalbe tables: the mapping it suggests loads them as written. */
import { readFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanDataset } from "../../src/clean/clean";
import { inspectFile, profileColumn } from "../../src/data/inspect";
import { loadDataset } from "../../src/data/load";
import { REPO_DATA, tempFile } from "../helpers";

const CDNOW = join(REPO_DATA, "cdnow", "CDNOW_sample.txt");
const KALBE = join(REPO_DATA, "kalbe");
const reference = JSON.parse(readFileSync(join(__dirname, "..", "reference", "cdnow_reference.json"), "utf8"));

describe("inspectFile on the CDNOW sample", () => {
  const i = inspectFile(CDNOW);
  it("sees the layout: whitespace, no header, 6,919 rows", () => {
    expect([i.reading.delimiter, i.reading.delimiterDetected, i.reading.rows, i.kind]).toEqual(["whitespace", true, 6919, "transactions"]);
    expect(i.notes).toContain("line 1 looks like data, not a header: the mapping gives names");
  });
  it("guesses each column from its values", () => {
    expect(i.columns.map((c) => [c.name, c.type, c.field ?? null])).toEqual([
      ["column_1", "integer", "customerId"],
      ["column_2", "integer", null],
      ["column_3", "integer", "invoiceDate"],
      ["column_4", "integer", "quantity"],
      ["column_5", "decimal", "amount"],
    ]);
    expect(i.columns[1].why).toBe("another ID for the same customers as column_1");
    expect(i.columns[2].dateFormats).toEqual(["%Y%m%d"]);
    expect(i.columns[0].examples).toEqual(["00004", "00021", "00050"]);
  });
  it("suggests a mapping that loads the file as written, with the reference's cleaning report", () => {
    expect(i.mapping).toEqual({
      delimiter: "whitespace", header: false, names: ["customerId", "column_2", "invoiceDate", "quantity", "amount"],
      columns: { customerId: "customerId", invoiceDate: "invoiceDate", quantity: "quantity", amount: "amount" }, dateFormat: "%Y%m%d",
    });
    const clean = cleanDataset(loadDataset({ transactions: CDNOW, mapping: { transactions: i.mapping } }));
    // the reference counts customers by the sample ID; the full-log ID (column_1) groups the same customers
    expect(clean.report).toEqual(reference.drop.report);
  });
});

describe("inspectFile on the Kalbe tables", () => {
  const t = inspectFile(join(KALBE, "transaction.csv"));
  const c = inspectFile(join(KALBE, "customer.csv"), "customers");
  const p = inspectFile(join(KALBE, "product.csv"), "products");
  it("finds the day-first dates and keeps TotalAmount out (the unit price is mapped)", () => {
    expect(t.mapping).toEqual({
      columns: { invoice: "TransactionID", customerId: "CustomerID", invoiceDate: "Date", stockCode: "ProductID", unitPrice: "Price", quantity: "Qty" },
      dateFormat: "%d/%m/%Y",
    });
    expect(t.columns.find((x) => x.name === "TotalAmount")?.why).toBe("a line total; the unit price column is used");
  });
  it("sees customer profiles and a catalogue", () => {
    expect([c.kind, p.kind]).toEqual(["customers", "products"]);
    expect(c.mapping.columns).toEqual({ customerId: "CustomerID", age: "Age", gender: "Gender", income: "Income" });
    expect(p.mapping.columns).toEqual({ stockCode: "ProductID", description: "Product Name", unitPrice: "Price" });
  });
  it("suggests mappings that load the three tables as written", () => {
    const d = loadDataset({
      transactions: join(KALBE, "transaction.csv"), customers: join(KALBE, "customer.csv"), products: join(KALBE, "product.csv"),
      mapping: { transactions: t.mapping, customers: c.mapping, products: p.mapping },
    });
    expect([d.transactions.height, d.customers!.height, d.products!.height]).toEqual([5020, 447, 10]);
    // first line TR11369,328,01/01/2022,P3,7500,4,30000,12: 1 January (day first), P3 is Crackers
    expect(d.transactions.row(0).slice(0, 7)).toEqual(["TR11369", "P3", "Crackers", 4, new Date("2022-01-01T00:00:00Z"), 7500, "328"]);
    expect(d.customers!.getColumn("Marital Status").nullCount()).toBe(2);
  });
});

describe("inspectFile guesses", () => {
  it("takes decimals that do not rise with the quantity as a unit price", () => {
    // quantities 1, 10, 2, 20 with prices 9.99, 0.5, 4.25, 0.3: the price falls as the quantity rises
    const file = tempFile("u.txt", "A1 2011-01-02 1 9.99\nA1 2011-01-03 10 0.50\nB2 2011-01-02 2 4.25\nB2 2011-01-04 20 0.30\nC3 2011-01-05 3 1.10\n");
    const i = inspectFile(file);
    expect(i.columns.map((c) => c.field ?? null)).toEqual(["customerId", "invoiceDate", "quantity", "unitPrice"]);
    expect(cleanDataset(loadDataset({ transactions: file, mapping: { transactions: i.mapping } })).report.customer_lines).toBe(5);
  });
  it("profiles a column's type, empties, distinct values and examples", () => {
    const p = profileColumn(pl.Series("age", ["65+", "", "25-34", "65+"]));
    expect([p.type, p.empty, p.distinct, p.examples]).toEqual(["text", 1, 2, ["65+", "25-34"]]);
    expect(profileColumn(pl.Series("d", ["01/02/2010", "13/02/2010"])).dateFormats).toEqual(["%d/%m/%Y"]);
  });
});
