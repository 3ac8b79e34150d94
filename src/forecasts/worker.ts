/**
 * Worker-thread side of `forecastMany` (see batch.ts): receives series, answers with
 * `tryForecastSeries` results. Loaded by the entry code of batch.ts; not part of the public API.
 * Messages in: { index, series }; out: { type: "ready" } once, then { type: "result", index, result }.
 */
import { parentPort, workerData } from "worker_threads";
import type { DailySeries } from "../series/index";
import { tryForecastSeries } from "./forecast";
import type { ForecastOptions } from "./types";

const options: ForecastOptions = (workerData && workerData.options) || {};
const port = parentPort;
if (port) {
  port.on("message", (task: { index: number; series: DailySeries }) => {
    port.postMessage({ type: "result", index: task.index, result: tryForecastSeries(task.series, options) });
  });
  port.postMessage({ type: "ready" });
}
