/** Forecast results as tables for notebooks and exports. */
import pl, { type DataFrame } from "nodejs-polars";
import { stockingQuantity } from "./stock";
import type { FailedForecast, SeriesForecast } from "./types";

/**
 * The held-out scores of every candidate model of one series: model, MAE, RMSE, MASE, WAPE,
 * backtest MASE (what the choice looked at), and whether it is the chosen one. Empty without a
 * holdout.
 */
export function holdoutTable(result: SeriesForecast): DataFrame {
  const rows = (result.holdout?.byModel ?? []).map((b) => ({
    model: b.model,
    chosen: b.model === result.chosenModel,
    backtestMase: result.backtest.find((s) => s.model === b.model)?.mase ?? null,
    holdoutMase: b.metrics.mase,
    mae: b.metrics.mae,
    rmse: b.metrics.rmse,
    wape: b.metrics.wape,
  }));
  return pl.DataFrame({
    model: pl.Series("model", rows.map((r) => r.model), pl.Utf8),
    chosen: pl.Series("chosen", rows.map((r) => r.chosen), pl.Bool),
    backtestMase: pl.Series("backtestMase", rows.map((r) => r.backtestMase), pl.Float64),
    holdoutMase: pl.Series("holdoutMase", rows.map((r) => r.holdoutMase), pl.Float64),
    mae: pl.Series("mae", rows.map((r) => r.mae), pl.Float64),
    rmse: pl.Series("rmse", rows.map((r) => r.rmse), pl.Float64),
    wape: pl.Series("wape", rows.map((r) => r.wape), pl.Float64),
  });
}

/**
 * The stocking answer per series: units to have for tomorrow and for the next 7 days at the
 * service level (a quantile of the forecast distribution, see `demandQuantile`), with the
 * expected (point) demand of those 7 days beside it, and whether the shop is closed tomorrow
 * (then 0 units). Failed series are left out.
 */
export function stockingTable(results: (SeriesForecast | FailedForecast)[], serviceLevel = 0.95): DataFrame {
  const ok = results.filter((r): r is SeriesForecast => r.status !== "failed");
  const q = ok.map((r) => stockingQuantity(r, serviceLevel));
  return pl.DataFrame({
    seriesId: q.map((s) => s.seriesId),
    model: ok.map((r) => r.forecast.model),
    tomorrow: q.map((s) => s.tomorrow),
    tomorrowClosed: ok.map((r) => r.forecast.closed[0] ?? false),
    tomorrowUnits: q.map((s) => s.tomorrowUnits),
    expected7Days: ok.map((r) => Math.round(r.forecast.point.slice(0, 7).reduce((a, v) => a + v, 0))),
    units7Days: q.map((s) => s.weekUnits),
  });
}

/**
 * Mean forecast units per day over the first `days` days of each forecast (closed days count
 * as 0), keyed by series id: the demand rate a stock check divides stock by. Failed series are
 * left out.
 */
export function meanDailyForecast(results: (SeriesForecast | FailedForecast)[], days = 28): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    if (r.status === "failed") continue;
    const span = r.forecast.point.slice(0, days);
    out[r.seriesId] = span.length ? span.reduce((a, v) => a + v, 0) / span.length : 0;
  }
  return out;
}

/**
 * Forecasts as a long table for export: one row per series and forecast day with `date`,
 * `series`, `model`, `point`, and `lower_L` / `upper_L` for each interval level L in percent
 * (values rounded to cents).
 */
export function forecastTable(results: SeriesForecast[], levels: number[]): DataFrame {
  const round2 = (x: number) => Math.round(x * 100) / 100;
  const cols: Record<string, (string | number)[]> = { date: [], series: [], model: [], point: [] };
  for (const l of levels) {
    cols[`lower_${Math.round(l * 100)}`] = [];
    cols[`upper_${Math.round(l * 100)}`] = [];
  }
  for (const r of results) {
    const f = r.forecast;
    f.dates.forEach((d, t) => {
      cols.date.push(d);
      cols.series.push(r.seriesId);
      cols.model.push(f.model);
      cols.point.push(round2(f.point[t]));
      for (const iv of f.intervals) {
        cols[`lower_${Math.round(iv.level * 100)}`]?.push(round2(iv.lower[t]));
        cols[`upper_${Math.round(iv.level * 100)}`]?.push(round2(iv.upper[t]));
      }
    });
  }
  return pl.DataFrame(cols);
}
