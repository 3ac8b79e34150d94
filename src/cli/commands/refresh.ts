/**
 * retail-lab refresh: the daily job. Reads transactions from PostgreSQL, cleans and scores RFM
 * in the database (push-down), and writes the segments back into schema retail_lab of --write,
 * in one transaction (src/warehouse `refresh`). One log line per step on stdout; a failure is one
 * sentence on stderr and an exit code a scheduler can act on (`REFRESH_EXIT_CODES`).
 */
import { UserError, isUserError } from "../../errors";
import { fmtInt } from "../../util/index";
import { failureKind, isDatabaseUrl, redactUrlsIn, refresh, type FailureKind } from "../../warehouse/index";
import { intOption, type Command } from "../args";
import { databaseSource, dataOptions } from "../data-options";
import { tiesOption, TIES_OPTION } from "./rfm";

/**
 * The exit code of each outcome: 0 succeeded; 2 the command, the data or a permission needs
 * fixing (alert); 3 another refresh holds the lock (nothing to do: the next run does the work);
 * 4 a database could not be reached or went away (transient: retry, alert when it repeats).
 * A bug exits 1 with its stack, as in every command.
 */
export const REFRESH_EXIT_CODES: Record<FailureKind | "succeeded", number> = { succeeded: 0, input: 2, busy: 3, unavailable: 4 };

export const refreshCommand: Command = {
  name: "refresh",
  summary: "the daily job: clean and score RFM in the source database, write retail_lab.customer_segments, segment_history and runs (one run at a time)",
  options: [
    ...dataOptions({ customers: false, products: false }).map((s) =>
      s.name === "input" ? { ...s, value: "URL", help: "the source database, postgresql://user@host:port/db (password from PGPASSWORD or ~/.pgpass rather than the URL)", required: true } : s),
    { name: "write", value: "URL", help: "the database to write schema retail_lab into (may be the source's)", required: true },
    { name: "full", help: "rebuild from every row even when the source has not changed since the last succeeded run" },
    { name: "bins", value: "N", help: "score bins (default 5)" },
    TIES_OPTION,
  ],
  notes: [
    "Exit codes, for a scheduler to alert on:",
    `  ${REFRESH_EXIT_CODES.succeeded}  the run succeeded`,
    `  ${REFRESH_EXIT_CODES.input}  fix the command, the data or a permission (the run is recorded as failed where it can be)`,
    `  ${REFRESH_EXIT_CODES.busy}  another refresh is running; this one touched nothing`,
    `  ${REFRESH_EXIT_CODES.unavailable}  a database is unreachable or went away; try again later`,
    "  1  a bug: the message has a stack trace",
  ],
  async run(o) {
    const source = databaseSource(o);
    if (!source) throw new UserError(`refresh reads a database: --input must be postgresql://user@host:port/database, not ${o.input}.`);
    if (!isDatabaseUrl(String(o.write))) throw new UserError(`--write must be a database, postgresql://user@host:port/database, not ${o.write}.`);
    const bins = intOption(o, "bins", 5, 2, 10), ties = tiesOption(o);
    try {
      const result = await refresh({ source, write: String(o.write), full: o.full === true, bins, ties, log: (line) => console.log(redactUrlsIn(line)) });
      console.log(`refresh run ${result.runId} succeeded (${result.mode}): ${fmtInt(result.customers)} customers from ${fmtInt(result.rowsRead)} rows, up to ${result.highWaterMark}`);
    } catch (e) {
      if (!isUserError(e)) throw e;
      console.error(`retail-lab refresh: ${redactUrlsIn(e.message)}`);
      process.exitCode = REFRESH_EXIT_CODES[failureKind(e)];
    }
  },
};
