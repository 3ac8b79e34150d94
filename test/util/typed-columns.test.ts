import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { float64Column } from "../../src/util/index";

describe("float64Column", () => {
  it("reads integer and float columns as a Float64Array", () => {
    const df = pl.DataFrame({ x: [1, 2.5], n: pl.Series("n", [3, 4], pl.Int32) });
    expect(Array.from(float64Column(df, "x"))).toEqual([1, 2.5]);
    const n = float64Column(df, "n");
    expect(n).toBeInstanceOf(Float64Array);
    expect(Array.from(n)).toEqual([3, 4]);
  });
  it("throws for a missing column, text, or a null, naming the column and row", () => {
    const df = pl.DataFrame({ t: ["a", "b"], g: [1, null] });
    expect(() => float64Column(df, "nope")).toThrow(/no column "nope"/);
    expect(() => float64Column(df, "t")).toThrow(/not numbers/);
    expect(() => float64Column(df, "g")).toThrow(/column g is null at row 2/);
  });
});
