import { describe, expect, it } from "vitest";
import { percentLabel, repeatCurveChart, retentionHeatmapChart, RETENTION_COLORSCALE } from "../../src/charts/cohorts";
import { cohortRetention, loyaltyThreshold, repeatPurchaseCurve } from "../../src/cohorts/index";
import { cleanOf, type Line } from "../products/helpers";

// c1: Jan, Feb, Apr; c2: Jan; c3: Feb, Feb, Mar; c4: Apr 10 (the end). See cohorts.test.ts for the figures.
const LINES: Line[] = [
  ["1", "P1", 1, 10, "2024-01-05", "c1"],
  ["2", "P1", 2, 10, "2024-02-10", "c1"],
  ["3", "P1", 3, 10, "2024-04-01", "c1"],
  ["4", "P1", 4, 10, "2024-01-20", "c2"],
  ["5", "P1", 1, 5, "2024-02-03", "c3"],
  ["6", "P1", 1, 5, "2024-02-20", "c3"],
  ["7", "P1", 1, 10, "2024-03-15", "c3"],
  ["8", "P1", 1, 8, "2024-04-10", "c4"],
];
const lines = cleanOf(LINES).customerLines;

describe("cohort charts", () => {
  it("labels percents, blank for censored cells", () => {
    expect([percentLabel(0.5), percentLabel(0.054), percentLabel(1), percentLabel(null)]).toEqual(["50%", "5.4%", "100%", ""]);
  });
  it("retention heatmap: white-to-blue scale, 0-100%, percent labels, censored cells null", () => {
    const f = retentionHeatmapChart(cohortRetention(lines));
    const h = f.data[0] as Record<string, unknown>;
    expect(h.colorscale).toEqual([[0, "#f7fbff"], [1, "#08306b"]]);
    expect(RETENTION_COLORSCALE).toEqual(h.colorscale);
    expect([h.zmin, h.zmax, h.texttemplate]).toEqual([0, 1, "%{text}"]);
    expect(h.y).toEqual(["2024-01 (2)", "2024-02 (1)", "2024-04 (1)"]);
    expect(h.z).toEqual([[1, 0.5, 0], [1, 1, null], [1, null, null]]);
    expect(h.text).toEqual([["100%", "50%", "0.0%"], ["100%", "100%", ""], ["100%", "", ""]]);
    expect(f.layout?.title).toEqual({ text: "Customer retention by monthly cohort" });
    const rev = retentionHeatmapChart(cohortRetention(lines), "revenue").data[0] as { z: unknown };
    expect(rev.z).toEqual([[1, 0.4, 0], [1, 1, null], [1, null, null]]);
  });
  it("repeat curve: band from the Wilson bounds, the level line and the threshold marker", () => {
    const curve = repeatPurchaseCurve(lines, { window: 30 });
    const f = repeatCurveChart(curve, 0.8, loyaltyThreshold(curve, 0.8, 1));
    // steps 1 and 2 have shares (step 3 has no eligible customer and is left out)
    expect(f.data[2]).toMatchObject({ x: [1, 2], y: [2 / 3, 1] });
    expect(f.data[0].y).toEqual(curve.steps.slice(0, 2).map((s) => s.upper));
    expect(f.data[1]).toMatchObject({ fill: "tonexty", y: curve.steps.slice(0, 2).map((s) => s.lower) });
    expect(f.data[3]).toMatchObject({ name: "Loyalty threshold", x: [2], y: [1] });
    expect((f.layout?.shapes as { y0: number }[])[0].y0).toBe(0.8);
  });
});
