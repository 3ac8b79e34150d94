import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { featureMatrix, log1pColumns, standardize } from "../../src/clusters";
import { userErrorOf } from "./helpers";

describe("log1pColumns", () => {
  it("replaces the named columns by ln(1 + x) and leaves the others", () => {
    const df = pl.DataFrame({ id: ["a", "b", "c"], x: [0, Math.E - 1, 1e-20], y: [1, 2, 3] });
    const out = log1pColumns(df, ["x"]);
    expect(out.getColumn("x").toArray()).toEqual([0, 1, 1e-20]); // log1p keeps tiny values exact
    expect(out.getColumn("y").toArray()).toEqual([1, 2, 3]);
    expect(out.columns).toEqual(["id", "x", "y"]);
  });

  it("names the column and row of a value where log1p is undefined", () => {
    const df = pl.DataFrame({ x: [1, -1, 2] });
    expect(userErrorOf(() => log1pColumns(df, ["x"]))).toBe('Column "x" is -1 on row 1: log1p needs numbers greater than -1.');
    expect(userErrorOf(() => log1pColumns(df, ["z"]))).toMatch(/no column "z"/);
  });
});

describe("standardize", () => {
  it("centres each feature and divides by the population standard deviation", () => {
    // Feature 0: 1, 2, 3 -> mean 2, population std sqrt(2/3). Feature 1: 10, 10, 40 -> mean 20, std sqrt(200).
    const r = standardize([[1, 10], [2, 10], [3, 40]]);
    expect(r.means).toEqual([2, 20]);
    expect(r.stds[0]).toBeCloseTo(Math.sqrt(2 / 3), 14);
    expect(r.stds[1]).toBeCloseTo(Math.sqrt(200), 12);
    const s = Math.sqrt(3 / 2);
    expect(r.points.map((p) => p[0])).toEqual([-s, 0, s].map((x) => expect.closeTo(x, 14)));
    expect(r.points[2][1]).toBeCloseTo(20 / Math.sqrt(200), 14);
  });

  it("rejects a constant feature, and NaN or infinite values naming the feature and the row", () => {
    const names = { featureNames: ["recency", "frequency"], rowIds: ["12346", "12347", "12348"] };
    expect(userErrorOf(() => standardize([[1, 5], [2, 5], [3, 5]], names))).toBe(
      'Feature "frequency" is constant (every value is 5): it cannot be standardised; drop it before clustering.',
    );
    expect(userErrorOf(() => standardize([[1, 5], [2, 6], [NaN, 5]], names))).toBe(
      'Feature "recency" is NaN on row 2 (12348): every value must be a finite number (fill or drop that row first).',
    );
    expect(userErrorOf(() => standardize([[1, 5], [2, -Infinity]]))).toMatch(/Feature 1 is -Infinity on row 1/);
    expect(userErrorOf(() => standardize([[1, 5], [2]]))).toMatch(/row 1 has 1 values but row 0 has 2/);
  });
});

describe("featureMatrix", () => {
  it("takes the named columns as rows, naming the customer of a missing value", () => {
    const df = pl.DataFrame({ customerId: ["a", "b"], recency: [3, 4], monetary: [10.5, null] });
    expect(featureMatrix(df.head(1), ["monetary", "recency"])).toEqual([[10.5, 3]]);
    expect(userErrorOf(() => featureMatrix(df, ["recency", "monetary"], "customerId"))).toBe(
      'Column "monetary" is null on row 1 (b): every feature value must be a finite number (fill or drop that row first).',
    );
  });
});
