import { describe, expect, it } from "vitest";
import { holdoutMase, meanHoldoutMase, pooledCoverage, resultsFrame } from "../../src/forecasts/summary";
import type { FailedForecast, SeriesForecast } from "../../src/forecasts/types";

/** A result with a 3-day holdout (third day closed), chosen MASE `chosen`, naive MASE `naive`. */
function result(id: string, chosen: number | null, naive: number | null, actual: number[]): SeriesForecast {
  const m = (mase: number | null) => ({ mae: 1, rmse: 1, mase, wape: 0.1 });
  return {
    seriesId: id,
    status: "ok",
    notes: [],
    chosenModel: "holt-winters",
    autoOrder: null,
    backtest: [{ model: "holt-winters", folds: 3, mase: 0.9, mae: 1, replaced: 0 }],
    replacements: [],
    holdout: {
      dates: ["2011-12-01", "2011-12-02", "2011-12-03"],
      actual,
      byModel: [
        { model: "seasonal-naive", point: [0, 0, 0], metrics: m(naive), replaced: false },
        { model: "holt-winters", point: [0, 0, 0], metrics: m(chosen), replaced: false },
      ],
      forecast: {
        seriesId: id,
        model: "holt-winters",
        dates: ["2011-12-01", "2011-12-02", "2011-12-03"],
        point: [5, 5, 0],
        closed: [false, false, true],
        intervals: [{ level: 0.8, lower: [4, 4, 0], upper: [6, 6, 0] }],
      },
      metrics: m(chosen),
      coverage: [{ level: 0.8, coverage: 0.5 }],
    },
    forecast: { seriesId: id, model: "holt-winters", dates: [], point: [], closed: [], intervals: [] },
    errorSamples: [],
    level: 1,
  };
}
const failed: FailedForecast = { seriesId: "F", status: "failed", userError: true, error: "too short" };
const results = [result("A", 0.8, 1.2, [5, 9, 0]), result("B", 1.0, null, [4, 6, 0]), failed, result("C", 0.6, 1.0, [1, 9, 0])];

describe("summaries", () => {
  it("reads a model's held-out MASE", () => {
    expect(holdoutMase(results[0] as SeriesForecast, "chosen")).toBe(0.8);
    expect(holdoutMase(results[0] as SeriesForecast, "seasonal-naive")).toBe(1.2);
    expect(holdoutMase(results[0] as SeriesForecast, "sarima")).toBeNull();
  });
  it("averages MASE over the series where every compared model has one", () => {
    const all = meanHoldoutMase(results, "chosen");
    expect(all.series).toBe(3);
    expect(all.mean as number).toBeCloseTo((0.8 + 1.0 + 0.6) / 3, 12);
    const both = (m: "chosen" | "seasonal-naive") => meanHoldoutMase(results, m, ["chosen", "seasonal-naive"]);
    expect(both("chosen").series).toBe(2); // B has no naive MASE
    expect(both("chosen").mean as number).toBeCloseTo(0.7, 12);
    expect(both("seasonal-naive").mean as number).toBeCloseTo(1.1, 12);
  });
  it("pools coverage over open held-out days of all series", () => {
    // Open days: A 5 in, 9 out; B 4 in, 6 in; C 1 out, 9 out → 3 of 6.
    expect(pooledCoverage(results, 0.8)).toEqual({ level: 0.8, inside: 3, days: 6, coverage: 0.5 });
    expect(pooledCoverage(results, 0.95).coverage).toBeNull();
  });
  it("tabulates one row per result, failures included", () => {
    const f = resultsFrame(results);
    expect(f.getColumn("seriesId").toArray()).toEqual(["A", "B", "F", "C"]);
    expect(f.getColumn("holdoutMase").toArray()).toEqual([0.8, 1.0, null, 0.6]);
    expect(f.getColumn("note").toArray()).toEqual([null, null, "too short", null]);
  });
});
