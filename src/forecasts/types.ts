/**
 * Types of the forecasting domain, documented once.
 */
import type { TradingCalendar } from "../series/index";
import type { CheckLimits } from "./checks";
import type { Metrics } from "./metrics";
import type { SarimaOrder } from "./sarima";

/**
 * The forecasting models:
 * - "seasonal-naive": same weekday last week (the baseline, and the replacement of any model
 *   that fails its sanity check);
 * - "holt-winters": additive Holt-Winters with a damped trend and a weekly season, parameters
 *   minimising the in-sample one-step SSE (Nelder-Mead);
 * - "sarima": SARIMA(1,0,1)(1,1,1)m via the arima package, Nelder-Mead optimiser;
 * - "auto-sarima": SARIMA with the order of lowest AIC among a small grid (see sarima.ts);
 * - "ensemble": the mean of the other candidates except the seasonal naive (those that passed
 *   their checks), a forecast combination; needs at least two of them.
 * All but the seasonal naive are fitted on the trading days (see trading.ts), so m = 6 for a
 * shop closed on Saturdays.
 */
export type ModelName = "seasonal-naive" | "holt-winters" | "sarima" | "auto-sarima" | "ensemble";

/** Every model, baseline first (ties in backtest error go to the earlier one). */
export const MODEL_NAMES: ModelName[] = ["seasonal-naive", "holt-winters", "sarima", "auto-sarima", "ensemble"];

/** A central prediction interval: P(lower_t <= y_t <= upper_t) = level, per day. */
export interface PredictionInterval {
  /** Nominal coverage, e.g. 0.8 or 0.95. */
  level: number;
  lower: number[];
  upper: number[];
}

/**
 * A forecast of one series:
 * - `seriesId`: the DailySeries id (stock code, "revenue", ...);
 * - `model`: the model that produced `point` (after any replacement);
 * - `dates`: the forecast days, "YYYY-MM-DD", consecutive;
 * - `point`: the point forecast of each day (0 on closed days; never below 0 for a series that
 *   never goes below 0);
 * - `closed`: true on the days the shop is closed (point and intervals are 0 there);
 * - `intervals`: one prediction interval per requested level, aligned with `dates`.
 */
export interface Forecast {
  seriesId: string;
  model: ModelName;
  dates: string[];
  point: number[];
  closed: boolean[];
  intervals: PredictionInterval[];
}

/**
 * The errors of one backtest fold: `errors[t]` = actual - forecast on day t of the fold (null on
 * closed days), and `level` = the series' recent level before the fold's origin (see
 * `recentLevel` in intervals.ts). Errors are used relative to their level, e / level, so that an
 * interval widens when the series is busier than when its errors were measured.
 */
export interface ErrorSample {
  /** First day of the fold. */
  from: string;
  level: number;
  errors: (number | null)[];
}

/** A model replaced by the seasonal naive because its fit failed or its check failed. */
export interface Replacement {
  model: ModelName;
  /** Where: "backtest <origin day>", "holdout" or "future". */
  stage: string;
  reason: string;
}

/** Rolling-origin backtest score of one model on the training window. */
export interface ModelScore {
  model: ModelName;
  /** Folds the model was scored on. */
  folds: number;
  /** Mean of the per-fold MASE (each scaled on its own training window); null if undefined. */
  mase: number | null;
  /** Mean of the per-fold MAE. */
  mae: number | null;
  /** Folds on which the model was replaced by the seasonal naive. */
  replaced: number;
}

/** The held-out evaluation of one model: its forecast of the held-out days and its accuracy. */
export interface HoldoutScore {
  model: ModelName;
  point: number[];
  metrics: Metrics;
  replaced: boolean;
}

/** The last days of the series, held out from every choice and scored once at the end. */
export interface HoldoutEvaluation {
  dates: string[];
  actual: number[];
  /** Every candidate model, for comparison (the choice never looks at these). */
  byModel: HoldoutScore[];
  /** The chosen model's forecast of the held-out days, with intervals. */
  forecast: Forecast;
  metrics: Metrics;
  /** Share of held-out open days inside each interval (closed days are 0 for sure and not counted). */
  coverage: { level: number; coverage: number | null }[];
}

/** How a series was forecast: "ok", or a documented fallback (see `notes`). */
export type ForecastStatus = "ok" | "fallback";

/** The full forecasting result of one series. */
export interface SeriesForecast {
  seriesId: string;
  status: ForecastStatus;
  /** Sentences explaining fallbacks and choices, for reports. */
  notes: string[];
  /** The model with the lowest backtest MASE (or the fallback). */
  chosenModel: ModelName;
  /** The SARIMA order used by "auto-sarima" (chosen by AIC before the first backtest origin). */
  autoOrder: SarimaOrder | null;
  /** Backtest scores of every candidate, in MODEL_NAMES order. */
  backtest: ModelScore[];
  replacements: Replacement[];
  /** Null when the holdout is 0 or the series is too short to hold days out. */
  holdout: HoldoutEvaluation | null;
  /** The forecast of the days after the series, fitted on the whole series. */
  forecast: Forecast;
  /**
   * Backtest errors of the chosen model, one sample per fold: the empirical distribution behind
   * the intervals and the stocking quantities. Falls back to the in-sample seasonal-naive errors
   * (one sample) when there are no folds.
   */
  errorSamples: ErrorSample[];
  /** The level (see `recentLevel`) at the end of the series, which scales `errorSamples`. */
  level: number;
}

/** A series that could not be forecast at all (bad input or a bug), as reported by a batch. */
export interface FailedForecast {
  seriesId: string;
  status: "failed";
  /** True when the error is a UserError (bad input), false for an unexpected failure. */
  userError: boolean;
  error: string;
}

/** Options of `forecastSeries` and `forecastMany`; every field has a default. */
export interface ForecastOptions {
  /** Days to forecast after the series (default 28). Must be a positive integer. */
  horizon?: number;
  /** Last days held out and scored once at the end (default 28; 0 = no holdout). */
  holdout?: number;
  /** Rolling-origin backtest: `folds` origins `step` days apart, each forecasting `holdout` days (or `horizon` when holdout is 0). Defaults 3 and 14. */
  folds?: number;
  step?: number;
  /** Candidate models (default: all of MODEL_NAMES). The seasonal naive is always added. */
  models?: ModelName[];
  /** Interval levels (default [0.8, 0.95]). */
  levels?: number[];
  /** Closed weekdays and dates (default: always open). Closed dates may include future days. */
  calendar?: TradingCalendar;
  /** Sanity-check limits (default DEFAULT_CHECK_LIMITS). */
  checks?: CheckLimits;
  /**
   * Trading steps of history the fitted models see, the most recent ones (default 182: about 30
   * weeks at 6 steps a week). On the Online Retail training window this recent window gave lower
   * backtest MASE than the whole history for Holt-Winters (revenue 1.010 vs 1.053, top-50 products
   * 1.065 vs 1.071), and it bounds SARIMA's fitting time.
   */
  fitWindow?: number;
  /** A product with no sales in its last `stoppedAfter` days is forecast as 0 (default 28). */
  stoppedAfter?: number;
}
