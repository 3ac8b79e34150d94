/**
 * Plotly figures of cohorts and loyalty, as plain `Figure` objects `{ data, layout }` (plotly.js
 * 3: titles are `{ text }` objects). Nothing here draws: src/display shows them.
 */
import { PALETTE, type Figure } from "./theme";
import type { CohortRetention } from "../cohorts/index";
import type { LoyaltyThreshold, RepeatCurve } from "../cohorts/index";

/** White to dark blue: the colour scale of the retention heatmaps. */
export const RETENTION_COLORSCALE: [number, string][] = [[0, "#f7fbff"], [1, "#08306b"]];

const axis = (text: string, extra: Record<string, unknown> = {}) => ({ title: { text }, automargin: true, ...extra });

/** `0.123` -> `12%` (one decimal under 10%); empty for null (a censored cell). */
export function percentLabel(x: number | null): string {
  if (x === null) return "";
  const p = x * 100;
  return `${p < 10 ? p.toFixed(1) : p.toFixed(0)}%`;
}

/**
 * Cohort retention heatmap: rows are cohorts (labelled with their size), columns month offsets,
 * cells the share of the cohort buying in that month (`kind` "customers") or the cohort's
 * revenue relative to its first month (`kind` "revenue"), as percents. Censored cells (null)
 * stay blank. Colours run white (0) to dark blue (1); revenue ratios above 1 take the darkest blue.
 */
export function retentionHeatmapChart(r: CohortRetention, kind: "customers" | "revenue" = "customers"): Figure {
  const z = kind === "customers" ? r.retention : r.revenueRetention;
  return {
    data: [
      {
        type: "heatmap",
        x: r.offsets.map(String),
        y: r.cohorts.map((c, i) => `${c} (${r.sizes[i]})`),
        z,
        zmin: 0,
        zmax: 1,
        colorscale: RETENTION_COLORSCALE,
        text: z.map((row) => row.map(percentLabel)),
        texttemplate: "%{text}",
        textfont: { size: 10 },
        hoverongaps: false,
        hovertemplate: `cohort %{y}<br>month %{x}: %{text}<extra></extra>`,
        colorbar: { tickformat: ".0%" },
      },
    ],
    layout: {
      title: { text: kind === "customers" ? "Customer retention by monthly cohort" : "Revenue retention by monthly cohort (month k / month 0)" },
      xaxis: axis("Months since first purchase", { type: "category" }),
      yaxis: axis("Cohort (first purchase month, customers)", { type: "category", autorange: "reversed" }),
      height: Math.max(420, 26 * r.cohorts.length + 160),
    },
  };
}

/**
 * Repeat-purchase curve: the share of customers with n orders who place another (line and
 * markers), its 95% Wilson interval as a band, a dashed line at the loyalty level, and the
 * threshold step marked when one is given. Steps without eligible customers are left out.
 */
export function repeatCurveChart(curve: RepeatCurve, level = 0.8, threshold?: LoyaltyThreshold): Figure {
  const steps = curve.steps.filter((s) => s.share !== null);
  const n = steps.map((s) => s.n);
  const data: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines", x: n, y: steps.map((s) => s.upper), line: { width: 0 }, hoverinfo: "skip", showlegend: false },
    { type: "scatter", mode: "lines", name: "95% interval", x: n, y: steps.map((s) => s.lower), line: { width: 0 }, fill: "tonexty", fillcolor: "rgba(0,114,178,0.2)", hoverinfo: "skip" },
    {
      type: "scatter", mode: "lines+markers", name: "Share placing another order", x: n, y: steps.map((s) => s.share), line: { color: PALETTE[0] },
      customdata: steps.map((s) => [s.repeaters, s.eligible, s.censored]),
      hovertemplate: "after order %{x}: %{y:.1%}<br>%{customdata[0]} of %{customdata[1]} (%{customdata[2]} too recent)<extra></extra>",
    },
  ];
  if (threshold?.step) {
    data.push({
      type: "scatter", mode: "markers+text", name: "Loyalty threshold", x: [threshold.step.n], y: [threshold.step.share],
      text: [`threshold: order ${threshold.step.n}`], textposition: "bottom right", marker: { color: PALETTE[3], size: 12, symbol: "star" },
    });
  }
  return {
    data,
    layout: {
      title: { text: `Repeat-purchase curve (customers with at least ${curve.window} days to return)` },
      xaxis: axis("Orders placed (n)", { dtick: 1 }),
      yaxis: axis("Share placing order n + 1", { tickformat: ".0%", range: [0, 1.02] }),
      shapes: [{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: level, y1: level, line: { dash: "dash", color: PALETTE[3], width: 1 } }],
      legend: { orientation: "h", y: -0.2 },
    },
  };
}
