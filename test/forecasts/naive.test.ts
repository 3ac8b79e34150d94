import { describe, expect, it } from "vitest";
import { seasonalNaive, seasonalNaiveRmse } from "../../src/forecasts/naive";

describe("seasonalNaive", () => {
  it("repeats the last season", () => {
    expect(seasonalNaive([9, 1, 2, 3], 3, 5)).toEqual([1, 2, 3, 1, 2]);
  });
  it("needs a whole season", () => {
    expect(() => seasonalNaive([1, 2], 3, 1)).toThrow(/needs 3 values/);
  });
  it("has the RMS of the seasonal differences as in-sample error", () => {
    // lag 2: differences 2, -4 → sqrt((4 + 16) / 2)
    expect(seasonalNaiveRmse([1, 5, 3, 1], 2)).toBeCloseTo(Math.sqrt(10), 12);
    expect(seasonalNaiveRmse([1, 5], 2)).toBeNull();
  });
});
