/**
 * The product catalogue as the audit reads it: one entry per product code, with unit cost,
 * stock level and category where the table has them, and a count of every row it could not
 * use (so nothing is dropped silently).
 */
import type { DataFrame } from "nodejs-polars";
import { isNonProductCode } from "../clean/index";
import { UserError } from "../errors";

/** One product of the catalogue; a value the table lacks (or cannot be read as a number) is null. */
export interface CatalogueEntry {
  stockCode: string;
  description: string | null;
  category: string | null;
  unitCost: number | null;
  stockLevel: number | null;
}

/** The catalogue, keyed by stock code (product codes only), and what was left out of it. */
export interface Catalogue {
  entries: Map<string, CatalogueEntry>;
  /** the table has a `unitCost` column with at least one usable value (finite, >= 0) */
  hasCost: boolean;
  /** the table has a `stockLevel` column with at least one usable value (finite, >= 0) */
  hasStock: boolean;
  /** the table has a `category` column with at least one non-empty value */
  hasCategory: boolean;
  /** rows of the table */
  rows: number;
  /** rows without a stock code (left out) */
  blankCodeRows: number;
  /** rows repeating an earlier row's stock code (left out; the first row wins) */
  duplicateRows: number;
  /** rows of non-product codes (postage, fees: see clean/nonProduct), left out */
  nonProductRows: number;
}

function numberOrNull(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" && v.trim() === "") return null;
  const x = Number(v);
  return Number.isFinite(x) ? x : null;
}

function textOrNull(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  const s = String(v).trim();
  return s === "" ? null : s;
}

/**
 * Reads a catalogue DataFrame (`stockCode` required; `description`, `category`, `unitCost`,
 * `stockLevel` optional; a table without `stockCode` is refused with a message). Codes are trimmed; the first row of a code wins; non-product codes are
 * left out and counted. A negative stock level or cost is kept as read (the audit reports it).
 */
export function readCatalogue(catalogue: DataFrame): Catalogue {
  if (!catalogue.columns.includes("stockCode")) {
    throw new UserError(`The product catalogue has no stockCode column (its columns: ${catalogue.columns.join(", ")}); map its product code column to stockCode.`);
  }
  const has = (c: string) => catalogue.columns.includes(c);
  const col = (c: string): unknown[] => (has(c) ? (catalogue.getColumn(c).toArray() as unknown[]) : new Array<unknown>(catalogue.height).fill(null));
  const codes = col("stockCode"), descriptions = col("description"), categories = col("category"), costs = col("unitCost"), stock = col("stockLevel");
  const entries = new Map<string, CatalogueEntry>();
  let blankCodeRows = 0, duplicateRows = 0, nonProductRows = 0;
  const n = catalogue.height; // a call into polars: once, not per row
  for (let i = 0; i < n; i++) {
    const code = textOrNull(codes[i]);
    if (code === null) {
      blankCodeRows++;
      continue;
    }
    if (isNonProductCode(code)) {
      nonProductRows++;
      continue;
    }
    if (entries.has(code)) {
      duplicateRows++;
      continue;
    }
    entries.set(code, {
      stockCode: code,
      description: textOrNull(descriptions[i]),
      category: textOrNull(categories[i]),
      unitCost: numberOrNull(costs[i]),
      stockLevel: numberOrNull(stock[i]),
    });
  }
  const values = [...entries.values()];
  return {
    entries,
    hasCost: values.some((e) => e.unitCost !== null && e.unitCost >= 0),
    hasStock: values.some((e) => e.stockLevel !== null && e.stockLevel >= 0),
    hasCategory: values.some((e) => e.category !== null),
    rows: catalogue.height,
    blankCodeRows,
    duplicateRows,
    nonProductRows,
  };
}
