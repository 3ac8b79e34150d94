/**
 * Plotly figures of campaign experiments, as plain `Figure` objects: the sample-size trade-off
 * of a design and each lift with its 95% interval. Nothing here draws: src/display shows them.
 */
import { PALETTE, type Figure } from "../display/chart";
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
  return {
    data,
    layout: {
      title: { text: options.title ?? "Customers needed to detect an effect (80% power, 5% two-sided)" },
      xaxis: axis(title, { rangemode: "tozero" }),
      yaxis: axis("customers (log scale)", { type: "log" }),
      legend: { orientation: "h", y: -0.22 },
    },
  };
}

/**
 * Each treatment arm's difference with the control on one metric, as a marker with its 95%
 * interval (horizontal error bars), a vertical line at 0, significant arms in colour and the
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
      xaxis: axis(axisTitle, { zeroline: true, zerolinecolor: "#6b7280", zerolinewidth: 2 }),
      yaxis: axis("", { type: "category", autorange: "reversed" }),
      height: Math.max(300, 70 * points.length + 180),
      legend: { orientation: "h", y: -0.3 },
    },
  };
}
