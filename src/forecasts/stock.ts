/**
 * Stocking answers from a forecast: how many units to have to meet demand with a chosen
 * probability (the service level), and which products will run out or hold far too much.
 *
 * Demand over a span of days is read from the forecast distribution as
 *   Q_p(demand) = Σ point forecasts over the span + level · Q_p(relative errors of span totals),
 * where the relative errors are the chosen model's backtest errors summed over every window of
 * the same number of consecutive days and divided by the level at the fold's origin (see
 * intervals.ts), and `level` is the series' recent level. A span longer than the backtest folds
 * uses the quantile of the longest span the folds hold (L days), scaled by span / L (errors that
 * persist add up linearly: cautious for stocking). The result is clipped at 0 and rounded up to
 * whole units. A closed day needs 0.
 */
import pl from "nodejs-polars";
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { quantile } from "../util/index";
import { relativeWindowTotalErrors } from "./intervals";
import type { FailedForecast, SeriesForecast } from "./types";

function checkServiceLevel(p: number): void {
  if (!(p > 0 && p < 1)) throw new UserError(`The service level must be between 0 and 1 (exclusive), e.g. 0.95; got ${p}.`);
}

/**
 * The `serviceLevel`-quantile of total demand over forecast days [from, from + days) of
 * `result.forecast` (see the module comment), in whole units. 0 when every day of the span is
 * closed (forecast and interval all 0).
 */
export function demandQuantile(result: SeriesForecast, days: number, serviceLevel: number, from = 0): number {
  checkServiceLevel(serviceLevel);
  const f = result.forecast;
  if (!Number.isInteger(days) || days < 1 || from < 0 || from + days > f.point.length) {
    throw new UserError(`Days ${from + 1}..${from + days} are outside the ${f.point.length}-day forecast of "${f.seriesId}".`);
  }
  const span = f.point.slice(from, from + days);
  if (f.closed.slice(from, from + days).every(Boolean)) return 0;
  const longest = Math.max(0, ...result.errorSamples.map((e) => e.errors.length));
  const window = Math.max(1, Math.min(days, longest));
  const relative = relativeWindowTotalErrors(result.errorSamples, window);
  const q = (relative.length ? quantile(relative, serviceLevel) : 0) * (days / window);
  const total = span.reduce((a, v) => a + v, 0) + result.level * q;
  return Math.max(0, Math.ceil(total - 1e-9));
}

/** Units to have for tomorrow and for the next 7 days at a service level. */
export interface StockingQuantity {
  seriesId: string;
  serviceLevel: number;
  /** The first forecast day. */
  tomorrow: string;
  tomorrowUnits: number;
  /** The first and last of the next 7 forecast days. */
  weekFrom: string;
  weekTo: string;
  weekUnits: number;
}

/**
 * Units to have on hand so that demand tomorrow (the first forecast day), and over the next 7
 * days, is met with probability `serviceLevel` (default 0.95): `demandQuantile` over 1 and 7 days.
 */
export function stockingQuantity(result: SeriesForecast, serviceLevel = 0.95): StockingQuantity {
  const d = result.forecast.dates;
  if (d.length < 7) throw new UserError(`The forecast of "${result.seriesId}" has ${d.length} days; the stocking answer needs 7.`);
  return {
    seriesId: result.seriesId,
    serviceLevel,
    tomorrow: d[0],
    tomorrowUnits: demandQuantile(result, 1, serviceLevel),
    weekFrom: d[0],
    weekTo: d[6],
    weekUnits: demandQuantile(result, 7, serviceLevel),
  };
}

/** Where a product's stock stands against its forecast (see `stockCheck`). */
export type StockState = "runs-out" | "at-risk" | "ok" | "overstock" | "no-forecast";

/** One product of a stock check. */
export interface StockStatus {
  seriesId: string;
  stock: number;
  state: StockState;
  /** Expected demand over the horizon (sum of point forecasts); null without a forecast. */
  expectedDemand: number | null;
  /** Demand over the horizon at the service level; null without a forecast. */
  demandAtServiceLevel: number | null;
  /** The first day on which cumulative expected demand exceeds the stock, or null. */
  runsOutOn: string | null;
  /** Days of expected demand the stock covers within the forecast (the whole forecast when it covers all). */
  daysOfCover: number | null;
}

/** Options of `stockCheck`. */
export interface StockCheckOptions {
  /** Days ahead to check for running out (default 7). */
  horizonDays?: number;
  /** Service level of the demand quantiles (default 0.95). */
  serviceLevel?: number;
  /**
   * Overstock when the stock exceeds this multiple of the demand at the service level over the
   * whole forecast (default 2: more than twice what the next 28 days can plausibly use).
   */
  overstockFactor?: number;
}

/**
 * Each product with a known stock level, checked against its forecast:
 * - "runs-out": cumulative expected demand exceeds the stock within `horizonDays`
 *   (`runsOutOn` says when);
 * - "at-risk": the stock covers expected demand but not the demand at the service level over
 *   `horizonDays`;
 * - "overstock": the stock exceeds `overstockFactor` × the demand at the service level over the
 *   whole forecast;
 * - "ok" otherwise; "no-forecast" when the product's forecast failed.
 * Sorted by state (runs-out, at-risk, overstock, ok, no-forecast) then by id. Products without a
 * result or without a stock level are left out; a negative or non-finite stock is a UserError.
 */
export function stockCheck(
  results: (SeriesForecast | FailedForecast)[],
  stock: Record<string, number>,
  options: StockCheckOptions = {},
): StockStatus[] {
  const horizonDays = options.horizonDays ?? 7;
  const serviceLevel = options.serviceLevel ?? 0.95;
  const overstockFactor = options.overstockFactor ?? 2;
  checkServiceLevel(serviceLevel);
  const out: StockStatus[] = [];
  for (const r of results) {
    if (!Object.prototype.hasOwnProperty.call(stock, r.seriesId)) continue;
    const units = stock[r.seriesId];
    if (!Number.isFinite(units) || units < 0) throw new UserError(`Stock of "${r.seriesId}" must be a number >= 0, got ${units}.`);
    if (r.status === "failed") {
      out.push({ seriesId: r.seriesId, stock: units, state: "no-forecast", expectedDemand: null, demandAtServiceLevel: null, runsOutOn: null, daysOfCover: null });
      continue;
    }
    const f = r.forecast;
    const days = Math.min(horizonDays, f.point.length);
    let cumulative = 0;
    let runsOutAt = -1;
    for (let t = 0; t < f.point.length; t++) {
      cumulative += f.point[t];
      if (cumulative > units) {
        runsOutAt = t;
        break;
      }
    }
    const expectedDemand = f.point.slice(0, days).reduce((a, v) => a + v, 0);
    const demandAtServiceLevel = demandQuantile(r, days, serviceLevel);
    const wholeForecast = demandQuantile(r, f.point.length, serviceLevel);
    let state: StockState = "ok";
    if (runsOutAt >= 0 && runsOutAt < days) state = "runs-out";
    else if (units < demandAtServiceLevel) state = "at-risk";
    else if (units > overstockFactor * wholeForecast) state = "overstock";
    out.push({
      seriesId: r.seriesId,
      stock: units,
      state,
      expectedDemand,
      demandAtServiceLevel,
      runsOutOn: runsOutAt >= 0 ? f.dates[runsOutAt] : null,
      daysOfCover: runsOutAt >= 0 ? runsOutAt : f.point.length,
    });
  }
  const rank: Record<StockState, number> = { "runs-out": 0, "at-risk": 1, overstock: 2, ok: 3, "no-forecast": 4 };
  return out.sort((a, b) => rank[a.state] - rank[b.state] || (a.seriesId < b.seriesId ? -1 : a.seriesId > b.seriesId ? 1 : 0));
}

/**
 * Stock levels by stock code from a products table (src/model.ts: `stockCode`, `stockLevel`),
 * for `stockCheck`; rows with a null stock level are left out.
 */
export function stockLevels(products: DataFrame): Record<string, number> {
  for (const c of ["stockCode", "stockLevel"]) {
    if (!products.columns.includes(c)) throw new UserError(`The products table has no column "${c}"; stock levels need stockCode and stockLevel.`);
  }
  const rows = products.filter(pl.col("stockLevel").isNotNull()).select(pl.col("stockCode").cast(pl.Utf8), pl.col("stockLevel").cast(pl.Float64));
  const codes = rows.getColumn("stockCode").toArray() as string[];
  const levels = rows.getColumn("stockLevel").toArray() as number[];
  const out: Record<string, number> = {};
  codes.forEach((c, i) => (out[c] = levels[i]));
  return out;
}
