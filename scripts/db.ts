/**
 * `npm run db [-- FILE|DIR]`: a throwaway PostgreSQL for development. Starts a server from the OS
 * package on 127.0.0.1 with a free port in a temporary folder, loads the shipped UCI data (or the
 * file or generated dataset folder named) into a typed table `transactions`, prints the
 * connection URL, and on Ctrl-C (or SIGTERM) stops the server and removes the folder.
 */
import { DEFAULT_DATA_ATTRIBUTION, DEFAULT_DATA_FILE, datasetFiles } from "../src/data/default";
import { loadDataset } from "../src/data/load";
import { isUserError } from "../src/errors";
import { fmtInt } from "../src/util/index";
import { connect, disconnect } from "../src/warehouse/connection";
import { loadTransactionsTable } from "../src/warehouse/load";
import { startLocalCluster, type LocalCluster } from "./lib/postgres";

async function main(): Promise<void> {
  const named = process.argv[2];
  let cluster: LocalCluster | undefined;
  const stop = (code: number) => {
    cluster?.stop();
    if (cluster) console.log(`stopped PostgreSQL and removed ${cluster.dir}`);
    process.exit(code);
  };
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => stop(0));
  try {
    cluster = await startLocalCluster({ fast: true });
    const dataset = loadDataset(named ? datasetFiles(named) : { transactions: DEFAULT_DATA_FILE });
    const db = await connect(cluster.url, "the local database");
    const rows = await loadTransactionsTable(db, "transactions", dataset.transactions);
    await db.client.query("ANALYZE transactions");
    await disconnect(db);
    console.log(`PostgreSQL on 127.0.0.1:${cluster.port} (data in ${cluster.dir})`);
    console.log(`table transactions: ${fmtInt(rows)} rows from ${named ?? DEFAULT_DATA_ATTRIBUTION}`);
    console.log(`RETAIL_LAB_DATABASE_URL=${cluster.url}`);
    console.log("Ctrl-C stops the server and removes its folder.");
  } catch (e) {
    console.error(`npm run db: ${isUserError(e) ? e.message : (e as Error).stack}`);
    stop(isUserError(e) ? 2 : 1);
  }
  // keep the process (and with it the server) alive until a signal arrives
  setInterval(() => undefined, 1 << 30);
}

main();
