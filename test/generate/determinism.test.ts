import { createHash } from "crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { afterAll, describe, expect, it } from "vitest";
import {
  DATASET_FILES, generateDataset, transactionChunks, transactionColumns, writeDataset,
} from "../../src/generate";

const dirs: string[] = [];
function freshDir(): string {
  const d = mkdtempSync(join(tmpdir(), "retail-gen-"));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(DATASET_FILES.map((f) => [f, createHash("sha256").update(readFileSync(join(dir, f))).digest("hex")]));
}

describe("generateDataset + writeDataset determinism", () => {
  const options = { rows: 20_000, seed: 11 };
  const a = freshDir();
  const b = freshDir();
  const c = freshDir();
  writeDataset(a, generateDataset(options));
  writeDataset(b, generateDataset(options));
  writeDataset(c, generateDataset({ ...options, seed: 12 }));

  it("writes byte-identical files for the same seed and options", () => {
    expect(hashes(b)).toEqual(hashes(a));
  });

  it("writes different files for another seed", () => {
    const ha = hashes(a);
    const hc = hashes(c);
    for (const f of ["transactions.csv", "customers.csv", "products.csv", "truth_customers.csv", "truth_products.csv"]) {
      expect(hc[f], f).not.toBe(ha[f]);
    }
  });

  it("writes exactly the requested number of transaction rows and leaves no temporary files", () => {
    const text = readFileSync(join(a, "transactions.csv"), "utf8");
    expect(text.endsWith("\n")).toBe(true);
    expect(text.split("\n").length - 2).toBe(options.rows);
    expect(readdirSync(a).sort()).toEqual([...DATASET_FILES].sort());
  });

  it("yields the same rows however the transactions are chunked, on every pass", () => {
    const ds = generateDataset({ rows: 5_000, seed: 3 });
    const all = transactionColumns(ds);
    expect(all.invoice.length).toBe(5_000);
    const chunks = [...transactionChunks(ds, 777)];
    expect(chunks.length).toBeGreaterThan(3);
    for (const key of Object.keys(all) as Array<keyof typeof all>) {
      expect(chunks.flatMap((ch) => ch[key] as unknown[]), key).toEqual(all[key]);
    }
    expect(transactionColumns(ds)).toEqual(all);
  });

  it("keeps the small tables independent of the number of rows requested", () => {
    // Customers and products come from their own random streams: same counts, same tables.
    const x = generateDataset({ rows: 10_000, seed: 5, customers: 300, products: 80 });
    const y = generateDataset({ rows: 30_000, seed: 5, customers: 300, products: 80 });
    expect(y.customers).toEqual(x.customers);
    expect(y.products.description).toEqual(x.products.description);
    expect(y.truthCustomers.archetype).toEqual(x.truthCustomers.archetype);
  });
});
