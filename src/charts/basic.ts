/**
 * Generic chart builders: plain plotly figures from plain arrays. Domain charts build on
 * these; none of them touches MIME types or HTML (that is src/display).
 */
import type { Figure } from "../display/chart";

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
export function heatmap(columns: (string | number)[], rows: (string | number)[], z: (number | null)[][], labels: Labels, options: { colorscale?: string | [number, string][]; text?: string[][]; zmin?: number; zmax?: number } = {}): Figure {
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

/** A histogram of values, optionally on a log x axis. */
export function histogram(values: number[], labels: Labels, options: { bins?: number; logX?: boolean } = {}): Figure {
  return {
    data: [{ type: "histogram", x: values, nbinsx: options.bins ?? 40 }],
    layout: { title: { text: labels.title }, xaxis: axis(labels.x, options.logX ? { type: "log" } : {}), yaxis: axis(labels.y ?? "count"), bargap: 0.05 },
  };
}

/** A treemap of named parts (one level), sized by `values`, with a text line per part. */
export function treemap(labels: string[], values: number[], labels2: Labels, text?: string[]): Figure {
  return {
    data: [{ type: "treemap", labels, parents: labels.map(() => ""), values, text, textinfo: "label+value+percent root", hovertemplate: "%{label}<br>%{value}<br>%{percentRoot:.1%}<extra></extra>" }],
    layout: { title: { text: labels2.title }, margin: { l: 10, r: 10, t: 50, b: 10 } },
  };
}
