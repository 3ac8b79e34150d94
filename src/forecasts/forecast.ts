/**
 * Forecasting one daily series end to end:
 * 1. validate the input (UserError for what cannot be forecast);
 * 2. hold out the last `holdout` days (default 28): nothing below looks at them until step 5;
 * 3. backtest every candidate with rolling origins on the training window;
 * 4. choose the model with the lowest mean backtest MASE;
 * 5. score every candidate once on the held-out days, the chosen one with intervals and coverage;
 * 6. refit the chosen model on the whole series and forecast the next `horizon` days.
 * Documented fallbacks (status "fallback", reason in `notes`): an all-zero or constant training
 * window is forecast by the seasonal naive without backtests; a series with no sales in its last
 * `stoppedAfter` days is forecast as 0 for the future; a series too short to hold out days or to
 * backtest skips those steps.
 */
import { isUserError, UserError } from "../errors";
import { closedMask, isClosedDay, ALWAYS_OPEN, type DailySeries, type TradingCalendar } from "../series/index";
import { addDays, dayRange, parseIsoDay } from "../util/index";
import { DEFAULT_CHECK_LIMITS, forecastProblem, type CheckLimits } from "./checks";
import { backtestModel, chooseModel, rollingOrigins, type ModelBacktest } from "./backtest";
import { intervalsFromErrors, recentLevel } from "./intervals";
import { accuracy, coverage } from "./metrics";
import { createModelRunner, rememberedSarima, WEEK, type ModelContext, type ModelRun, type SarimaMemory } from "./models";
import { seasonalNaiveRmse } from "./naive";
import { SARIMA_ORDER_CANDIDATES, selectSarimaOrder, type SarimaOrder } from "./sarima";
import { futureDays, tradingView } from "./trading";
import {
  MODEL_NAMES,
  type ErrorSample,
  type FailedForecast,
  type Forecast,
  type ForecastOptions,
  type HoldoutEvaluation,
  type ModelName,
  type Replacement,
  type SeriesForecast,
} from "./types";

/** ForecastOptions with every default filled in. */
export interface ResolvedOptions {
  horizon: number;
  holdout: number;
  folds: number;
  step: number;
  models: ModelName[];
  levels: number[];
  calendar: TradingCalendar;
  checks: CheckLimits;
  fitWindow: number;
  stoppedAfter: number;
}

/** Fewest training days before a backtest origin (five weeks). */
export const MIN_TRAIN_DAYS = 35;

/** `options` with defaults; a UserError for a horizon <= 0 and other impossible settings. */
export function resolveOptions(options: ForecastOptions = {}): ResolvedOptions {
  const o: ResolvedOptions = {
    horizon: options.horizon ?? 28,
    holdout: options.holdout ?? 28,
    folds: options.folds ?? 3,
    step: options.step ?? 14,
    models: ["seasonal-naive", ...MODEL_NAMES.filter((m) => m !== "seasonal-naive" && (options.models ?? MODEL_NAMES).includes(m))],
    levels: options.levels ?? [0.8, 0.95],
    calendar: options.calendar ?? ALWAYS_OPEN,
    checks: options.checks ?? DEFAULT_CHECK_LIMITS,
    fitWindow: options.fitWindow ?? 182,
    stoppedAfter: options.stoppedAfter ?? 28,
  };
  const positiveInt = (v: number) => Number.isInteger(v) && v > 0;
  if (!positiveInt(o.horizon)) throw new UserError(`The forecast horizon must be a whole number of days >= 1, got ${o.horizon}.`);
  if (!Number.isInteger(o.holdout) || o.holdout < 0) throw new UserError(`The holdout must be a whole number of days >= 0, got ${o.holdout}.`);
  if (!Number.isInteger(o.folds) || o.folds < 0 || !positiveInt(o.step)) {
    throw new UserError(`Backtest folds must be a whole number >= 0 and step >= 1, got folds ${o.folds}, step ${o.step}.`);
  }
  for (const l of o.levels) if (!(l > 0 && l < 1)) throw new UserError(`Interval levels must be between 0 and 1 (exclusive), got ${l}.`);
  if (new Set(o.calendar.closedWeekdays).size >= 7) throw new UserError("The trading calendar closes every weekday: there is nothing to forecast.");
  for (const name of options.models ?? []) {
    if (!MODEL_NAMES.includes(name)) throw new UserError(`Unknown model "${name}"; the models are ${MODEL_NAMES.join(", ")}.`);
  }
  return o;
}

/**
 * Throws a UserError when `series` cannot be forecast: a bad start day, fewer than two weeks of
 * values, or a value that is not a finite number (a gap; a gap reaching the last day is named so).
 */
export function validateSeries(series: DailySeries): void {
  parseIsoDay(series.start);
  const n = series.values.length;
  if (n < 2 * WEEK) {
    throw new UserError(`Series "${series.id}" has ${n} days; forecasting needs at least two weeks (${2 * WEEK} days) of history.`);
  }
  const bad = series.values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
  if (bad < 0) return;
  const tail = series.values.slice(bad).every((v) => typeof v !== "number" || !Number.isFinite(v));
  if (tail) {
    throw new UserError(
      `Series "${series.id}" has no values from ${addDays(series.start, bad)} to its end ${addDays(series.start, n - 1)} ` +
        `(a gap at the end): cut the series before the gap, or fill days without sales with 0.`,
    );
  }
  throw new UserError(
    `Series "${series.id}" has no value on ${addDays(series.start, bad)} (${series.values[bad]}): fill days without sales with 0.`,
  );
}

/** True when every value equals the first (all zeros included). */
function isConstant(values: number[]): boolean {
  return values.every((v) => v === values[0]);
}

/**
 * Errors of the in-sample seasonal naive, y_t - y_{t-7} (null on closed days): the error sample
 * used for intervals when there are no backtest folds.
 */
function naiveErrorSample(history: number[], start: string, closed: boolean[]): ErrorSample[] {
  const e: (number | null)[] = [];
  for (let t = WEEK; t < history.length; t++) e.push(closed[t] ? null : history[t] - history[t - WEEK]);
  return [{ from: addDays(start, WEEK), level: recentLevel(history), errors: e }];
}

/** Forecast with intervals for the `horizon` days after `history` from `model` (see createModelRunner). */
function forecastAfter(
  seriesId: string,
  model: ModelName,
  history: number[],
  start: string,
  horizon: number,
  runner: (model: ModelName, history: number[], horizon: number) => ModelRun,
  calendar: TradingCalendar,
  errorSamples: ErrorSample[],
  levels: number[],
): { forecast: Forecast; replaced: string | null } {
  const run = runner(model, history, horizon);
  const from = addDays(start, history.length);
  const closed = closedMask(calendar, from, horizon);
  const nonNegative = history.every((v) => v >= 0);
  return {
    forecast: {
      seriesId,
      model: run.replaced ? "seasonal-naive" : model,
      dates: dayRange(from, horizon),
      point: run.point,
      closed,
      intervals: intervalsFromErrors(run.point, errorSamples, recentLevel(history), closed, levels, nonNegative),
    },
    replaced: run.replaced,
  };
}

/**
 * The AIC-selected SARIMA order for "auto-sarima", searched on the trading view of `history`
 * (its last `ctx.fitWindow` steps) with the fits kept in `memory`; a candidate whose forecast of
 * the `horizon` days after the history fails the sanity check is rejected. Searching on the
 * first backtest fold's history with its horizon makes that fold reuse the search's fits.
 */
function autoSarimaOrder(history: number[], start: string, horizon: number, ctx: ModelContext, memory: SarimaMemory): SarimaOrder | null {
  const view = tradingView(history, start, ctx.calendar);
  const y = view.values.slice(Math.max(0, view.values.length - ctx.fitWindow));
  const naive = seasonalNaiveRmse(y, view.season);
  const steps = Math.max(1, futureDays(start, history.length, horizon, ctx.calendar).step.filter(Boolean).length);
  const isSane = (point: number[], sigma: number) => forecastProblem(y, point, sigma, naive, ctx.limits) === null;
  const fit = (order: SarimaOrder) => rememberedSarima(memory, y, view.season, order, steps, history.length);
  return selectSarimaOrder(y, view.season, steps, isSane, SARIMA_ORDER_CANDIDATES, fit).order;
}

/**
 * Every candidate fitted on the training window and scored once on the last `holdout` days of
 * `series`; the chosen model's forecast gets intervals and their coverage of the open days.
 * Replacements met on the way are appended to `replacements`.
 */
function evaluateHoldout(
  series: DailySeries,
  holdout: number,
  models: ModelName[],
  chosenModel: ModelName,
  runner: (model: ModelName, history: number[], horizon: number) => ModelRun,
  o: ResolvedOptions,
  errorSamples: ErrorSample[],
  replacements: Replacement[],
): HoldoutEvaluation {
  const n = series.values.length;
  const train = series.values.slice(0, n - holdout);
  const actual = series.values.slice(n - holdout);
  const byModel = models.map((model) => {
    const run = runner(model, train, holdout);
    if (run.replaced) replacements.push({ model, stage: "holdout", reason: run.replaced });
    return { model, point: run.point, metrics: accuracy(actual, run.point, train, WEEK), replaced: run.replaced !== null };
  });
  const { forecast } = forecastAfter(series.id, chosenModel, train, series.start, holdout, runner, o.calendar, errorSamples, o.levels);
  const open = forecast.closed.map((c) => !c);
  return {
    dates: forecast.dates,
    actual,
    byModel,
    forecast,
    metrics: accuracy(actual, forecast.point, train, WEEK),
    coverage: forecast.intervals.map((iv) => ({ level: iv.level, coverage: coverage(actual, iv.lower, iv.upper, open) })),
  };
}

/** Forecasts one series (see the module comment for the steps and fallbacks). */
export function forecastSeries(series: DailySeries, options: ForecastOptions = {}): SeriesForecast {
  const o = resolveOptions(options);
  validateSeries(series);
  const { id, start, values } = series;
  const n = values.length;
  const notes: string[] = [];
  const replacements: Replacement[] = [];
  const closedOn = (day: string) => isClosedDay(o.calendar, day);

  let holdout = o.holdout;
  if (holdout > 0 && n - holdout < 2 * WEEK) {
    notes.push(`Too short to hold out ${holdout} days (${n} days); no holdout evaluation.`);
    holdout = 0;
  }
  const train = values.slice(0, n - holdout);
  const foldHorizon = holdout > 0 ? holdout : o.horizon;
  const degenerate = isConstant(train);
  const members = o.models.filter((m) => m !== "seasonal-naive" && m !== "ensemble");
  const models: ModelName[] = degenerate
    ? ["seasonal-naive"]
    : o.models.filter((m) => m !== "ensemble" || members.length >= 2);
  const origins = degenerate ? [] : rollingOrigins(train.length, foldHorizon, o.folds, o.step, MIN_TRAIN_DAYS);
  let status: SeriesForecast["status"] = "ok";
  if (degenerate) {
    status = "fallback";
    notes.push(`The training window is constant (${train[0]} every day): seasonal naive, no backtest.`);
  } else if (origins.length === 0) {
    status = "fallback";
    notes.push(`Too short to backtest (needs ${MIN_TRAIN_DAYS + foldHorizon} training days, has ${train.length}): seasonal naive.`);
  }

  const ctx: ModelContext = {
    calendar: o.calendar,
    limits: o.checks,
    autoOrder: null,
    fitWindow: o.fitWindow,
    ensembleMembers: members,
  };
  const sarimaMemory: SarimaMemory = new Map();
  if (models.includes("auto-sarima") && origins.length > 0) {
    ctx.autoOrder = autoSarimaOrder(train.slice(0, origins[0]), start, foldHorizon, ctx, sarimaMemory);
  }

  const runner = createModelRunner(start, ctx, sarimaMemory);
  const backtests: ModelBacktest[] =
    origins.length === 0 ? [] : models.map((m) => backtestModel(m, train, start, origins, foldHorizon, runner, closedOn));
  for (const b of backtests) replacements.push(...b.replacements);
  const chosenModel: ModelName = backtests.length === 0 ? "seasonal-naive" : chooseModel(backtests.map((b) => b.score));
  const errorSamples =
    backtests.find((b) => b.score.model === chosenModel)?.errors ??
    naiveErrorSample(train, start, closedMask(o.calendar, start, train.length));

  const holdoutEvaluation =
    holdout > 0 ? evaluateHoldout(series, holdout, models, chosenModel, runner, o, errorSamples, replacements) : null;

  let futureModel = chosenModel;
  const lastDays = values.slice(Math.max(0, n - o.stoppedAfter));
  if (!degenerate && lastDays.every((v) => v === 0) && values.some((v) => v !== 0)) {
    status = "fallback";
    futureModel = "seasonal-naive";
    notes.push(`No sales in the last ${o.stoppedAfter} days: the future is forecast as 0 (seasonal naive).`);
  }
  const future = forecastAfter(id, futureModel, values, start, o.horizon, runner, o.calendar, errorSamples, o.levels);
  if (future.replaced) replacements.push({ model: futureModel, stage: "future", reason: future.replaced });

  return {
    seriesId: id,
    status,
    notes,
    chosenModel,
    autoOrder: ctx.autoOrder,
    backtest: backtests.map((b) => b.score),
    replacements,
    holdout: holdoutEvaluation,
    forecast: future.forecast,
    errorSamples,
    level: recentLevel(values),
  };
}

/**
 * `forecastSeries` that never throws: a failure becomes a FailedForecast naming the series and
 * the error (`userError` tells bad input from a bug), so one bad series cannot stop a batch.
 */
export function tryForecastSeries(series: DailySeries, options: ForecastOptions = {}): SeriesForecast | FailedForecast {
  try {
    return forecastSeries(series, options);
  } catch (e) {
    const id = series && typeof series.id === "string" ? series.id : String(series?.id);
    return { seriesId: id, status: "failed", userError: isUserError(e), error: e instanceof Error ? e.message : String(e) };
  }
}
