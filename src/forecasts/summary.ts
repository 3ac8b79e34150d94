/**
 * Summaries of many forecasting results, for reports and acceptance figures.
 */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import type { FailedForecast, ModelName, SeriesForecast } from "./types";

/** The results that did not fail and have a holdout evaluation. */
export function withHoldout(results: (SeriesForecast | FailedForecast)[]): SeriesForecast[] {
  return results.filter((r): r is SeriesForecast => r.status !== "failed" && r.holdout !== null);
}

/** The held-out MASE of `model` ("chosen": the chosen forecast) in one result, or null. */
export function holdoutMase(result: SeriesForecast, model: ModelName | "chosen"): number | null {
  const h = result.holdout;
  if (!h) return null;
  if (model === "chosen") return h.metrics.mase;
  return h.byModel.find((b) => b.model === model)?.metrics.mase ?? null;
}

/**
 * The mean held-out MASE of `model` over the results where every compared model has one
 * (`among`, default just `model`), so that means of different models cover the same series.
 */
export function meanHoldoutMase(
  results: (SeriesForecast | FailedForecast)[],
  model: ModelName | "chosen",
  among: (ModelName | "chosen")[] = [model],
): { mean: number | null; series: number } {
  const values: number[] = [];
  for (const r of withHoldout(results)) {
    if (among.some((m) => holdoutMase(r, m) === null)) continue;
    values.push(holdoutMase(r, model) as number);
  }
  return { mean: values.length === 0 ? null : values.reduce((a, v) => a + v, 0) / values.length, series: values.length };
}

/**
 * Interval coverage pooled over series: of all held-out open days of all results, the share
 * whose actual lies inside the chosen forecast's interval at `level`.
 */
export function pooledCoverage(
  results: (SeriesForecast | FailedForecast)[],
  level: number,
): { level: number; inside: number; days: number; coverage: number | null } {
  let inside = 0;
  let days = 0;
  for (const r of withHoldout(results)) {
    const h = r.holdout as NonNullable<SeriesForecast["holdout"]>;
    const iv = h.forecast.intervals.find((i) => i.level === level);
    if (!iv) continue;
    h.actual.forEach((y, t) => {
      if (h.forecast.closed[t]) return;
      days++;
      if (y >= iv.lower[t] && y <= iv.upper[t]) inside++;
    });
  }
  return { level, inside, days, coverage: days === 0 ? null : inside / days };
}

/**
 * One row per result: seriesId, status, chosenModel, backtestMase (chosen model), holdoutMase
 * (chosen), naiveHoldoutMase, coverage80 / coverage95 (held-out open days), replacements, note
 * (fallback notes or the failure message). In input order.
 */
export function resultsFrame(results: (SeriesForecast | FailedForecast)[]): DataFrame {
  const rows = results.map((r) => {
    if (r.status === "failed") {
      return { seriesId: r.seriesId, status: r.status, chosenModel: null, backtestMase: null, holdoutMase: null, naiveHoldoutMase: null, coverage80: null, coverage95: null, replacements: 0, note: r.error };
    }
    const cov = (l: number) => r.holdout?.coverage.find((c) => c.level === l)?.coverage ?? null;
    return {
      seriesId: r.seriesId,
      status: r.status,
      chosenModel: r.chosenModel,
      backtestMase: r.backtest.find((b) => b.model === r.chosenModel)?.mase ?? null,
      holdoutMase: holdoutMase(r, "chosen"),
      naiveHoldoutMase: holdoutMase(r, "seasonal-naive"),
      coverage80: cov(0.8),
      coverage95: cov(0.95),
      replacements: r.replacements.length,
      note: r.notes.join(" ") || null,
    };
  });
  const col = <K extends keyof (typeof rows)[number]>(k: K) => rows.map((r) => r[k]);
  return pl.DataFrame({
    seriesId: pl.Series("seriesId", col("seriesId"), pl.Utf8),
    status: pl.Series("status", col("status"), pl.Utf8),
    chosenModel: pl.Series("chosenModel", col("chosenModel"), pl.Utf8),
    backtestMase: pl.Series("backtestMase", col("backtestMase"), pl.Float64),
    holdoutMase: pl.Series("holdoutMase", col("holdoutMase"), pl.Float64),
    naiveHoldoutMase: pl.Series("naiveHoldoutMase", col("naiveHoldoutMase"), pl.Float64),
    coverage80: pl.Series("coverage80", col("coverage80"), pl.Float64),
    coverage95: pl.Series("coverage95", col("coverage95"), pl.Float64),
    replacements: pl.Series("replacements", col("replacements"), pl.Int32),
    note: pl.Series("note", col("note"), pl.Utf8),
  });
}
