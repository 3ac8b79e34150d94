import { describe, expect, it } from "vitest";
import { barChart, groupedBarChart, heatmapChart, histogramChart, lineChart, logBins, powerOfTenTicks, SEQUENTIAL_BLUES, treemapChart } from "../../src/charts/basic";
import { textWidth, wrapTitle } from "../../src/charts/titles";
import { themed } from "../../src/charts/index";

describe("basic chart builders", () => {
  it("barChart: vertical by default; horizontal puts the largest on top and grows with the categories", () => {
    const v = barChart(["a", "b"], [1, 2], { title: "T", x: "x", y: "y" });
    expect(v.data[0]).toMatchObject({ type: "bar", x: ["a", "b"], y: [1, 2] });
    expect(v.layout).toMatchObject({ title: { text: "T" }, xaxis: { title: { text: "x" } } });
    const h = barChart(Array.from({ length: 20 }, (_, i) => `c${i}`), Array(20).fill(1), { title: "H" }, { horizontal: true });
    expect(h.data[0]).toMatchObject({ orientation: "h" });
    expect(h.layout?.yaxis).toMatchObject({ autorange: "reversed" });
    expect(h.layout?.height).toBe(22 * 20 + 120);
  });
  it("lineChart puts series marked right on a second axis only when there is one", () => {
    const two = lineChart(["m1"], [{ name: "a", values: [1] }, { name: "b", values: [2], right: true }], { title: "L", y2: "b" });
    expect(two.data.map((d) => d.yaxis)).toEqual(["y", "y2"]);
    expect(two.layout).toHaveProperty("yaxis2");
    expect(lineChart(["m1"], [{ name: "a", values: [1] }], { title: "L" }).layout).not.toHaveProperty("yaxis2");
  });
  it("heatmap defaults to light-for-low blues; treemap, histogram and grouped bars carry their data", () => {
    const h = heatmapChart(["x1"], ["r1"], [[0.5]], { title: "H" });
    expect(h.data[0]).toMatchObject({ type: "heatmap", x: ["x1"], y: ["r1"], z: [[0.5]], colorscale: SEQUENTIAL_BLUES });
    expect(SEQUENTIAL_BLUES[0]).toEqual([0, "#f7fbff"]);
    expect(treemapChart(["a", "b"], [3, 1], { title: "T" }).data[0]).toMatchObject({ type: "treemap", labels: ["a", "b"], parents: ["", ""], values: [3, 1] });
    expect(histogramChart([1, 2, 2], { title: "H" }, { bins: 3 }).data[0]).toMatchObject({ type: "histogram", x: [1, 2, 2], nbinsx: 3 });
    expect(groupedBarChart(["c"], [{ name: "s1", values: [1] }, { name: "s2", values: [2] }], { title: "G" }, "stack").layout).toMatchObject({ barmode: "stack" });
  });
});

describe("log-scale histograms bin in log space", () => {
  it("cuts log10(min)..log10(max) into equal bins, the last one closed", () => {
    // log10: 0, 1, 1, 2; 2 bins of width 1: [0, 1) holds the 1, [1, 2] holds 10, 10 and 100
    expect(logBins([1, 10, 10, 100], 2)).toEqual({ edges: [0, 1, 2], counts: [1, 3] });
    // 4 bins of width 0.5: [0, .5) 1 and 2 (log 0.301), [.5, 1) 5 (0.699), [1, 1.5) 10, [1.5, 2] 100
    expect(logBins([1, 2, 5, 10, 100], 4)).toEqual({ edges: [0, 0.5, 1, 1.5, 2], counts: [2, 1, 1, 1] });
    // all equal: the bins span log10(10) = 1 +- 0.05 and the value falls in the middle one of 3
    const same = logBins([10, 10], 3);
    expect(same.counts).toEqual([0, 2, 0]);
    expect(same.edges[0]).toBeCloseTo(0.95, 12);
    expect(same.edges[3]).toBeCloseTo(1.05, 12);
  });
  it("refuses values a log scale cannot show, and no values, with a sentence", () => {
    expect(() => logBins([3, 0, 1], 5)).toThrow("Value 1 of a log-scale histogram is 0: a log scale needs finite values > 0.");
    expect(() => logBins([], 5)).toThrow("A log-scale histogram needs at least one value.");
    expect(() => logBins([1], 0)).toThrow(/whole number of bins/);
  });
  it("labels the log10 axis at the powers of ten", () => {
    expect(powerOfTenTicks(0.2, 2.3)).toEqual({ tickvals: [0, 1, 2, 3], ticktext: ["1", "10", "100", "1,000"] });
    expect(powerOfTenTicks(-1.5, 0)).toEqual({ tickvals: [-2, -1, 0], ticktext: ["0.01", "0.1", "1"] });
  });
  it("draws one bar per bin at the bin's centre, as wide as the bin, with the range in data units on hover", () => {
    const fig = histogramChart([1, 10, 10, 100], { title: "H", x: "orders" }, { bins: 2, logX: true });
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]).toMatchObject({ type: "bar", x: [0.5, 1.5], y: [1, 3], width: 1, customdata: [[1, 10], [10, 100]] });
    expect(fig.layout?.xaxis).toMatchObject({ title: { text: "orders" }, tickvals: [0, 1, 2], ticktext: ["1", "10", "100"] });
    expect(fig.layout?.xaxis).not.toHaveProperty("type"); // a linear axis of log10 units, not plotly's log axis
  });
});

describe("titles fit their chart", () => {
  it("estimates text width from DejaVu Sans advance widths", () => {
    expect(textWidth("Hi", 18)).toBeCloseTo(((752 + 278) / 1000) * 18, 10); // H 752, i 278 thousandths of the size
    expect(textWidth("", 18)).toBe(0);
    expect(textWidth("漢", 10)).toBe(10); // unknown characters count as a full em
  });
  it("wraps at spaces, greedily, keeping existing breaks", () => {
    // "Revenue by" = 695+615+592+615+634+634+615 + 318 + 635+592 = 5,945 -> 107.0 px at 18 px; + " month" (3,564) = 171.2 px
    expect(wrapTitle("Revenue by month", 120, 18)).toBe("Revenue by<br>month");
    expect(wrapTitle("Revenue by month", 200, 18)).toBe("Revenue by month");
    expect(wrapTitle("a<br>b", 500, 18)).toBe("a<br>b");
    expect(wrapTitle("Supercalifragilistic x", 50, 18)).toBe("Supercalifragilistic<br>x"); // a long word keeps its own line
  });
  it("themed wraps a long title to the chart width and makes room for its lines", () => {
    const long = "Closed days. Weekdays: Saturday. Closures: 2010-12-24..2011-01-03, 2011-04-22..2011-04-25, 2011-04-29..2011-05-02";
    const f = themed(barChart(["a"], [1], { title: long }), 900);
    const title = f.layout?.title as { text: string; font: { size: number } };
    const lines = title.text.split("<br>");
    expect(lines.length).toBe(2);
    expect(lines.join(" ")).toBe(long);
    for (const l of lines) expect(textWidth(l, 18)).toBeLessThanOrEqual(900 - 40);
    expect(title.font.size).toBe(18);
    expect((f.layout?.margin as { t: number }).t).toBe(60 + 24); // one more line: 24 px more top margin
    const short = themed(barChart(["a"], [1], { title: "Revenue by month" }), 900);
    expect((short.layout?.title as { text: string }).text).toBe("Revenue by month");
    expect((short.layout?.margin as { t: number }).t).toBe(60);
  });
});
