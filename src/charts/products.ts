/**
 * Plotly figures of the product audit, as plain `Figure` objects `{ data, layout }` (plotly.js 3:
 * titles are `{ text }` objects). Nothing here draws: src/display shows them.
 */
import type { DataFrame } from "nodejs-polars";
import { PALETTE, type Figure } from "./theme";
import { QUADRANTS } from "../products/index";

/** Colour of each quadrant in every product chart. */
export const QUADRANT_COLORS: Record<string, string> = {
  Stars: PALETTE[2],
  "High value, low volume": PALETTE[0],
  "High volume, low value": PALETTE[1],
  Underperformers: PALETTE[3],
};

const axis = (text: string, extra: Record<string, unknown> = {}) => ({ title: { text }, automargin: true, ...extra });

/**
 * Quadrant scatter: one point per product, units (x) against revenue (y), both on log axes,
 * coloured by quadrant (one trace per quadrant, in QUADRANTS order), code and description in
 * the hover; dashed lines at the quadrant cuts when given. Products with no positive revenue or
 * units (not drawable on a log axis) are left out of the plot.
 */
export function quadrantChart(performance: DataFrame, cuts?: { revenue: number; units: number }, currency = "£"): Figure {
  const codes = performance.getColumn("stockCode").toArray() as string[];
  const desc = performance.getColumn("description").toArray() as (string | null)[];
  const revenue = performance.getColumn("revenue").toArray() as number[];
  const units = performance.getColumn("units").toArray() as number[];
  const quadrant = performance.getColumn("quadrant").toArray() as string[];
  const data = QUADRANTS.map((q) => {
    const idx = quadrant.map((x, i) => (x === q && revenue[i] > 0 && units[i] > 0 ? i : -1)).filter((i) => i >= 0);
    return {
      type: "scatter",
      mode: "markers",
      name: `${q} (${idx.length})`,
      x: idx.map((i) => units[i]),
      y: idx.map((i) => revenue[i]),
      text: idx.map((i) => `${codes[i]} ${desc[i] ?? ""}`.trim()),
      marker: { color: QUADRANT_COLORS[q], size: 6, opacity: 0.7 },
      hovertemplate: `%{text}<br>units %{x:,.0f}<br>revenue ${currency}%{y:,.0f}<extra>${q}</extra>`,
    };
  });
  const shapes = cuts
    ? [
        { type: "line", xref: "x", yref: "paper", x0: cuts.units, x1: cuts.units, y0: 0, y1: 1, line: { dash: "dash", color: "#6b7280", width: 1 } },
        { type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: cuts.revenue, y1: cuts.revenue, line: { dash: "dash", color: "#6b7280", width: 1 } },
      ]
    : [];
  return {
    data,
    layout: {
      title: { text: "Products by revenue and units (log scales)" },
      xaxis: axis("Units sold (log)", { type: "log" }),
      yaxis: axis(`Revenue, ${currency} (log)`, { type: "log" }),
      shapes,
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Pareto curve: cumulative share of revenue (y) against share of products ranked by revenue
 * (x), with a dashed line at `level` (default 80%) of revenue and a marker where the curve
 * crosses it.
 */
export function paretoChart(curve: { productShare: number[]; revenueShare: number[] }, level = 0.8): Figure {
  const k = curve.revenueShare.findIndex((r) => r >= level);
  const data: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines", name: "Cumulative revenue", x: curve.productShare, y: curve.revenueShare, line: { color: PALETTE[0] }, hovertemplate: "top %{x:.1%} of products: %{y:.1%} of revenue<extra></extra>" },
  ];
  if (k >= 0) {
    data.push({
      type: "scatter", mode: "markers+text", name: `${(level * 100).toFixed(0)}% of revenue`, x: [curve.productShare[k]], y: [curve.revenueShare[k]],
      text: [`${(curve.productShare[k] * 100).toFixed(1)}% of products`], textposition: "bottom right", marker: { color: PALETTE[3], size: 9 }, showlegend: false,
    });
  }
  return {
    data,
    layout: {
      title: { text: "Pareto curve: share of revenue from the top products" },
      xaxis: axis("Share of products (ranked by revenue)", { tickformat: ".0%", range: [0, 1] }),
      yaxis: axis("Cumulative share of revenue", { tickformat: ".0%", range: [0, 1.02] }),
      shapes: [{ type: "line", xref: "paper", yref: "y", x0: 0, x1: 1, y0: level, y1: level, line: { dash: "dash", color: PALETTE[3], width: 1 } }],
      showlegend: false,
    },
  };
}

/**
 * Days of cover as horizontal bars, one per row of a stock table (e.g. `atRisk` or `clearance`,
 * first `limit` rows, default 20), labelled code and description, with a dashed line at
 * `threshold` when given. Infinite cover (no sale in the window) is drawn at the chart's right
 * end and labelled "no sales"; rows without a days of cover are left out.
 */
export function daysOfCoverChart(stockRows: DataFrame, options: { title?: string; threshold?: number; limit?: number } = {}): Figure {
  const rows = (stockRows.head(options.limit ?? 20).toRecords() as Record<string, unknown>[]).filter((r) => r.daysOfCover !== null && r.daysOfCover !== undefined);
  const cover = rows.map((r) => Number(r.daysOfCover));
  const finite = cover.filter((c) => Number.isFinite(c));
  const cap = Math.max(options.threshold ?? 0, ...finite, 1) * 1.1;
  const labels = rows.map((r) => `${r.stockCode} ${String(r.description ?? "").slice(0, 30)}`.trim());
  return {
    data: [
      {
        type: "bar", orientation: "h", y: labels, x: cover.map((c) => (Number.isFinite(c) ? c : cap)),
        text: cover.map((c) => (Number.isFinite(c) ? c.toFixed(1) : "no sales")), textposition: "auto",
        marker: { color: cover.map((c) => (options.threshold !== undefined && c < options.threshold ? PALETTE[3] : PALETTE[0])) },
        hovertemplate: "%{y}<br>%{text} days of cover<extra></extra>",
      },
    ],
    layout: {
      title: { text: options.title ?? "Days of cover" },
      xaxis: axis("Days of cover (stock / daily units)"),
      yaxis: axis("", { autorange: "reversed" }),
      height: Math.max(360, 24 * rows.length + 140),
      shapes: options.threshold !== undefined
        ? [{ type: "line", xref: "x", yref: "paper", x0: options.threshold, x1: options.threshold, y0: 0, y1: 1, line: { dash: "dash", color: "#6b7280", width: 1 } }]
        : [],
    },
  };
}

/**
 * Bars per category (`categorySummary`): revenue, and margin beside it when the summary has one;
 * categories in the summary's order (highest revenue first).
 */
export function categoryChart(categories: DataFrame, currency = "£"): Figure {
  const names = categories.getColumn("category").toArray() as string[];
  const series: { name: string; column: string; color: string }[] = [{ name: "Revenue", column: "revenue", color: PALETTE[0] }];
  if (categories.columns.includes("margin")) series.push({ name: "Margin", column: "margin", color: PALETTE[2] });
  return {
    data: series.map((s) => ({
      type: "bar", name: s.name, x: names, y: categories.getColumn(s.column).toArray() as number[], marker: { color: s.color },
      hovertemplate: `%{x}<br>${s.name} ${currency}%{y:,.0f}<extra></extra>`,
    })),
    layout: {
      title: { text: "Revenue and margin by category" },
      barmode: "group",
      xaxis: axis("Category", { type: "category" }),
      yaxis: axis(`${currency}`),
      legend: { orientation: "h", y: -0.25 },
    },
  };
}
