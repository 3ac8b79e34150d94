/**
 * Plotly figures of churn models and segment migration, as plain `Figure` objects
 * `{ data, layout }`: ROC and precision-recall curves, the calibration chart and the lift by top
 * share of each model (from `validationCurves` / `modelCurves`), and the segment transition
 * heatmap. Nothing here draws: src/display shows them.
 */
import type { ModelCurves, TransitionMatrix } from "../churn/index";
import { PALETTE, type Figure } from "./theme";
import type { CurvePoint } from "../stats/index";
import { heatmapChart } from "./basic";

const axis = (text: string, extra: Record<string, unknown> = {}) => ({ title: { text }, automargin: true, ...extra });

/** A dashed grey reference line from (x0, y0) to (x1, y1), as a trace. */
function referenceLine(name: string, x: number[], y: number[]) {
  return { type: "scatter", mode: "lines", name, x, y, line: { color: "#9ca3af", dash: "dash", width: 1 }, hoverinfo: "skip" };
}

/**
 * A curve's points thinned for drawing: the first and last kept, and each point that moves at
 * least `step` in x or y from the last kept one, so a curve of thousands of thresholds draws the
 * same with a few hundred points. Coordinates rounded to 4 decimals. Example: (0, 0), (0.001, 0),
 * (0.01, 0.2), (1, 1) with step 0.005 keeps (0, 0), (0.01, 0.2), (1, 1).
 */
export function thinCurve(points: readonly CurvePoint[], step = 0.005): { x: number[]; y: number[] } {
  const x: number[] = [], y: number[] = [];
  let lx = NaN, ly = NaN;
  points.forEach((p, k) => {
    const last = k === points.length - 1;
    if (k === 0 || last || Math.abs(p.x - lx) >= step || Math.abs(p.y - ly) >= step) {
      x.push(Math.round(p.x * 1e4) / 1e4);
      y.push(Math.round(p.y * 1e4) / 1e4);
      lx = p.x;
      ly = p.y;
    }
  });
  return { x, y };
}

/** ROC curves of several models on the same customers, each named with its AUC, and the chance diagonal. */
export function rocChart(curves: readonly ModelCurves[], title = "ROC curves on the test snapshot"): Figure {
  return {
    data: [
      ...curves.map((c, i) => ({
        type: "scatter", mode: "lines", name: `${c.name}: AUC ${c.auc.toFixed(3)}`, ...thinCurve(c.roc), line: { color: PALETTE[i % PALETTE.length], width: 2 },
        hovertemplate: `false-positive rate %{x:.3f}<br>true-positive rate %{y:.3f}<extra>${c.name}</extra>`,
      })),
      referenceLine("chance (AUC 0.5)", [0, 1], [0, 1]),
    ],
    layout: {
      title: { text: title },
      xaxis: axis("False-positive rate (share of stayers flagged)", { range: [0, 1] }),
      yaxis: axis("True-positive rate (share of churners flagged)", { range: [0, 1.02] }),
      legend: { orientation: "h", y: -0.25 },
      height: 560,
    },
  };
}

/**
 * Precision-recall curves, each named with its average precision, and the churn rate (the
 * precision of flagging everyone) as a dashed line.
 */
export function precisionRecallChart(curves: readonly ModelCurves[], churnRate: number, title = "Precision-recall curves on the test snapshot"): Figure {
  return {
    data: [
      ...curves.map((c, i) => ({
        type: "scatter", mode: "lines", name: `${c.name}: AP ${c.averagePrecision.toFixed(3)}`, ...thinCurve(c.precisionRecall), line: { color: PALETTE[i % PALETTE.length], width: 2 },
        hovertemplate: `recall %{x:.3f}<br>precision %{y:.3f}<extra>${c.name}</extra>`,
      })),
      referenceLine(`churn rate ${(churnRate * 100).toFixed(1)}%`, [0, 1], [churnRate, churnRate]),
    ],
    layout: {
      title: { text: title },
      xaxis: axis("Recall (share of churners flagged)", { range: [0, 1] }),
      yaxis: axis("Precision (share of flagged who churn)", { range: [0, 1.02] }),
      legend: { orientation: "h", y: -0.25 },
      height: 560,
    },
  };
}

/**
 * The calibration chart: in ten equal-width bins of predicted probability, the observed churn
 * rate against the mean prediction (marker area grows with the bin's customers), and the
 * diagonal of perfect calibration.
 */
export function calibrationChart(curves: readonly ModelCurves[], title = "Calibration on the test snapshot: observed churn rate by predicted probability"): Figure {
  return {
    data: [
      ...curves.map((c, i) => ({
        // a model whose every prediction falls in one bin is one point: a marker, no line to draw
        type: "scatter", mode: c.calibration.length > 1 ? "lines+markers" : "markers", name: c.name,
        x: c.calibration.map((b) => b.meanPredicted), y: c.calibration.map((b) => b.observedRate),
        customdata: c.calibration.map((b) => b.count),
        marker: { color: PALETTE[i % PALETTE.length], size: c.calibration.map((b) => 5 + 3 * Math.sqrt(Math.log10(1 + b.count))) },
        line: { color: PALETTE[i % PALETTE.length] },
        hovertemplate: `predicted %{x:.2f}, observed %{y:.2f} (%{customdata} customers)<extra>${c.name}</extra>`,
      })),
      referenceLine("perfectly calibrated", [0, 1], [0, 1]),
    ],
    layout: {
      title: { text: title },
      xaxis: axis("Mean predicted churn probability in the bin", { range: [0, 1] }),
      yaxis: axis("Observed churn rate in the bin", { range: [0, 1.02] }),
      legend: { orientation: "h", y: -0.25 },
      height: 560,
    },
  };
}

/** Lift by top share: the churn rate among the x% highest scores over the overall churn rate, per model; 1 is no better than random. */
export function churnLiftChart(curves: readonly ModelCurves[], title = "Lift: churn rate in the top-scored share over the overall rate"): Figure {
  const shares = curves.length ? curves[0].lift.map((l) => l.share) : [];
  return {
    data: [
      ...curves.map((c, i) => ({
        type: "scatter", mode: "lines+markers", name: c.name, x: c.lift.map((l) => l.share), y: c.lift.map((l) => l.lift),
        line: { color: PALETTE[i % PALETTE.length] }, marker: { color: PALETTE[i % PALETTE.length] },
        hovertemplate: `top %{x:.0%}: lift %{y:.2f}<extra>${c.name}</extra>`,
      })),
      referenceLine("random (lift 1)", [shares[0] ?? 0.1, 1], [1, 1]),
    ],
    layout: {
      title: { text: title },
      xaxis: axis("Share of customers, highest churn scores first", { tickformat: ".0%" }),
      yaxis: axis("Lift", { rangemode: "tozero" }),
      legend: { orientation: "h", y: -0.25 },
    },
  };
}

/**
 * The segment transition matrix as a heatmap: rows the segment at the earlier snapshot, columns
 * the segment at the later one, colour the row share, each cell labelled with its share and count.
 */
export function migrationHeatmapChart(t: TransitionMatrix, from: string, to: string): Figure {
  const rows = t.from.map((f, i) => `${f} (${t.counts[i].reduce((s, v) => s + v, 0).toLocaleString("en-GB")})`);
  const text = t.rowShares.map((row, i) => row.map((share, j) => (t.counts[i][j] ? `${(share * 100).toFixed(0)}%<br>${t.counts[i][j].toLocaleString("en-GB")}` : "")));
  const fig = heatmapChart(t.to, rows, t.rowShares, { title: `RFM segment moves from ${from} to ${to} (share of the row, customers)`, x: `Segment at ${to}`, y: `Segment at ${from} (customers)` }, { text, zmin: 0, zmax: 1 });
  const trace = fig.data[0];
  return {
    data: [{ ...trace, textfont: { size: 10 }, colorbar: { tickformat: ".0%" }, hovertemplate: "%{y} -> %{x}: %{z:.1%}<extra></extra>" }],
    layout: { ...fig.layout, height: Math.max(480, 40 * rows.length + 200), xaxis: { ...(fig.layout?.xaxis as object), tickangle: -30 } },
  };
}
