import { describe, expect, it } from "vitest";
import { empiricalQuantile } from "../../src/forecasts/quantile";

describe("empiricalQuantile (type 7)", () => {
  it("interpolates between order statistics", () => {
    // sorted 1, 2, 3, 4: h = 3p.
    expect(empiricalQuantile([4, 1, 3, 2], 0)).toBe(1);
    expect(empiricalQuantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(empiricalQuantile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 12);
    expect(empiricalQuantile([4, 1, 3, 2], 1)).toBe(4);
    expect(empiricalQuantile([7], 0.3)).toBe(7);
    expect(empiricalQuantile([], 0.5)).toBeNull();
  });
});
