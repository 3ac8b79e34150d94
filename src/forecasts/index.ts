/** Daily sales forecasting: models, backtests, intervals, stocking answers, batch runner. */
export type {
  ErrorSample,
  FailedForecast,
  Forecast,
  ForecastOptions,
  ForecastStatus,
  HoldoutEvaluation,
  HoldoutScore,
  ModelName,
  ModelScore,
  PredictionInterval,
  Replacement,
  SeriesForecast,
} from "./types";
export { MODEL_NAMES } from "./types";
export type { Metrics } from "./metrics";
export { accuracy, coverage, mae, mase, rmse, seasonalNaiveScale, wape } from "./metrics";
export type { Minimum } from "./nelder-mead";
export { nelderMead } from "./nelder-mead";
export { seasonalNaive, seasonalNaiveRmse } from "./naive";
export type { HoltWintersFit, HoltWintersParameters } from "./holt-winters";
export { fitHoltWinters, holtWintersFilter, holtWintersForecast } from "./holt-winters";
export type { OrderTrial, SarimaForecast, SarimaOrder } from "./sarima";
export {
  DEFAULT_SARIMA_ORDER,
  SARIMA_ORDER_CANDIDATES,
  formatOrder,
  sarimaAic,
  sarimaForecast,
  selectSarimaOrder,
} from "./sarima";
export type { CheckLimits } from "./checks";
export { DEFAULT_CHECK_LIMITS, forecastProblem } from "./checks";
export type { TradingView } from "./trading";
export { tradingView } from "./trading";
export { chooseModel, rollingOrigins } from "./backtest";
export { LEVEL_DAYS, intervalsFromErrors, recentLevel, relativeErrors, relativeWindowTotalErrors } from "./intervals";
export type { ResolvedOptions } from "./forecast";
export { MIN_TRAIN_DAYS, forecastSeries, resolveOptions, tryForecastSeries, validateSeries } from "./forecast";
export type { StockCheckOptions, StockState, StockStatus, StockingQuantity } from "./stock";
export { demandQuantile, stockCheck, stockLevels, stockingQuantity } from "./stock";
export type { BatchOptions, BatchProgress, BatchResult } from "./batch";
export { forecastMany, succeededForecasts } from "./batch";
export { holdoutMase, meanHoldoutMase, pooledCoverage, resultsFrame, withHoldout } from "./summary";
export { forecastTable, holdoutTable, meanDailyForecast, stockingTable } from "./tables";
