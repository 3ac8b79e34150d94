/**
 * Data layer and RFM at scale (issues 3 and 4): load + clean of a generated 1-million-line file,
 * and RFM with segments on it. Run in a fresh process so peak memory is this work's alone:
 * `npx tsx bench/data.ts [rows]`.
 */
import { join } from "path";
import { cleanTransactions } from "../src/clean/clean";
import { loadDataset } from "../src/data/load";
import { rfmTable, segmentSummary } from "../src/rfm/index";
import { generatedFolder, peakRssMb, report, timed } from "./util";

async function main() {
  const rows = Number(process.argv[2] ?? 1_000_000);
  const dir = generatedFolder(rows);
  const before = peakRssMb();
  const load = await timed(() => loadDataset({ transactions: join(dir, "transactions.csv") }));
  const clean = await timed(() => cleanTransactions(load.value.transactions));
  report(`load ${rows.toLocaleString("en")} lines (CSV)`, load.seconds, "s");
  report("clean (five rules and report)", clean.seconds, "s");
  report("load + clean", load.seconds + clean.seconds, "s");
  report("peak RSS after load + clean", peakRssMb(), "MB", 0);
  report("  of which before loading (runtime, polars)", before, "MB", 0);
  const rfm = await timed(() => segmentSummary(rfmTable(clean.value.customerLines, clean.value.sales)));
  report(`RFM with segments (${clean.value.report.customers.toLocaleString("en")} customers)`, rfm.seconds, "s");
}
main();
