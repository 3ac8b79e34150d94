/**
 * A real PostgreSQL for the database tests: one throwaway cluster per test file (started in
 * beforeAll, stopped and removed in afterAll), or, when RETAIL_LAB_TEST_DATABASE_URL names a
 * server (a superuser URL), a fresh database on it per test file, dropped afterwards.
 *
 * Without PostgreSQL the tests are skipped with a printed reason, except in CI (CI set), where
 * that is an error: the database tests must run there for real.
 */
import { randomBytes } from "crypto";
import { mkdirSync } from "fs";
import { join } from "path";
import { afterAll, beforeAll } from "vitest";
import { findPostgresBin, INSTALL_POSTGRES, startLocalCluster, type LocalCluster } from "../../scripts/lib/postgres";
import { loadDataset } from "../../src/data/load";
import type { DataFrame } from "nodejs-polars";
import { connect, disconnect, type Db } from "../../src/warehouse/connection";
import { generateDataset, writeDataset } from "../../src/generate/index";
import { loadCanonicalCsv, loadTransactionsTable } from "../../src/warehouse/load";
import { REPO_DATA, tempDir } from "../helpers";

const EXTERNAL = process.env.RETAIL_LAB_TEST_DATABASE_URL;

/** Why the database tests cannot run here, or null when they can. */
function unavailable(): string | null {
  if (EXTERNAL) return null;
  return findPostgresBin() ? null : `PostgreSQL was not found (${INSTALL_POSTGRES})`;
}

const reason = unavailable();
if (reason && process.env.CI) {
  throw new Error(`The database tests must run in CI, but ${reason}. .ci/run installs it through scripts/setup.sh.`);
}
if (reason) console.warn(`Skipping the database tests: ${reason}.`);

/** True when a PostgreSQL server is available to the tests (see the module comment). */
export const HAVE_POSTGRES = reason === null;

/** The test database of one test file. */
export interface TestDatabase {
  /** a superuser URL of the test database */
  url: string;
  /** the same server, another database of it */
  urlFor(database: string): string;
  /** the throwaway cluster, when this file started one (null on an external server) */
  cluster: LocalCluster | null;
  /** a new superuser connection to the test database (close it with `disconnect`) */
  connect(): Promise<Db>;
  /** creates another database on the server (dropped after the file) and returns its URL */
  createDatabase(name: string): Promise<string>;
  /** creates a login role (dropped after the file) and returns its name */
  createRole(name: string, password: string): Promise<string>;
}

/**
 * Registers the hooks that give this test file its database. Read the returned object's fields
 * inside tests (they are set in beforeAll). `uci` loads the shipped UCI file into a typed table
 * `transactions`.
 */
export function useTestDatabase(options: { uci?: boolean } = {}): TestDatabase {
  // on a shared server, names get this file's suffix and everything is dropped afterwards
  const suffix = EXTERNAL ? `_${process.pid}_${randomBytes(3).toString("hex")}` : "";
  const databases: string[] = [];
  const roles: string[] = [];
  const handle: TestDatabase = {
    url: "",
    urlFor: () => "",
    cluster: null,
    connect: () => connect(handle.url, "the test database"),
    async createDatabase(name) {
      const unique = `${name}${suffix}`;
      await query(handle.url, `CREATE DATABASE ${unique}`);
      databases.push(unique);
      return handle.urlFor(unique);
    },
    async createRole(name, password) {
      const unique = `${name}${suffix}`;
      await query(handle.url, `CREATE ROLE ${unique} LOGIN PASSWORD '${password.replace(/'/g, "''")}'`);
      roles.push(unique);
      return unique;
    },
  };
  let dropDatabase: (() => Promise<void>) | null = null;
  beforeAll(async () => {
    if (!HAVE_POSTGRES) return;
    if (EXTERNAL) {
      const name = `retail_lab_test${suffix}`;
      const admin = await connect(EXTERNAL, "the test server");
      await admin.client.query(`CREATE DATABASE ${name}`);
      await disconnect(admin);
      handle.urlFor = (db) => {
        const u = new URL(EXTERNAL);
        u.pathname = `/${db}`;
        return u.toString();
      };
      handle.url = handle.urlFor(name);
      dropDatabase = async () => {
        const a = await connect(EXTERNAL, "the test server");
        // the databases first (with the grants inside them), then the roles
        for (const d of [...databases, name]) await a.client.query(`DROP DATABASE IF EXISTS ${d} WITH (FORCE)`);
        for (const r of roles) await a.client.query(`DROP ROLE IF EXISTS ${r}`);
        await disconnect(a);
      };
    } else {
      handle.cluster = await startLocalCluster({ fast: true });
      handle.url = handle.cluster.url;
      handle.urlFor = handle.cluster.urlFor;
    }
    if (options.uci) {
      const db = await handle.connect();
      await loadTransactionsTable(db, "transactions", uciTransactions());
      await db.client.query("ANALYZE transactions");
      await disconnect(db);
    }
  });
  afterAll(async () => {
    handle.cluster?.stop();
    if (dropDatabase) await dropDatabase();
  });
  return handle;
}

let uci: DataFrame | undefined;

/** The shipped UCI Online Retail transactions as the loader types them (read once per test file). */
export function uciTransactions(): DataFrame {
  uci ??= loadDataset({ transactions: UCI_FILE }).transactions;
  return uci;
}

/** The shipped UCI Online Retail file. */
export const UCI_FILE = join(REPO_DATA, "online_retail.csv.gz");

/**
 * Writes a generated dataset (`rows` lines, `seed`) to a temporary folder and loads its
 * transactions.csv into `table` of the test database; returns the CSV file's path.
 */
export async function loadGenerated(database: TestDatabase, table: string, rows: number, seed: number): Promise<string> {
  const dir = join(tempDir(), "gen");
  mkdirSync(dir);
  writeDataset(dir, generateDataset({ rows, seed }));
  const file = join(dir, "transactions.csv");
  const c = await database.connect();
  try {
    await loadCanonicalCsv(c, table, file);
  } finally {
    await disconnect(c);
  }
  return file;
}

/** Runs `sql` on a fresh connection to `url` and returns its rows. */
export async function query<T = Record<string, unknown>>(url: string, sql: string, values: unknown[] = []): Promise<T[]> {
  const db = await connect(url, "the test database");
  try {
    return (await db.client.query({ text: sql, values })).rows as T[];
  } finally {
    await disconnect(db);
  }
}

/** Rows of the refresh's tables: customer_segments, segment_history, succeeded and failed runs. */
export async function refreshCounts(url: string): Promise<Record<string, number>> {
  const [r] = await query<Record<string, string>>(url, `SELECT (SELECT count(*) FROM retail_lab.customer_segments) AS segments,
    (SELECT count(*) FROM retail_lab.segment_history) AS history,
    (SELECT count(*) FROM retail_lab.runs WHERE status = 'succeeded') AS succeeded,
    (SELECT count(*) FROM retail_lab.runs WHERE status = 'failed') AS failed`);
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Number(v)]));
}
