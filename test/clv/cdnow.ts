/**
 * The CDNOW sample (data/cdnow/CDNOW_sample.txt: whitespace separated, no header; id in the full
 * log, id in the sample, date YYYYMMDD, CDs, dollar value of the line) as canonical transactions,
 * cleaned by the project's rules. Each line is its own invoice (the file has no invoice number);
 * unit price = value / CDs, so amount = CDs x unit price is the line's value. On the file:
 * 6,919 lines, 8 of value 0 set aside by the non-positive-price rule (8 customers whose only
 * line they are), 6,911 customer lines of 2,349 customers; no duplicates, no cancellations.
 * (The loader learns this format in phase 2; until then tests read it with these few lines.)
 */
import { readFileSync } from "fs";
import { join } from "path";
import pl from "nodejs-polars";
import { cleanTransactions, type CleanData } from "../../src/clean/index";
import { REPO_DATA } from "../helpers";

export const CDNOW_SAMPLE = join(REPO_DATA, "cdnow", "CDNOW_sample.txt");
export const CDNOW_SUMMARY = join(REPO_DATA, "cdnow", "cdnow_customers_summary.csv");

/** The raw sample as canonical transactions (before cleaning). */
export function cdnowTransactions() {
  const rows = readFileSync(CDNOW_SAMPLE, "utf8")
    .split(/\r?\n/)
    .filter((l) => l.trim() !== "")
    .map((l) => l.trim().split(/\s+/));
  const day = (d: string) => new Date(Date.UTC(+d.slice(0, 4), +d.slice(4, 6) - 1, +d.slice(6, 8)));
  return pl
    .DataFrame({
      invoice: rows.map((_, i) => String(i + 1)),
      stockCode: rows.map(() => "CD"),
      quantity: rows.map((r) => Number(r[3])),
      invoiceDate: rows.map((r) => day(r[2])),
      unitPrice: rows.map((r) => Number(r[4]) / Number(r[3])),
      customerId: rows.map((r) => r[1]),
    })
    .withColumns(pl.lit(null).cast(pl.Utf8).alias("description"), pl.lit(null).cast(pl.Utf8).alias("country"))
    .select("invoice", "stockCode", "description", "quantity", "invoiceDate", "unitPrice", "customerId", "country");
}

/** The cleaned sample. */
export function cdnowClean(): CleanData {
  return cleanTransactions(cdnowTransactions());
}

/**
 * The scipy reference of the CLV tests: test/fixtures/clv/reference.json, written by
 * test/reference/clv_reference.py (Python 3.11, numpy 1.24, scipy 1.10, pandas 1.5, mpmath 1.2;
 * the versions are inside the file).
 */
export const CLV_REFERENCE = JSON.parse(readFileSync(join(__dirname, "..", "fixtures", "clv", "reference.json"), "utf8"));

/** |a / b - 1|, the relative difference the comparisons use. */
export const rel = (a: number, b: number): number => Math.abs(a / b - 1);
