import pl from "nodejs-polars";
import { describe, expect, it } from "vitest";
import { categoryChart, daysOfCoverChart, paretoChart, quadrantChart, QUADRANT_COLORS } from "../../src/charts/products";
import { productAudit } from "../../src/products/index";
import { cleanOf, type Line } from "./helpers";

// P2 50 (1 unit), P1 30 (15), P3 10 (100), P4 2 (2): one product per quadrant (see performance.test.ts)
const LINES: Line[] = [
  ["1", "P1", 10, 2, "2024-01-02", "A"],
  ["2", "P1", 5, 2, "2024-01-05", "B"],
  ["1", "P2", 1, 50, "2024-01-02", "A"],
  ["3", "P3", 100, 0.1, "2024-01-03", null],
  ["2", "P4", 2, 1, "2024-01-05", "B"],
];
const catalogue = pl.DataFrame({
  stockCode: ["P1", "P2", "P3", "P4", "P9"], unitCost: [1, 30, 0.05, 0.5, 1], stockLevel: [3, 0, 5000, 1, 10], category: ["K", "K", "G", "G", "G"],
});
const a = productAudit(cleanOf(LINES).sales, { catalogue, velocityDays: 7 });

describe("product charts", () => {
  it("quadrant scatter: one trace per quadrant on log axes, names in the hover, cut lines", () => {
    const f = quadrantChart(a.performance, a.cuts);
    expect(f.data.map((d) => d.name)).toEqual(["Stars (1)", "High value, low volume (1)", "High volume, low value (1)", "Underperformers (1)"]);
    expect(f.data[0]).toMatchObject({ x: [15], y: [30], text: ["P1 ITEM P1"], marker: { color: QUADRANT_COLORS.Stars } });
    expect(f.layout?.xaxis).toMatchObject({ type: "log" });
    expect(f.layout?.yaxis).toMatchObject({ type: "log" });
    expect(f.layout?.title).toEqual({ text: "Products by revenue and units (log scales)" });
    // cuts: units median 8.5 (vertical), revenue median 20 (horizontal)
    expect((f.layout?.shapes as { x0: number; y0: number }[]).map((s) => [s.x0, s.y0])).toEqual([[8.5, 0], [0, 20]]);
  });
  it("Pareto curve with the 80% line and the crossing point", () => {
    const f = paretoChart(a.curve);
    expect(f.data[0].x).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // 80% is first reached after 2 of 4 products (50 + 30 = 80 of 92 = 87%)
    expect(f.data[1]).toMatchObject({ x: [0.5], text: ["50.0% of products"] });
    expect((f.layout?.shapes as { y0: number }[])[0].y0).toBe(0.8);
  });
  it("days of cover bars: infinite cover drawn at the end and labelled, below-threshold bars highlighted", () => {
    // window 2023-12-30..2024-01-05: P1 3 units / (15 / 7 a day) = 1.4 days; P3 5000 / (100 / 7) = 350 days;
    // P9 (catalogue only, never sold) 10 units -> Infinity
    const f = daysOfCoverChart(a.stock.table, { threshold: 14 });
    const bars = f.data[0] as { y: string[]; x: number[]; text: string[]; marker: { color: string[] } };
    const i3 = bars.y.findIndex((y) => y.startsWith("P9"));
    expect(bars.text[i3]).toBe("no sales");
    expect(bars.x[i3]).toBe(Math.max(...bars.x));
    const i1 = bars.y.findIndex((y) => y.startsWith("P1"));
    expect(bars.x[i1]).toBeCloseTo(3 / (15 / 7), 12);
    expect(bars.text[bars.y.findIndex((y) => y.startsWith("P3"))]).toBe("350.0");
    expect(bars.marker.color[i1]).not.toBe(bars.marker.color[i3]);
  });
  it("category bars of revenue and margin", () => {
    const f = categoryChart(a.categories as pl.DataFrame);
    expect(f.data.map((d) => d.name)).toEqual(["Revenue", "Margin"]);
    // K: P2 + P1 = 80 revenue, margin 20 + 15 = 35; G: 12 revenue
    expect(f.data[0]).toMatchObject({ x: ["K", "G"], y: [80, 12] });
    expect((f.data[1].y as number[])[0]).toBe(35);
  });
});
