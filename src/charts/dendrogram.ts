/**
 * Dendrogram of the top of a Ward tree as a plain plotly figure, from `dendrogramData`: one grey
 * U per merge, the leaves along the x axis labelled with their size, each leaf's foot marked in
 * the colour of its cluster in a cut (when labels are given), and a dashed line at the cut height.
 */
import type { DendrogramData } from "../clusters/index";
import type { WardCut } from "../clusters/index";
import type { Figure } from "./theme";
import { clusterColor } from "./clusters";

/** Options of `dendrogramChart`. */
export interface DendrogramChartOptions {
  /** A cut of the same tree at k <= p clusters: leaves are coloured by cluster, a dashed line drawn at the cut. */
  cut?: WardCut;
  /** Cluster names, indexed by cluster number (legend of the coloured leaves). */
  names?: readonly string[];
  title?: string;
}

/**
 * The figure: links as one line trace (corners of each U, separated by gaps), leaves labelled
 * "(size)" on the x axis, y the Ward distance. With `cut`, a marker per leaf in its cluster's
 * colour (one legend entry per cluster) and a dashed horizontal line halfway between the last
 * merge kept and the first merge undone (any height in between gives those k clusters).
 */
export function dendrogramChart(data: DendrogramData, options: DendrogramChartOptions = {}): Figure {
  const x: (number | null)[] = [];
  const y: (number | null)[] = [];
  for (const link of data.links) {
    x.push(...link.x, null);
    y.push(...link.y, null);
  }
  const traces: Record<string, unknown>[] = [
    { type: "scatter", mode: "lines", name: "merges", x, y, line: { color: "#555555", width: 1.5 }, hoverinfo: "skip", showlegend: false },
  ];
  const shapes: Record<string, unknown>[] = [];
  const { cut } = options;
  if (cut !== undefined) {
    const clusters = [...new Set(data.leaves.map((l) => cut.labels[l.member]))].sort((a, b) => a - b);
    for (const c of clusters) {
      const leaves = data.leaves.filter((l) => cut.labels[l.member] === c);
      traces.push({
        type: "scatter",
        mode: "markers",
        name: options.names?.[c] ?? `Cluster ${c}`,
        x: leaves.map((l) => l.x),
        y: leaves.map(() => 0),
        text: leaves.map((l) => `${l.size} customers`),
        marker: { color: clusterColor(c), size: 11, symbol: "square" },
      });
    }
    if (cut.splitAt !== null) {
      const h = (cut.mergedAt + cut.splitAt) / 2;
      shapes.push({ type: "line", xref: "paper", x0: 0, x1: 1, y0: h, y1: h, line: { dash: "dash", color: "grey" } });
    }
  }
  return {
    data: traces,
    layout: {
      title: { text: options.title ?? `Top of the Ward tree (${data.p} groups)` },
      xaxis: {
        title: { text: "Groups of customers (number of customers)" },
        tickvals: data.leaves.map((l) => l.x),
        ticktext: data.leaves.map((l) => l.label),
        showgrid: false,
        zeroline: false,
        automargin: true,
      },
      yaxis: { title: { text: "Ward distance (merge height)" }, rangemode: "tozero", automargin: true },
      shapes,
      legend: { orientation: "h", y: -0.25 },
    },
  };
}
