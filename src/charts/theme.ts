/**
 * The project's look for plotly figures, as plain data: the `Figure` type every chart builder
 * returns, the palette, the default size, and `themed`, which applies font, colours, margins,
 * light grids and titles wrapped to the chart's width. No MIME types, HTML or browsers here
 * (that is src/display).
 */
import { TITLE_FONT_SIZE, TITLE_LINE_HEIGHT, wrapTitle } from "./titles";

/** A plotly figure as plain data: traces and layout (plotly.js 3: titles as `{ text }`). */
export interface Figure {
  data: Record<string, unknown>[];
  layout?: Record<string, unknown>;
}

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
export function titleText(title: unknown): string {
  if (typeof title === "string") return title;
  return typeof title === "object" && title !== null ? String((title as { text?: unknown }).text ?? "") : "";
}

