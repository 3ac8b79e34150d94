/**
 * Charts: plotly figures shown as one output carrying the figure itself
 * (`application/vnd.plotly.v1+json`, interactive in Jupyter, VS Code and the exported reports)
 * and a static PNG of the same figure (`image/png`, what GitHub and nbviewer show, since they
 * run no JavaScript). Chart builders elsewhere return plain `Figure` objects; only this layer
 * knows about MIME types and browsers.
 */
import { createHash } from "crypto";
import { escapeHtml } from "./table";
import { inKernel, sendBundle, type MimeBundle } from "./kernel";
import { renderPng } from "./png";
import { TITLE_FONT_SIZE, TITLE_LINE_HEIGHT, wrapTitle } from "../charts/titles";

/** A plotly figure as plain data: traces and layout (plotly.js 3: titles as `{ text }`). */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
}

/** The MIME type of plotly figures in notebooks. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** The project's palette (colour-blind safe, after Okabe-Ito). */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000", "#999999", "#882255"];

/** Default chart size in CSS pixels. */
export const CHART_SIZE = { width: 900, height: 480 };

/** Grid and zero lines: light, so that they never read as data (or as marks in the image checks). */
const AXIS_STYLE = { gridcolor: "#e5e7eb", zerolinecolor: "#d1d5db" };

/** Room (px) left free beside a title, both sides together. */
const TITLE_SIDE_ROOM = 40;

/**
 * The figure with the project's look: font, palette, white background, compact margins, light
 * grid and zero lines on every axis (under the figure's own axis settings), and the title wrapped to the chart's `width` (see `wrapTitle`), the top margin growing by one
 * title line height for each line after the first.
 */
export function themed(fig: Figure, width: number = CHART_SIZE.width): Figure {
  const layout = fig.layout ?? {};
  const out: Record<string, unknown> = {
    font: { family: "DejaVu Sans, Arial, sans-serif", size: 13, color: "#1f2937" },
    colorway: PALETTE,
    paper_bgcolor: "#ffffff",
    plot_bgcolor: "#ffffff",
    margin: { l: 70, r: 30, t: layout.title ? 60 : 30, b: 60 },
    xaxis: AXIS_STYLE,
    yaxis: AXIS_STYLE,
    ...layout,
  };
  // every axis keeps the theme's grid and zero-line colours under the builder's own settings
  for (const key of Object.keys(layout).filter((k) => /^[xy]axis\d*$/.test(k))) {
    out[key] = { ...AXIS_STYLE, ...(layout[key] as Record<string, unknown>) };
  }
  const text = titleText(layout.title);
  if (text) {
    const given = typeof layout.title === "object" && layout.title !== null ? (layout.title as { font?: { size?: number } }) : {};
    const size = given.font?.size ?? TITLE_FONT_SIZE;
    const wrapped = wrapTitle(text, width - TITLE_SIDE_ROOM, size);
    const margin = { ...(out.margin as Record<string, number>) };
    margin.t = (margin.t ?? 60) + TITLE_LINE_HEIGHT * (wrapped.split("<br>").length - 1);
    out.title = { ...given, text: wrapped, font: { ...given.font, size } };
    out.margin = margin;
  }
  return { data: fig.data, layout: out };
}

/** The text of a layout title (`{ text }` or a string), "" when none. */
function titleText(title: unknown): string {
  if (typeof title === "string") return title;
  return typeof title === "object" && title !== null ? String((title as { text?: unknown }).text ?? "") : "";
}

function titleOf(fig: Figure): string {
  return titleText(fig.layout?.title).replace(/<br\s*\/?>/gi, " ") || "chart";
}

/** A chart bundle from a figure and its PNG: the figure, the image and a text line. */
export function chartBundleFrom(fig: Figure, png: Buffer): MimeBundle {
  return {
    [PLOTLY_MIME]: { data: fig.data, layout: fig.layout ?? {} },
    "image/png": png.toString("base64"),
    "text/plain": `[chart] ${titleOf(fig)}`,
  };
}

/** Draws the PNG and returns the chart bundle. */
export async function chartBundle(fig: Figure, size: { width?: number; height?: number } = {}): Promise<MimeBundle> {
  const width = size.width ?? CHART_SIZE.width;
  const f = themed(fig, width);
  const height = size.height ?? (f.layout?.height as number | undefined) ?? CHART_SIZE.height;
  const png = await renderPng(f, { width, height });
  return chartBundleFrom(f, png);
}

/**
 * Shows a chart in the notebook: interactive figure plus static PNG. Outside a kernel it does
 * nothing (no browser is started), so notebook code runs unchanged in tests and scripts.
 */
export async function showChart(fig: Figure, size: { width?: number; height?: number } = {}): Promise<void> {
  if (!inKernel()) return;
  sendBundle(await chartBundle(fig, size));
}

/**
 * HTML that draws a figure with plotly.js already on the page (the report exporter writes
 * plotly.js into the page once). The element id is derived from the figure, so the same
 * figure gives the same bytes.
 */
export function plotlyDivHtml(figure: { data: unknown; layout?: unknown }, index: number): string {
  const json = JSON.stringify({ data: figure.data, layout: figure.layout ?? {} }).replace(/</g, "\\u003c");
  const id = `rl-chart-${index}-${createHash("sha1").update(json).digest("hex").slice(0, 8)}`;
  return (
    `<div id="${escapeHtml(id)}" class="rl-chart" style="width:100%;max-width:960px"></div>\n` +
    `<script>(function(){var f=${json};Plotly.newPlot(${JSON.stringify(id)},f.data,f.layout,{responsive:true,displaylogo:false});})();</script>`
  );
}
