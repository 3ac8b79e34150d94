import pl, { type Series } from "nodejs-polars";
import { describe, expect, it } from "vitest";
import {
  compareIds, dayNumberOf, daysBetween, fmtDecimal, fmtPct, fmtShare, isoDayOf, isoDayOfNumber, median, numbers, nullableNumbers, ordinal,
  mapRuns, strptimeExact, parseIsoDay, quantile, quantileSorted, round, shareOrNull, startOfDay, strings, sum,
} from "../../src/util/index";

describe("quantiles (type 7)", () => {
  it("interpolates between order statistics", () => {
    // x = [1, 2, 3, 4]: p = 0.5 -> h = 1.5 -> 2 + 0.5 (3 - 2) = 2.5; p = 0.25 -> h = 0.75 -> 1.75
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(median([3, 1, 2])).toBe(2);
    expect(quantile([NaN, 5], 0.5)).toBe(5);
    expect(quantile([], 0.5)).toBeNaN();
  });
  it("covers the whole range (the forecasts' interval quantiles, formerly empiricalQuantile)", () => {
    // sorted 1, 2, 3, 4: h = 3p.
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0.9)).toBeCloseTo(3.7, 12); // h = 2.7 -> 3 + 0.7 (4 - 3)
    expect(quantile([4, 1, 3, 2], 1)).toBe(4);
    expect(quantile([7], 0.3)).toBe(7);
  });
  it("gives the products' quadrant cuts (formerly quantileOfValues)", () => {
    // sorted 2, 10, 30, 50: h = 3 x 0.5 = 1.5 -> 10 + 0.5 x 20 = 20
    expect(quantile([50, 30, 10, 2], 0.5)).toBe(20);
    // h = 3 x 0.25 = 0.75 -> 2 + 0.75 x 8 = 8
    expect(quantile([50, 30, 10, 2], 0.25)).toBe(8);
  });
  it("refuses p outside [0, 1]", () => {
    expect(() => quantile([1], 1.5)).toThrow(/\[0, 1\]/);
  });
});

describe("days", () => {
  it("counts calendar days, not 24-hour spans", () => {
    // 2010-12-01 23:59 to 2010-12-02 00:01 is two minutes but one calendar day
    expect(daysBetween(Date.UTC(2010, 11, 1, 23, 59), Date.UTC(2010, 11, 2, 0, 1))).toBe(1);
    // 1997-01-01 to 1997-09-30: 31+28+31+30+31+30+31+31+29 = 272 days
    expect(daysBetween(new Date("1997-01-01"), new Date("1997-09-30"))).toBe(272);
    expect(dayNumberOf(Date.UTC(2010, 11, 1, 8, 26))).toBe(14944);
    expect(isoDayOfNumber(14944)).toBe("2010-12-01");
    expect(isoDayOf(new Date("2011-12-09T12:50:00Z"))).toBe("2011-12-09");
    expect(startOfDay(Date.UTC(2011, 0, 2, 5)).toISOString()).toBe("2011-01-02T00:00:00.000Z");
  });
  it("parses ISO days and refuses impossible ones with the option's name", () => {
    expect(parseIsoDay("1970-01-02")).toBe(1);
    expect(() => parseIsoDay("2011-02-30", "--cutoff")).toThrow('--cutoff must be a calendar day written YYYY-MM-DD (e.g. 2011-12-09), not "2011-02-30".');
  });
});

describe("ids, numbers, formatting", () => {
  it("orders ids naturally", () => {
    expect(["10", "9", "A", "10A", "9A"].sort(compareIds)).toEqual(["9", "10", "10A", "9A", "A"]);
  });
  it("rounds half away from zero, despite binary fractions", () => {
    expect(round(2.345, 2)).toBe(2.35); // 2.345 * 100 = 234.49999999999997 in binary
    expect(round(-2.5)).toBe(-3);
    expect(round(1234.5678, 1)).toBe(1234.6);
  });
  it("shares, sums, ordinals", () => {
    expect(shareOrNull(1, 4)).toBe(0.25);
    expect(shareOrNull(1, 0)).toBeNull();
    expect(fmtShare(null)).toBe("n/a");
    expect(fmtDecimal(1.04321)).toBe("1.043"); // 3 decimals by default
    expect(fmtDecimal(0.5, 1)).toBe("0.5");
    expect(fmtDecimal(null)).toBe("n/a");
    expect(fmtDecimal(null, 3, "-")).toBe("-");
    expect(fmtPct(0.1234)).toBe("12.3%");
    expect(sum([0.1, 0.2, 0.3])).toBe(0.1 + 0.2 + 0.3);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111].map(ordinal)).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st", "111th"]);
  });
});

describe("typed column readers", () => {
  const df = pl.DataFrame({ x: [1, 2, null], s: ["a", "b", "c"] }).withColumns(pl.col("x").cast(pl.Int64).alias("i"));
  it("read the type the column holds", () => {
    expect(nullableNumbers(df, "x")).toEqual([1, 2, null]);
    expect(nullableNumbers(df, "i")).toEqual([1, 2, null]);
    expect(strings(df, "s")).toEqual(["a", "b", "c"]);
  });
  it("refuse the wrong type, gaps and unknown columns loudly", () => {
    expect(() => numbers(df, "x")).toThrow("column x is null at row 3");
    expect(() => numbers(df, "s")).toThrow("column s holds String, not numbers");
    expect(() => strings(df, "x")).toThrow("column x holds Float64, not text");
    expect(() => strings(df, "nope")).toThrow('no column "nope"');
  });
});

describe("mapRuns", () => {
  it("applies f once per run of equal consecutive values and repeats its result over the run", () => {
    const seen: unknown[][] = [];
    const upper = (firsts: Series) => (seen.push(firsts.toArray()), pl.Series(firsts.toArray().map((v) => (v === null ? null : String(v).toUpperCase()))));
    // runs: a a | b | a | null | null | c c c  -> f sees a, b, a, null, null, c (6 values for 9)
    const values = pl.Series("t", ["a", "a", "b", "a", null, null, "c", "c", "c"]);
    const out = mapRuns(values, upper);
    expect(out.toArray()).toEqual(["A", "A", "B", "A", null, null, "C", "C", "C"]);
    expect(out.name).toBe("t");
    expect(seen).toEqual([["a", "b", "a", null, null, "c"]]);
  });
  it("keeps the type f returns, and handles one value and none", () => {
    const dates = mapRuns(pl.Series("d", ["2011-01-02", "2011-01-02", "2011-01-03"]), (f) => f.str.strptime(pl.Date, "%Y-%m-%d"));
    expect(String(dates.dtype)).toBe("DataType(Date)");
    expect(dates.toArray().map((d) => (d as unknown as Date).toISOString().slice(0, 10))).toEqual(["2011-01-02", "2011-01-02", "2011-01-03"]);
    expect(mapRuns(pl.Series("x", ["q"]), (f) => f.str.lengths()).toArray()).toEqual([1]);
    expect(mapRuns(pl.Series("x", [] as string[]), (f) => f).length).toBe(0);
  });
  it("refuses an f that does not return one value per run", () => {
    expect(() => mapRuns(pl.Series("x", ["a", "b"]), (f) => f.head(1))).toThrow(/1 values for 2 runs/);
  });
});

describe("strptimeExact", () => {
  it("parses text that is exactly the format, to microseconds, and nothing else", () => {
    const texts = ["2024-02-29 23:59:59", "1969-12-31 23:59:59", "2023-02-29 00:00:00", "2023-01-05 10:20:30 ", "2023-01-05 10:20:30.5", "2023-01-05T10:20:30", "2023-13-01 00:00:00", null];
    const us = pl.DataFrame({ t: texts }).select(strptimeExact(pl.col("t"), "%Y-%m-%d %H:%M:%S").cast(pl.Int64).alias("us")).getColumn("us").toArray().map((x) => (x === null ? null : Number(x)));
    // 2024-02-29 23:59:59 UTC = Date.UTC(2024, 1, 29, 23, 59, 59) ms = 1,709,251,199,000 ms; one second before 1970 = -1,000,000 us;
    // 29 February 2023 does not exist; a trailing space, a fraction, a T and month 13 do not match the format
    expect(us).toEqual([Date.UTC(2024, 1, 29, 23, 59, 59) * 1000, -1_000_000, null, null, null, null, null, null]);
  });
});
