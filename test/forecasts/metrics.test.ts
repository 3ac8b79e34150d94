import { describe, expect, it } from "vitest";
import { accuracy, coverage, mae, mase, rmse, seasonalNaiveScale, wape } from "../../src/forecasts/metrics";

// actual [2, 4, 6], forecast [3, 3, 3]: errors -1, 1, 3.
const actual = [2, 4, 6];
const forecast = [3, 3, 3];

describe("metrics", () => {
  it("MAE = mean |e|", () => {
    expect(mae(actual, forecast)).toBe(5 / 3);
    expect(mae([], [])).toBeNull();
  });
  it("RMSE = sqrt(mean e²)", () => {
    expect(rmse(actual, forecast)).toBeCloseTo(Math.sqrt(11 / 3), 12);
  });
  it("WAPE = Σ|e| / Σ|actual|", () => {
    expect(wape(actual, forecast)).toBe(5 / 12);
    expect(wape([0, 0], [1, 1])).toBeNull();
  });
  it("MASE scale = mean |y_t - y_{t-lag}| over the history", () => {
    // history 1, 2, 4, 8 with lag 1: differences 1, 2, 4 → scale 7/3.
    expect(seasonalNaiveScale([1, 2, 4, 8], 1)).toBe(7 / 3);
    expect(mase(actual, forecast, [1, 2, 4, 8], 1)).toBeCloseTo(5 / 3 / (7 / 3), 12);
    expect(seasonalNaiveScale([1, 2], 7)).toBeNull();
    expect(mase(actual, forecast, [5, 5, 5], 1)).toBeNull(); // constant history: scale 0
  });
  it("MASE of the in-sample seasonal naive itself is 1", () => {
    const history = [1, 2, 3, 4, 5, 6, 7, 2, 2, 3, 5, 5, 6, 9];
    // Forecast y_t by y_{t-7} for the second week: MAE equals the scale.
    expect(mase(history.slice(7), history.slice(0, 7), history, 7)).toBe(1);
  });
  it("coverage counts actual inside [lower, upper], on included days only", () => {
    expect(coverage([1, 5, 9], [0, 0, 0], [2, 5, 8])).toBe(2 / 3);
    expect(coverage([1, 5, 9], [0, 0, 0], [2, 5, 8], [true, false, false])).toBe(1);
    expect(coverage([1], [0], [2], [false])).toBeNull();
  });
  it("accuracy gathers the four", () => {
    expect(accuracy(actual, forecast, [1, 2, 4, 8], 1)).toEqual({
      mae: 5 / 3,
      rmse: rmse(actual, forecast),
      mase: mase(actual, forecast, [1, 2, 4, 8], 1),
      wape: 5 / 12,
    });
  });
  it("refuses misaligned arrays", () => {
    expect(() => mae([1], [1, 2])).toThrow(/1 values but forecast has 2/);
  });
});
