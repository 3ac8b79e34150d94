import { describe, expect, it } from "vitest";
import { backtestModel, chooseModel, rollingOrigins } from "../../src/forecasts/backtest";
import { createModelRunner } from "../../src/forecasts/models";
import { DEFAULT_CHECK_LIMITS } from "../../src/forecasts/checks";
import { ALWAYS_OPEN } from "../../src/series/types";
import type { ModelScore } from "../../src/forecasts/types";

describe("rollingOrigins", () => {
  it("ends the last fold on the last training day and steps back", () => {
    // length 100, horizon 28, 3 folds 14 apart: 44, 58, 72.
    expect(rollingOrigins(100, 28, 3, 14, 35)).toEqual([44, 58, 72]);
    expect(rollingOrigins(100, 28, 3, 14, 50)).toEqual([58, 72]);
    expect(rollingOrigins(40, 28, 3, 14, 35)).toEqual([]);
  });
});

describe("backtestModel", () => {
  it("scores the seasonal naive fold by fold on a hand case", () => {
    // Two weeks of 1..7 then a week of 2..8: the naive (lag 7) is off by 1 every day of week 3.
    const week = [1, 2, 3, 4, 5, 6, 7];
    const train = [...week, ...week, ...week.map((v) => v + 1)];
    const ctx = { calendar: ALWAYS_OPEN, limits: DEFAULT_CHECK_LIMITS, autoOrder: null, fitWindow: 182, ensembleMembers: [] };
    const b = backtestModel("seasonal-naive", train, "2011-01-03", [14], 7, createModelRunner("2011-01-03", ctx), () => false);
    // Scale on the first 14 days: |y_t - y_{t-7}| = 0 → MASE undefined; MAE 1.
    expect(b.score).toEqual({ model: "seasonal-naive", folds: 1, mase: null, mae: 1, replaced: 0 });
    expect(b.errors).toEqual([{ from: "2011-01-17", level: 4, errors: [1, 1, 1, 1, 1, 1, 1] }]);
  });
});

describe("chooseModel", () => {
  const s = (model: ModelScore["model"], folds: number, mase: number | null, mae = 1): ModelScore => ({ model, folds, mase, mae, replaced: 0 });
  it("takes the lowest MASE among models scored on the most folds", () => {
    expect(chooseModel([s("seasonal-naive", 3, 1.2), s("holt-winters", 3, 0.9), s("sarima", 2, 0.5)])).toBe("holt-winters");
  });
  it("keeps the earlier model on a tie", () => {
    expect(chooseModel([s("seasonal-naive", 3, 1), s("holt-winters", 3, 1)])).toBe("seasonal-naive");
  });
  it("falls back to MAE when no MASE is defined", () => {
    expect(chooseModel([s("seasonal-naive", 3, null, 2), s("holt-winters", 3, null, 1)])).toBe("holt-winters");
  });
});
