import { spawnSync } from "child_process";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { REPO_DATA, tempDir, tempFile } from "../helpers";
import tiesReference from "../reference/rfm_ties_uci.json";
import { cli } from "./run";

const UCI = join(REPO_DATA, "online_retail.csv.gz");

describe("retail-lab --help", () => {
  it("explains every command", () => {
    const r = cli(["--help"]);
    expect(r.status).toBe(0);
    for (const c of ["clean", "sql", "generate", "rfm", "segments", "forecast", "clusters", "products", "loyalty"]) expect(r.stdout).toMatch(new RegExp(`^  ${c}\\s+\\S`, "m"));
    expect(cli(["rfm", "--help"]).stdout).toContain("--out FILE.csv");
  });
  it("runs as `npx retail-lab` right after npm install, with no build step", () => {
    const r = spawnSync("npx", ["--no-install", "retail-lab", "--help"], { cwd: join(__dirname, "..", ".."), encoding: "utf8", timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^retail-lab: retail customer analytics/);
  });
  it("refuses unknown commands and options with a sentence and no stack", () => {
    const a = cli(["frob"]);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('unknown command "frob"');
    const b = cli(["clean", "--bogus"]);
    expect(b.status).toBe(2);
    expect(b.stderr).toMatch(/Unknown option '--bogus'/);
    expect(b.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("retail-lab clean", () => {
  it("reproduces the UCI cleaning figures as JSON", () => {
    const r = cli(["clean", "--input", UCI, "--json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      input: 541909, duplicate: 5268, cancellation: 9251, non_positive_quantity: 1336, non_positive_price: 1176,
      missing_customer: 132186, customer_lines: 392692, customers: 4338,
    });
  });
  it("loads the Kalbe tables through a mapping file", () => {
    const map = tempFile("map.json", JSON.stringify({
      transactions: { columns: { invoice: "TransactionID", invoiceDate: "Date", stockCode: "ProductID", unitPrice: "Price", quantity: "Qty", customerId: "CustomerID" }, dayFirst: true },
      customers: { columns: { customerId: "CustomerID" } },
      products: { columns: { stockCode: "ProductID", description: "Product Name" } },
    }));
    const k = (f: string) => join(REPO_DATA, "kalbe", f);
    const r = cli(["clean", "--input", k("transaction.csv"), "--customers", k("customer.csv"), "--products", k("product.csv"), "--map", map, "--json"]);
    expect(r.stderr).toBe("");
    // the profile and catalogue tables are counted, so the options are not loaded for nothing
    // (447 and 10 data rows, counted with Python's csv module)
    expect(JSON.parse(r.stdout)).toMatchObject({ input: 5020, duplicate: 0, customer_lines: 5020, customerProfiles: 447, catalogueProducts: 10 });
  });
  it("names the file, row and value of bad input, exits non-zero, no stack trace", () => {
    const bad = tempFile("bad.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,x,1,2011-01-01 10:00:00,1.0,5,UK\n2,B,y,1,2011-13-01 10:00:00,1.0,5,UK\n");
    const r = cli(["clean", "--input", bad]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${bad}: column "InvoiceDate" row 2 has the date "2011-13-01 10:00:00"`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("retail-lab rfm and segments", () => {
  const dir = tempDir();
  const out = join(dir, "rfm.csv");
  const r = cli(["rfm", "--input", UCI, "--out", out, "--ties", "first"]);
  const lines = readFileSync(out, "utf8").trim().split("\n");
  const segmentCounts = (rows: string[]) => {
    const counts: Record<string, number> = {};
    for (const l of rows.slice(1)) {
      const seg = l.split(",")[8];
      counts[seg] = (counts[seg] ?? 0) + 1;
    }
    return counts;
  };
  it("writes one row per customer with the documented columns, sorted by customerId", () => {
    expect(r.status).toBe(0);
    expect(lines[0]).toBe("customerId,recency,frequency,monetary,units,R,F,M,segment,volume");
    expect(lines).toHaveLength(4339);
    const ids = lines.slice(1).map((l) => l.split(",")[0]);
    expect([...ids].sort()).toEqual(ids);
    // customer 12347: last purchase 2011-12-07, 7 invoices, £4,310.00 (checked independently with Python's csv module on the raw file)
    expect(lines).toContain("12347,3,7,4310,2458,5,5,5,Champions,High");
  });
  it("reproduces the published segment counts with --ties first", () => {
    expect(segmentCounts(lines)).toEqual({
      Hibernating: 1077, "Loyal Customers": 819, Champions: 632, "At Risk": 596, "Potential Loyalists": 481, "About To Sleep": 350,
      "Need Attention": 187, Promising: 91, "Can't Lose Them": 63, "New Customers": 42,
    });
  });
  it("by default gives customers with equal values one score (pandas rank method min, test/reference/rfm_ties_uci.py)", () => {
    const own = join(dir, "rfm_min.csv");
    expect(cli(["rfm", "--input", UCI, "--out", own]).status).toBe(0);
    const rows = readFileSync(own, "utf8").trim().split("\n");
    expect(segmentCounts(rows)).toEqual(tiesReference.min.segments);
    rmSync(own);
  });
  it("exports one segment for a CRM, leaving no temporary files", () => {
    const list = join(dir, "at_risk.csv");
    const s = cli(["segments", "--input", UCI, "--segment", "At Risk", "--out", list, "--ties", "first"]);
    expect(s.status).toBe(0);
    expect(readFileSync(list, "utf8").trim().split("\n")).toHaveLength(597); // 596 At Risk with ties first, plus the header
    expect(readdirSync(dir).sort()).toEqual(["at_risk.csv", "rfm.csv"]);
  });
  it("refuses an unknown --ties rule before reading any data", () => {
    const s = cli(["segments", "--input", UCI, "--segment", "At Risk", "--out", join(dir, "x.csv"), "--ties", "dense"]);
    expect(s.status).toBe(2);
    expect(s.stderr.trim()).toBe('retail-lab segments: --ties must be min or first, not "dense".');
  });
  it("refuses an unknown segment, listing the real ones", () => {
    const s = cli(["segments", "--input", UCI, "--segment", "VIP", "--out", join(dir, "vip.csv")]);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain('No segment named "VIP". Segments in this data: About To Sleep, At Risk');
    expect(existsSync(join(dir, "vip.csv"))).toBe(false);
  });
  it("refuses data without customer IDs with a sentence", () => {
    const f = tempFile("anon.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n1,A,x,1,2011-01-01 10:00:00,1.0,,UK\n");
    const s = cli(["rfm", "--input", f, "--out", join(dir, "anon_rfm.csv")]);
    expect(s.status).toBe(2);
    expect(s.stderr).toContain("RFM needs customer IDs");
  });
});
