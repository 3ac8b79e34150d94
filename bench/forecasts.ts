/**
 * Forecast bench: rolling-origin backtests, model choice, holdout scoring and the 28-day forecast
 * for the top N products (default 500) of the Online Retail data, on worker threads.
 * Prints the wall time, RSS before/after and at every 100 series (memory must not grow with the
 * number of series: every arima model is destroyed after use), and the accuracy figures.
 *
 *   node_modules/.bin/tsx bench/forecasts.ts [N] [workers]
 */
import { loadavg } from "os";
import pl from "nodejs-polars";
import { forecastMany, meanHoldoutMase, pooledCoverage } from "../src/forecasts";
import { forecastInputs } from "../src/pipelines/index";
import { cleanTransactions } from "../src/clean/clean";
import { DEFAULT_DATA_FILE } from "../src/data/default";
import { loadDataset } from "../src/data/load";

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 500);
  const workers = process.argv[3] === undefined ? undefined : Number(process.argv[3]);
  let t = Date.now();
  const sales = cleanTransactions(loadDataset({ transactions: DEFAULT_DATA_FILE }).transactions).sales;
  const { calendar, series } = forecastInputs(sales, { products: { top: n } });
  console.log(`data: ${series.length} product series built in ${Date.now() - t} ms; load average ${loadavg().map((x) => x.toFixed(2)).join(" ")}`);

  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 200);
  const checkpoints: string[] = [];
  t = Date.now();
  const result = await forecastMany(series, { calendar, workers }, (p) => {
    if (p.done % 100 === 0 || p.done === p.total) {
      checkpoints.push(`${p.done}: ${mb(process.memoryUsage().rss)} at ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
  });
  const wall = Date.now() - t;
  clearInterval(sampler);
  global.gc?.();
  const after = process.memoryUsage().rss;

  console.log(`forecastMany: ${series.length} series, ${result.mode} on ${result.threads} thread(s)${result.note ? ` (${result.note})` : ""}`);
  console.log(`wall time: ${(wall / 1000).toFixed(1)} s (${(wall / series.length).toFixed(0)} ms a series)`);
  console.log(`RSS: before ${mb(before)}, after ${mb(after)}, peak ${mb(peak)}`);
  console.log(`RSS by series done: ${checkpoints.join("; ")}`);
  const among: ("chosen" | "seasonal-naive")[] = ["chosen", "seasonal-naive"];
  const chosen = meanHoldoutMase(result.results, "chosen", among);
  const naive = meanHoldoutMase(result.results, "seasonal-naive", among);
  const c80 = pooledCoverage(result.results, 0.8);
  const c95 = pooledCoverage(result.results, 0.95);
  console.log(`held-out mean MASE over ${chosen.series} series: chosen ${chosen.mean?.toFixed(3)}, seasonal naive ${naive.mean?.toFixed(3)}`);
  console.log(`coverage: 80% ${c80.coverage?.toFixed(3)}, 95% ${c95.coverage?.toFixed(3)} over ${c80.days} open days`);
  const counts = new Map<string, number>();
  for (const r of result.results) {
    const key = r.status === "failed" ? "failed" : r.chosenModel;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  console.log(`chosen models: ${[...counts].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const replacements = result.results.reduce((a, r) => a + (r.status === "failed" ? 0 : r.replacements.length), 0);
  console.log(`replacements by the seasonal naive: ${replacements}; failed series: ${result.failed.map((f) => f.seriesId).join(", ") || "none"}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
