/**
 * The refresh: load, clean and RFM pushed down into the source database, the results written
 * in ONE transaction into schema `retail_lab` of the write target:
 *
 * - `customer_segments`: one row per customer (RFM columns, segment, volume, run id), replaced
 *   by each run (DELETE and INSERT in the run's transaction: readers see the old rows until it
 *   commits, then the new ones, never a mix or an empty table);
 * - `segment_history`: run id, customer id, segment and scores, appended by every succeeded run
 *   (so `WHERE run_id = N` is the whole segmentation as of run N);
 * - `runs`: run id, started and finished at, status, mode, rows read, customers, high-water
 *   mark, the options as JSON, the message of a failure.
 *
 * Safe for cron: one run at a time (a session advisory lock on the write target: a second
 * refresh fails at once with a sentence); a failure rolls the transaction back, so the previous
 * results stay as they were, and is recorded as a `failed` run in a separate transaction where
 * the database still answers; a run killed halfway leaves nothing visible (its transaction
 * never commits, its `runs` row is written inside it). One log line per step.
 *
 * Incremental mode (the default when the last succeeded run had the same source and options):
 * the source's row count and latest timestamp are compared with that run's. Nothing new: the run
 * confirms the current segments (history appended, no recompute). New rows only after the
 * high-water mark: everything is recomputed from the source, which stays exact (duplicates of
 * old rows, cancellations of old invoices, distinct invoices and the ranks over all customers
 * all reach back before the mark, and the snapshot moves everyone's recency) and is cheap with
 * push-down. Rows changed at or before the mark: a full rebuild, as `full: true` asks.
 */
import { createHash } from "crypto";
import type { DataFrame } from "nodejs-polars";
import type { CleaningReport } from "../clean/index";
import { readMapping } from "../data/index";
import { UserError } from "../errors";
import { rfmFromMeasures, type SegmentRule, type TieRule } from "../rfm/index";
import { fmtInt } from "../util/index";
import { connect, databaseError, disconnect, failureKind, isConnectionLost, redactUrl, withFailureKind, type Db } from "./connection";
import { closeSnapshot, customerSummaryIn, openSnapshot, requireCustomers, sourceExtentIn, type PushdownSource } from "./pushdown";
import type { SourceSpec } from "./source";
import * as SQL from "./sql";

/** What a step of the refresh sees: the run, the source (inside its read-only snapshot), the cleaning report and the RFM table. */
export interface RefreshContext {
  runId: number;
  source: PushdownSource;
  report: CleaningReport;
  rfm: DataFrame;
  log: (text: string) => void;
}

/**
 * A further analysis of the refresh (clusters, CLV, churn): `compute` runs after RFM, reading
 * the source; `write` runs inside the run's transaction on the write target (create its own
 * tables in schema retail_lab with CREATE TABLE IF NOT EXISTS), so its results commit or roll
 * back with the segments.
 */
export interface RefreshStep<T = unknown> {
  name: string;
  compute(context: RefreshContext): Promise<T> | T;
  write(target: Db, runId: number, result: T): Promise<void>;
}

/** Options of `refresh`. */
export interface RefreshOptions {
  source: SourceSpec;
  /** URL of the database to write schema retail_lab into (may be the source's) */
  write: string;
  bins?: number;
  /** how equal values rank (see src/rfm `TieRule`; default "min") */
  ties?: TieRule;
  segmentMap?: SegmentRule[];
  /** recompute everything even when the source has not changed (default false: incremental where possible) */
  full?: boolean;
  steps?: RefreshStep<any>[];
  /** receives each log line (default: printed on stdout) */
  log?: (line: string) => void;
}

/** How a run came to its results. */
export type RefreshMode = "full" | "incremental" | "unchanged";

/** What a succeeded run did. */
export interface RefreshResult {
  runId: number;
  mode: RefreshMode;
  /** rows of the source the results stand on */
  rowsRead: number;
  customers: number;
  /** latest invoice timestamp of the source (`YYYY-MM-DD HH:MM:SS`), the next incremental run's mark */
  highWaterMark: string | null;
  /** the cleaning report, when the run recomputed */
  report?: CleaningReport;
  log: string[];
}

/** The options as stored in `runs.options` (no password: URLs redacted). */
function optionsRecord(options: RefreshOptions) {
  const basis = {
    source: { url: redactUrl(options.source.url), table: options.source.table ?? null, query: options.source.query ?? null },
    mapping: readMapping(options.source.mapping)?.transactions ?? null,
    bins: options.bins ?? 5,
    ties: options.ties ?? "min",
    segmentMap: options.segmentMap ?? null,
    steps: (options.steps ?? []).map((s) => s.name),
  };
  const hash = createHash("sha256").update(canonicalJson(basis)).digest("hex").slice(0, 16);
  return { ...basis, full: options.full ?? false, write: redactUrl(options.write), basis: hash };
}

/** JSON with object keys sorted, so equal options give equal text (jsonb reorders keys). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Facts of a run gathered as it goes, for its `runs` row. */
interface RunFacts {
  mode: RefreshMode | null;
  rowsRead: number | null;
  customers: number | null;
  highWaterMark: string | null;
}

/** The last succeeded run, if any. */
interface PreviousRun {
  runId: number;
  rowsRead: number;
  highWaterMark: string | null;
  basis: string | undefined;
}

/** Runs `sql` on the write target, failures worded with `doing`. */
async function onTarget(db: Db, doing: string, text: string, values: unknown[] = []) {
  try {
    return await db.client.query({ text, values });
  } catch (e) {
    throw databaseError(e, db, doing);
  }
}

/** A sentence naming the refresh that holds the lock. */
async function lockHeldError(db: Db): Promise<UserError> {
  const holder = (await db.client.query({ text: SQL.LOCK_HOLDER, values: SQL.REFRESH_LOCK }).catch(() => ({ rows: [] }))).rows[0] as
    | { pid: number; application_name: string; since: string }
    | undefined;
  const who = holder ? ` (backend ${holder.pid}, ${holder.application_name || "no application name"}, connected since ${holder.since.slice(0, 19)})` : "";
  return withFailureKind(
    new UserError(`Another refresh is running on ${db.where}${who}; this one stopped without touching the results: run it again when that one has finished.`),
    "busy",
  );
}

/** Records a failed run in its own transaction (a new connection when the run's one broke); returns why it could not, if it could not. */
async function recordFailure(
  write: Db, url: string, run: { id: number; startedAt: string }, facts: RunFacts, options: object, message: string,
): Promise<string | null> {
  let db = write;
  let own = false;
  try {
    if (db.broken || !(await db.client.query(SQL.PING).then(() => true, () => false))) {
      db = await connect(url, "the write target (to record the failure)", { applicationName: "retail-lab refresh", timeoutMs: 5_000 });
      own = true;
    }
    const r = await db.client.query({
      text: SQL.INSERT_FAILED_RUN,
      values: [run.id, run.startedAt, "failed", facts.mode, facts.rowsRead, facts.customers, facts.highWaterMark, JSON.stringify(options), message],
    });
    return r.rowCount === 0 ? `run ${run.id} is already recorded: its results were committed before the connection broke` : null;
  } catch (e) {
    return databaseError(e, db, "recording the failed run").message;
  } finally {
    if (own) await disconnect(db);
  }
}

/** Ensures the write-back tables exist (each statement idempotent, under the refresh lock). */
async function ensureSchema(db: Db): Promise<boolean> {
  const ready = (await onTarget(db, "checking the retail_lab tables", SQL.SCHEMA_EXISTS)).rows[0].ready as boolean;
  if (ready) return false;
  await onTarget(db, "creating the retail_lab tables", SQL.BEGIN);
  try {
    for (const statement of SQL.CREATE_SCHEMA) await onTarget(db, "creating the retail_lab tables", statement);
    await onTarget(db, "creating the retail_lab tables", SQL.COMMIT);
  } catch (e) {
    await db.client.query(SQL.ROLLBACK).catch(() => undefined);
    throw e;
  }
  return true;
}

/** The last succeeded run of the write target. */
async function lastSucceeded(db: Db): Promise<PreviousRun | null> {
  const r = (await onTarget(db, "reading the last run", SQL.LAST_SUCCEEDED_RUN)).rows[0];
  if (!r) return null;
  return { runId: Number(r.run_id), rowsRead: Number(r.rows_read), highWaterMark: r.high_water_mark, basis: r.options?.basis };
}

/** Column arrays of an RFM table for `INSERT_SEGMENTS`. */
function segmentArrays(rfm: DataFrame): unknown[][] {
  const col = (c: string) => rfm.getColumn(c).toArray() as unknown[];
  const decimal = (c: string) => col(c).map((v) => (v === null ? null : String(v)));
  return [col("customerId"), col("recency"), col("frequency"), decimal("monetary"), decimal("units"), col("R"), col("F"), col("M"), col("segment"), col("volume")];
}

/**
 * Runs one refresh (see the module comment) and returns what it did. Every failure is a
 * UserError of one sentence (no password), after which the previous results are untouched.
 */
export async function refresh(options: RefreshOptions): Promise<RefreshResult> {
  const lines: string[] = [];
  const sink = options.log ?? ((line: string) => console.log(line));
  const t0 = Date.now();
  let runLabel = "refresh";
  const log = (text: string) => {
    const line = `${new Date().toISOString().slice(0, 19)}Z ${runLabel}: ${text} (${((Date.now() - t0) / 1000).toFixed(1)} s)`;
    lines.push(line);
    sink(line);
  };
  const record = optionsRecord(options);
  const write = await connect(options.write, "the write target", { applicationName: "retail-lab refresh" });
  let run: { id: number; startedAt: string } | undefined;
  let locked = false;
  let source: PushdownSource | undefined;
  let inTransaction = false;
  const facts: RunFacts = { mode: null, rowsRead: null, customers: null, highWaterMark: null };
  try {
    locked = (await onTarget(write, "taking the refresh lock", SQL.TRY_LOCK, SQL.REFRESH_LOCK)).rows[0].locked as boolean;
    if (!locked) {
      const held = await lockHeldError(write);
      const exists = (await write.client.query(SQL.SCHEMA_EXISTS).catch(() => ({ rows: [{ ready: false }] }))).rows[0].ready;
      if (exists) {
        const r = (await write.client.query(SQL.NEW_RUN)).rows[0];
        await recordFailure(write, options.write, { id: Number(r.run_id), startedAt: r.started_at }, facts, record, held.message);
      }
      throw held;
    }
    if (await ensureSchema(write)) log(`created schema retail_lab (runs, customer_segments, segment_history) in ${write.where}`);
    const r = (await onTarget(write, "starting the run", SQL.NEW_RUN)).rows[0];
    run = { id: Number(r.run_id), startedAt: r.started_at };
    runLabel = `refresh run ${run.id}`;
    log(`started; writing into ${write.where}`);

    source = await openSnapshot(options.source, "retail-lab refresh source");
    const previous = await lastSucceeded(write);
    const extent = await sourceExtentIn(source, previous?.highWaterMark ?? null);
    facts.rowsRead = extent.rows;
    facts.highWaterMark = extent.latest;
    log(`source ${source.label}: ${fmtInt(extent.rows)} rows, latest ${extent.latest}`);
    facts.mode = chooseMode(options, previous, record.basis, extent, log);

    let report: CleaningReport | undefined;
    let rfm: DataFrame | undefined;
    const results: { step: RefreshStep<unknown>; result: unknown }[] = [];
    if (facts.mode === "unchanged" && options.steps?.length) log(`${options.steps.map((s) => s.name).join(", ")}: kept as they are (nothing new)`);
    if (facts.mode !== "unchanged") {
      const summary = await customerSummaryIn(source);
      report = summary.report;
      log(`clean: ${fmtInt(report.customer_lines)} customer purchase lines from ${fmtInt(report.customers)} customers (duplicate ${fmtInt(report.duplicate)}, cancellation ${fmtInt(report.cancellation)}, non_positive_quantity ${fmtInt(report.non_positive_quantity)}, non_positive_price ${fmtInt(report.non_positive_price)}, missing_customer ${fmtInt(report.missing_customer)})`);
      rfm = rfmFromMeasures(requireCustomers(source, summary.measures), { bins: options.bins, ties: options.ties, segmentMap: options.segmentMap });
      facts.customers = rfm.height;
      log(`rfm: ${fmtInt(rfm.height)} customers scored`);
      for (const step of options.steps ?? []) {
        results.push({ step, result: await step.compute({ runId: run.id, source, report, rfm, log }) });
        log(`${step.name}: computed`);
      }
    }
    await closeSnapshot(source);
    source = undefined;

    const doing = "writing the results into retail_lab";
    await onTarget(write, doing, SQL.BEGIN);
    inTransaction = true;
    await onTarget(write, doing, SQL.SET_LOCK_TIMEOUT);
    if (facts.mode === "unchanged") facts.customers = Number((await onTarget(write, doing, SQL.COUNT_SEGMENTS)).rows[0].customers);
    await onTarget(write, doing, SQL.INSERT_RUN, [
      run.id, run.startedAt, "succeeded", facts.mode, facts.rowsRead, facts.customers, facts.highWaterMark, JSON.stringify(record), null,
    ]);
    if (rfm) {
      await onTarget(write, doing, SQL.CLEAR_SEGMENTS);
      await onTarget(write, doing, SQL.INSERT_SEGMENTS, [run.id, ...segmentArrays(rfm)]);
    } else {
      await onTarget(write, doing, SQL.CONFIRM_SEGMENTS, [run.id]);
    }
    await onTarget(write, doing, SQL.APPEND_HISTORY, [run.id]);
    for (const { step, result } of results) {
      try {
        await step.write(write, run.id, result);
      } catch (e) {
        throw databaseError(e, write, `writing the results of ${step.name}`);
      }
    }
    await onTarget(write, "committing the results", SQL.COMMIT);
    inTransaction = false;
    log(`committed: ${fmtInt(facts.customers ?? 0)} customers in retail_lab.customer_segments, history appended (${facts.mode})`);
    return { runId: run.id, mode: facts.mode, rowsRead: facts.rowsRead, customers: facts.customers ?? 0, highWaterMark: facts.highWaterMark, report, log: lines };
  } catch (e) {
    if (inTransaction) await write.client.query(SQL.ROLLBACK).catch(() => undefined);
    if (!run) throw e;
    const error = e instanceof UserError || isConnectionLost(e) ? databaseError(e, write, "refreshing") : (e as Error);
    const unrecorded = await recordFailure(write, options.write, run, facts, record, error.message);
    log(unrecorded ? `failed, and could not be recorded in retail_lab.runs: ${unrecorded}` : "failed, recorded in retail_lab.runs");
    // a bug (not a UserError) keeps its stack; it was recorded all the same
    if (!(error instanceof UserError)) throw e;
    throw withFailureKind(new UserError(`refresh run ${run.id} failed and left the previous results untouched: ${error.message}`), failureKind(error));
  } finally {
    if (source) await closeSnapshot(source);
    if (locked && !write.broken) await write.client.query({ text: SQL.UNLOCK, values: SQL.REFRESH_LOCK }).catch(() => undefined);
    await disconnect(write);
  }
}

/** Full, incremental or unchanged (see the module comment), with a log line saying why. */
function chooseMode(
  options: RefreshOptions, previous: PreviousRun | null, basis: string, extent: { rows: number; latest: string | null; newer: number }, log: (t: string) => void,
): RefreshMode {
  if (options.full) {
    log("mode full: rebuild asked for");
    return "full";
  }
  if (!previous) {
    log("mode full: no earlier succeeded run");
    return "full";
  }
  if (previous.basis !== basis) {
    log(`mode full: source or options differ from run ${previous.runId}`);
    return "full";
  }
  if (extent.rows === previous.rowsRead && extent.latest === previous.highWaterMark) {
    log(`mode unchanged: same ${fmtInt(extent.rows)} rows up to ${extent.latest} as run ${previous.runId}; segments confirmed without recomputing`);
    return "unchanged";
  }
  if (previous.highWaterMark !== null && extent.newer > 0 && extent.rows - extent.newer === previous.rowsRead) {
    log(`mode incremental: ${fmtInt(extent.newer)} rows newer than ${previous.highWaterMark} (run ${previous.runId}); recomputing from the source keeps RFM exact`);
    return "incremental";
  }
  log(`mode full: rows at or before run ${previous.runId}'s high-water mark ${previous.highWaterMark} changed (${fmtInt(previous.rowsRead)} then, ${fmtInt(extent.rows - extent.newer)} now)`);
  return "full";
}
