/**
 * Rolling-origin evaluation on the training window: each model is refitted at several forecast
 * origins and scored on the days after each origin, inside the training window only.
 */
import { addDays } from "../util/index";
import { mae, mase } from "./metrics";
import { WEEK, type ModelRun } from "./models";
import { recentLevel } from "./intervals";
import type { ErrorSample, ModelName, ModelScore, Replacement } from "./types";

/**
 * Forecast origins (the number of training days before each fold) for a training window of
 * `length` days: o_k = length - horizon - step·k for k = folds-1 .. 0, ascending, keeping those
 * with at least `minTrain` days before them. The last fold ends on the last training day.
 */
export function rollingOrigins(length: number, horizon: number, folds: number, step: number, minTrain: number): number[] {
  const origins: number[] = [];
  for (let k = folds - 1; k >= 0; k--) {
    const o = length - horizon - step * k;
    if (o >= minTrain) origins.push(o);
  }
  return origins;
}

/** The backtest of one model: its score, its errors per fold, and its replacements. */
export interface ModelBacktest {
  score: ModelScore;
  /** The errors of each fold (see ErrorSample). */
  errors: ErrorSample[];
  replacements: Replacement[];
}

/**
 * Backtests `model` on `train` (day i is `start` + i) with `run` (see createModelRunner): at
 * each origin o it is fitted on
 * train[0..o) and forecasts train[o..o+horizon); the fold's MASE is scaled on train[0..o) with
 * lag 7. The score is the mean over folds of MASE (of the folds where it is defined) and MAE.
 */
export function backtestModel(
  model: ModelName,
  train: number[],
  start: string,
  origins: number[],
  horizon: number,
  run: (model: ModelName, history: number[], horizon: number) => ModelRun,
  closedOn: (day: string) => boolean,
): ModelBacktest {
  const errors: ErrorSample[] = [];
  const replacements: Replacement[] = [];
  const foldMase: number[] = [];
  const foldMae: number[] = [];
  for (const o of origins) {
    const history = train.slice(0, o);
    const actual = train.slice(o, o + horizon);
    const fold = run(model, history, actual.length);
    if (fold.replaced) replacements.push({ model, stage: `backtest from ${addDays(start, o)}`, reason: fold.replaced });
    errors.push({
      from: addDays(start, o),
      level: recentLevel(history),
      errors: actual.map((y, h) => (closedOn(addDays(start, o + h)) ? null : y - fold.point[h])),
    });
    const m = mase(actual, fold.point, history, WEEK);
    if (m !== null) foldMase.push(m);
    foldMae.push(mae(actual, fold.point) as number);
  }
  const mean = (a: number[]) => (a.length === 0 ? null : a.reduce((s, v) => s + v, 0) / a.length);
  return {
    score: { model, folds: origins.length, mase: mean(foldMase), mae: mean(foldMae), replaced: replacements.length },
    errors,
    replacements,
  };
}

/**
 * The model with the lowest backtest MASE (MAE when no model has a MASE), among the models scored
 * on the most folds; ties go to the earlier model in `scores` (the seasonal naive comes first).
 */
export function chooseModel(scores: ModelScore[]): ModelName {
  const most = Math.max(...scores.map((s) => s.folds));
  const eligible = scores.filter((s) => s.folds === most);
  const useMase = eligible.some((s) => s.mase !== null);
  const key = (s: ModelScore) => (useMase ? s.mase : s.mae) ?? Infinity;
  let best = eligible[0];
  for (const s of eligible) if (key(s) < key(best)) best = s;
  return best.model;
}
