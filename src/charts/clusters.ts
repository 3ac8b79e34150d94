/**
 * Plotly figures for K-Means customer segments, as plain `Figure` objects `{ data, layout }`
 * (Plotly.js 3: titles are `{ text }` objects). Nothing here draws: src/display shows them.
 */
import type { DataFrame } from "nodejs-polars";
import { UserError } from "../errors";
import { METHOD_TITLES, type ElbowResult, type KDistanceCurve, type MethodsComparison } from "../clusters/index";
import { crosstab, type Label } from "../clusters/index";
import type { PcaResult } from "../clusters/index";
import { PALETTE, type Figure } from "./theme";
import { powerOfTenTicks } from "./basic";


/** Display name of cluster c: names[c] when given, else "Cluster c". */
function clusterName(c: number, names?: readonly string[]): string {
  return names?.[c] ?? `Cluster ${c}`;
}

/** Colour of cluster c in every cluster chart: the project's palette, in cluster order. */
export function clusterColor(c: number): string {
  return PALETTE[((c % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

/** Distinct cluster numbers of the labels, ascending. */
function clustersOf(labels: readonly number[]): number[] {
  return [...new Set(labels)].sort((a, b) => a - b);
}

function checkLength(labels: readonly unknown[], n: number, what: string): void {
  if (labels.length !== n) {
    throw new UserError(`There are ${labels.length} labels for ${n} ${what}: give one label per row.`);
  }
}

/**
 * Elbow chart: inertia per k (left axis, lines and markers) and silhouette score per k (right
 * axis; k without a silhouette are left out), with a dashed vertical line at `proposedK` when given.
 */
export function elbowChart(result: ElbowResult, proposedK?: number): Figure {
  const ks = result.points.map((p) => p.k);
  const scored = result.points.filter((p) => p.silhouette !== null);
  const silhouetteTitle = result.exactSilhouette ? "Silhouette score" : "Silhouette score (sampled)";
  return {
    data: [
      { type: "scatter", mode: "lines+markers", name: "Inertia", x: ks, y: result.points.map((p) => p.inertia), yaxis: "y" },
      {
        type: "scatter",
        mode: "lines+markers",
        name: silhouetteTitle,
        x: scored.map((p) => p.k),
        y: scored.map((p) => p.silhouette),
        yaxis: "y2",
        line: { dash: "dot" },
      },
    ],
    layout: {
      title: { text: "Choosing k: inertia and silhouette" },
      xaxis: { title: { text: "Number of clusters k" }, dtick: 1, automargin: true },
      yaxis: { title: { text: "Inertia (sum of squared distances)" }, automargin: true },
      yaxis2: { title: { text: silhouetteTitle }, overlaying: "y", side: "right", automargin: true, showgrid: false },
      margin: { l: 70, r: 80, t: 60, b: 60 },
      legend: { orientation: "h", y: -0.2 },
      shapes:
        proposedK === undefined
          ? []
          : [{ type: "line", xref: "x", yref: "paper", x0: proposedK, x1: proposedK, y0: 0, y1: 1, line: { dash: "dash", color: "grey" } }],
    },
  };
}

/** Options of `clusterHistograms`. */
export interface ClusterHistogramsChartOptions {
  /** Cluster names, indexed by cluster number. */
  names?: readonly string[];
  /**
   * Bin log10 of the values and label the axis in powers of ten (for skewed features such as
   * monetary); values must then be > 0. Default false.
   */
  logX?: boolean;
}

/**
 * Histograms of each feature by cluster: one subplot per column (stacked vertically), one
 * overlaid, semi-transparent histogram per cluster (same bins for every cluster, same colour in
 * every subplot), normalised to percent of the cluster so that clusters of different sizes compare.
 */
export function clusterHistogramsChart(
  features: DataFrame,
  labels: readonly number[],
  columns: readonly string[],
  options: ClusterHistogramsChartOptions = {},
): Figure {
  checkLength(labels, features.height, "customers");
  if (columns.length === 0) throw new UserError("No feature to plot: give at least one column.");
  const clusters = clustersOf(labels);
  const data: Record<string, unknown>[] = [];
  const layout: Record<string, unknown> = {
    title: { text: "Feature distributions by cluster" },
    barmode: "overlay",
    grid: { rows: columns.length, columns: 1, pattern: "independent" },
    height: Math.max(300, 250 * columns.length),
  };
  columns.forEach((column, i) => {
    if (!features.columns.includes(column)) {
      throw new UserError(`The features table has no column "${column}": its columns are ${features.columns.join(", ")}.`);
    }
    let values = (features.getColumn(column).toArray() as unknown[]).map(Number);
    const axis = i === 0 ? "" : String(i + 1);
    const xaxis: Record<string, unknown> = { title: { text: options.logX ? `${column} (log scale)` : column }, automargin: true };
    if (options.logX) {
      const bad = values.findIndex((x) => !(x > 0));
      if (bad >= 0) {
        throw new UserError(`Column "${column}" is ${values[bad]} on row ${bad}: a log scale needs values > 0.`);
      }
      values = values.map(Math.log10);
      Object.assign(xaxis, powerOfTenTicks(Math.min(...values), Math.max(...values)));
    }
    for (const c of clusters) {
      data.push({
        type: "histogram",
        name: clusterName(c, options.names),
        legendgroup: `cluster ${c}`,
        showlegend: i === 0,
        x: values.filter((_, r) => labels[r] === c),
        histnorm: "percent",
        bingroup: column,
        opacity: 0.55,
        marker: { color: clusterColor(c) },
        xaxis: `x${axis}`,
        yaxis: `y${axis}`,
      });
    }
    layout[`xaxis${axis}`] = xaxis;
    layout[`yaxis${axis}`] = { title: { text: "% of cluster" }, automargin: true };
  });
  return { data, layout };
}

/**
 * PCA scatter: each customer at its first two principal coordinates (`pca.scores`), one colour per
 * cluster; axis titles give the share of variance each component explains.
 */
export function pcaScatterChart(pca: PcaResult, labels: readonly number[], names?: readonly string[]): Figure {
  checkLength(labels, pca.scores.length, "points");
  if (pca.components.length < 2) throw new UserError("The PCA has one component: compute two (pca2) for a scatter.");
  const pct = (i: number) => `${(pca.explainedVarianceRatio[i] * 100).toFixed(1)}%`;
  return {
    data: clustersOf(labels).map((c) => {
      const rows = pca.scores.filter((_, r) => labels[r] === c);
      return {
        type: "scattergl",
        mode: "markers",
        name: clusterName(c, names),
        x: rows.map((s) => s[0]),
        y: rows.map((s) => s[1]),
        marker: { size: 4, opacity: 0.7, color: clusterColor(c) },
      };
    }),
    layout: {
      title: { text: "Customers on the first two principal components" },
      xaxis: { title: { text: `PC1 (${pct(0)} of variance)` } },
      yaxis: { title: { text: `PC2 (${pct(1)} of variance)` } },
    },
  };
}

/** Options of `rfmScatter3d`. */
export interface RfmScatter3dChartOptions {
  /** Cluster names, indexed by cluster number. */
  names?: readonly string[];
  recency?: string;
  frequency?: string;
  monetary?: string;
}

/**
 * 3-D scatter of recency, frequency and monetary on logarithmic axes, one colour per cluster, the
 * customer id (when the table has `customerId`) shown on hover. Values must be > 0 (log axes).
 */
export function rfmScatter3dChart(features: DataFrame, labels: readonly number[], options: RfmScatter3dChartOptions = {}): Figure {
  const { recency = "recency", frequency = "frequency", monetary = "monetary" } = options;
  checkLength(labels, features.height, "customers");
  const axes = [recency, frequency, monetary];
  const values = axes.map((column) => {
    if (!features.columns.includes(column)) {
      throw new UserError(`The features table has no column "${column}": its columns are ${features.columns.join(", ")}.`);
    }
    const v = features.getColumn(column).toArray() as number[];
    const bad = v.findIndex((x) => !(x > 0));
    if (bad >= 0) {
      throw new UserError(`Column "${column}" is ${v[bad]} on row ${bad}: log axes need values > 0.`);
    }
    return v;
  });
  const ids = features.columns.includes("customerId") ? (features.getColumn("customerId").toArray() as string[]) : undefined;
  return {
    data: clustersOf(labels).map((c) => {
      const rows = labels.map((l, r) => (l === c ? r : -1)).filter((r) => r >= 0);
      return {
        type: "scatter3d",
        mode: "markers",
        name: clusterName(c, options.names),
        x: rows.map((r) => values[0][r]),
        y: rows.map((r) => values[1][r]),
        z: rows.map((r) => values[2][r]),
        text: ids === undefined ? undefined : rows.map((r) => ids[r]),
        marker: { size: 3, opacity: 0.7, color: clusterColor(c) },
      };
    }),
    layout: {
      title: { text: "Customers by recency, frequency and monetary (log scales)" },
      scene: {
        xaxis: { title: { text: recency }, type: "log", dtick: 1 },
        yaxis: { title: { text: frequency }, type: "log", dtick: 1 },
        zaxis: { title: { text: monetary }, type: "log", dtick: 1 },
        aspectmode: "cube",
        camera: { eye: { x: 1.6, y: 1.6, z: 0.9 } },
      },
      legend: { itemsizing: "constant" },
      margin: { l: 10, r: 10, t: 60, b: 10 },
    },
  };
}

/** Options of `crosstabHeatmap`. */
export interface CrosstabHeatmapChartOptions {
  title?: string;
  rowTitle?: string;
  columnTitle?: string;
  /** "row": each row sums to 100%; "column": each column does; "none" (default): counts. */
  normalize?: "none" | "row" | "column";
}

/**
 * Heatmap of the contingency table of two labelings of the same customers (for example clusters
 * against RFM segments, or clusters of two runs): rows are the first labeling's values, columns
 * the second's, cells the count (or percentage, see `normalize`), written in each cell.
 */
export function crosstabHeatmapChart(
  rowLabels: readonly Label[],
  columnLabels: readonly Label[],
  options: CrosstabHeatmapChartOptions = {},
): Figure {
  const { normalize = "none" } = options;
  const table = crosstab(rowLabels, columnLabels);
  const rowSums = table.counts.map((row) => row.reduce((s, x) => s + x, 0));
  const colSums = table.columns.map((_, c) => table.counts.reduce((s, row) => s + row[c], 0));
  const z = table.counts.map((row, r) =>
    row.map((x, c) => {
      if (normalize === "row") return rowSums[r] > 0 ? (100 * x) / rowSums[r] : 0;
      if (normalize === "column") return colSums[c] > 0 ? (100 * x) / colSums[c] : 0;
      return x;
    }),
  );
  return {
    data: [
      {
        type: "heatmap",
        x: table.columns.map(String),
        y: table.rows.map(String),
        z,
        colorscale: [
          [0, "#f7fbff"],
          [1, "#08519c"],
        ],
        texttemplate: normalize === "none" ? "%{z}" : "%{z:.1f}%",
        hovertemplate: `%{y} / %{x}: %{z}${normalize === "none" ? "" : "%"}<extra></extra>`,
      },
    ],
    layout: {
      title: { text: options.title ?? "Crosstab" },
      xaxis: { title: { text: options.columnTitle ?? "" }, type: "category", automargin: true },
      yaxis: { title: { text: options.rowTitle ?? "" }, type: "category", autorange: "reversed", automargin: true },
    },
  };
}

/** A radius marked on a k-distance chart: its value and what it is (legend text). */
export interface EpsMark {
  eps: number;
  label: string;
}

/** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st. */
function ordinal(k: number): string {
  const tens = k % 100, ones = k % 10;
  const suffix = tens >= 11 && tens <= 13 ? "th" : ones === 1 ? "st" : ones === 2 ? "nd" : ones === 3 ? "rd" : "th";
  return `${k}${suffix}`;
}

/**
 * The k-distance chart that helps choose DBSCAN's eps: each customer's distance to its k-th
 * nearest point (itself first), sorted ascending against its rank, with a dashed horizontal line
 * per marked eps (the knee proposed, the eps chosen). Customers below a line are core points at
 * that eps (with minSamples = k); the curve's bend is where dense regions end.
 */
export function kDistanceChart(curve: KDistanceCurve, marks: readonly EpsMark[] = []): Figure {
  const first = curve.rank[0], last = curve.rank[curve.rank.length - 1];
  return {
    data: [
      { type: "scatter", mode: "lines", name: `${curve.k}-distance`, x: curve.rank, y: curve.distance, line: { color: PALETTE[0], width: 2 } },
      ...marks.map((m, i) => ({
        type: "scatter",
        mode: "lines",
        name: m.label,
        x: [first, last],
        y: [m.eps, m.eps],
        line: { dash: i === 0 ? "dash" : "dot", color: clusterColor(i + 1), width: 1.5 },
        hoverinfo: "name+y",
      })),
    ],
    layout: {
      title: { text: `Choosing eps: distance to the ${ordinal(curve.k)} nearest customer (itself first), sorted` },
      xaxis: { title: { text: `Customers, by their ${curve.k}-distance (of ${curve.n.toLocaleString("en")})` }, automargin: true },
      yaxis: { title: { text: `${curve.k}-distance (standard deviations)` }, rangemode: "tozero", automargin: true },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}

/**
 * Cluster sizes of each method side by side: one horizontal bar per method, stacked by cluster
 * (largest first, as the methods number them), DBSCAN's noise as a grey segment at the end.
 */
export function methodSizesChart(comparison: MethodsComparison): Figure {
  const methods = comparison.methods.map((m) => METHOD_TITLES[m.spec.method]);
  const most = Math.max(...comparison.methods.map((m) => m.sizes.length));
  const traces: Record<string, unknown>[] = [];
  for (let c = 0; c < most; c++) {
    traces.push({
      type: "bar",
      orientation: "h",
      name: `cluster ${c}`,
      y: methods,
      x: comparison.methods.map((m) => m.sizes[c] ?? 0),
      marker: { color: clusterColor(c) },
      hovertemplate: "%{y}: %{x} customers<extra>cluster " + c + "</extra>",
    });
  }
  if (comparison.methods.some((m) => m.noise > 0)) {
    traces.push({ type: "bar", orientation: "h", name: "noise", y: methods, x: comparison.methods.map((m) => m.noise), marker: { color: "#bbbbbb" } });
  }
  return {
    data: traces,
    layout: {
      title: { text: "Cluster sizes by method (largest cluster first)" },
      barmode: "stack",
      xaxis: { title: { text: "Customers" }, automargin: true },
      yaxis: { autorange: "reversed", automargin: true },
      legend: { orientation: "h", y: -0.2 },
    },
  };
}
