/**
 * Generic chart builders: plain plotly figures from plain arrays. Domain charts build on
 * these; none of them touches MIME types or HTML (that is src/display).
 */
import type { Figure } from "./theme";
import { UserError } from "../errors";

/** Axis titles and a chart title. */
export interface Labels {
  title: string;
  x?: string;
  y?: string;
}

const axis = (text?: string, extra: Record<string, unknown> = {}) => ({ title: { text: text ?? "" }, automargin: true, ...extra });

/** A bar chart of one series; `horizontal` puts categories on the y axis, largest on top. */
export function barChart(categories: (string | number)[], values: number[], labels: Labels, options: { horizontal?: boolean; color?: string } = {}): Figure {
  const h = options.horizontal ?? false;
  return {
    data: [
      h
        ? { type: "bar", orientation: "h", x: values, y: categories, marker: { color: options.color } }
        : { type: "bar", x: categories, y: values, marker: { color: options.color } },
    ],
    layout: {
      title: { text: labels.title },
      xaxis: axis(labels.x),
      yaxis: axis(labels.y, h ? { autorange: "reversed" } : {}),
      height: h ? Math.max(360, 22 * categories.length + 120) : undefined,
    },
  };
}

/** Bars of several named series over the same categories, side by side or stacked. */
export function groupedBarChart(categories: (string | number)[], series: { name: string; values: number[] }[], labels: Labels, mode: "group" | "stack" = "group"): Figure {
  return {
    data: series.map((s) => ({ type: "bar", name: s.name, x: categories, y: s.values })),
    layout: { title: { text: labels.title }, barmode: mode, xaxis: axis(labels.x), yaxis: axis(labels.y), legend: { orientation: "h", y: -0.2 } },
  };
}

/** Lines of several named series over a shared x axis; a second y axis for series marked `right`. */
export function lineChart(x: (string | number | Date)[], series: { name: string; values: number[]; right?: boolean; dash?: string }[], labels: Labels & { y2?: string }): Figure {
  const hasRight = series.some((s) => s.right);
  return {
    data: series.map((s) => ({ type: "scatter", mode: "lines+markers", name: s.name, x, y: s.values, yaxis: s.right ? "y2" : "y", line: { dash: s.dash } })),
    layout: {
      title: { text: labels.title },
      xaxis: axis(labels.x),
      yaxis: axis(labels.y),
      ...(hasRight ? { yaxis2: axis(labels.y2, { overlaying: "y", side: "right", showgrid: false }) } : {}),
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/** White to dark blue: low values light, high values dark (plotly's named "Blues" runs the other way). */
export const SEQUENTIAL_BLUES: [number, string][] = [[0, "#f7fbff"], [0.25, "#c6dbef"], [0.5, "#6baed6"], [0.75, "#2171b5"], [1, "#08306b"]];

/** A heatmap of `z[row][column]`. */
export function heatmapChart(columns: (string | number)[], rows: (string | number)[], z: (number | null)[][], labels: Labels, options: { colorscale?: string | [number, string][]; text?: string[][]; zmin?: number; zmax?: number } = {}): Figure {
  return {
    data: [
      {
        type: "heatmap", x: columns.map(String), y: rows.map(String), z, colorscale: options.colorscale ?? SEQUENTIAL_BLUES,
        zmin: options.zmin, zmax: options.zmax, text: options.text, texttemplate: options.text ? "%{text}" : undefined, hoverongaps: false,
      },
    ],
    layout: { title: { text: labels.title }, xaxis: axis(labels.x, { type: "category" }), yaxis: axis(labels.y, { type: "category", autorange: "reversed" }) },
  };
}

/**
 * Axis ticks at the powers of ten from floor(lo) to ceil(hi), for an axis drawn in log10 units:
 * `tickvals` the exponents, `ticktext` the powers written out with thousands separators (1, 10,
 * 1,000; 0.1, 0.01 below 1). Example: lo 0.2, hi 2.3 -> tickvals 0, 1, 2, 3, ticktext 1, 10, 100, 1,000.
 */
export function powerOfTenTicks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  const first = Math.floor(lo), last = Math.ceil(hi);
  const tickvals = Array.from({ length: last - first + 1 }, (_, t) => first + t);
  const ticktext = tickvals.map((t) => (t >= 0 ? String(10 ** t).replace(/\B(?=(\d{3})+$)/g, ",") : (10 ** t).toFixed(-t)));
  return { tickvals, ticktext };
}

/** Bins of a log-scale histogram: `edges` (bins + 1 of them, in log10 units) and the count per bin. */
export interface LogBins {
  edges: number[];
  counts: number[];
}

/**
 * `bins` equal-width bins of log10(value), from log10 of the smallest value to log10 of the
 * largest (each bin holds [edge k, edge k + 1), the last one also its upper edge), and the count
 * of values in each. When all values are equal the bins span that value ± 0.05. Refuses values
 * that are not > 0 (no logarithm) and an empty list. Example: 1, 10, 10, 100 in 2 bins -> edges
 * 0, 1, 2; counts 1 (the 1) and 3 (10, 10 and 100, the last bin closed).
 */
export function logBins(values: number[], bins: number): LogBins {
  if (!Number.isInteger(bins) || bins < 1) throw new UserError(`A histogram needs a whole number of bins (1 or more), not ${bins}.`);
  if (values.length === 0) throw new UserError("A log-scale histogram needs at least one value.");
  const bad = values.findIndex((v) => !(v > 0) || !Number.isFinite(v));
  if (bad >= 0) throw new UserError(`Value ${bad} of a log-scale histogram is ${values[bad]}: a log scale needs finite values > 0.`);
  const logs = values.map(Math.log10);
  let lo = logs.reduce((a, b) => Math.min(a, b)), hi = logs.reduce((a, b) => Math.max(a, b));
  if (hi === lo) [lo, hi] = [lo - 0.05, hi + 0.05];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const x of logs) counts[Math.min(bins - 1, Math.floor((x - lo) / width))]++;
  return { edges: Array.from({ length: bins + 1 }, (_, k) => (k === bins ? hi : lo + k * width)), counts };
}

/**
 * A histogram of values. With `logX` the values are binned in log space (`logBins`) and drawn
 * as bars on an axis in log10 units labelled at the powers of ten (plotly's own histogram on a
 * log axis bins in linear space and, for skewed data, draws nothing visible); hovering a bar
 * shows its range in the data's units.
 */
export function histogramChart(values: number[], labels: Labels, options: { bins?: number; logX?: boolean } = {}): Figure {
  const bins = options.bins ?? 40;
  const layout = { title: { text: labels.title }, yaxis: axis(labels.y ?? "count"), bargap: 0.05 };
  if (!options.logX) return { data: [{ type: "histogram", x: values, nbinsx: bins }], layout: { ...layout, xaxis: axis(labels.x) } };
  const { edges, counts } = logBins(values, bins);
  const centers = counts.map((_, k) => (edges[k] + edges[k + 1]) / 2);
  return {
    data: [{
      type: "bar", x: centers, y: counts, width: edges[1] - edges[0],
      customdata: counts.map((_, k) => [10 ** edges[k], 10 ** edges[k + 1]]),
      hovertemplate: "%{customdata[0]:,.4~g} to %{customdata[1]:,.4~g}: %{y:,}<extra></extra>",
      marker: { line: { color: "#ffffff", width: 0.5 } },
    }],
    layout: { ...layout, xaxis: axis(labels.x, powerOfTenTicks(edges[0], edges[bins])) },
  };
}

/** A treemap of named parts (one level), sized by `values`, with a text line per part. */
export function treemapChart(labels: string[], values: number[], labels2: Labels, text?: string[]): Figure {
  return {
    data: [{ type: "treemap", labels, parents: labels.map(() => ""), values, text, textinfo: "label+value+percent root", hovertemplate: "%{label}<br>%{value}<br>%{percentRoot:.1%}<extra></extra>" }],
    layout: { title: { text: labels2.title }, margin: { l: 10, r: 10, t: 50, b: 10 } },
  };
}
