/**
 * The warehouse through the real CLI (bin/retail-lab.js) against a real PostgreSQL holding the
 * UCI transactions in the typed snake_case table `transactions`: the data commands on a
 * database URL, `retail-lab refresh` twice, killed halfway, and its faults, each one sentence on
 * stderr without the password, a documented exit code, the previous results untouched and the
 * failed run recorded where the database still answers.
 */
import { spawn, type ChildProcess } from "child_process";
import { readFileSync, writeFileSync } from "fs";
import { join } from "path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { connect, disconnect, redactUrl, type Db } from "../../src/warehouse/connection";
import { cleanTransactions } from "../../src/clean/index";
import { rfmTable } from "../../src/rfm/index";
import { rfmAgreement } from "../../src/warehouse/index";
import { cli } from "../cli/run";
import { tempDir } from "../helpers";
import { HAVE_POSTGRES, refreshCounts, query, uciTransactions, useTestDatabase } from "./db";

const ROOT = join(__dirname, "..", "..");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A mapping of the snake_case table, spelt out (the loader would also recognise these names alone). */
const SNAKE_MAP = {
  transactions: {
    columns: {
      invoice: "invoice_no", stockCode: "stock_code", description: "description", quantity: "quantity",
      invoiceDate: "invoice_date", unitPrice: "unit_price", customerId: "customer_id", country: "country",
    },
  },
};

describe.skipIf(!HAVE_POSTGRES)("the warehouse through the CLI", () => {
  const db = useTestDatabase({ uci: true });
  const password = () => new URL(db.url).password;
  let dir = "";
  let map = "";
  beforeAll(() => {
    dir = tempDir();
    map = join(dir, "snake.json");
    writeFileSync(map, JSON.stringify(SNAKE_MAP));
  });
  const noPassword = (r: { stdout: string; stderr: string }) => {
    expect(r.stdout).not.toContain(password());
    expect(r.stderr).not.toContain(password());
  };

  it("rfm on the database table with a mapping writes the same bytes as rfm on the CSV", () => {
    const viaDb = join(dir, "db.csv"), viaCsv = join(dir, "csv.csv");
    const a = cli(["rfm", "--input", db.url, "--table", "transactions", "--map", map, "--out", viaDb]);
    expect(a.status, a.stderr).toBe(0);
    const b = cli(["rfm", "--out", viaCsv]);
    expect(b.status, b.stderr).toBe(0);
    expect(readFileSync(viaDb).equals(readFileSync(viaCsv))).toBe(true);
    expect(readFileSync(viaDb, "utf8").split("\n")).toHaveLength(4338 + 2); // header, 4,338 customers, final newline
    expect(a.stdout.replace(viaDb, "OUT")).toBe(b.stdout.replace(viaCsv, "OUT"));
    noPassword(a);
    // with --ties first and 3 bins, and through --query: still the CSV path's bytes
    const q = cli(["rfm", "--input", db.url, "--query", "SELECT * FROM transactions", "--ties", "first", "--bins", "3", "--out", viaDb]);
    expect(q.status, q.stderr).toBe(0);
    expect(cli(["rfm", "--ties", "first", "--bins", "3", "--out", viaCsv]).status).toBe(0);
    expect(readFileSync(viaDb).equals(readFileSync(viaCsv))).toBe(true);
  });

  it("clean, segments and sql read the database through the loader, with the CSV path's figures", () => {
    const report = (out: string) => out.slice(out.indexOf("  duplicate"));
    const viaDb = cli(["clean", "--input", db.url, "--table", "transactions", "--map", map]);
    expect(viaDb.status, viaDb.stderr).toBe(0);
    expect(viaDb.stdout).toContain(`Cleaning report for ${redactUrl(db.url)} table "transactions"`);
    expect(report(viaDb.stdout)).toBe(report(cli(["clean"]).stdout));
    noPassword(viaDb);
    const atRisk = [join(dir, "a1.csv"), join(dir, "a2.csv")];
    expect(cli(["segments", "--input", db.url, "--table", "transactions", "--segment", "At Risk", "--out", atRisk[0]]).status).toBe(0);
    expect(cli(["segments", "--segment", "At Risk", "--out", atRisk[1]]).status).toBe(0);
    expect(readFileSync(atRisk[0]).equals(readFileSync(atRisk[1]))).toBe(true);
    // sql's own --query is the SQL over the cleaned tables; the database query is --source-query
    const sales = "SELECT count(*) AS n FROM sales WHERE country = 'France'";
    const s = cli(["sql", "--input", db.url, "--source-query", "SELECT * FROM transactions WHERE country = 'France'", "--query", sales]);
    expect(s.status, s.stderr).toBe(0);
    expect(s.stdout).toBe(cli(["sql", "--query", sales]).stdout);
  });
});


/** What a failed run must leave alone: the segments (a digest), the history and the succeeded runs. */
async function visible(url: string) {
  return {
    segments: await query(url, `SELECT md5(string_agg(s::text, '|' ORDER BY customer_id COLLATE "C")) AS digest, count(*)::int AS n FROM retail_lab.customer_segments s`),
    history: await query(url, "SELECT count(*)::int AS n FROM retail_lab.segment_history"),
    succeeded: await query(url, "SELECT count(*)::int AS n FROM retail_lab.runs WHERE status = 'succeeded'"),
  };
}

/** The CLI in a process of its own (node running bin/retail-lab.js itself, so SIGKILL reaches it), with its output gathered. */
function startCli(args: string[]): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: string | null }> } {
  const child = spawn(process.execPath, [join(ROOT, "bin", "retail-lab.js"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: string | null }>((r) => child.on("exit", (code, signal) => r({ code, signal })));
  return { child, output: () => out, exited };
}

/** Waits until a refresh's session waits on a lock (it is then inside its transaction). */
async function waitForBlockedRefresh(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const r = await query<{ n: number }>(url, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'retail-lab refresh' AND wait_event_type = 'Lock'`);
    if (r[0].n > 0) return;
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error("no refresh came to wait on the lock");
}

describe.skipIf(!HAVE_POSTGRES)("retail-lab refresh", () => {
  const db = useTestDatabase({ uci: true });
  const password = () => new URL(db.url).password;
  const port = () => new URL(db.url).port;
  let target = "";
  const refreshArgs = (extra: string[] = [], write = target) => ["refresh", "--input", db.url, "--table", "transactions", "--write", write, ...extra];
  const children: ChildProcess[] = [];
  let blocker: Db | null = null;
  afterEach(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
    children.length = 0;
    if (blocker) await disconnect(blocker);
    blocker = null;
  });
  /** Holds retail_lab.segment_history so that a refresh blocks inside its transaction, after writing the new segments. */
  async function holdHistory(): Promise<void> {
    blocker = await connect(target, "the write target");
    await blocker.client.query("BEGIN");
    await blocker.client.query("LOCK TABLE retail_lab.segment_history IN EXCLUSIVE MODE");
  }
  const lastRun = async () => (await query(target, "SELECT status, message FROM retail_lab.runs ORDER BY run_id DESC LIMIT 1"))[0];
  /** A failure's checks: its exit code, one line on stderr, no password, the previous results untouched; returns the line. */
  async function failure(r: { status: number | null; stdout: string; stderr: string }, exit: number, before: Awaited<ReturnType<typeof visible>>): Promise<string> {
    expect(r.status, r.stderr).toBe(exit);
    const err = r.stderr.trim();
    expect(err.split("\n")).toHaveLength(1);
    expect(err).not.toMatch(/^\s+at /m);
    expect(r.stdout + r.stderr).not.toContain(password());
    expect(await visible(target)).toEqual(before);
    return err;
  }
  const recorded = (line: string) => ({ status: "failed", message: line.replace(/^retail-lab refresh: refresh run \d+ failed and left the previous results untouched: /, "") });

  beforeAll(async () => {
    target = await db.createDatabase("crm");
  });

  it("twice in a row: 4,338 rows in customer_segments, two succeeded runs, 8,676 in segment_history; a log line per step", async () => {
    const first = cli(refreshArgs());
    expect(first.status, first.stderr).toBe(0);
    const second = cli(refreshArgs());
    expect(second.status, second.stderr).toBe(0);
    expect(await refreshCounts(target)).toEqual({ segments: 4338, history: 8676, succeeded: 2, failed: 0 }); // 2 x 4,338
    const steps = (out: string) => out.trim().split("\n").map((l) => l.replace(/^\S+Z refresh( run \d+)?: /, "").split(/[:;]/)[0]);
    expect(steps(first.stdout)).toEqual([
      "created schema retail_lab (runs, customer_segments, segment_history) in postgresql", "started", "source postgresql", "mode full", "clean", "rfm", "committed",
      "refresh run 1 succeeded (full)",
    ]);
    expect(first.stdout).toContain("refresh run 1 succeeded (full): 4,338 customers from 541,909 rows, up to 2011-12-09 12:50:00");
    expect(steps(second.stdout)).toEqual(["started", "source postgresql", "mode unchanged", "committed", "refresh run 2 succeeded (unchanged)"]);
    expect(first.stderr + second.stderr).toBe("");
    expect(first.stdout + second.stdout).not.toContain(password());
    // the segments are the rfm command's rows
    const out = join(tempDir(), "rfm.csv");
    expect(cli(["rfm", "--out", out]).status).toBe(0);
    const csv = readFileSync(out, "utf8").trim().split("\n").slice(1).map((l) => l.split(",")[0] + "," + l.split(",").slice(-2).join(","));
    const rows = await query<{ line: string }>(target, `SELECT customer_id || ',' || segment || ',' || volume AS line FROM retail_lab.customer_segments ORDER BY customer_id COLLATE "C"`);
    expect(rows.map((r) => r.line)).toEqual(csv);
  });

  it("killed (SIGKILL) halfway, inside its write, changes nothing visible", async () => {
    const before = await visible(target);
    const runs = await query(target, "SELECT count(*)::int AS n FROM retail_lab.runs");
    await holdHistory();
    const run = startCli(refreshArgs(["--full", "--bins", "3"]));
    children.push(run.child);
    await waitForBlockedRefresh(target);
    // it is in its transaction, the new 3-bin segments written but not committed
    const inside = await query(target, `SELECT backend_xid IS NOT NULL AS wrote FROM pg_stat_activity WHERE application_name = 'retail-lab refresh' AND wait_event_type = 'Lock'`);
    expect(inside).toEqual([{ wrote: true }]);
    run.child.kill("SIGKILL");
    expect((await run.exited).signal).toBe("SIGKILL");
    await disconnect(blocker!);
    blocker = null;
    for (let i = 0; i < 100; i++) {
      if ((await query(target, "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'retail-lab refresh'"))[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await visible(target)).toEqual(before);
    expect(await query(target, "SELECT count(*)::int AS n FROM retail_lab.runs")).toEqual(runs); // the killed run left no row
    expect(run.output()).not.toContain(password());
  });

  it("a second refresh while one runs exits 3 at once, recorded; the first goes on and succeeds", async () => {
    await holdHistory();
    const first = startCli(refreshArgs(["--full"]));
    children.push(first.child);
    await waitForBlockedRefresh(target);
    const before = await visible(target);
    const line = await failure(cli(refreshArgs()), 3, before);
    expect(line).toMatch(new RegExp(
      `^retail-lab refresh: Another refresh is running on ${escape(redactUrl(target))} \\(backend \\d+, retail-lab refresh, connected since [-\\d :]+\\); ` +
        "this one stopped without touching the results: run it again when that one has finished\\.$",
    ));
    expect(await lastRun()).toEqual({ status: "failed", message: line.replace(/^retail-lab refresh: /, "") });
    await disconnect(blocker!);
    blocker = null;
    expect((await first.exited).code).toBe(0);
    expect(first.output()).toMatch(/refresh run \d+ succeeded \(full\): 4,338 customers/);
  });

  it("faults: one sentence each, no password, exit 2 or 4, previous results untouched, the failed run recorded", async () => {
    const before = await visible(target);
    const where = redactUrl(db.url);
    const withSource = (url: string, rest: string[]) => ["refresh", "--input", url, ...rest, "--write", target];

    const unreachable = await failure(cli(withSource(`postgresql://postgres:${password()}@127.0.0.1:1/retail`, ["--table", "transactions"])), 4, before);
    expect(unreachable).toMatch(/^retail-lab refresh: refresh run \d+ failed and left the previous results untouched: Cannot connect to PostgreSQL at 127\.0\.0\.1:1 while connecting to the source database: the connection was refused; is the server running on that host and port\?$/);
    expect(await lastRun()).toEqual(recorded(unreachable));

    const wrong = await failure(cli(withSource(db.url.replace(`:${password()}@`, ":not-the-password@"), ["--table", "transactions"])), 2, before);
    expect(wrong).toContain(`: PostgreSQL at 127.0.0.1:${port()} refused the password for user "postgres" while connecting to the source database: check the password in the URL, PGPASSWORD or ~/.pgpass.`);
    expect(wrong).not.toContain("not-the-password");
    expect(await lastRun()).toEqual(recorded(wrong));

    const noTable = await failure(cli(withSource(db.url, ["--table", "nope"])), 2, before);
    expect(noTable).toContain(`untouched: ${where}: relation "nope" does not exist, while reading the columns of the table nope; check the table name (schema.table) and the search_path.`);
    expect(await lastRun()).toEqual(recorded(noTable));

    const mapFile = join(tempDir(), "map.json");
    writeFileSync(mapFile, JSON.stringify({ transactions: { columns: { customerId: "client_id" } } }));
    const noColumn = await failure(cli(withSource(db.url, ["--table", "transactions", "--map", mapFile])), 2, before);
    expect(noColumn).toContain(`untouched: ${where} table "transactions": the mapping names column "client_id" for customerId, but the table has no such column.`);
    expect(await lastRun()).toEqual(recorded(noColumn));

    const empty = await failure(cli(withSource(db.url, ["--query", "SELECT * FROM transactions WHERE quantity > 1000000"])), 2, before);
    expect(empty).toMatch(new RegExp(`untouched: ${escape(where)} query returned no rows: there are no transactions to analyse\\.$`));
    expect(await lastRun()).toEqual(recorded(empty));

    // a write target where the user may read but not write
    const reader = await db.createRole("crm_reader", "reader-secret");
    await query(target, `GRANT USAGE ON SCHEMA retail_lab TO ${reader}`);
    await query(target, `GRANT SELECT ON ALL TABLES IN SCHEMA retail_lab TO ${reader}`);
    await query(target, `GRANT USAGE ON SEQUENCE retail_lab.run_ids TO ${reader}`);
    const asReader = new URL(target);
    asReader.username = reader;
    asReader.password = "reader-secret";
    const runsBefore = await query(target, "SELECT count(*)::int AS n FROM retail_lab.runs");
    const denied = await failure(cli(refreshArgs([], asReader.toString())), 2, before);
    expect(denied).toMatch(new RegExp(
      `^retail-lab refresh: refresh run \\d+ failed and left the previous results untouched: User "${reader}" lacks a privilege on ${escape(redactUrl(asReader.toString()))} ` +
        "while writing the results into retail_lab \\(permission denied for table runs\\): grant it, or write with a user who has it\\.$",
    ));
    expect(denied).not.toContain("reader-secret");
    // the reader cannot record its failure either: no run row added
    expect(await query(target, "SELECT count(*)::int AS n FROM retail_lab.runs")).toEqual(runsBefore);

    // an unreachable write target: nothing to record the run in
    const noTarget = cli(["refresh", "--input", db.url, "--table", "transactions", "--write", `postgresql://postgres:${password()}@127.0.0.1:1/crm`]);
    expect(await failure(noTarget, 4, before)).toBe(
      "retail-lab refresh: Cannot connect to PostgreSQL at 127.0.0.1:1 while connecting to the write target: the connection was refused; is the server running on that host and port?",
    );
  });
});

describe.skipIf(!HAVE_POSTGRES)("rfmAgreement (notebook 00's comparison)", () => {
  const db = useTestDatabase({ uci: true });
  it("finds the push-down RFM identical to rfmTable on the CSV, and counts the rows of a table that differs", async () => {
    const clean = cleanTransactions(uciTransactions());
    const same = await rfmAgreement({ url: db.url, table: "transactions" }, rfmTable(clean.customerLines, clean.sales));
    expect(same).toEqual({ databaseCustomers: 4338, memoryCustomers: 4338, differingRows: 0, identical: true });
    // the first 10 customers dropped from the in-memory table: every later line moves up by 10
    const shorter = rfmTable(clean.customerLines, clean.sales).slice(10, 4328);
    const off = await rfmAgreement({ url: db.url, table: "transactions" }, shorter);
    expect(off).toMatchObject({ databaseCustomers: 4338, memoryCustomers: 4328, identical: false });
    expect(off.differingRows).toBeGreaterThan(4328 - 10); // lines shifted by 10 rows rarely coincide
  });
});
