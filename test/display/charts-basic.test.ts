import { describe, expect, it } from "vitest";
import { barChart, groupedBarChart, heatmap, histogram, lineChart, SEQUENTIAL_BLUES, treemap } from "../../src/charts/basic";

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
    const h = heatmap(["x1"], ["r1"], [[0.5]], { title: "H" });
    expect(h.data[0]).toMatchObject({ type: "heatmap", x: ["x1"], y: ["r1"], z: [[0.5]], colorscale: SEQUENTIAL_BLUES });
    expect(SEQUENTIAL_BLUES[0]).toEqual([0, "#f7fbff"]);
    expect(treemap(["a", "b"], [3, 1], { title: "T" }).data[0]).toMatchObject({ type: "treemap", labels: ["a", "b"], parents: ["", ""], values: [3, 1] });
    expect(histogram([1, 2], { title: "H" }, { logX: true }).layout?.xaxis).toMatchObject({ type: "log" });
    expect(groupedBarChart(["c"], [{ name: "s1", values: [1] }, { name: "s2", values: [2] }], { title: "G" }, "stack").layout).toMatchObject({ barmode: "stack" });
  });
});
