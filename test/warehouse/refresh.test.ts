/**
 * The refresh against a real PostgreSQL: the acceptance of issue 15 on the UCI table, what the
 * runs table records, incremental mode against a full rebuild, and further steps (the hooks for
 * clusters, CLV and churn) committing or rolling back with the segments.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { cleanTransactions } from "../../src/clean/clean";
import { rfmTable } from "../../src/rfm/index";
import { redactUrl } from "../../src/warehouse/connection";
import { refresh, type RefreshOptions, type RefreshStep } from "../../src/warehouse/refresh";
import { HAVE_POSTGRES, refreshCounts, loadGenerated, query, uciTransactions, useTestDatabase } from "./db";

/** The current segments, ordered by customer id (bytewise, as polars sorts). */
const segments = (url: string) =>
  query(url, `SELECT customer_id, recency, frequency, monetary::text AS monetary, units::text AS units, r, f, m, segment, volume
              FROM retail_lab.customer_segments ORDER BY customer_id COLLATE "C"`);


describe.skipIf(!HAVE_POSTGRES)("refresh on the UCI table", () => {
  const db = useTestDatabase({ uci: true });
  const password = () => new URL(db.url).password;

  it("two refreshes in a row: 4,338 rows in customer_segments, two succeeded runs, 8,676 in segment_history", async () => {
    const write = await db.createDatabase("acceptance");
    const lines: string[] = [];
    const options: RefreshOptions = { source: { url: db.url, table: "transactions" }, write, log: (l) => lines.push(l) };
    const first = await refresh(options);
    const second = await refresh(options);
    expect(await refreshCounts(write)).toEqual({ segments: 4338, history: 8676, succeeded: 2, failed: 0 }); // 2 x 4,338
    expect([first.mode, second.mode]).toEqual(["full", "unchanged"]);

    // the segments are rfmTable's rows on the loaded CSV
    const clean = cleanTransactions(uciTransactions());
    const expected = (rfmTable(clean.customerLines, clean.sales).toRecords() as Record<string, number | string>[]).map((r) => ({
      customer_id: r.customerId, recency: r.recency, frequency: r.frequency, monetary: String(r.monetary), units: String(r.units),
      r: r.R, f: r.F, m: r.M, segment: r.segment, volume: r.volume,
    }));
    expect(await segments(write)).toEqual(expected);

    const runs = await query<Record<string, unknown>>(write, `SELECT run_id, status, mode, rows_read, customers, high_water_mark::text AS hwm,
      options, message, finished_at >= started_at AS ordered FROM retail_lab.runs ORDER BY run_id`);
    expect(runs.map((r) => [r.status, r.mode, Number(r.rows_read), r.customers, r.hwm, r.message, r.ordered])).toEqual([
      ["succeeded", "full", 541909, 4338, "2011-12-09 12:50:00", null, true],
      ["succeeded", "unchanged", 541909, 4338, "2011-12-09 12:50:00", null, true],
    ]);
    expect(runs[0].options).toMatchObject({ source: { table: "transactions", query: null }, bins: 5, full: false, mapping: null });
    // one history snapshot per run
    const perRun = await query(write, "SELECT run_id, count(*)::int AS n FROM retail_lab.segment_history GROUP BY run_id ORDER BY run_id");
    expect(perRun.map((r) => r.n)).toEqual([4338, 4338]);

    // no password anywhere: log lines, stored options
    expect(JSON.stringify(runs)).not.toContain(password());
    for (const l of lines) expect(l).not.toContain(password());
    // a line per step: started, source, mode, clean, rfm, committed (and the schema's creation on first use)
    expect(first.log.map((l) => l.replace(/^\S+ refresh( run \d+)?: /, "").replace(/ \(\d+\.\d s\)$/, "").split(/[:;]/)[0])).toEqual([
      "created schema retail_lab (runs, customer_segments, segment_history) in postgresql", "started", "source postgresql", "mode full", "clean", "rfm", "committed",
    ]);
    expect(second.log.map((l) => l.replace(/^\S+ refresh run \d+: /, "").split(/[:;]/)[0])).toEqual(["started", "source postgresql", "mode unchanged", "committed"]);
  });
});

describe.skipIf(!HAVE_POSTGRES)("incremental refreshes against a full rebuild", () => {
  const db = useTestDatabase();
  const source = () => ({ url: db.url, table: "gen" });
  const silent = () => undefined;
  const targets: Record<string, string> = {};
  beforeAll(async () => {
    await loadGenerated(db, "gen", 20_000, 4);
    for (const name of ["incremental", "rebuilt", "steps"]) targets[name] = await db.createDatabase(name);
  });

  it("recomputes exactly when rows arrive after the high-water mark, rebuilds when older rows change, confirms when nothing changed", async () => {
    const write = targets.incremental;
    const run = (o: Partial<RefreshOptions> = {}) => refresh({ source: source(), write, log: silent, ...o });
    const first = await run();
    expect(first.mode).toBe("full");
    // new sales after the mark: an existing customer buys again, a new customer appears, one line repeats an old one exactly
    await query(db.url, `INSERT INTO gen
      SELECT 'N1', stock_code, description, 2, $1::timestamp + interval '1 day', unit_price, customer_id, country FROM gen WHERE customer_id IS NOT NULL AND quantity > 0 AND unit_price > 0 LIMIT 1`, [first.highWaterMark]);
    await query(db.url, `INSERT INTO gen VALUES ('N2', 'X1', 'NEW THING', 3, $1::timestamp + interval '2 days', 4.5, 'NEWCUST', 'Spain'),
      ('N2', 'X1', 'NEW THING', 3, $1::timestamp + interval '2 days', 4.5, 'NEWCUST', 'Spain')`, [first.highWaterMark]);
    const second = await run();
    expect(second.mode).toBe("incremental");
    expect(second.rowsRead).toBe(first.rowsRead + 3);
    const full = await refresh({ source: source(), write: targets.rebuilt, log: silent, full: true });
    expect(full.mode).toBe("full");
    expect(await segments(write)).toEqual(await segments(targets.rebuilt));
    expect((await segments(write)).find((r) => r.customer_id === "NEWCUST")).toMatchObject({ recency: 1, frequency: 1, monetary: "13.5", units: "3" }); // 3 x 4.5; its copy is a duplicate

    expect((await run()).mode).toBe("unchanged");
    await query(db.url, `DELETE FROM gen WHERE invoice_no = (SELECT min(invoice_no) FROM gen)`);
    const afterDelete = await run();
    expect(afterDelete.mode).toBe("full");
    expect((await run({ bins: 4 })).mode).toBe("full"); // other options: the previous run is no basis
    expect((await run({ bins: 4, full: true })).mode).toBe("full");
    const modes = await query(write, "SELECT mode FROM retail_lab.runs ORDER BY run_id");
    expect(modes.map((r) => r.mode)).toEqual(["full", "incremental", "unchanged", "full", "full", "full"]);
  });

  it("commits a further step's table with the segments, and rolls both back when the step fails", async () => {
    const write = targets.steps;
    const stepTable: RefreshStep<number> = {
      name: "customer count",
      compute: ({ rfm }) => rfm.height,
      async write(target, runId, customers) {
        await target.client.query("CREATE TABLE IF NOT EXISTS retail_lab.step_results (run_id bigint, customers integer)");
        await target.client.query("INSERT INTO retail_lab.step_results VALUES ($1, $2)", [runId, customers]);
      },
    };
    const ok = await refresh({ source: source(), write, log: silent, steps: [stepTable] });
    expect(await query(write, "SELECT run_id::int, customers FROM retail_lab.step_results")).toEqual([{ run_id: ok.runId, customers: ok.customers }]);
    const before = await segments(write);

    const failing: RefreshStep<null> = {
      name: "churn",
      compute: () => null,
      async write(target) {
        await target.client.query("INSERT INTO retail_lab.step_results VALUES (-1, -1)");
        await target.client.query("SELECT * FROM retail_lab.no_such_table");
      },
    };
    const lines: string[] = [];
    const e = await refresh({ source: source(), write, log: (l) => lines.push(l), bins: 3, steps: [stepTable, failing] }).catch((x: Error) => x);
    expect((e as Error).message).toBe(
      `refresh run ${ok.runId + 1} failed and left the previous results untouched: ${redactUrl(write)}: relation "retail_lab.no_such_table" ` +
        "does not exist, while writing the results of churn; check the table name (schema.table) and the search_path.",
    );
    expect(lines.at(-1)).toMatch(/refresh run \d+: failed, recorded in retail_lab\.runs/);
    expect(await segments(write)).toEqual(before);
    expect(await query(write, "SELECT run_id::int FROM retail_lab.step_results")).toEqual([{ run_id: ok.runId }]);
    const [failed] = await query(write, "SELECT status, message FROM retail_lab.runs WHERE run_id = $1", [ok.runId + 1]);
    expect(failed).toEqual({ status: "failed", message: expect.stringContaining('relation "retail_lab.no_such_table" does not exist') });
  });
});
