/**
 * The product audit with forecast demand, assembled once for the CLI (`retail-lab products`) and
 * notebook 05: where the catalogue has stock levels, the best sellers by revenue are forecast
 * (`dailyForecasts`, no holdout) and their demand rate is the forecast's mean units a day over the
 * first `demandDays`; every other product's is its recent sales velocity. Days of cover, the
 * at-risk and the clearance lists follow from that demand.
 */
import type { DataFrame } from "nodejs-polars";
import { topProducts } from "../eda/index";
import { meanDailyForecast, type BatchResult } from "../forecasts/index";
import { productAudit, type ProductAudit, type ProductAuditOptions } from "../products/index";
import { strings } from "../util/index";
import { dailyForecasts } from "./forecasts";

/** Options of `productAuditWithDemand`: the audit's, and how the demand is forecast. */
export interface ProductAuditWithDemandOptions extends Omit<ProductAuditOptions, "catalogue" | "forecastDailyUnits"> {
  /** how many best sellers by revenue get a forecast (default 30; 0: velocity only) */
  forecastTop?: number;
  /** days of forecast averaged into the demand rate (default 28, also the horizon) */
  demandDays?: number;
  /** worker threads of the forecasts (default: the cores) */
  workers?: number;
}

/** The audit, and the forecasts its demand came from (null when nothing was forecast). */
export interface ProductAuditWithDemand {
  audit: ProductAudit;
  forecasts: BatchResult | null;
  /** the demand rate per forecast stock code (units a day), as given to the audit */
  demand: Record<string, number> | null;
}

/** Whether a catalogue carries stock levels (a `stockLevel` column): only then does forecast demand change anything. */
export function hasStockLevels(catalogue: DataFrame | undefined): catalogue is DataFrame {
  return catalogue !== undefined && catalogue.columns.includes("stockLevel");
}

/**
 * The product audit (`productAudit`) of a cleaned sales table and its catalogue, with the demand
 * of the `forecastTop` best sellers by revenue forecast when the catalogue has stock levels (see
 * the module comment). Without stock levels nothing is forecast: days of cover need stock.
 */
export async function productAuditWithDemand(sales: DataFrame, catalogue: DataFrame | undefined, options: ProductAuditWithDemandOptions = {}): Promise<ProductAuditWithDemand> {
  const { forecastTop = 30, demandDays = 28, workers, ...auditOptions } = options;
  let forecasts: BatchResult | null = null;
  let demand: Record<string, number> | null = null;
  if (hasStockLevels(catalogue) && forecastTop > 0) {
    const best = strings(topProducts(sales, "revenue", forecastTop), "stockCode");
    forecasts = (await dailyForecasts(sales, { products: { codes: best }, holdout: 0, horizon: demandDays, workers })).batch;
    demand = meanDailyForecast(forecasts.results, demandDays);
  }
  const audit = productAudit(sales, { ...auditOptions, catalogue, forecastDailyUnits: demand ?? undefined });
  return { audit, forecasts, demand };
}
