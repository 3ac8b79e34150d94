/** One rule names a product, everywhere: its most frequent description, ties by text. */
import { join } from "path";
import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import { descriptionWords, topProducts } from "../../src/eda/what";
import { mostFrequentBy } from "../../src/util/index";
import { productDescriptions } from "../../src/products/descriptions";
import { productSales } from "../../src/products/performance";
import { REPO_DATA } from "../helpers";

describe("mostFrequentBy", () => {
  it("takes the value on most rows per key, ties by the smaller value, null when a key has none", () => {
    // A: x once, y twice, a null (not counted) -> y; B: z and w once each -> w ("w" < "z"); C: only a null -> null
    const df = pl.DataFrame({ k: ["A", "A", "A", "A", "B", "B", "C"], v: ["x", "y", "y", null, "z", "w", null] });
    expect(mostFrequentBy(df, "k", "v").toRecords()).toEqual([{ k: "A", v: "y" }, { k: "B", v: "w" }, { k: "C", v: null }]);
  });
});

describe("product descriptions", () => {
  // 2,000 codes, each sold on 2 lines as "RED MUG <code>" and 2 as "BLUE MUG <code>": a tie on every code, which
  // polars' mode().first() settled differently from code to code and run to run
  const codes = Array.from({ length: 2000 }, (_, i) => `C${i}`);
  const sales = pl.DataFrame({
    invoice: codes.flatMap((c) => [`${c}-1`, `${c}-2`, `${c}-3`, `${c}-4`]),
    stockCode: codes.flatMap((c) => [c, c, c, c]),
    description: codes.flatMap((c) => [`RED MUG ${c}`, `BLUE MUG ${c}`, `RED MUG ${c}`, `BLUE MUG ${c}`]),
    quantity: codes.flatMap(() => [1, 1, 1, 1]),
    unitPrice: codes.flatMap(() => [1, 1, 1, 1]),
    customerId: codes.flatMap(() => ["1", "1", "1", "1"]),
    invoiceDate: codes.flatMap(() => [0, 1, 2, 3].map((d) => new Date(Date.UTC(2011, 0, 3 + d)))),
    isProduct: codes.flatMap(() => [true, true, true, true]),
  }).withColumns(pl.col("quantity").mul(pl.col("unitPrice")).alias("amount"));
  const wanted = Object.fromEntries(codes.map((c) => [c, `BLUE MUG ${c}`])); // 2 lines each: "BLUE..." sorts first

  it("break a tie by text, for every code", () => {
    const d = productDescriptions(sales).toRecords() as { stockCode: string; description: string }[];
    expect(Object.fromEntries(d.map((r) => [r.stockCode, r.description]))).toEqual(wanted);
  });
  it("are the same in the EDA's top products, the product audit and the description words", () => {
    const top = topProducts(sales, "revenue", 2000).toRecords() as { stockCode: string; description: string }[];
    expect(Object.fromEntries(top.map((r) => [r.stockCode, r.description]))).toEqual(wanted);
    const audit = productSales(sales).toRecords() as { stockCode: string; description: string }[];
    expect(Object.fromEntries(audit.map((r) => [r.stockCode, r.description]))).toEqual(wanted);
    // each code counted once, under "BLUE MUG C<n>": BLUE and MUG 2,000 products each (C is too short), RED none
    expect(descriptionWords(sales, 3)).toEqual([{ word: "BLUE", products: 2000 }, { word: "MUG", products: 2000 }]);
  });
  it("on the UCI data: the most frequent description of each code, ties by text (counted here in plain JavaScript)", () => {
    const c = cleanTransactions(loadDataset({ transactions: join(REPO_DATA, "online_retail.csv.gz") }).transactions);
    const codesCol = c.sales.getColumn("stockCode").toArray() as string[];
    const descCol = c.sales.getColumn("description").toArray() as (string | null)[];
    const counts = new Map<string, Map<string, number>>();
    codesCol.forEach((code, i) => {
      const d = descCol[i];
      if (d === null) return;
      const m = counts.get(code) ?? new Map<string, number>();
      m.set(d, (m.get(d) ?? 0) + 1);
      counts.set(code, m);
    });
    const expected = new Map([...counts].map(([code, m]) => [code, [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0]]));
    const got = productDescriptions(c.sales).toRecords() as { stockCode: string; description: string | null }[];
    const wrong = got.filter((r) => (expected.get(r.stockCode) ?? null) !== r.description);
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(got.length).toBe(new Set(codesCol).size);
    // the tie the issue saw flip between runs: 2 lines each (counted in the data by the loop above)
    const snowflake = [...counts].find(([, m]) => m.has("PINK ACRYLIC JEWEL SNOWFLAKE") && m.has("ACRYLIC JEWEL SNOWFLAKE,PINK"));
    expect(snowflake).toBeDefined();
    const [code, m] = snowflake!;
    expect(m.get("PINK ACRYLIC JEWEL SNOWFLAKE")).toBe(m.get("ACRYLIC JEWEL SNOWFLAKE,PINK"));
    expect(got.find((r) => r.stockCode === code)?.description).toBe("ACRYLIC JEWEL SNOWFLAKE,PINK");
  });
});
