import { chmodSync, readdirSync, writeFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { cachedDataset, datasetCacheKey } from "../../src/data/cache";
import { loadDataset, type DatasetFiles } from "../../src/data/load";
import { tempDir } from "../helpers";

const CSV = [
  "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
  "536365,85123A,WHITE HANGING HEART,6,12/1/2010 8:26,2.55,17850,United Kingdom",
  "536366,22633,HAND WARMER,6,12/1/2010 8:28,1.85,,United Kingdom",
].join("\n") + "\n";

/** A data file in a fresh folder, a cache folder beside it, and a load that counts its calls. */
function setup(csv = CSV) {
  const dir = tempDir();
  const files: DatasetFiles = { transactions: join(dir, "t.csv") };
  writeFileSync(files.transactions, csv);
  const counted = { loads: 0 };
  const load = () => (counted.loads++, loadDataset(files));
  return { dir, files, cache: join(dir, "cache"), load, counted };
}

describe("cachedDataset", () => {
  it("loads once, then gives the same tables, reading and source from the cache", () => {
    const { files, cache, load, counted } = setup();
    const first = cachedDataset(files, cache, load);
    const again = cachedDataset(files, cache, load);
    expect(counted.loads).toBe(1);
    expect(again.transactions.frameEqual(first.transactions, true)).toBe(true);
    expect(again.transactions.schema).toEqual(first.transactions.schema);
    expect(again.reading).toEqual(JSON.parse(JSON.stringify(first.reading)));
    expect(again.source).toBe(files.transactions);
    expect(again.transactions.getColumn("customerId").toArray()).toEqual(["17850", null]);
  });
  it("loads again when a byte of the file or the mapping changes (a new key)", () => {
    const { files, cache, load, counted } = setup();
    const before = datasetCacheKey(files);
    cachedDataset(files, cache, load);
    writeFileSync(files.transactions, CSV.replace("2.55", "2.56"));
    expect(datasetCacheKey(files)).not.toBe(before);
    expect(cachedDataset(files, cache, load).transactions.getColumn("unitPrice").get(0)).toBe(2.56);
    const mapped = { ...files, mapping: { transactions: { duplicates: "keep" as const } } };
    expect(datasetCacheKey(mapped)).not.toBe(datasetCacheKey(files));
    expect(counted.loads).toBe(2);
  });
  it("keeps the newest 3 entries", () => {
    const { files, cache, load } = setup();
    for (const price of ["1", "2", "3", "4", "5"]) {
      writeFileSync(files.transactions, CSV.replace("2.55", price));
      cachedDataset(files, cache, load);
    }
    expect(readdirSync(cache)).toHaveLength(3);
  });
  it("still returns the load when the cache cannot be written", () => {
    const { dir, files, load, counted } = setup();
    chmodSync(dir, 0o555); // cannot create the cache folder (as root this may still succeed; the result must be the same)
    try {
      expect(cachedDataset(files, join(dir, "cache"), load).transactions.height).toBe(2);
      expect(counted.loads).toBe(1);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
  it("passes a load's refusal on, and keeps nothing", () => {
    const { files, cache } = setup(CSV.replace("12/1/2010 8:26", "not a date"));
    expect(() => cachedDataset(files, cache, () => loadDataset(files))).toThrow(/not a date/);
    expect(() => readdirSync(cache)).toThrow();
  });
});
