import { describe, expect, it } from "vitest";
import { intervalsFromErrors, recentLevel, relativeErrors, relativeWindowTotalErrors } from "../../src/forecasts/intervals";
import type { ErrorSample } from "../../src/forecasts/types";

describe("recentLevel", () => {
  it("is the mean of the last days, else of all, else 1", () => {
    expect(recentLevel([100, 1, 2, 3], 3)).toBe(2);
    expect(recentLevel([6, 0, 0], 2)).toBe(2);
    expect(recentLevel([0, 0], 2)).toBe(1);
  });
});

const samples: ErrorSample[] = [
  { from: "2011-01-03", level: 2, errors: [2, -2, null, 4] },
  { from: "2011-01-10", level: 4, errors: [0, 8, null, -4] },
];

describe("relativeErrors", () => {
  it("divides each error by its fold's level and drops closed days", () => {
    expect(relativeErrors(samples)).toEqual([1, -1, 2, 0, 2, -1]);
  });
});

describe("intervalsFromErrors", () => {
  it("adds level × the relative-error quantiles to the point, 0 on closed days, clipped at 0", () => {
    // relative errors sorted: -1 -1 0 1 2 2; 50% central: Q(.25) = -0.75, Q(.75) = 1.75.
    const [iv] = intervalsFromErrors([10, 1, 5], samples, 2, [false, false, true], [0.5], true);
    expect(iv.level).toBe(0.5);
    expect(iv.lower).toEqual([10 - 1.5, 0, 0]);
    expect(iv.upper).toEqual([10 + 3.5, 1 + 3.5, 0]);
  });
  it("collapses to the point without errors", () => {
    const [iv] = intervalsFromErrors([3], [], 1, [false], [0.8], true);
    expect(iv.lower).toEqual([3]);
    expect(iv.upper).toEqual([3]);
  });
});

describe("relativeWindowTotalErrors", () => {
  it("sums errors over windows of consecutive days, closed days as 0", () => {
    // Fold 1 windows of 2: (2-2)/2 = 0, (-2+0)/2 = -1, (0+4)/2 = 2. Fold 2: 8/4 = 2, 8/4 = 2, -4/4 = -1.
    expect(relativeWindowTotalErrors(samples, 2)).toEqual([0, -1, 2, 2, 2, -1]);
    expect(relativeWindowTotalErrors(samples, 5)).toEqual([]);
    expect(relativeWindowTotalErrors([{ from: "x", level: 1, errors: [null, 3] }], 1)).toEqual([3]);
  });
});
