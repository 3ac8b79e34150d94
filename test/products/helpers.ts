/** Small hand-made sales tables and the generated dataset shared by the product and cohort tests. */
import pl, { type DataFrame } from "nodejs-polars";
import { cleanTransactions, type CleanData } from "../../src/clean/clean";
import { datasetFiles } from "../../src/data/default";
import { loadDataset } from "../../src/data/load";
import { generateDataset, writeDataset, type GeneratedDataset } from "../../src/generate/index";
import type { Dataset } from "../../src/model";
import { tempDir } from "../helpers";

/** One transaction line: invoice, stock code, quantity, unit price, day (YYYY-MM-DD, optionally THH:MM), customer. */
export type Line = [invoice: string, stockCode: string, quantity: number, unitPrice: number, day: string, customerId: string | null];

/** A canonical transactions table from lines (description = stock code, country UK). */
export function transactionsOf(lines: Line[]): DataFrame {
  const at = (d: string) => new Date(d.length === 10 ? `${d}T10:00:00Z` : `${d}:00Z`);
  return pl.DataFrame({
    invoice: lines.map((l) => l[0]),
    stockCode: lines.map((l) => l[1]),
    description: lines.map((l) => `ITEM ${l[1]}`),
    quantity: lines.map((l) => l[2]),
    invoiceDate: lines.map((l) => at(l[4])),
    unitPrice: lines.map((l) => l[3]),
    customerId: pl.Series("customerId", lines.map((l) => l[5]), pl.Utf8),
    country: lines.map(() => "United Kingdom"),
  });
}

/** The cleaned tables of hand-made lines. */
export function cleanOf(lines: Line[]): CleanData {
  return cleanTransactions(transactionsOf(lines));
}

/** The generated dataset of the recovery tests, written to CSV and loaded back like any user's data. */
export interface GeneratedCase {
  generated: GeneratedDataset;
  dataset: Dataset;
  clean: CleanData;
}

/** 200,000 rows with seed 7 (1,000 products, 2,000 customers, 2022-01-01 to 2023-12-31). */
export function generatedCase(rows = 200_000, seed = 7): GeneratedCase {
  const generated = generateDataset({ rows, seed });
  const dir = tempDir("retail-lab-recovery-");
  writeDataset(dir, generated);
  const dataset = loadDataset(datasetFiles(dir));
  return { generated, dataset, clean: cleanTransactions(dataset.transactions) };
}
