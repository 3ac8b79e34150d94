/**
 * The forecast job, assembled once for the CLI (`retail-lab forecast`), the notebooks (04, 05)
 * and the benchmark: the shop's daily revenue and its trading calendar (closed weekdays and
 * holidays detected on it), and the series to forecast; then the batch run over them.
 */
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { forecastMany, type BatchOptions, type BatchProgress, type BatchResult } from "../forecasts/index";
import { requireProductColumn } from "../model";
import { detectClosedDays, productSeries, revenueSeries, topProductsByUnits, type DailySeries, type TradingCalendar } from "../series/index";
import { nullableStrings } from "../util/index";

/** Which series to forecast: products' daily units (the top N by units, or named codes), or the shop's daily revenue. */
export interface ForecastInputsOptions {
  /** "units" per product (default) or the shop's daily "revenue" */
  target?: "units" | "revenue";
  /** for units: the top N products by units sold (default top 50), or stock codes */
  products?: { top: number } | { codes: string[] };
  /** where the data came from, for messages (default "the data") */
  source?: string;
}

/** What a forecast runs on (see `forecastInputs`). */
export interface ForecastInputs {
  /** the shop's daily revenue, from the first to the last sale day */
  shop: DailySeries;
  /** the trading calendar detected on `shop` (`detectClosedDays`): every series is forecast with it */
  calendar: TradingCalendar;
  /** the series to forecast: one per product (units a day), or `[shop]` for revenue */
  series: DailySeries[];
}

/**
 * The forecast inputs of a cleaned sales table: the shop's daily revenue, its trading calendar,
 * and the series to forecast. Refuses (in one sentence) units without a product column, data
 * without product sales, and codes that never sold.
 * Example: forecastInputs(sales, { products: { top: 3 } }).series -> the daily units of the
 * three best sellers by units, each starting on its first sale day.
 */
export function forecastInputs(sales: DataFrame, options: ForecastInputsOptions = {}): ForecastInputs {
  const target = options.target ?? "units";
  const source = options.source ?? "the data";
  if (target === "units") requireProductColumn(sales, "a forecast of units per product (--target revenue forecasts the shop's daily revenue)");
  const shop = revenueSeries(sales);
  const calendar = detectClosedDays(shop);
  if (target === "revenue") return { shop, calendar, series: [shop] };
  const which = options.products ?? { top: 50 };
  const codes = "top" in which ? topProductsByUnits(sales, which.top) : which.codes;
  if (codes.length === 0) throw new UserError(`${source} has no product sales to forecast.`);
  const known = new Set(nullableStrings(sales.select("stockCode").unique(), "stockCode"));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) throw new UserError(`No sales of product(s) ${unknown.join(", ")} in ${source}.`);
  return { shop, calendar, series: productSeries(sales, codes) };
}

/** The inputs and the batch of forecasts run on them. */
export interface DailyForecasts {
  inputs: ForecastInputs;
  batch: BatchResult;
}

/**
 * The whole forecast job: `forecastInputs`, then `forecastMany` over its series with its
 * calendar and the batch options (horizon, holdout, levels, workers).
 */
export async function dailyForecasts(
  sales: DataFrame,
  options: ForecastInputsOptions & Omit<BatchOptions, "calendar"> = {},
  onProgress?: (p: BatchProgress) => void,
): Promise<DailyForecasts> {
  const { target, products, source, ...batchOptions } = options;
  const inputs = forecastInputs(sales, { target, products, source });
  const batch = await forecastMany(inputs.series, { ...batchOptions, calendar: inputs.calendar }, onProgress);
  return { inputs, batch };
}
