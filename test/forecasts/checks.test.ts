import { describe, expect, it } from "vitest";
import { forecastProblem } from "../../src/forecasts/checks";

const history = [0, 10, 20, -5];
const limits = { boundFactor: 3, residualFactor: 2 };

describe("forecastProblem", () => {
  it("accepts a finite, bounded forecast with a sane one-step error", () => {
    expect(forecastProblem(history, [0, 60, -60], 9, 5, limits)).toBeNull();
    expect(forecastProblem(history, [1], null, null, limits)).toBeNull();
  });
  it("rejects NaN and infinities", () => {
    expect(forecastProblem(history, [1, NaN], 1, 1, limits)).toMatch(/not a finite number at step 2/);
    expect(forecastProblem(history, [Infinity], 1, 1, limits)).toMatch(/step 1/);
  });
  it("rejects values beyond boundFactor × the largest |history|", () => {
    expect(forecastProblem(history, [60.01], 1, 1, limits)).toMatch(/outside ±3 × the history's largest value \(20\)/);
    expect(forecastProblem(history, [-5289], 1, 1, limits)).toMatch(/-5289/);
  });
  it("rejects a one-step error beyond residualFactor × the naive's", () => {
    expect(forecastProblem(history, [1], 10.01, 5, limits)).toMatch(/exceeds 2 × the seasonal naive's/);
    expect(forecastProblem(history, [1], 1e25, 5, limits)).toMatch(/1\.00e\+25/);
    expect(forecastProblem(history, [1], NaN, 5, limits)).toMatch(/not finite/);
    expect(forecastProblem(history, [1], 1e9, 0, limits)).toBeNull(); // naive error 0: no yardstick
  });
});
