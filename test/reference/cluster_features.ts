/**
 * The input of the scikit-learn references for Ward and DBSCAN: the UCI Online Retail customers'
 * clustering features, prepared by this project's own code (load, clean, customer features,
 * log1p of recency, frequency and monetary, standardised: `clusterPoints`), written as CSV for
 * test/reference/ward_dbscan_uci.py. These are the input of the references, not expected values;
 * the test checks that the CSV our code writes today hashes to the one the script read.
 *
 * Write it: node_modules/.bin/tsx test/reference/cluster_features.ts /tmp/uci_cluster_features.csv
 */
import { writeFileSync } from "fs";
import { join } from "path";
import type { DataFrame } from "nodejs-polars";
import { cleanTransactions } from "../../src/clean/clean";
import { clusterPoints } from "../../src/clusters/index";
import { loadDataset } from "../../src/data/load";
import { customerFeatures } from "../../src/features/index";
import { seededRng, sampleIndices, strings } from "../../src/util/index";

/** The features the references cluster on. */
export const RFM = ["recency", "frequency", "monetary"];

/** The seeded sample of customers on which the full linkage is compared: 300 rows, seed 17. */
export const SAMPLE = { size: 300, seed: 17 };

/** The UCI customers (one row each, sorted by customerId) and their prepared points. */
export function uciCustomers(): { features: DataFrame; points: number[][] } {
  const clean = cleanTransactions(loadDataset({ transactions: join(__dirname, "..", "..", "data", "online_retail.csv.gz") }).transactions);
  const features = customerFeatures(clean.customerLines, clean.returns);
  return { features, points: clusterPoints(features, RFM) };
}

/** Row numbers of the sample (ascending). */
export function sampleRows(n: number): number[] {
  return sampleIndices(n, SAMPLE.size, seededRng(SAMPLE.seed));
}

/**
 * The CSV the script reads: customerId, the prepared features (shortest round-trip decimals, so
 * Python reads back the same doubles), and inSample (1 for the rows of `sampleRows`).
 */
export function featuresCsv(features: DataFrame, points: readonly (readonly number[])[]): string {
  const ids = strings(features, "customerId");
  const sample = new Set(sampleRows(points.length));
  const lines = [["customerId", ...RFM, "inSample"].join(",")];
  points.forEach((p, i) => lines.push([ids[i], ...p.map((x) => String(x)), sample.has(i) ? "1" : "0"].join(",")));
  return lines.join("\n") + "\n";
}

if (require.main === module) {
  const out = process.argv[2];
  if (!out) throw new Error("usage: tsx test/reference/cluster_features.ts OUT.csv");
  const { features, points } = uciCustomers();
  writeFileSync(out, featuresCsv(features, points));
  console.log(`wrote ${points.length} customers to ${out}`);
}
