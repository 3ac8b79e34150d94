/**
 * The warehouse at scale (issue 15): a generated dataset (10 million lines by default) copied
 * into a throwaway PostgreSQL as the typed snake_case table, then, each in a fresh process so its
 * peak memory is its own:
 *
 * - the in-memory CSV path: load + clean + rfmTable on transactions.csv;
 * - the push-down RFM (`databaseRfm`): the same table, only one row per customer leaving the database;
 * - a full refresh (clean report, RFM, write-back of every customer in one transaction);
 * - an incremental refresh that finds nothing new.
 *
 * Prints times, peak RSS and the ratios to the CSV path, and checks that the push-down RFM is
 * byte for byte the CSV path's. Usage: `npx tsx bench/warehouse.ts [rows]`. Peak memory is the
 * Node process's; the PostgreSQL server's own memory (work_mem 64MB per sort or hash) is apart.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import { statSync } from "fs";
import { join } from "path";
import { startLocalCluster } from "../scripts/lib/postgres";
import { cleanTransactions } from "../src/clean/clean";
import { loadDataset } from "../src/data/load";
import { toCsv } from "../src/io/csv";
import { rfmTable } from "../src/rfm/index";
import { connect, disconnect } from "../src/warehouse/connection";
import { databaseRfm } from "../src/warehouse/database";
import { loadCanonicalCsv } from "../src/warehouse/load";
import { refresh } from "../src/warehouse/refresh";
import { generatedFolder, peakRssMb, report, timed } from "./util";

/** What a child measured. */
interface Figures {
  seconds: number;
  peakMb: number;
  customers: number;
  /** sha256 of the RFM table as CSV, when the task builds one */
  digest?: string;
  mode?: string;
}

const digest = (text: string) => createHash("sha256").update(text).digest("hex");

/** The tasks a child process runs: `--child NAME FILE URL`. */
const TASKS: Record<string, (file: string, url: string) => Promise<Omit<Figures, "peakMb">>> = {
  async csv(file) {
    const t = await timed(() => {
      const clean = cleanTransactions(loadDataset({ transactions: file }).transactions);
      return rfmTable(clean.customerLines, clean.sales);
    });
    return { seconds: t.seconds, customers: t.value.height, digest: digest(toCsv(t.value)) };
  },
  async pushdown(_file, url) {
    const t = await timed(() => databaseRfm({ url, table: "transactions" }));
    return { seconds: t.seconds, customers: t.value.height, digest: digest(toCsv(t.value)) };
  },
  async refresh(_file, url) {
    const t = await timed(() => refresh({ source: { url, table: "transactions" }, write: url, full: true, log: () => undefined }));
    return { seconds: t.seconds, customers: t.value.customers, mode: t.value.mode };
  },
  async unchanged(_file, url) {
    const t = await timed(() => refresh({ source: { url, table: "transactions" }, write: url, log: () => undefined }));
    return { seconds: t.seconds, customers: t.value.customers, mode: t.value.mode };
  },
};

/** Runs one task in a fresh Node process and returns its figures. */
function inChild(task: string, file: string, url: string): Figures {
  const r = spawnSync(process.execPath, ["--import", "tsx", __filename, "--child", task, file, url], {
    cwd: join(__dirname, ".."), encoding: "utf8", maxBuffer: 16 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`bench task ${task} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1) as string) as Figures;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000_000);
  const gen = await timed(() => generatedFolder(rows));
  const file = join(gen.value, "transactions.csv");
  report(`generated ${rows.toLocaleString("en")} lines (${(statSync(file).size / 1e6).toFixed(0)} MB CSV; cached in ${gen.value})`, gen.seconds, "s");
  const cluster = await startLocalCluster();
  try {
    const db = await connect(cluster.url, "the benchmark database");
    const load = await timed(async () => {
      await loadCanonicalCsv(db, "transactions", file);
      await db.client.query("ANALYZE transactions");
    });
    const size = (await db.client.query("SELECT pg_total_relation_size('transactions') AS b")).rows[0].b;
    await disconnect(db);
    report(`COPY into PostgreSQL + ANALYZE (${(Number(size) / 1e6).toFixed(0)} MB table)`, load.seconds, "s");

    const csv = inChild("csv", file, cluster.url);
    const pushdown = inChild("pushdown", file, cluster.url);
    const full = inChild("refresh", file, cluster.url);
    const unchanged = inChild("unchanged", file, cluster.url);
    console.log(`customers: ${csv.customers.toLocaleString("en")}; push-down RFM ${pushdown.digest === csv.digest ? "byte-identical to" : "DIFFERENT FROM"} the CSV path's`);
    report("CSV path: load + clean + RFM", csv.seconds, "s");
    report("  peak RSS", csv.peakMb, "MB", 0);
    const line = (name: string, f: Figures) => {
      report(name, f.seconds, "s");
      report(`  time / CSV path`, f.seconds / csv.seconds, "x");
      report(`  peak RSS`, f.peakMb, "MB", 0);
      report(`  peak RSS / CSV path`, f.peakMb / csv.peakMb, "x");
    };
    line("push-down RFM (databaseRfm)", pushdown);
    line(`refresh, full (${full.customers.toLocaleString("en")} customers written)`, full);
    line(`refresh, incremental with nothing new (${unchanged.mode})`, unchanged);
    if (pushdown.digest !== csv.digest) process.exitCode = 1;
  } finally {
    cluster.stop();
  }
}

if (process.argv[2] === "--child") {
  const [, , , task, file, url] = process.argv;
  TASKS[task](file, url).then((f) => console.log(JSON.stringify({ ...f, peakMb: peakRssMb() })));
} else {
  main();
}
