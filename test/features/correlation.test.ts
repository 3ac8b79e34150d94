import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { correlationMatrix, pearson, strongestCorrelation } from "../../src/features/correlation";
import { clusterPoints } from "../../src/clusters/prepare";

describe("pearson", () => {
  it("is 1 for a line, -1 for a falling line, and the hand value otherwise", () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    // x = 1,2,3 (dev -1,0,1), y = 1,3,2 (dev -1,1,0): sxy = 1, sxx = 2, syy = 2 -> r = 0.5
    expect(pearson([1, 2, 3], [1, 3, 2])).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(pearson([1, 1, 1], [1, 2, 3]))).toBe(true);
  });
});

describe("correlationMatrix", () => {
  const df = pl.DataFrame({ customerId: ["a", "b", "c"], x: [1, 2, 3], y: [1, 3, 2], z: [3, 2, 1] });
  it("is symmetric with ones on the diagonal, and names the strongest pair", () => {
    const m = correlationMatrix(df, ["x", "y", "z"]);
    expect(m.z[0][1]).toBeCloseTo(0.5, 12);
    expect(m.z[1][0]).toBeCloseTo(0.5, 12);
    expect(m.z[2][2]).toBeCloseTo(1, 12);
    expect(strongestCorrelation(m)).toMatchObject({ a: "x", b: "z" });
    expect(strongestCorrelation(m).r).toBeCloseTo(-1, 12);
  });
});

describe("clusterPoints", () => {
  it("log1p then standardises each column to mean 0, population sd 1", () => {
    // x = 0, e-1, e^2-1 -> log1p = 0, 1, 2 -> mean 1, population sd sqrt(2/3)
    const df = pl.DataFrame({ customerId: ["a", "b", "c"], x: [0, Math.E - 1, Math.E ** 2 - 1], y: [1, 2, 3] });
    const p = clusterPoints(df, ["x", "y"], ["x"]);
    const s = Math.sqrt(2 / 3);
    expect(p.map((r) => r[0])).toEqual([expect.closeTo(-1 / s, 9), expect.closeTo(0, 9), expect.closeTo(1 / s, 9)]);
    expect(p.map((r) => r[1])).toEqual([expect.closeTo(-1 / s, 9), expect.closeTo(0, 9), expect.closeTo(1 / s, 9)]);
  });
});
