/**
 * Plotly figures of campaign experiments, as plain `Figure` objects: the sample-size trade-off
 * of a design and each lift with its 95% interval. Nothing here draws: src/display shows them.
 */
import { PALETTE, type Figure } from "./theme";
import type { LiftPoint, TradeoffPoint } from "../experiments/index";
import { fmtInt } from "../util/index";

const axis = (text: string, extra: Record<string, unknown> = {}) => ({ title: { text }, automargin: true, ...extra });

/** How an effect is written on an axis: rates in points (x 100), money with its symbol, anything else as it is. */
export interface EffectUnit {
  kind: "proportion" | "mean";
  /** the currency of a money metric ("£", "$"); absent for counts */
  currency?: string;
}

/** The scale and axis title of an effect: points for rates, the currency for money. */
function effectScale(unit: EffectUnit, what: string): { scale: number; title: string; prefix: string } {
  if (unit.kind === "proportion") return { scale: 100, title: `${what} (percentage points)`, prefix: "" };
  return { scale: 1, title: unit.currency ? `${what} (${unit.currency} per customer)` : what, prefix: unit.currency ?? "" };
}

/**
 * Ticks of a log axis at 1, 2 and 5 times the powers of ten from below `lo` to above `hi`, written
 * out with thousands separators. Example: 120 to 2,800 -> 100, 200, 500, 1,000, 2,000, 5,000.
 */
export function logTicks(lo: number, hi: number): { tickvals: number[]; ticktext: string[] } {
  if (!(lo > 0 && hi >= lo)) throw new RangeError(`log ticks need 0 < lo <= hi, not ${lo} and ${hi}`);
  const all: number[] = [];
  for (let k = Math.floor(Math.log10(lo)); k <= Math.ceil(Math.log10(hi)); k++) for (const m of [1, 2, 5]) all.push(m * 10 ** k);
  const below = all.filter((v) => v <= lo).pop() ?? all[0];
  const above = all.find((v) => v >= hi) ?? all[all.length - 1];
  const tickvals = all.filter((v) => v >= below && v <= above);
  return { tickvals, ticktext: tickvals.map((v) => fmtInt(v, v < 1 ? 2 : 0)) };
}

/**
 * The sample-size trade-off: customers needed in all (both arms, log axis) against the minimum
 * detectable effect, one marker per design; with `available` a dashed line at the customers there
 * are (a segment's size), so the MDEs above the line are out of reach. Halving the MDE about
 * quadruples the customers.
 */
export function sampleSizeChart(points: TradeoffPoint[], unit: EffectUnit, options: { title?: string; available?: number; availableLabel?: string } = {}): Figure {
  if (points.length === 0) throw new RangeError("a sample-size chart needs at least one design");
  const { scale, title, prefix } = effectScale(unit, "minimum detectable effect");
  const x = points.map((p) => p.mde * scale);
  const data: Record<string, unknown>[] = [
    {
      type: "scatter", mode: "lines+markers", name: "customers needed (both arms)", x, y: points.map((p) => p.total),
      customdata: points.map((p) => [p.control, p.treatment]),
      hovertemplate: `MDE ${prefix}%{x:,.4~g}: %{y:,} customers (%{customdata[0]:,} control, %{customdata[1]:,} treatment)<extra></extra>`,
      line: { color: PALETTE[0] }, marker: { size: 7 },
    },
  ];
  if (options.available !== undefined) {
    data.push({
      type: "scatter", mode: "lines", name: options.availableLabel ?? `customers available (${fmtInt(options.available)})`,
      x: [Math.min(...x), Math.max(...x)], y: [options.available, options.available],
      line: { color: PALETTE[3], dash: "dash", width: 2 }, hoverinfo: "name",
    });
  }
  const ys = [...points.map((p) => p.total), ...(options.available === undefined ? [] : [options.available])];
  const ticks = logTicks(Math.min(...ys), Math.max(...ys));
  return {
    data,
    layout: {
      title: { text: options.title ?? "Customers needed to detect an effect (80% power, 5% two-sided)" },
      xaxis: axis(title, { rangemode: "tozero" }),
      yaxis: axis("customers (log scale)", { type: "log", ...ticks }),
      legend: { orientation: "h", y: -0.22 },
    },
  };
}

/**
 * Each treatment arm's difference with the control on one metric, as a marker with its 95%
 * interval (horizontal error bars), the axis always reaching 0 with a line there, significant arms in colour and the
 * others grey (the decision's p-value: Holm-adjusted with several arms; CUPED's estimate when the
 * analysis had a covariate). Rates are drawn in percentage points.
 */
export function liftChart(points: LiftPoint[], unit: { currency?: string } = {}, title?: string): Figure {
  if (points.length === 0) throw new RangeError("a lift chart needs at least one comparison");
  const metrics = [...new Set(points.map((p) => p.metric))];
  if (metrics.length > 1) throw new RangeError(`a lift chart shows one metric, not ${metrics.join(", ")}`);
  const { kind } = points[0];
  const { scale, title: axisTitle, prefix } = effectScale({ kind, currency: unit.currency }, `difference with the control`);
  const groups = [
    { name: "significant", color: PALETTE[0], rows: points.filter((p) => p.significant) },
    { name: "not significant", color: "#999999", rows: points.filter((p) => !p.significant) },
  ].filter((g) => g.rows.length > 0);
  const adjusted = points.some((p) => p.adjustment === "CUPED") ? ", CUPED-adjusted" : "";
  return {
    data: groups.map((g) => ({
      type: "scatter", mode: "markers", name: g.name, orientation: "h",
      x: g.rows.map((p) => p.diff * scale), y: g.rows.map((p) => p.arm),
      error_x: { type: "data", symmetric: false, array: g.rows.map((p) => (p.hi - p.diff) * scale), arrayminus: g.rows.map((p) => (p.diff - p.lo) * scale), color: g.color, thickness: 2, width: 8 },
      marker: { color: g.color, size: 11 },
      customdata: g.rows.map((p) => [p.lo * scale, p.hi * scale]),
      hovertemplate: `%{y}: ${prefix}%{x:,.4~g} (95% interval ${prefix}%{customdata[0]:,.4~g} to ${prefix}%{customdata[1]:,.4~g})<extra></extra>`,
    })),
    layout: {
      title: { text: title ?? `${metrics[0]}: each arm against the control, with its 95% interval${adjusted}` },
      xaxis: axis(axisTitle, { rangemode: "tozero", zeroline: true, zerolinecolor: "#6b7280", zerolinewidth: 2, tickprefix: prefix }),
      yaxis: axis("", { type: "category", autorange: "reversed" }),
      height: Math.max(300, 70 * points.length + 180),
      showlegend: true,
      legend: { orientation: "h", y: -0.3 },
    },
  };
}

/**
 * A histogram of p-values in 20 bins of width 0.05 from 0 to 1 (the first bin is p < 0.05), with
 * a dashed line at the count each bin expects if they are uniform (n / 20): what an A/A test should
 * look like. A p-value of exactly 1 goes in the last bin.
 */
export function pValueChart(pValues: number[], title: string): Figure {
  if (pValues.length === 0) throw new RangeError("a p-value chart needs at least one p-value");
  const bad = pValues.find((p) => !(p >= 0 && p <= 1));
  if (bad !== undefined) throw new RangeError(`a p-value is between 0 and 1, not ${bad}`);
  const counts = new Array<number>(20).fill(0);
  for (const p of pValues) counts[Math.min(19, Math.floor(p * 20))]++;
  const centers = counts.map((_, k) => (k + 0.5) / 20);
  const expected = pValues.length / 20;
  return {
    data: [
      { type: "bar", name: "p-values", x: centers, y: counts, width: 0.05, marker: { color: PALETTE[0], line: { color: "#ffffff", width: 1 } },
        hovertemplate: "p from %{customdata[0]} to %{customdata[1]}: %{y}<extra></extra>", customdata: centers.map((c) => [(c - 0.025).toFixed(2), (c + 0.025).toFixed(2)]) },
      { type: "scatter", mode: "lines", name: `expected if uniform (${fmtInt(expected, Number.isInteger(expected) ? 0 : 1)} a bin)`, x: [0, 1], y: [expected, expected], line: { color: PALETTE[3], dash: "dash", width: 2 }, hoverinfo: "name" },
    ],
    layout: {
      title: { text: title },
      xaxis: axis("p-value", { range: [0, 1], dtick: 0.1 }),
      yaxis: axis("count", { rangemode: "tozero" }),
      bargap: 0,
      legend: { orientation: "h", y: -0.22 },
    },
  };
}
