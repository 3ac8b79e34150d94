/**
 * Faults of the refresh, each against the real server: one sentence without the password, a
 * rejection (the CLI's non-zero exit), the previous results untouched, the failed run recorded
 * where the database still answers. Data: a generated dataset of 5,000 lines in table `gen`;
 * results are written into database `target`, which holds one succeeded run to protect.
 */
import { spawn } from "child_process";
import { join } from "path";
import { beforeAll, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { redactUrl } from "../../src/warehouse/connection";
import { refresh, type RefreshOptions, type RefreshStep } from "../../src/warehouse/refresh";
import { HAVE_POSTGRES, loadGenerated, query, useTestDatabase } from "./db";

const ROOT = join(__dirname, "..", "..");

describe.skipIf(!HAVE_POSTGRES)("refresh faults", () => {
  const db = useTestDatabase();
  let targetUrl = "";
  const target = () => targetUrl;
  const port = () => new URL(db.url).port;
  const password = () => new URL(db.url).password;
  const source = (s: Partial<RefreshOptions["source"]> = {}) => ({ url: db.url, table: "gen", ...s });
  const lines: string[] = [];
  const run = (o: Partial<RefreshOptions> = {}) => refresh({ source: source(), write: target(), log: (l) => lines.push(l), ...o });

  /** The state a failed run must leave alone. */
  const state = async () => ({
    segments: await query(target(), `SELECT md5(string_agg(s::text, '|' ORDER BY customer_id COLLATE "C")) AS digest, count(*)::int AS n FROM retail_lab.customer_segments s`),
    history: await query(target(), "SELECT count(*)::int AS n FROM retail_lab.segment_history"),
    succeeded: await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs WHERE status = 'succeeded'"),
  });
  let before: Awaited<ReturnType<typeof state>>;
  const lastRun = async () => (await query(target(), "SELECT run_id::int, status, message, options::text FROM retail_lab.runs ORDER BY run_id DESC LIMIT 1"))[0];

  /** The rejection's message, checked: one line, no password (plain or encoded), previous results untouched. */
  async function failure(p: Promise<unknown>): Promise<string> {
    const e = await p.then(() => null, (x: Error) => x);
    expect(e, "the refresh should have failed").not.toBeNull();
    const m = (e as Error).message;
    expect(e!.name).toBe("UserError");
    expect(m.split("\n")).toHaveLength(1);
    expect(m).not.toContain(password());
    for (const l of lines) expect(l).not.toContain(password());
    expect(await state()).toEqual(before);
    return m;
  }
  const failedRun = (message: string) => ({ status: "failed", message: message.replace(/^refresh run \d+ failed and left the previous results untouched: /, "") });

  beforeAll(async () => {
    await loadGenerated(db, "gen", 5_000, 8);
    targetUrl = await db.createDatabase("target");
    await run();
  });
  beforeEach(async () => {
    before = await state();
    lines.length = 0;
  });

  it("an unreachable source host", async () => {
    const m = await failure(run({ source: source({ url: `postgresql://postgres:${password()}@127.0.0.1:1/retail` }) }));
    expect(m).toMatch(/^refresh run \d+ failed and left the previous results untouched: Cannot connect to PostgreSQL at 127\.0\.0\.1:1 while connecting to the source database: the connection was refused; is the server running on that host and port\?$/);
    expect(await lastRun()).toMatchObject(failedRun(m));
  });

  it("a wrong password for the source, kept out of the message, the log and the stored options", async () => {
    const wrong = `${password()}-not`;
    const m = await failure(run({ source: source({ url: db.url.replace(password(), wrong) }) }));
    expect(m).toContain(`PostgreSQL at 127.0.0.1:${port()} refused the password for user "postgres" while connecting to the source database: check the password in the URL, PGPASSWORD or ~/.pgpass.`);
    const last = await lastRun();
    expect(last).toMatchObject(failedRun(m));
    expect(last.options).not.toContain(wrong);
    expect(last.options).not.toContain(password());
  });

  it("a missing table, a mapped column the table lacks, and a query with no rows", async () => {
    const where = redactUrl(db.url);
    const noTable = await failure(run({ source: source({ table: "nope" }) }));
    expect(noTable).toMatch(new RegExp(`failed and left the previous results untouched: ${where.replace(/[.?]/g, "\\$&")}: relation "nope" does not exist, while reading the columns of the table nope`));
    expect(await lastRun()).toMatchObject(failedRun(noTable));
    const noColumn = await failure(run({ source: source({ mapping: { transactions: { columns: { customerId: "client" } } } }) }));
    expect(noColumn).toContain(`${where} table "gen": the mapping names column "client" for customerId, but the table has no such column.`);
    expect(await lastRun()).toMatchObject(failedRun(noColumn));
    const empty = await failure(run({ source: { url: db.url, query: "SELECT * FROM gen WHERE quantity > 1000000" } }));
    expect(empty).toContain(`untouched: ${where} query returned no rows: there are no transactions to analyse.`);
    expect(await lastRun()).toMatchObject(failedRun(empty));
  });

  it("an unreachable write target (nothing to record the run in)", async () => {
    const runs = await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs");
    const m = await failure(run({ write: `postgresql://postgres:${password()}@127.0.0.1:1/target` }));
    expect(m).toBe("Cannot connect to PostgreSQL at 127.0.0.1:1 while connecting to the write target: the connection was refused; is the server running on that host and port?");
    expect(await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs")).toEqual(runs);
  });

  it("the database going away mid-write: its backend terminated from another connection", async () => {
    const terminate: RefreshStep<null> = {
      name: "terminate",
      compute: () => null,
      async write(t) {
        const pid = (await t.client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid;
        await query(db.url, "SELECT pg_terminate_backend($1)", [pid]);
      },
    };
    const m = await failure(run({ full: true, bins: 3, steps: [terminate] }));
    expect(m).toMatch(new RegExp(`^refresh run \\d+ failed and left the previous results untouched: The connection to PostgreSQL at 127\\.0\\.0\\.1:${port()} was lost while (committing the results|writing the results (into retail_lab|of terminate)) \\(.+\\)\\.$`));
    // recorded through a new connection
    expect(await lastRun()).toMatchObject(failedRun(m));
    expect(lines.at(-1)).toMatch(/failed, recorded in retail_lab\.runs/);
  });

  it.skipIf(!!process.env.RETAIL_LAB_TEST_DATABASE_URL)("the server stopping mid-write (immediate shutdown), then coming back", async () => {
    const runs = await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs");
    // the test cluster runs with synchronous_commit=off (speed): a checkpoint first makes the earlier runs'
    // commits durable, so that what the immediate shutdown loses is only this run's open transaction
    const stop: RefreshStep<null> = {
      name: "stop", compute: () => null,
      write: async () => {
        await query(db.url, "CHECKPOINT");
        db.cluster!.halt(true);
      },
    };
    const e = await run({ full: true, bins: 3, steps: [stop] }).then(() => null, (x: Error) => x);
    db.cluster!.start();
    expect(e).not.toBeNull();
    const m = (e as Error).message;
    expect(m).toMatch(new RegExp(`^refresh run \\d+ failed and left the previous results untouched: The connection to PostgreSQL at 127\\.0\\.0\\.1:${port()} was lost while committing the results \\(.+\\)\\.$`));
    expect(m).not.toContain(password());
    expect(lines.at(-1)).toMatch(/failed, and could not be recorded in retail_lab\.runs: Cannot connect to PostgreSQL at 127\.0\.0\.1:\d+ while connecting to the write target \(to record the failure\)/);
    expect(await state()).toEqual(before);
    expect(await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs")).toEqual(runs);
  });

  it("a write target where the user may not create the schema, or may not insert", async () => {
    const reader = await db.createRole("reader", "reader-pw");
    const locked = new URL(await db.createDatabase("locked")).pathname.slice(1);
    const as = (url: string) => {
      const u = new URL(url);
      u.username = reader;
      u.password = "reader-pw";
      return u.toString();
    };
    const noCreate = await failure(run({ write: as(db.urlFor(locked)) }));
    expect(noCreate).toBe(
      `User "${reader}" lacks a privilege on postgresql://${reader}@127.0.0.1:${port()}/${locked} while creating the retail_lab tables (permission denied for database ${locked}): grant it, or write with a user who has it.`,
    );
    expect(noCreate).not.toContain("reader-pw");
    // the schema exists and may be read, the sequence used, but not a row written
    await query(target(), `GRANT USAGE ON SCHEMA retail_lab TO ${reader}`);
    await query(target(), `GRANT SELECT ON ALL TABLES IN SCHEMA retail_lab TO ${reader}`);
    await query(target(), `GRANT USAGE ON SEQUENCE retail_lab.run_ids TO ${reader}`);
    const noInsert = await failure(run({ write: as(target()) }));
    expect(noInsert).toMatch(new RegExp(
      `^refresh run \\d+ failed and left the previous results untouched: User "${reader}" lacks a privilege on ${redactUrl(as(target())).replace(/[.]/g, "\\.")} ` +
        `while writing the results into retail_lab \\(permission denied for table runs\\): grant it, or write with a user who has it\\.$`,
    ));
    expect(lines.at(-1)).toMatch(new RegExp(`failed, and could not be recorded in retail_lab\\.runs: User "${reader}" lacks a privilege .* \\(permission denied for table runs\\)`));
  });

  it("a second refresh while one runs fails at once, recorded; the first one goes on and succeeds", async () => {
    let release = () => undefined as void;
    let reached = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    const atStep = new Promise<void>((r) => (reached = r));
    const slow: RefreshStep<null> = { name: "slow", compute: async () => (reached(), await gate, null), write: async () => undefined };
    const first = run({ full: true, steps: [slow] });
    await atStep;
    const t = Date.now();
    const m = await failure(run());
    expect(Date.now() - t).toBeLessThan(30_000);
    expect(m).toMatch(new RegExp(
      `^Another refresh is running on ${redactUrl(target()).replace(/[.?]/g, "\\$&")} \\(backend \\d+, retail-lab refresh, connected since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\); ` +
        "this one stopped without touching the results: run it again when that one has finished\\.$",
    ));
    expect(await lastRun()).toMatchObject({ status: "failed", message: m });
    release();
    expect((await first).mode).toBe("full");
  });

  it("a refresh killed (SIGKILL) halfway through its write changes nothing visible, and frees the lock", async () => {
    const runs = await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs");
    // node itself with tsx's loader (the tsx command would run the script in a grandchild that SIGKILL does not reach)
    const child = spawn(process.execPath, ["--import", "tsx", join(__dirname, "refresh-child.ts")], {
      cwd: ROOT, env: { ...process.env, RETAIL_LAB_CHILD_SOURCE: db.url, RETAIL_LAB_CHILD_WRITE: target() }, stdio: ["ignore", "pipe", "pipe"],
    });
    onTestFinished(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    });
    let out = "";
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        if (out.includes("WRITING")) resolve();
        if (out.includes("FAILED")) reject(new Error(out));
      });
      child.on("exit", () => reject(new Error(`the child ended before writing: ${out}`)));
    });
    // it is inside its transaction, the new (3-bin) segments written but not committed
    const inside = await query(target(), `SELECT state, backend_xid IS NOT NULL AS wrote FROM pg_stat_activity
      WHERE application_name = 'retail-lab refresh' AND pid <> pg_backend_pid()`);
    expect(inside).toContainEqual({ state: "idle in transaction", wrote: true });
    const exited = new Promise((r) => child.on("exit", (_code, signal) => r(signal)));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    // the server notices the closed socket and rolls back
    for (let i = 0; i < 100; i++) {
      const left = await query(target(), "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'retail-lab refresh'");
      if (left[0].n === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await state()).toEqual(before);
    expect(await query(target(), "SELECT count(*)::int AS n FROM retail_lab.runs")).toEqual(runs); // the killed run left no row
    // the lock went with the killed session: the next refresh runs
    expect((await run({ full: true })).mode).toBe("full");
  });
});
