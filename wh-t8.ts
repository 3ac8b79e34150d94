import { startLocalCluster } from "./scripts/lib/postgres";
import { connect } from "./src/warehouse/connection";
import { loadTransactionsTable } from "./src/warehouse/load";
import { describeSource, canonicalShape } from "./src/warehouse/source";
import * as SQL from "./src/warehouse/sql";
import { loadDataset } from "./src/data/load";
(async () => {
  const c = await startLocalCluster({ fast: true });
  try {
    const db = await connect(c.url, "t");
    await loadTransactionsTable(db, "transactions", loadDataset({ transactions: "data/online_retail.csv.gz" }).transactions);
    await db.client.query("VACUUM ANALYZE transactions");
    const d = await describeSource(db, { url: c.url, table: "transactions" });
    const shape = canonicalShape(d);
    const time = async (label: string, text: string, values: unknown[] = [SQL.WHITESPACE]) => { const t = Date.now(); await db.client.query({ text, values }); console.log(label.padEnd(40), Date.now() - t, "ms"); };
    await time("plain count", "SELECT count(*) FROM transactions", []);
    const canon = SQL.cleaningReport(shape).split("\ndistinct_rows AS")[0].replace(/,$/, "");
    for (const jit of ["on", "off"]) for (const wm of ["4MB", "64MB", "256MB"]) {
      await db.client.query(`SET jit = ${jit}`); await db.client.query(`SET work_mem = '${wm}'`);
      console.log("--- jit", jit, "work_mem", wm);
      await time("canonical count", canon + "\nSELECT count(*) FROM canonical");
      await time("report", SQL.cleaningReport(shape));
      await time("rfm", SQL.rfmMeasures(shape));
    }
  } finally { c.stop(); }
})();
