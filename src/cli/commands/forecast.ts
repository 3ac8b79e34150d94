/** retail-lab forecast: daily forecasts with backtests, intervals and held-out scores. */
import { cleanDataset } from "../../clean/index";
import { UserError } from "../../errors";
import { succeededForecasts, holdoutMase, meanHoldoutMase, pooledCoverage, forecastTable, type BatchProgress, type FailedForecast, type SeriesForecast } from "../../forecasts/index";
import { writeCsv } from "../../io/index";
import { dailyForecasts } from "../../pipelines/index";
import { intOption, type Command } from "../args";
import { dataOptions, datasetFromOptions } from "../data-options";

/** `80,95` -> [0.8, 0.95]; each level strictly between 0 and 100, each once. */
export function parseLevels(text: string): number[] {
  const parts = text.split(",").map((s) => s.trim());
  const levels = parts.map((s) => (s === "" ? Number.NaN : Number(s)));
  if (levels.some((l) => !Number.isFinite(l) || l <= 0 || l >= 100)) throw new UserError(`--level takes percentages between 0 and 100, like 80,95; not "${text}".`);
  const repeated = levels.find((l, i) => levels.indexOf(l) !== i);
  if (repeated !== undefined) throw new UserError(`--level names ${repeated} twice: list each interval level once.`);
  return levels.map((l) => l / 100);
}

/** `top:50` -> the 50 best sellers by units (N from 1); `A,B` -> those stock codes (each once). */
export function parseProducts(text: string): { top: number } | { codes: string[] } {
  const m = /^top:(.*)$/i.exec(text.trim());
  if (m) {
    const top = /^\s*\d+\s*$/.test(m[1]) ? Number(m[1]) : Number.NaN;
    if (!(Number.isSafeInteger(top) && top >= 1)) throw new UserError(`--products top:N takes a whole number of products from 1 up, not "${text}".`);
    return { top };
  }
  const codes = text.split(",").map((s) => s.trim());
  if (codes.some((c) => c === "")) throw new UserError(`--products takes top:N or stock codes separated by commas, not "${text}".`);
  const repeated = codes.find((c, i) => codes.indexOf(c) !== i);
  if (repeated !== undefined) throw new UserError(`--products names "${repeated}" twice: list each stock code once.`);
  return { codes };
}

/** A progress bar on stderr when it is a terminal (silent in pipes, logs and tests). */
function progressBar() {
  if (!process.stderr.isTTY) return () => undefined;
  return ({ done, total, seriesId }: BatchProgress) => {
    const width = 30;
    const filled = Math.round((width * done) / total);
    process.stderr.write(`\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${seriesId.slice(0, 20).padEnd(20)}`);
    if (done === total) process.stderr.write("\n");
  };
}

export const forecastCommand: Command = {
  name: "forecast",
  summary: "forecast daily units per product (or revenue), with backtests, intervals and a held-out score",
  options: [
    ...dataOptions({ customers: false, products: false, catalogue: "catalogue" }),
    // the spelling of earlier versions, refused the same way
    { name: "catalog", value: "FILE", help: "product catalogue table", input: "products", unused: true },
    { name: "target", value: "units|revenue", help: "units per product (default) or daily revenue" },
    { name: "products", value: "top:N|CODE,...", help: "which products (default top:50)" },
    { name: "horizon", value: "N", help: "days to forecast (default 28)" },
    { name: "holdout", value: "N", help: "last days held out and scored (default 28; 0 = none)" },
    { name: "level", value: "80,95", help: "interval levels in percent (default 80,95)" },
    { name: "json", help: "print per-series results as JSON" },
    { name: "out", value: "FILE.csv", help: "write date,series,model,point,lower_L,upper_L per level", output: "file" },
  ],
  ignored: [{ option: "products", when: (o) => o.target === "revenue", because: "--target revenue forecasts the shop's total daily revenue, not products" }],
  async run(o) {
    const target = String(o.target ?? "units");
    if (target !== "units" && target !== "revenue") throw new UserError(`--target is units or revenue, not "${target}".`);
    const horizon = intOption(o, "horizon", 28, 1, 366);
    const holdout = intOption(o, "holdout", 28, 0, 366);
    const levels = parseLevels(String(o.level ?? "80,95"));
    const which = parseProducts(String(o.products ?? "top:50"));
    const dataset = await datasetFromOptions(o, null);
    const { batch } = await dailyForecasts(cleanDataset(dataset).sales, { target, products: which, source: dataset.source, horizon, holdout, levels }, progressBar());
    const ok = succeededForecasts(batch);
    if (o.out) {
      writeCsv(String(o.out), forecastTable(ok, levels));
      console.log(`wrote ${ok.length} series x ${horizon} days to ${o.out}`);
    }
    if (o.json) {
      console.log(JSON.stringify(batch.results.map((r) => summaryOf(r)), null, 2));
      return;
    }
    for (const r of batch.results) {
      const s = summaryOf(r);
      if ("error" in s) console.log(`${s.series.padEnd(14)} failed: ${s.error}`);
      else console.log(`${s.series.padEnd(14)} ${String(s.model).padEnd(15)}` + (holdout ? ` MASE ${fmt(s.mase)}  seasonal naive ${fmt(s.naiveMase)}` : ""));
    }
    if (holdout) {
      const m = meanHoldoutMase(batch.results, "chosen"), n = meanHoldoutMase(batch.results, "seasonal-naive");
      const cov = levels.map((l) => `${Math.round(l * 100)}% interval coverage ${fmt(pooledCoverage(batch.results, l).coverage)}`).join(", ");
      console.log(`overall: mean MASE ${fmt(m.mean)} (seasonal naive ${fmt(n.mean)}) over ${m.series} series; ${cov}; ${batch.failed.length} failed`);
    }
  },
};

function fmt(x: number | null | undefined): string {
  return x === null || x === undefined ? "n/a" : x.toFixed(3);
}

function summaryOf(r: SeriesForecast | FailedForecast) {
  if (r.status === "failed") return { series: r.seriesId, error: r.error };
  return {
    series: r.seriesId,
    model: r.chosenModel,
    mase: holdoutMase(r, "chosen"),
    naiveMase: holdoutMase(r, "seasonal-naive"),
    coverage: r.holdout?.coverage ?? null,
    replacements: r.replacements.length,
    notes: r.notes,
  };
}
