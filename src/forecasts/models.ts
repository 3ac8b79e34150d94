/**
 * Running one model on one history: fit on the trading view, forecast the following calendar
 * days, sanity-check, replace by the seasonal naive if needed, put 0 on closed days and clip at 0
 * for series that never go below 0.
 */
import type { TradingCalendar } from "../series/index";
import { forecastProblem, type CheckLimits } from "./checks";
import { fitHoltWinters, holtWintersForecast } from "./holt-winters";
import { seasonalNaive, seasonalNaiveRmse } from "./naive";
import {
  DEFAULT_SARIMA_ORDER,
  formatOrder,
  nativeMessageProblem,
  sarimaForecast,
  sarimaMinLength,
  type SarimaForecast,
  type SarimaOrder,
} from "./sarima";
import { futureDays, toCalendarDays, tradingView } from "./trading";
import type { ModelName } from "./types";

/** Everything a model run needs besides the history. */
export interface ModelContext {
  calendar: TradingCalendar;
  limits: CheckLimits;
  /** Order of "auto-sarima" (null: no order could be selected, the model is replaced). */
  autoOrder: SarimaOrder | null;
  /** Trading steps of history given to Holt-Winters and SARIMA (the most recent ones). */
  fitWindow: number;
  /** Members of "ensemble". */
  ensembleMembers: ModelName[];
}

/**
 * SARIMA fits of prefixes of one series, remembered by order, prefix length and steps, so that
 * the order search, "sarima" and "auto-sarima" never fit the same model to the same data twice.
 */
export type SarimaMemory = Map<string, SarimaForecast>;

/**
 * `sarimaForecast` of `order` on the last `fitWindow` trading values `y` of a history of
 * `historyLength` days, through `memory`.
 */
export function rememberedSarima(
  memory: SarimaMemory,
  y: number[],
  season: number,
  order: SarimaOrder,
  steps: number,
  historyLength: number,
): SarimaForecast {
  const key = `${formatOrder(order, season)}|${historyLength}|${y.length}|${steps}`;
  let f = memory.get(key);
  if (!f) {
    f = sarimaForecast(y, season, order, steps);
    memory.set(key, f);
  }
  return f;
}

/** A model's forecast of the days after a history, after checks. */
export interface ModelRun {
  /** One value per calendar day. */
  point: number[];
  /** Why the model was replaced by the seasonal naive, or null. */
  replaced: string | null;
}

/** Calendar season of the seasonal naive and of MASE: one week. */
export const WEEK = 7;

/** A trading-step fit: point forecasts and the one-step error used by the residual check. */
interface TradingFit {
  point: number[];
  oneStepError: number | null;
  messages: string[];
}

/**
 * Fits `model` (Holt-Winters or a SARIMA) to the last `ctx.fitWindow` trading values of `y`
 * with season `m` and forecasts `steps` trading steps; throws on failure.
 */
function fitTrading(model: ModelName, y: number[], m: number, steps: number, ctx: ModelContext, memory: SarimaMemory, historyLength: number): TradingFit {
  const recent = y.slice(Math.max(0, y.length - ctx.fitWindow));
  if (model === "holt-winters") {
    const fit = fitHoltWinters(recent, m, { trend: true });
    return { point: holtWintersForecast(fit, steps), oneStepError: fit.rmse, messages: [] };
  }
  const order = model === "sarima" ? DEFAULT_SARIMA_ORDER : ctx.autoOrder;
  if (order === null) throw new Error("no SARIMA order passed the AIC search");
  if (recent.length < sarimaMinLength(order, m)) throw new Error(`series too short for SARIMA (${recent.length} trading days)`);
  const f = rememberedSarima(memory, recent, m, order, Math.max(1, steps), historyLength);
  return { point: f.point.slice(0, steps), oneStepError: Math.sqrt(f.variance[0]), messages: f.messages };
}

/** The seasonal naive of `history` for `horizon` days, 0 on `closed` days. */
function naiveRun(history: number[], horizon: number, closed: boolean[]): number[] {
  return seasonalNaive(history, WEEK, horizon).map((v, h) => (closed[h] ? 0 : v));
}

/** A fitted model (not the naive, not the ensemble) with checks; replaced by the naive on failure. */
function runFitted(model: ModelName, history: number[], start: string, horizon: number, ctx: ModelContext, memory: SarimaMemory): ModelRun {
  const future = futureDays(start, history.length, horizon, ctx.calendar);
  const view = tradingView(history, start, ctx.calendar);
  const steps = future.step.filter(Boolean).length;
  try {
    const fit = fitTrading(model, view.values, view.season, steps, ctx, memory, history.length);
    const problem =
      nativeMessageProblem(fit.messages) ??
      forecastProblem(view.values, fit.point, fit.oneStepError, seasonalNaiveRmse(view.values, view.season), ctx.limits);
    if (problem === null) return { point: toCalendarDays(fit.point, future.step, future.closed), replaced: null };
    return { point: naiveRun(history, horizon, future.closed), replaced: problem };
  } catch (e) {
    return { point: naiveRun(history, horizon, future.closed), replaced: `fit failed: ${(e as Error).message}` };
  }
}

/**
 * A function running models on prefixes of one series, remembering each run so that the
 * ensemble reuses its members' fits. `run(model, history, horizon)` forecasts the `horizon`
 * calendar days after `history` (day i of the history is `start` + i): the seasonal naive repeats
 * the last calendar week; fitted models use the trading view and are replaced by the seasonal
 * naive when they throw, print a non-stationarity warning (`nativeMessageProblem`) or fail
 * `forecastProblem` (reason in `replaced`); the ensemble averages
 * the members that were not replaced (replaced itself when none is left). Closed days get 0;
 * when the history never goes below 0, neither does the forecast. The memory assumes every
 * history passed to one runner is a prefix of the same series.
 */
export function createModelRunner(
  start: string,
  ctx: ModelContext,
  sarimaMemory: SarimaMemory = new Map(),
): (model: ModelName, history: number[], horizon: number) => ModelRun {
  const memory = new Map<string, ModelRun>();
  const run = (model: ModelName, history: number[], horizon: number): ModelRun => {
    const key = `${model}|${history.length}|${horizon}`;
    const known = memory.get(key);
    if (known) return known;
    let result: ModelRun;
    if (model === "seasonal-naive") {
      result = { point: naiveRun(history, horizon, futureDays(start, history.length, horizon, ctx.calendar).closed), replaced: null };
    } else if (model === "ensemble") {
      const members = ctx.ensembleMembers.map((m) => run(m, history, horizon)).filter((r) => r.replaced === null);
      result =
        members.length === 0
          ? { point: run("seasonal-naive", history, horizon).point, replaced: "every ensemble member was replaced" }
          : { point: members[0].point.map((_, h) => members.reduce((a, r) => a + r.point[h], 0) / members.length), replaced: null };
    } else {
      result = runFitted(model, history, start, horizon, ctx, sarimaMemory);
    }
    if (history.every((v) => v >= 0)) result = { ...result, point: result.point.map((v) => Math.max(0, v)) };
    memory.set(key, result);
    return result;
  };
  return run;
}
