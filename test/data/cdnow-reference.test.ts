/**
 * The CDNOW sample loads with a mapping alone, and its cleaning report and RFM measures equal an
 * independent computation: test/reference/cdnow_reference.py (Python 3.11 standard library only,
 * none of the project's code) wrote test/reference/cdnow_reference.json.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { describe, expect, it } from "vitest";
import { cleanDataset } from "../../src/clean/clean";
import { loadDataset } from "../../src/data/load";
import type { DatasetMapping } from "../../src/data/mapping";
import { rfmMeasures, snapshotDate } from "../../src/rfm/rfm";
import { REPO_DATA } from "../helpers";

const reference = JSON.parse(readFileSync(join(__dirname, "..", "reference", "cdnow_reference.json"), "utf8"));
const FILE = join(REPO_DATA, "cdnow", "CDNOW_sample.txt");

/** The README's CDNOW mapping: no header, whitespace-separated, a line total, no invoice or product column. */
const CDNOW_MAPPING = (duplicates: "drop" | "keep"): DatasetMapping => ({
  transactions: {
    header: false, names: ["masterId", "customerId", "date", "cds", "dollars"],
    columns: { customerId: "customerId", invoiceDate: "date", quantity: "cds", amount: "dollars" },
    dateFormat: "%Y%m%d", duplicates,
  },
});

describe("the CDNOW sample against the independent reference", () => {
  for (const mode of ["drop", "keep"] as const) {
    it(`has the reference's cleaning report and RFM totals (duplicates: ${mode})`, () => {
      const clean = cleanDataset(loadDataset({ transactions: FILE, mapping: CDNOW_MAPPING(mode) }));
      expect(clean.report).toEqual(reference[mode].report);
      const snapshot = snapshotDate(clean.sales);
      expect(snapshot.toISOString().slice(0, 10)).toBe(reference[mode].snapshot);
      const m = rfmMeasures(clean.customerLines, snapshot);
      const sum = (c: string) => (m.getColumn(c).toArray() as number[]).reduce((a, b) => a + b, 0);
      const t = reference[mode].totals;
      expect(m.height).toBe(t.customers);
      expect(sum("recency")).toBe(t.recency);
      expect(sum("frequency")).toBe(t.frequency);
      expect(sum("units")).toBe(t.units);
      expect(sum("monetary")).toBeCloseTo(t.monetary, 6);
    });
  }
  it("has the reference's recency, frequency, monetary and units for every customer (duplicates: keep)", () => {
    const clean = cleanDataset(loadDataset({ transactions: FILE, mapping: CDNOW_MAPPING("keep") }));
    const m = rfmMeasures(clean.customerLines, snapshotDate(clean.sales));
    const ours = m.rows().map((r) => [String(r[0]), Number(r[1]), Number(r[2]), Number(r[3]), Number(r[4])]);
    expect(ours).toEqual(reference.keep_rfm);
  });
});
