import { describe, expect, it } from "vitest";
import { forecastSeries, resolveOptions, tryForecastSeries, validateSeries } from "../../src/forecasts/forecast";
import { MODEL_NAMES, type SeriesForecast } from "../../src/forecasts/types";
import { isoWeekday } from "../../src/util/index";
import { allNumbers, SATURDAYS_CLOSED, syntheticSeries } from "./synthetic";

const options = { calendar: SATURDAYS_CLOSED, models: MODEL_NAMES };

describe("forecastSeries on a weekly Poisson series", () => {
  const series = syntheticSeries(140);
  const r = forecastSeries(series, options);

  it("backtests every model, chooses one, scores the holdout and forecasts ahead", () => {
    expect(r.status).toBe("ok");
    expect(r.backtest.map((b) => b.model)).toEqual(MODEL_NAMES);
    expect(r.backtest.every((b) => b.folds === 3)).toBe(true);
    expect(MODEL_NAMES).toContain(r.chosenModel);
    const best = Math.min(...r.backtest.map((b) => b.mase as number));
    expect(r.backtest.find((b) => b.model === r.chosenModel)?.mase).toBe(best);
    expect(r.holdout?.dates[0]).toBe("2011-04-25"); // day 112 = 140 - 28
    expect(r.holdout?.actual).toEqual(series.values.slice(112));
    expect(r.forecast.dates.length).toBe(28);
    expect(r.forecast.dates[0]).toBe("2011-05-23"); // day 140
    expect(r.errorSamples.length).toBe(3);
  });

  it("forecasts 0 on closed Saturdays and never below 0", () => {
    r.forecast.dates.forEach((d, h) => {
      if (isoWeekday(d) === 6) {
        expect(r.forecast.point[h]).toBe(0);
        expect(r.forecast.closed[h]).toBe(true);
        for (const iv of r.forecast.intervals) expect([iv.lower[h], iv.upper[h]]).toEqual([0, 0]);
      } else {
        expect(r.forecast.closed[h]).toBe(false);
      }
    });
    for (const v of r.forecast.point) expect(v).toBeGreaterThanOrEqual(0);
  });

  it("nests the 80% interval inside the 95% one", () => {
    const [i80, i95] = r.forecast.intervals;
    expect([i80.level, i95.level]).toEqual([0.8, 0.95]);
    r.forecast.point.forEach((_, h) => {
      expect(i95.lower[h]).toBeLessThanOrEqual(i80.lower[h]);
      expect(i80.lower[h]).toBeLessThanOrEqual(i80.upper[h]);
      expect(i80.upper[h]).toBeLessThanOrEqual(i95.upper[h]);
    });
  });

  it("beats the seasonal naive on noisy demand, in backtest and holdout", () => {
    const naive = r.backtest.find((b) => b.model === "seasonal-naive")?.mase as number;
    expect(r.backtest.find((b) => b.model === r.chosenModel)?.mase as number).toBeLessThan(naive);
    const naiveHoldout = r.holdout?.byModel.find((b) => b.model === "seasonal-naive")?.metrics.mase as number;
    expect(r.holdout?.metrics.mase as number).toBeLessThan(naiveHoldout);
  });

  it("has no NaN or infinity anywhere", () => {
    for (const v of allNumbers(r)) expect(Number.isFinite(v)).toBe(true);
  });

  it("is deterministic", () => {
    expect(forecastSeries(series, options)).toEqual(r);
  });

  it("never looks at the held-out days to choose", () => {
    const changed = { ...series, values: [...series.values.slice(0, 112), ...series.values.slice(112).map((v) => v * 5 + 3)] };
    const c = forecastSeries(changed, options);
    expect(c.chosenModel).toBe(r.chosenModel);
    expect(c.backtest).toEqual(r.backtest);
    expect(c.holdout?.forecast.point).toEqual(r.holdout?.forecast.point);
  });
});

describe("model replacement", () => {
  it("replaces every fitted model failing its check by the seasonal naive, with the reason", () => {
    const r = forecastSeries(syntheticSeries(140), { ...options, checks: { boundFactor: 0.001, residualFactor: 3 } });
    const reasons = (model: string) => [...new Set(r.replacements.filter((x) => x.model === model).map((x) => x.reason.replace(/[-\d.e+]+ at step \d+/, "X")))];
    expect([...new Set(r.replacements.map((x) => x.model))].sort()).toEqual(["auto-sarima", "ensemble", "holt-winters", "sarima"]);
    expect(reasons("holt-winters")[0]).toMatch(/forecast X is outside ±0.001 × the history's largest value/);
    expect(r.autoOrder).toBeNull(); // no candidate order passes the check either
    expect(reasons("auto-sarima")).toEqual(["fit failed: no SARIMA order passed the AIC search"]);
    expect(reasons("ensemble")).toEqual(["every ensemble member was replaced"]);
    expect(r.replacements.map((x) => x.stage)).toContain("holdout");
    // Every model then forecasts like the naive; the tie goes to the naive.
    expect(r.chosenModel).toBe("seasonal-naive");
    expect(r.forecast.model).toBe("seasonal-naive");
  });
});

describe("bad input", () => {
  it("rejects fewer than two weeks", () => {
    expect(() => forecastSeries({ id: "s", start: "2011-01-03", values: new Array(13).fill(1) })).toThrow(/13 days; forecasting needs at least two weeks/);
  });
  it("names a gap at the end", () => {
    const values = [...syntheticSeries(60).values.slice(0, 55), NaN, NaN, NaN, NaN, NaN];
    expect(() => validateSeries({ id: "g", start: "2011-01-03", values })).toThrow(/no values from 2011-02-27 to its end 2011-03-03 \(a gap at the end\)/);
  });
  it("names a missing value inside", () => {
    const values = syntheticSeries(60).values;
    values[10] = NaN;
    expect(() => forecastSeries({ id: "m", start: "2011-01-03", values })).toThrow(/no value on 2011-01-13/);
  });
  it("rejects a horizon <= 0 and other impossible options", () => {
    expect(() => forecastSeries(syntheticSeries(60), { horizon: 0 })).toThrow(/horizon must be a whole number of days >= 1, got 0/);
    expect(() => resolveOptions({ horizon: -3 })).toThrow(/got -3/);
    expect(() => resolveOptions({ horizon: 1.5 })).toThrow(/got 1.5/);
    expect(() => resolveOptions({ holdout: -1 })).toThrow(/holdout/);
    expect(() => resolveOptions({ levels: [1.2] })).toThrow(/between 0 and 1/);
    expect(() => resolveOptions({ models: ["prophet" as never] })).toThrow(/Unknown model "prophet"/);
    expect(() => resolveOptions({ calendar: { closedWeekdays: [1, 2, 3, 4, 5, 6, 7], closedDates: [], closedRuns: [] } })).toThrow(/closes every weekday/);
  });
  it("forecasts an all-zero series as 0 with zero-width intervals (documented fallback)", () => {
    const r = forecastSeries({ id: "z", start: "2011-01-03", values: new Array(90).fill(0) }, options);
    expect(r.status).toBe("fallback");
    expect(r.notes[0]).toMatch(/constant \(0 every day\)/);
    expect(r.chosenModel).toBe("seasonal-naive");
    expect(r.forecast.point.every((v) => v === 0)).toBe(true);
    expect(r.forecast.intervals.every((iv) => iv.upper.every((v) => v === 0))).toBe(true);
    expect(r.holdout?.metrics.mase).toBeNull(); // scale 0: undefined, not NaN
    for (const v of allNumbers(r)) expect(Number.isFinite(v)).toBe(true);
  });
  it("forecasts a constant series by its value on open days", () => {
    const r = forecastSeries({ id: "c", start: "2011-01-03", values: new Array(90).fill(4) });
    expect(r.status).toBe("fallback");
    expect(r.forecast.point.every((v) => v === 4)).toBe(true);
    for (const v of allNumbers(r)) expect(Number.isFinite(v)).toBe(true);
  });
  it("forecasts 0 for a product that stopped selling (documented fallback)", () => {
    const values = [...syntheticSeries(100).values, ...new Array(40).fill(0)];
    const r = forecastSeries({ id: "s", start: "2011-01-03", values }, options);
    expect(r.status).toBe("fallback");
    expect(r.notes.join(" ")).toMatch(/No sales in the last 28 days/);
    expect(r.forecast.point.every((v) => v === 0)).toBe(true);
  });
  it("skips the backtest of a series too short for it, and the holdout of a shorter one", () => {
    const short = forecastSeries(syntheticSeries(50), options);
    expect(short.status).toBe("fallback");
    expect(short.notes.join(" ")).toMatch(/Too short to backtest/);
    expect(short.backtest).toEqual([]);
    expect(short.holdout).not.toBeNull();
    const shorter = forecastSeries(syntheticSeries(30), options);
    expect(shorter.holdout).toBeNull();
    expect(shorter.notes[0]).toMatch(/Too short to hold out 28 days/);
    for (const v of allNumbers([short, shorter])) expect(Number.isFinite(v)).toBe(true);
  });
  it("turns any failure into a FailedForecast with tryForecastSeries", () => {
    const f = tryForecastSeries({ id: "x", start: "2011-01-03", values: [1] });
    expect(f).toMatchObject({ seriesId: "x", status: "failed", userError: true });
    const g = tryForecastSeries(null as never);
    expect(g).toMatchObject({ status: "failed", userError: false });
  });
});

/** Keeps the type import used (a SeriesForecast is what forecastSeries returns). */
export type Checked = SeriesForecast;
