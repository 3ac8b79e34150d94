import { describe, expect, it } from "vitest";
import pl from "nodejs-polars";
import { demandQuantile, stockCheck, stockLevels, stockingQuantity } from "../../src/forecasts/stock";
import type { FailedForecast, SeriesForecast } from "../../src/forecasts/types";

/**
 * A hand-made result: 7 forecast days of 10 units (Saturday closed, Sunday 5), level 2, and one
 * backtest fold of level 1 with errors 2, -2, 0, 4, -4, (closed), 6, -6.
 */
function result(id: string): SeriesForecast {
  const dates = ["2011-12-05", "2011-12-06", "2011-12-07", "2011-12-08", "2011-12-09", "2011-12-10", "2011-12-11"];
  return {
    seriesId: id,
    status: "ok",
    notes: [],
    chosenModel: "holt-winters",
    autoOrder: null,
    backtest: [],
    replacements: [],
    holdout: null,
    forecast: {
      seriesId: id,
      model: "holt-winters",
      dates,
      point: [10, 10, 10, 10, 10, 0, 5],
      closed: [false, false, false, false, false, true, false],
      intervals: [],
    },
    errorSamples: [{ from: "2011-11-01", level: 1, errors: [2, -2, 0, 4, -4, null, 6, -6] }],
    level: 2,
  };
}

describe("demandQuantile", () => {
  it("adds level × the quantile of relative errors of span totals to the summed point", () => {
    // One-day relative errors (open days): -6 -4 -2 0 2 4 6; Q(.9) = 4.8 → 10 + 2·4.8 = 19.6 → 20.
    expect(demandQuantile(result("A"), 1, 0.9)).toBe(20);
    // Q(.5) = 0 → 10.
    expect(demandQuantile(result("A"), 1, 0.5)).toBe(10);
    // 7-day windows: totals 6 and -2; Q(.9) = 5.2 → 55 + 10.4 = 65.4 → 66.
    expect(demandQuantile(result("A"), 7, 0.9)).toBe(66);
  });
  it("scales the longest fold's span quantile for spans beyond the folds", () => {
    const r = result("A");
    r.errorSamples = [{ from: "2011-11-01", level: 1, errors: [2, -2, 0, 4] }]; // 4-day folds
    // 7-day span: 4-day window totals (one: 4), Q = 4 × 7/4 = 7 → 55 + 2·7 = 69.
    expect(demandQuantile(r, 7, 0.9)).toBe(69);
  });
  it("needs nothing on a closed day", () => {
    expect(demandQuantile(result("A"), 1, 0.99, 5)).toBe(0);
  });
  it("rejects spans outside the forecast and silly service levels", () => {
    expect(() => demandQuantile(result("A"), 8, 0.9)).toThrow(/outside the 7-day forecast/);
    expect(() => demandQuantile(result("A"), 1, 1)).toThrow(/service level/);
  });
});

describe("stockingQuantity", () => {
  it("answers for tomorrow and the next 7 days", () => {
    expect(stockingQuantity(result("A"), 0.9)).toEqual({
      seriesId: "A",
      serviceLevel: 0.9,
      tomorrow: "2011-12-05",
      tomorrowUnits: 20,
      weekFrom: "2011-12-05",
      weekTo: "2011-12-11",
      weekUnits: 66,
    });
  });
});

describe("stockCheck", () => {
  it("sorts products into runs-out, at-risk, overstock, ok and no-forecast", () => {
    const failed: FailedForecast = { seriesId: "F", status: "failed", userError: true, error: "too short" };
    const results = [result("OK"), result("OUT"), result("RISK"), result("OVER"), failed, result("UNKNOWN")];
    const check = stockCheck(results, { OK: 100, OUT: 25, RISK: 60, OVER: 1000, F: 3 }, { serviceLevel: 0.9 });
    expect(check.map((c) => [c.seriesId, c.state])).toEqual([
      ["OUT", "runs-out"], // cumulative 10, 20, 30 > 25 on the third day
      ["RISK", "at-risk"], // covers the expected 55, not the 66 at 90%
      ["OVER", "overstock"], // more than 2 × 66
      ["OK", "ok"],
      ["F", "no-forecast"],
    ]);
    expect(check[0]).toMatchObject({ runsOutOn: "2011-12-07", daysOfCover: 2, expectedDemand: 55, demandAtServiceLevel: 66 });
    expect(check[3]).toMatchObject({ runsOutOn: null, daysOfCover: 7 });
  });
  it("rejects a negative stock", () => {
    expect(() => stockCheck([result("A")], { A: -1 })).toThrow(/must be a number >= 0/);
  });
});

describe("stockLevels", () => {
  it("reads stockCode and stockLevel, skipping unknown levels", () => {
    const products = pl.DataFrame({ stockCode: ["A", "B", "C"], stockLevel: [5, null, 0] });
    expect(stockLevels(products)).toEqual({ A: 5, C: 0 });
    expect(() => stockLevels(pl.DataFrame({ stockCode: ["A"] }))).toThrow(/no column "stockLevel"/);
  });
});
