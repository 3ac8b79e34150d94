import { describe, expect, it } from "vitest";
import { liftChart, logTicks, pValueChart, sampleSizeChart } from "../../src/charts/experiments";
import type { LiftPoint, TradeoffPoint } from "../../src/experiments/index";

const POINTS: TradeoffPoint[] = [
  { mde: 0.02, control: 2213, treatment: 2213, total: 4426 },
  { mde: 0.01, control: 8143, treatment: 8143, total: 16286 },
];

function lift(arm: string, diff: number, lo: number, hi: number, significant: boolean, metric = "conversion", kind: "proportion" | "mean" = "proportion"): LiftPoint {
  return { arm, metric, kind, diff, lo, hi, relativeLift: null, significant, adjustment: null };
}

describe("the sample-size trade-off chart", () => {
  it("customers in all against the MDE, rates in points, on a log axis; the customers available as a dashed line", () => {
    const f = sampleSizeChart(POINTS, { kind: "proportion" }, { available: 5000 });
    expect(f.data[0]).toMatchObject({ x: [2, 1], y: [4426, 16286], customdata: [[2213, 2213], [8143, 8143]] }); // 0.02 -> 2 points
    expect(f.data[1]).toMatchObject({ x: [1, 2], y: [5000, 5000], name: "customers available (5,000)", line: { dash: "dash" } });
    // values 4,426 to 16,286 and the line at 5,000: ticks from the 1-2-5 step below (2,000) to the one above (20,000)
    expect(f.layout?.yaxis).toMatchObject({ type: "log", tickvals: [2000, 5000, 10000, 20000], ticktext: ["2,000", "5,000", "10,000", "20,000"] });
    expect((f.layout?.xaxis as { title: { text: string } }).title.text).toBe("minimum detectable effect (percentage points)");
  });
  it("money MDEs keep their units, and without a segment there is one trace", () => {
    const f = sampleSizeChart([{ mde: 50, control: 300, treatment: 300, total: 600 }], { kind: "mean", currency: "£" });
    expect(f.data).toHaveLength(1);
    expect(f.data[0].x).toEqual([50]);
    expect((f.layout?.xaxis as { title: { text: string } }).title.text).toBe("minimum detectable effect (£ per customer)");
    expect(() => sampleSizeChart([], { kind: "mean" })).toThrow("a sample-size chart needs at least one design");
  });
});

describe("the lift chart", () => {
  it("each arm's difference with its interval as asymmetric error bars, significant arms apart from the others", () => {
    const f = liftChart([lift("Mens", 0.0068, 0.005, 0.0086, true), lift("Womens", 0.0031, -0.001, 0.0047, false)]);
    expect(f.data.map((t) => t.name)).toEqual(["significant", "not significant"]);
    const sig = f.data[0] as { x: number[]; y: string[]; error_x: { array: number[]; arrayminus: number[] } };
    expect(sig.y).toEqual(["Mens"]);
    expect(sig.x[0]).toBeCloseTo(0.68, 12); // points
    expect(sig.error_x.array[0]).toBeCloseTo(0.18, 12); // 0.86 - 0.68
    expect(sig.error_x.arrayminus[0]).toBeCloseTo(0.18, 12); // 0.68 - 0.50
    expect((f.layout?.title as { text: string }).text).toBe("conversion: each arm against the control, with its 95% interval");
  });
  it("draws no empty trace, keeps money in its units, and refuses several metrics in one chart", () => {
    const f = liftChart([lift("offer", 0.77, 0.48, 1.05, true, "spend", "mean")], { currency: "$" });
    expect(f.data).toHaveLength(1);
    expect(f.data[0].x).toEqual([0.77]);
    expect((f.layout?.xaxis as { title: { text: string } }).title.text).toBe("difference with the control ($ per customer)");
    expect(() => liftChart([lift("a", 1, 0, 2, true), lift("a", 1, 0, 2, true, "spend", "mean")])).toThrow("a lift chart shows one metric, not conversion, spend");
  });
});

describe("log ticks and the p-value chart", () => {
  it("ticks at 1, 2 and 5 times the powers of ten around the values", () => {
    expect(logTicks(120, 2800).tickvals).toEqual([100, 200, 500, 1000, 2000, 5000]);
    expect(logTicks(100, 100).ticktext).toEqual(["100"]);
    expect(logTicks(0.3, 1.5).ticktext).toEqual(["0.20", "0.50", "1", "2"]);
  });
  it("20 bins of width 0.05 from 0 (the first bin is p < 0.05), the uniform count as a dashed line", () => {
    const f = pValueChart([0.01, 0.049, 0.05, 0.5, 1], "A/A");
    const bars = f.data[0] as { x: number[]; y: number[] };
    expect(bars.x[0]).toBeCloseTo(0.025, 15);
    expect(bars.y[0]).toBe(2); // 0.01 and 0.049
    expect(bars.y[1]).toBe(1); // 0.05
    expect(bars.y[10]).toBe(1); // 0.5
    expect(bars.y[19]).toBe(1); // 1 goes in the last bin
    expect(bars.y.reduce((a, b) => a + b, 0)).toBe(5);
    expect(f.data[1]).toMatchObject({ y: [0.25, 0.25], name: "expected if uniform (0.3 a bin)" }); // 5 / 20
    expect(() => pValueChart([1.2], "x")).toThrow("a p-value is between 0 and 1, not 1.2");
  });
});
