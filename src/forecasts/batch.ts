/**
 * Forecasting many series at once, in parallel on worker threads. Fitting is synchronous CPU
 * work (JavaScript and WASM), so a single thread would keep one core busy and the others idle;
 * each worker takes the next series as soon as it is done with one. A failing series becomes a
 * FailedForecast and never stops the batch; a crashed worker is replaced and only its current
 * series is reported failed. When workers cannot start (no tsx to load TypeScript, a sandbox
 * without threads), the batch runs in-process and says so in `mode` and `note`.
 */
import { existsSync } from "fs";
import { availableParallelism } from "os";
import { join } from "path";
import { Worker } from "worker_threads";
import { UserError } from "../errors";
import type { DailySeries } from "../series/index";
import { resolveOptions, tryForecastSeries } from "./forecast";
import type { FailedForecast, ForecastOptions, SeriesForecast } from "./types";

/** Options of `forecastMany`: the forecasting options plus how many threads to use. */
export interface BatchOptions extends ForecastOptions {
  /** Worker threads (default: the number of cores, at most the number of series; 0 = in-process). */
  workers?: number;
}

/** One finished series, reported to `onProgress`. */
export interface BatchProgress {
  done: number;
  total: number;
  seriesId: string;
  status: SeriesForecast["status"] | FailedForecast["status"];
}

/** The outcome of `forecastMany`. */
export interface BatchResult {
  /** One result per input series, in input order. */
  results: (SeriesForecast | FailedForecast)[];
  /** The failed ones, for reporting. */
  failed: FailedForecast[];
  mode: "workers" | "in-process";
  /** Threads used (1 in-process). */
  threads: number;
  /** Why the batch ran in-process although workers were asked for, if it did. */
  note: string | null;
  wallMs: number;
}

/** Code each worker runs first: register tsx when the worker module is TypeScript, then load it. */
const WORKER_BOOT = `
const { workerData } = require("worker_threads");
if (workerData.tsx) require(workerData.tsx);
require(workerData.module);
`;

/**
 * How a worker can load worker.ts/.js from this folder: the compiled .js directly, or the .ts
 * through tsx's CommonJS hook. Null (with the reason) when neither is possible.
 */
function workerModule(): { module: string; tsx: string | null } | { error: string } {
  const js = join(__dirname, "worker.js");
  if (existsSync(js)) return { module: js, tsx: null };
  const ts = join(__dirname, "worker.ts");
  if (!existsSync(ts)) return { error: `no worker module in ${__dirname}` };
  try {
    return { module: ts, tsx: require.resolve("tsx/cjs", { paths: [__dirname, process.cwd()] }) };
  } catch {
    return { error: "tsx is not installed, so worker threads cannot load TypeScript" };
  }
}

/** Runs every series in this thread, yielding to the event loop between series. */
async function runInProcess(
  series: DailySeries[],
  options: ForecastOptions,
  report: (index: number, result: SeriesForecast | FailedForecast) => void,
): Promise<void> {
  for (let i = 0; i < series.length; i++) {
    report(i, tryForecastSeries(series[i], options));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/**
 * Runs the series on `threads` workers. Resolves with a `failure` message when no worker can be
 * kept running (the caller then runs everything in-process); with failure null once every series
 * has a result. A worker that dies while busy fails its current series only and is replaced; a
 * replacement that cannot start is dropped while other workers remain.
 */
function runOnWorkers(
  series: DailySeries[],
  options: ForecastOptions,
  threads: number,
  boot: { module: string; tsx: string | null },
  report: (index: number, result: SeriesForecast | FailedForecast) => void,
): Promise<{ failure: string | null }> {
  return new Promise((resolve) => {
    let next = 0;
    let finished = 0;
    let settled = false;
    const live = new Set<Worker>();
    const settle = (value: { failure: string | null }) => {
      if (settled) return;
      settled = true;
      for (const w of live) void w.terminate();
      live.clear();
      resolve(value);
    };
    const start = () => {
      const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { ...boot, options } });
      live.add(worker);
      let ready = false;
      let current = -1;
      const give = () => {
        if (next >= series.length) {
          live.delete(worker);
          void worker.terminate();
          return;
        }
        current = next++;
        worker.postMessage({ index: current, series: series[current] });
      };
      worker.on("message", (msg: { type: string; index?: number; result?: SeriesForecast | FailedForecast }) => {
        if (msg.type === "ready") {
          ready = true;
          give();
        } else if (msg.type === "result" && msg.index !== undefined && msg.result) {
          report(msg.index, msg.result);
          current = -1;
          if (++finished === series.length) settle({ failure: null });
          else give();
        }
      });
      const lost = (reason: string) => {
        if (settled || !live.has(worker)) return;
        live.delete(worker);
        if (current >= 0) {
          const s = series[current];
          report(current, { seriesId: s?.id ?? String(current), status: "failed", userError: false, error: `worker crashed: ${reason}` });
          current = -1;
          if (++finished === series.length) return settle({ failure: null });
        }
        if (ready && next < series.length) start();
        else if (live.size === 0) settle({ failure: `worker threads could not run: ${reason}` });
      };
      worker.on("error", (e) => lost(e instanceof Error ? e.message : String(e)));
      worker.on("exit", (code) => lost(`exited with code ${code}`));
    };
    for (let k = 0; k < threads; k++) start();
  });
}

/**
 * Forecasts every series (see `forecastSeries`) on worker threads, in parallel, and calls
 * `onProgress` after each one. Results come back in input order whatever the thread that
 * computed them, and are the same as in-process ones. Options are checked once up front (a bad
 * option is a UserError for the whole batch); a bad series only fails itself.
 */
export async function forecastMany(
  series: DailySeries[],
  options: BatchOptions = {},
  onProgress?: (progress: BatchProgress) => void,
): Promise<BatchResult> {
  const started = Date.now();
  const { workers, ...forecastOptions } = options;
  resolveOptions(forecastOptions);
  const results: (SeriesForecast | FailedForecast)[] = new Array(series.length);
  let done = 0;
  const report = (index: number, result: SeriesForecast | FailedForecast) => {
    results[index] = result;
    done++;
    onProgress?.({ done, total: series.length, seriesId: result.seriesId, status: result.status });
  };
  const wanted = Math.min(workers ?? availableParallelism(), series.length);
  let note: string | null = null;
  if (wanted >= 1) {
    const boot = workerModule();
    if ("error" in boot) {
      note = boot.error;
    } else {
      let outcome: { failure: string | null };
      try {
        outcome = await runOnWorkers(series, forecastOptions, wanted, boot, report);
      } catch (e) {
        outcome = { failure: `worker threads could not start: ${(e as Error).message}` };
      }
      if (outcome.failure === null) return finish("workers", wanted);
      note = outcome.failure;
    }
  }
  done = 0; // a worker run that gave up is redone here from the start
  await runInProcess(series, forecastOptions, report);
  return finish("in-process", 1);

  function finish(mode: BatchResult["mode"], threads: number): BatchResult {
    return {
      results,
      failed: results.filter((r): r is FailedForecast => r.status === "failed"),
      mode,
      threads,
      note,
      wallMs: Date.now() - started,
    };
  }
}

/**
 * The forecasts of a batch that succeeded, in input order. A batch in which every series failed
 * is an error, not an empty result: it names how many failed and the first one's reason (a
 * UserError when that reason is bad input, a plain Error for a bug).
 */
export function succeededForecasts(batch: BatchResult): SeriesForecast[] {
  const ok = batch.results.filter((r): r is SeriesForecast => r.status !== "failed");
  if (ok.length > 0 || batch.failed.length === 0) return ok;
  const first = batch.failed[0];
  const all = batch.failed.length === 1 ? "the only series" : `all ${batch.failed.length} series`;
  const message = `No forecast: ${all} failed (${batch.failed.length > 1 ? "the first, " : ""}${first.seriesId}: ${first.error.replace(/\.$/, "")}).`;
  throw first.userError ? new UserError(message) : new Error(message);
}
