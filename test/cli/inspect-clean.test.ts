/** retail-lab inspect and the reading lines of retail-lab clean, through the real bin. */
import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { REPO_DATA, tempDir } from "../helpers";
import { cli } from "./run";

const CDNOW = join(REPO_DATA, "cdnow", "CDNOW_sample.txt");
const K = (f: string) => join(REPO_DATA, "kalbe", f);
const reference = JSON.parse(readFileSync(join(__dirname, "..", "reference", "cdnow_reference.json"), "utf8"));

describe("retail-lab inspect", () => {
  it("inspects the CDNOW sample, writes a mapping, and clean loads the file with it as written", () => {
    const map = join(tempDir(), "cdnow.json");
    const r = cli(["inspect", CDNOW, "--write-map", map]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("6,919 rows; text, UTF-8 (valid UTF-8), delimiter runs of whitespace (detected), no header line");
    expect(r.stdout).toMatch(/column_3 +integer +0 +545 +19970101, 19970118, 19970802 +invoiceDate \(every value reads as a date, %Y%m%d\)/);
    expect(r.stdout).toContain(`suggested mapping (written to ${map}):`);
    const c = cli(["clean", "--input", CDNOW, "--map", map, "--json"]);
    expect(c.status).toBe(0);
    const json = JSON.parse(c.stdout);
    const { reading, ...report } = json;
    expect(report).toEqual(reference.drop.report);
    expect(reading).toMatchObject({ orders: "customer-day", hasProducts: false, duplicates: "drop", transactions: { delimiter: "whitespace", header: false } });
  });
  it("inspects the three Kalbe tables into one mapping that clean takes as written", () => {
    const map = join(tempDir(), "kalbe.json");
    const r = cli(["inspect", K("transaction.csv"), "--customers", K("customer.csv"), "--products", K("product.csv"), "--write-map", map]);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toContain("looks like: customer profiles (one row per customer, no purchase dates)");
    expect(Object.keys(JSON.parse(readFileSync(map, "utf8")))).toEqual(["transactions", "customers", "products"]);
    const c = cli(["clean", "--input", K("transaction.csv"), "--customers", K("customer.csv"), "--products", K("product.csv"), "--map", map]);
    expect([c.status, c.stderr]).toEqual([0, ""]);
    expect(c.stdout).toContain(`customers ${K("customer.csv")}: 447 rows`);
    expect(c.stdout).toMatch(/customer_lines +5,020 +100\.0%/);
  });
  it("says a per-customer table is not a transactions table", () => {
    const r = cli(["inspect", join(REPO_DATA, "hillstrom", "hillstrom.csv.gz")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("looks like: a per-customer table, not a transactions table (outcome columns segment, visit, conversion, spend, no date column)");
    expect(r.stdout).toContain("`retail-lab experiment analyze --input");
  });
});

describe("retail-lab clean says how the data was read", () => {
  it("prints the layout, the columns and the decisions above the report; --json adds a reading key only", () => {
    const r = cli(["clean", "--input", join(REPO_DATA, "online_retail.csv.gz")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^transactions .*online_retail\.csv\.gz: 541,909 rows; text \(gzip\), UTF-8 \(valid UTF-8\), delimiter comma \(detected\), header on line 1/);
    expect(r.stdout).toContain("columns: invoice <- InvoiceNo*, stockCode <- StockCode*");
    const j = JSON.parse(cli(["clean", "--input", join(REPO_DATA, "online_retail.csv.gz"), "--json"]).stdout);
    // the report's keys as before, plus "reading"
    expect(Object.keys(j)).toEqual(["input", "duplicate", "cancellation", "non_positive_quantity", "non_positive_price", "missing_customer", "customer_lines", "customers", "sales_lines", "reading"]);
  });
});
