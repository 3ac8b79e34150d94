/**
 * Charts: plotly figures shown as one output carrying the figure itself
 * (`application/vnd.plotly.v1+json`, interactive in Jupyter, VS Code and the exported reports)
 * and a static PNG of the same figure (`image/png`, what GitHub and nbviewer show, since they
 * run no JavaScript). Chart builders (src/charts) return plain `Figure` objects, themed there; only
 * this layer knows about MIME types and browsers.
 */
import { createHash } from "crypto";
import { escapeHtml } from "./table";
import { inKernel, sendBundle, type MimeBundle } from "./kernel";
import { renderPng } from "./png";
import { CHART_SIZE, themed, titleText, type Figure } from "../charts/index";

/** The MIME type of plotly figures in notebooks. */
export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

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
