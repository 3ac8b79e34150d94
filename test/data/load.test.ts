import { gzipSync } from "zlib";
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanDataset, cleanTransactions } from "../../src/clean/clean";
import { customerRoster, loadDataset, loadDatasetAsync } from "../../src/data/load";
import { productAudit } from "../../src/products/audit";
import { topProductsByUnits } from "../../src/series/daily";
import { REPO_DATA, tempDir, tempFile } from "../helpers";

const HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
const ROWS = [
  '536365,85123A,"HEART, WHITE",6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
  "536366,22633,HAND WARMER,6,2010-12-01 08:28:00,1.85,,France",
];
const csv = (lines: string[], eol = "\n") => lines.join(eol) + eol;

describe("loadDataset on CSV", () => {
  it("reads the UCI layout with quoted commas and an empty customer", () => {
    const { transactions: t } = loadDataset({ transactions: tempFile("a.csv", csv([HEADER, ...ROWS])) });
    expect(t.columns).toEqual(["invoice", "stockCode", "description", "quantity", "invoiceDate", "unitPrice", "customerId", "country"]);
    expect(t.getColumn("description").toArray()).toEqual(["HEART, WHITE", "HAND WARMER"]);
    expect(t.getColumn("customerId").toArray()).toEqual(["17850", null]);
    expect(t.getColumn("unitPrice").toArray()).toEqual([2.55, 1.85]);
  });
  it("handles a byte-order mark, CRLF line ends and gzip", () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv([HEADER, ...ROWS], "\r\n"))]);
    const { transactions: t } = loadDataset({ transactions: tempFile("b.csv.gz", gzipSync(bom)) });
    expect(t.height).toBe(2);
    expect(t.getColumn("country").toArray()).toEqual(["United Kingdom", "France"]);
  });
  it("re-encodes Latin-1 bytes", () => {
    const bytes = Buffer.from(csv([HEADER, "536367,1,CAF\xc9 MUG,1,2010-12-01 09:00:00,2.00,1,France"]), "latin1");
    const { transactions: t } = loadDataset({ transactions: tempFile("c.csv", bytes) });
    expect(t.getColumn("description").get(0)).toBe("CAFÉ MUG");
  });
  it("reads Online Retail II headers and 12346.0-style customer IDs", () => {
    const file = tempFile("ii.csv", csv(["Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country", "489434,85048,LED,12,12/1/2009 7:45,6.95,13085.0,United Kingdom"]));
    const { transactions: t } = loadDataset({ transactions: file });
    expect(t.getColumn("customerId").get(0)).toBe("13085");
    expect((t.getColumn("invoiceDate").toArray()[0] as unknown as Date).toISOString()).toBe("2009-12-01T07:45:00.000Z");
  });
  it("refuses empty and header-only files", () => {
    expect(() => loadDataset({ transactions: tempFile("e.csv", "") })).toThrow(/e\.csv is empty/);
    expect(() => loadDataset({ transactions: tempFile("h.csv", HEADER + "\n") })).toThrow(/h\.csv has a header but no data rows/);
    expect(() => loadDataset({ transactions: join(tempDir(), "nope.csv") })).toThrow(/nope\.csv: no such file/);
  });
  it("names a missing column, the headers found and the mapping to write", () => {
    const file = tempFile("m.csv", csv(["InvoiceNo,StockCode,Quantity,UnitPrice", "1,A,1,1.0"]));
    expect(() => loadDataset({ transactions: file })).toThrow(
      /m\.csv: no column for "invoiceDate".*Headers found: InvoiceNo, StockCode, Quantity, UnitPrice.*"invoiceDate": "<one of those headers>"/,
    );
  });
  it("names the file, column, row and value of an unparseable number", () => {
    const file = tempFile("q.csv", csv([HEADER, ROWS[0], "536366,22633,X,six,2010-12-01 08:28:00,1.85,1,France"]));
    expect(() => loadDataset({ transactions: file })).toThrow(/q\.csv: column "Quantity" row 2 has "six", which is not a finite number/);
  });
  it("refuses NaN and infinite prices and quantities, naming the row", () => {
    for (const [bad, col] of [["NaN", "UnitPrice"], ["inf", "UnitPrice"], ["1e400", "Quantity"]] as const) {
      const row = col === "UnitPrice" ? `536366,22633,X,6,2010-12-01 08:28:00,${bad},1,France` : `536366,22633,X,${bad},2010-12-01 08:28:00,1.85,1,France`;
      const file = tempFile("nan.csv", csv([HEADER, ROWS[0], row]));
      expect(() => loadDataset({ transactions: file })).toThrow(new RegExp(`column "${col}" row 2 has "${bad}", which is not a finite number`));
    }
  });
  it("refuses ragged rows instead of dropping fields", () => {
    const file = tempFile("r.csv", csv([HEADER, ROWS[0] + ",extra"]));
    expect(() => loadDataset({ transactions: file })).toThrow(/r\.csv: row 1 \(line 2\) has 9 fields where the header has 8/);
  });
});

describe("loadDataset on Parquet and xlsx", () => {
  it("reads a Parquet file with canonical names", () => {
    const dir = tempDir();
    const file = join(dir, "t.parquet");
    pl.DataFrame({
      invoice: ["1", "2"], stockCode: ["A", "B"], description: ["a", "b"], quantity: [1, 2],
      invoiceDate: ["2011-01-01 10:00:00", "2011-01-02 11:00:00"], unitPrice: [1.5, 2.5], customerId: ["7", null], country: ["UK", "UK"],
    }).writeParquet(file);
    const { transactions: t } = loadDataset({ transactions: file });
    expect(t.getColumn("quantity").toArray()).toEqual([1, 2]);
    expect((t.getColumn("invoiceDate").toArray()[1] as unknown as Date).toISOString()).toBe("2011-01-02T11:00:00.000Z");
  });
  it("reads both sheets of an Online Retail II style workbook", async () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const ExcelJS = require("exceljs");
    const wb = new ExcelJS.Workbook();
    const header = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"];
    const a = wb.addWorksheet("Year 2009-2010");
    a.addRow(header);
    a.addRow(["489434", "85048", "LED", 12, new Date(Date.UTC(2009, 11, 1, 7, 45)), 6.95, 13085, "United Kingdom"]);
    const b = wb.addWorksheet("Year 2010-2011");
    b.addRow(header);
    b.addRow(["C536379", "D", "Discount", -1, new Date(Date.UTC(2010, 11, 1, 9, 41)), 27.5, 14527, "United Kingdom"]);
    const file = join(tempDir(), "ii.xlsx");
    await wb.xlsx.writeFile(file);
    const { transactions: t } = await loadDatasetAsync({ transactions: file });
    expect(t.getColumn("invoice").toArray()).toEqual(["489434", "C536379"]);
    expect(t.getColumn("customerId").toArray()).toEqual(["13085", "14527"]);
    expect((t.getColumn("invoiceDate").toArray()[1] as unknown as Date).toISOString()).toBe("2010-12-01T09:41:00.000Z");
  });
});

describe("several related tables through a mapping (Kalbe case study)", () => {
  const kalbe = join(REPO_DATA, "kalbe");
  const mapping = {
    transactions: { columns: { invoice: "TransactionID", invoiceDate: "Date", stockCode: "ProductID", unitPrice: "Price", quantity: "Qty", customerId: "CustomerID" }, dayFirst: true },
    customers: { columns: { customerId: "CustomerID", age: "Age", income: "Income" } },
    products: { columns: { stockCode: "ProductID", description: "Product Name", unitPrice: "Price" } },
  };
  it("loads transactions, customers and products joined on their keys, with day-first dates", () => {
    const d = loadDataset({
      transactions: join(kalbe, "transaction.csv"), customers: join(kalbe, "customer.csv"), products: join(kalbe, "product.csv"), mapping,
    });
    expect(d.transactions.height).toBe(5020);
    expect(d.customers!.height).toBe(447);
    expect(d.products!.height).toBe(10);
    const first = d.transactions.row(0);
    // TR11369,328,01/01/2022,P3,7500,4,30000,12 ; P3 is Crackers
    expect(first).toEqual(["TR11369", "P3", "Crackers", 4, new Date("2022-01-01T00:00:00Z"), 7500, "328", null, "30000", "12"]);
    const dates = d.transactions.getColumn("invoiceDate");
    expect(new Date(dates.max() as unknown as number).toISOString().slice(0, 10)).toBe("2022-12-31");
    expect(d.customers!.getColumn("age").dtype.toString()).toContain("Float64");
  });
  it("the amounts agree with price x quantity (a check that the mapping is right)", () => {
    const d = loadDataset({ transactions: join(kalbe, "transaction.csv"), mapping });
    const t = d.transactions.withColumns(pl.col("TotalAmount").cast(pl.Float64));
    const off = t.filter(pl.col("quantity").mul(pl.col("unitPrice")).minus(pl.col("TotalAmount")).abs().gt(0.001));
    expect(off.height).toBe(0);
  });
  it("names a mapped header that the file does not have", () => {
    expect(() =>
      loadDataset({ transactions: join(kalbe, "transaction.csv"), mapping: { transactions: { columns: { invoice: "TxID" } } } }),
    ).toThrow(/names column "TxID" for invoice, but the file has no such header\. Headers found: TransactionID/);
  });
});

describe("profile tables", () => {
  it("keep empty profile values as null, and text as text whatever the column's name", () => {
    const t = tempFile("t.csv", "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2011-01-01 10:00:00,1.0,7\n");
    const ok = tempFile("c.csv", "customerId,signupDate,age\n7,2010-05-01,\n8,,41\n");
    const d = loadDataset({ transactions: t, customers: ok });
    expect(d.customers!.getColumn("age").toArray()).toEqual([null, 41]);
    expect(d.customers!.getColumn("signupDate").nullCount()).toBe(1);
    const banded = tempFile("c2.csv", "customerId,age,income\n7,65+,50-74K\n8,25-34,\n");
    const b = loadDataset({ transactions: t, customers: banded }).customers!;
    expect(b.getColumn("age").toArray()).toEqual(["65+", "25-34"]);
    expect(b.getColumn("income").toArray()).toEqual(["50-74K", null]);
    const dup = tempFile("c3.csv", "customerId,age\n7,1\n7,2\n");
    expect(() => loadDataset({ transactions: t, customers: dup })).toThrow(/customerId "7" appears more than once \(again at row 2\)/);
  });
});

describe("customerRoster", () => {
  it("lists the customers table's IDs, or nothing without one", () => {
    const t = tempFile("t.csv", "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2011-01-01 10:00:00,1.0,7\n");
    const c = tempFile("c.csv", "customerId,age\n7,30\n8,41\n");
    expect(customerRoster(loadDataset({ transactions: t, customers: c }))).toEqual(["7", "8"]);
    expect(customerRoster(loadDataset({ transactions: t }))).toBeUndefined();
  });
});

describe("shapes of other exports", () => {
  // a grocery chain's basket lines: household, basket, product, a line total, a timestamp; quantity 0 on one line
  const baskets = [
    "household_id,store_id,basket_id,product_id,quantity,sales_value,transaction_timestamp",
    "2375,364,26984851472,1004906,1,1.39,2017-01-01 11:53:26",
    "2375,364,26984851472,1033142,0,0.00,2017-01-01 11:53:26",
    "1364,31742,26984896261,842930,2,5.00,2017-01-01 12:10:28",
  ].join("\n") + "\n";
  it("loads basket lines by their header spellings, deriving the unit price from the line total", () => {
    const d = loadDataset({ transactions: tempFile("b.csv", baskets) });
    const t = d.transactions;
    expect(t.getColumn("invoice").toArray()).toEqual(["26984851472", "26984851472", "26984896261"]);
    expect(t.getColumn("customerId").toArray()).toEqual(["2375", "2375", "1364"]);
    // 1.39 / 1; quantity 0: no unit price; 5.00 / 2 = 2.5
    expect(t.getColumn("unitPrice").toArray()).toEqual([1.39, null, 2.5]);
    expect(t.getColumn("amount").toArray()).toEqual([1.39, 0, 5]);
    expect(d.reading?.transactions.columns).toMatchObject({ amount: "sales_value", invoiceDate: "transaction_timestamp", stockCode: "product_id" });
    const c = cleanTransactions(t);
    // the quantity-0 line is counted, not a stop
    expect(c.report).toMatchObject({ input: 3, non_positive_quantity: 1, customer_lines: 2, customers: 2 });
    expect(c.customerLines.getColumn("amount").toArray()).toEqual([1.39, 5]);
  });
  it("keeps banded demographics and a department as the text they are", () => {
    const demo = tempFile("hh.csv", "household_id,age,income,home_ownership,household_size\n2375,65+,50-74K,Homeowner,2\n1364,25-34,Under 15K,,1\n");
    const prod = tempFile("p.csv", "product_id,manufacturer_id,department,brand\n1004906,69,PRODUCE,Private\n842930,2,GROCERY,National\n1033142,2,GROCERY,National\n");
    const d = loadDataset({ transactions: tempFile("b.csv", baskets), customers: demo, products: prod });
    expect(d.customers!.getColumn("age").toArray()).toEqual(["65+", "25-34"]);
    expect(d.customers!.getColumn("income").toArray()).toEqual(["50-74K", "Under 15K"]);
    expect(d.customers!.getColumn("household_size").toArray()).toEqual([2, 1]);
    expect(d.products!.getColumn("category").toArray()).toEqual(["PRODUCE", "GROCERY", "GROCERY"]);
    expect(d.reading?.customers?.extras).toEqual({ home_ownership: "text", household_size: "number" });
  });
  it("makes an order of one customer's day when there is no invoice column", () => {
    const file = tempFile("n.csv", "customer,date,qty,total\n7,2011-01-02 10:00:00,1,5\n7,2011-01-02 18:00:00,2,8\n7,2011-01-05 09:00:00,1,3\n8,2011-01-02 11:00:00,1,4\n");
    const d = loadDataset({ transactions: file, mapping: { transactions: { columns: { customerId: "customer", amount: "total" } } } });
    expect(d.transactions.getColumn("invoice").toArray()).toEqual(["2011-01-02|7", "2011-01-02|7", "2011-01-05|7", "2011-01-02|8"]);
    expect(d.reading?.orders).toBe("customer-day");
    // customer 7: two days, customer 8: one
    const c = cleanDataset(d);
    expect(c.customerLines.groupBy("customerId").agg(pl.col("invoice").nUnique().alias("n")).sort("customerId").getColumn("n").toArray()).toEqual([2, 1]);
  });
  it("runs without a product column and refuses the product analyses in one sentence", () => {
    const file = tempFile("n.csv", "customer,date,qty,total\n7,2011-01-02 10:00:00,1,5\n8,2011-01-03 11:00:00,1,4\n");
    const d = loadDataset({ transactions: file, mapping: { transactions: { columns: { customerId: "customer", amount: "total" } } } });
    expect(d.reading?.hasProducts).toBe(false);
    expect(d.transactions.getColumn("stockCode").nullCount()).toBe(2);
    const c = cleanDataset(d);
    expect(c.sales.getColumn("isProduct").toArray()).toEqual([true, true]);
    expect(() => productAudit(c.sales)).toThrow("This data has no product column (no stockCode was mapped), so the product audit cannot run");
    expect(() => topProductsByUnits(c.sales, 5)).toThrow(/no product column/);
  });
  it("keeps identical lines as purchases with duplicates: keep", () => {
    const file = tempFile("k.csv", "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2011-01-01 10:00:00,2,7\n1,A,1,2011-01-01 10:00:00,2,7\n");
    expect(cleanDataset(loadDataset({ transactions: file })).report.duplicate).toBe(1);
    const kept = cleanDataset(loadDataset({ transactions: file, mapping: { transactions: { duplicates: "keep" } } })).report;
    expect([kept.duplicate, kept.customer_lines]).toEqual([0, 2]);
  });
  it("refuses an empty invoice or stock code with its row", () => {
    const file = tempFile("e.csv", "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2011-01-01 10:00:00,2,7\n2, ,1,2011-01-01 10:00:00,2,7\n");
    expect(() => loadDataset({ transactions: file })).toThrow('e.csv: column "StockCode" (stockCode) is empty at row 2 (1 such row); every line needs one, or leave stockCode unmapped');
  });
  it("reads a Windows-1252 export and says so", () => {
    const bytes = Buffer.concat([Buffer.from(`${HEADER}\n536365,1,MUG `), Buffer.from([0x80, 0x35, 0x20, 0x96, 0x20, 0x53, 0x45, 0x54]), Buffer.from(",1,2010-12-01 09:00:00,2.00,1,France\n")]);
    const d = loadDataset({ transactions: tempFile("w.csv", bytes) });
    expect(d.transactions.getColumn("description").get(0)).toBe("MUG €5 – SET");
    expect(d.reading?.transactions.encoding).toBe("windows-1252");
  });
  it("refuses a Parquet price column of booleans in a sentence", () => {
    const file = join(tempDir(), "b.parquet");
    pl.DataFrame({ invoice: ["1"], stockCode: ["A"], quantity: [1], invoiceDate: ["2011-01-01 10:00:00"], unitPrice: [true], customerId: ["7"] }).writeParquet(file);
    expect(() => loadDataset({ transactions: file })).toThrow('b.parquet: column "unitPrice" holds true/false values, but it is mapped to a field that needs numbers');
  });
  it("recognises a per-customer experiment table and points to the command that takes it", () => {
    const file = join(REPO_DATA, "hillstrom", "hillstrom.csv.gz");
    expect(() => loadDataset({ transactions: file })).toThrow(/hillstrom\.csv\.gz looks like a per-customer table \(outcome columns segment, visit, conversion, spend; no date column\), not a transactions table.*`retail-lab experiment analyze --input .*hillstrom\.csv\.gz`/);
  });
  it("takes a catalogue's stock level as a number by its role, not a text column that happens to be named stock", () => {
    const t = tempFile("t.csv", "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID\n1,A,1,2011-01-01 10:00:00,2,7\n");
    const named = tempFile("p.csv", "StockCode,Stock\nA,in stock\nB,sold out\n");
    const d = loadDataset({ transactions: t, products: named });
    expect(d.products!.columns).toEqual(["stockCode", "Stock"]);
    expect(d.reading?.products?.notes).toContain('column "Stock" was not taken as stockLevel: its values are not numbers');
    expect(() => loadDataset({ transactions: t, products: named, mapping: { products: { columns: { stockLevel: "Stock" } } } })).toThrow(/column "Stock" row 1 has "in stock", which is not a finite number/);
  });
});
